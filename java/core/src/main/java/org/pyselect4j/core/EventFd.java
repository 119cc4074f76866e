package org.pyselect4j.core;

import org.pyselect4j.jni.Native;

/**
 * CPython's {@code os.eventfd}, {@code os.eventfd_read} and {@code os.eventfd_write}:
 * a kernel counter that threads and event loops wake each other with.
 */
public final class EventFd {
    private static final int COUNTER_BYTES = Long.BYTES;

    private EventFd() {
    }

    /**
     * A new event descriptor. The flags are passed as given: as in CPython,
     * close-on-exec is the caller's default ({@code EFD_CLOEXEC}), not forced.
     *
     * @param initval the counter's start, an unsigned 32-bit value carried in an int
     */
    public static int create(int initval, int flags) {
        return Errors.check(Native.eventfdCreate(initval, flags));
    }

    /**
     * Reads the counter (resetting it, or taking 1 in semaphore mode); blocks
     * while it is 0 unless the descriptor is non-blocking. Retried on EINTR.
     *
     * @return the unsigned 64-bit value, carried in a long
     */
    public static long read(int fd) {
        try (ScratchBuffer counter = ScratchBuffer.take(COUNTER_BYTES)) {
            Errors.checkRetryingEintr(() -> Native.read(fd, counter.address(), COUNTER_BYTES));
            return counter.buffer().getLong(0);
        }
    }

    /**
     * Adds {@code value} (unsigned 64-bit, carried in a long) to the counter;
     * blocks while it would overflow unless the descriptor is non-blocking.
     * Retried on EINTR.
     */
    public static void write(int fd, long value) {
        try (ScratchBuffer counter = ScratchBuffer.take(COUNTER_BYTES)) {
            counter.buffer().putLong(0, value);
            Errors.checkRetryingEintr(() -> Native.write(fd, counter.address(), COUNTER_BYTES));
        }
    }
}
