package org.pyselect4j.core;

import org.pyselect4j.jni.Native;

/** CPython's {@code os.pidfd_open}: a descriptor that becomes readable when the process exits. */
public final class PidFd {
    private PidFd() {
    }

    /**
     * @param flags an unsigned 32-bit value carried in an int
     * @return the new descriptor, close-on-exec (the kernel always makes it so)
     */
    public static int open(int pid, int flags) {
        return Errors.check(Native.pidfdOpen(pid, flags));
    }
}
