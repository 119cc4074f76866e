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
     * Reads the counter (resetting it, or taking 1 in semaphore mode); waits
     * while it is 0 unless the descriptor is non-blocking. Retried on EINTR.
     * The wait is {@code hook}'s, as epoll's, so that signal handlers and
     * cancellation end it: a blocking read(2) could not be woken. (Should
     * another thread take the counter between the wait and the read, the read
     * blocks as read(2) does.) {@link WaitHook#NONE}: a plain blocking read.
     *
     * @return the unsigned 64-bit value, carried in a long
     */
    public static long read(int fd, WaitHook hook) {
        if (hook != WaitHook.NONE && !Fds.isNonBlocking(fd)) { // with no engine to wake it, read(2) blocks alike
            waitUntilReadable(fd, hook);
        }
        try (ScratchBuffer counter = ScratchBuffer.take(COUNTER_BYTES)) {
            Errors.checkRetryingEintr(() -> Native.read(fd, counter.address(), COUNTER_BYTES));
            return counter.buffer().getLong(0);
        }
    }

    /** Returns once fd is readable (or has an error for the read to report). */
    private static void waitUntilReadable(int fd, WaitHook hook) {
        try (ScratchBuffer scratch = ScratchBuffer.take(2 * Layout.POLLFD_SIZE)) {
            PollFds pollfds = new PollFds(scratch.buffer(), scratch.address(), 0);
            pollfds.set(0, fd, LinuxConstants.POLLIN);
            Blocking.run(-1, hook, (waitNs, wakeFd) -> pollfds.pollWithWaker(1, wakeFd, waitNs));
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
