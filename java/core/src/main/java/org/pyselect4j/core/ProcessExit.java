package org.pyselect4j.core;

import org.pyselect4j.jni.Native;

/** Ending the process at once, as C's {@code _exit} and CPython's {@code os._exit} do. */
public final class ProcessExit {
    private ProcessExit() {
    }

    /**
     * Ends the process with {@code status} now. Nothing else runs: no shutdown
     * hooks, no finalization, none of the JVM's exit sequence; what a stream or
     * file still buffers is lost, so flush it first.
     */
    public static void now(int status) {
        Native.exitNow(status);
        throw new AssertionError("_exit returned");
    }
}
