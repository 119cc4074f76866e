package org.pyselect4j.core;

import java.nio.ByteBuffer;

import org.pyselect4j.jni.Native;

/** CPython's {@code time.clock_gettime} and {@code time.clock_getres}. */
public final class Clocks {
    private static final int TIMESPEC_BYTES = 2 * Long.BYTES;

    private Clocks() {
    }

    /** @throws ErrnoException EINVAL for an unknown clock */
    public static TimeSpec gettime(int clockid) {
        try (ScratchBuffer time = ScratchBuffer.take(TIMESPEC_BYTES)) {
            Errors.check(Native.clockGettime(clockid, time.address()));
            return readTimeSpec(time.buffer());
        }
    }

    /** @throws ErrnoException EINVAL for an unknown clock */
    public static TimeSpec getres(int clockid) {
        try (ScratchBuffer resolution = ScratchBuffer.take(TIMESPEC_BYTES)) {
            Errors.check(Native.clockGetres(clockid, resolution.address()));
            return readTimeSpec(resolution.buffer());
        }
    }

    private static TimeSpec readTimeSpec(ByteBuffer time) {
        return new TimeSpec(time.getLong(0), time.getLong(Long.BYTES));
    }
}
