package org.pyselect4j.core;

import java.nio.ByteBuffer;

import org.pyselect4j.jni.Native;

/**
 * CPython's {@code time.clock_gettime}, {@code time.clock_getres},
 * {@code time.clock_settime} and {@code time.pthread_getcpuclockid}.
 */
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

    /**
     * @throws ErrnoException EINVAL for an unknown clock, one that cannot be set or an
     *         invalid time; EPERM without the privilege to set it
     */
    public static void settime(int clockid, TimeSpec time) {
        Errors.check(Native.clockSettime(clockid, time.sec(), time.nsec()));
    }

    /**
     * The id of the calling thread's CPU-time clock, readable with {@link #gettime}
     * from any thread while the thread lives (CLOCK_THREAD_CPUTIME_ID, by
     * contrast, always means the reading thread).
     */
    public static int threadCpuClock() {
        try (ScratchBuffer clockid = ScratchBuffer.take(Long.BYTES)) {
            Errors.check(Native.pthreadSelfGetcpuclockid(clockid.address()));
            return (int) clockid.buffer().getLong(0);
        }
    }

    private static TimeSpec readTimeSpec(ByteBuffer time) {
        return new TimeSpec(time.getLong(0), time.getLong(Long.BYTES));
    }
}
