package org.pyselect4j.core;

import java.nio.ByteBuffer;

import org.pyselect4j.jni.Native;

/** CPython's {@code os.timerfd_create}, {@code os.timerfd_settime} and {@code os.timerfd_gettime}. */
public final class TimerFd {
    private static final int SPEC_BYTES = 4 * Long.BYTES;

    private TimerFd() {
    }

    /** A new timer descriptor; always close-on-exec, whatever the flags say. */
    public static int create(int clockid, int flags) {
        return Errors.check(Native.timerfdCreate(clockid, flags | LinuxConstants.TFD_CLOEXEC));
    }

    /**
     * Arms (or, with an initial value of 0, disarms) the timer.
     *
     * @return the setting it replaced
     */
    public static TimerSpec setTime(int fd, int flags, long initialSec, long initialNsec,
                                    long intervalSec, long intervalNsec) {
        try (ScratchBuffer old = ScratchBuffer.take(SPEC_BYTES)) {
            Errors.check(Native.timerfdSettime(fd, flags, initialSec, initialNsec, intervalSec, intervalNsec,
                    old.address()));
            return readSpec(old.buffer());
        }
    }

    public static TimerSpec getTime(int fd) {
        try (ScratchBuffer current = ScratchBuffer.take(SPEC_BYTES)) {
            Errors.check(Native.timerfdGettime(fd, current.address()));
            return readSpec(current.buffer());
        }
    }

    private static TimerSpec readSpec(ByteBuffer spec) {
        return new TimerSpec(spec.getLong(0), spec.getLong(Long.BYTES), spec.getLong(2 * Long.BYTES),
                spec.getLong(3 * Long.BYTES));
    }
}
