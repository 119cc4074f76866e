package org.pyselect4j.core;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The one PEP 475 wait loop that epoll, poll and select share.
 *
 * <p>A wait first looks without blocking, and returns at once if a descriptor
 * is ready. Otherwise it blocks in the kernel until a descriptor is ready, its
 * timeout ends, or the thread's {@link Waker} is woken (by the engine, or by
 * {@link Thread#interrupt()}). After an EINTR, or a return with nothing ready
 * and time left, the remaining time is recomputed from the monotonic clock and
 * the call is retried: EINTR never surfaces. A woken wait hands control to the
 * {@link WaitHook}, which does what woke it (runs signal handlers, notices
 * cancellation) and then resumes the wait with the remaining time, or ends it
 * by throwing.
 */
public final class Blocking {
    /** What an {@link Attempt} returns when the waker, not a descriptor, ended it. */
    public static final int WOKEN = Integer.MIN_VALUE;
    /** The wake-up descriptor of a call that must not block. */
    static final int NO_WAKE_FD = -1;

    /**
     * One system call waiting at most {@code timeoutNs} (negative: without limit)
     * and, unless {@code wakeFd} is {@link #NO_WAKE_FD}, until {@code wakeFd}
     * is readable: its result, -errno, or {@link #WOKEN}.
     */
    @FunctionalInterface
    public interface TimedCall {
        int call(long timeoutNs, int wakeFd);
    }

    /**
     * The wait itself, which its {@link WaitHook} runs: each run waits with the
     * time left and returns the call's positive result, 0 once the timeout has
     * passed, or {@link #WOKEN} when its {@link #waker()} was woken.
     */
    public static final class Attempt implements IntSupplier {
        private final Waker waker;
        private final IntSupplier wait;

        Attempt(Waker waker, IntSupplier wait) {
            this.waker = waker;
            this.wait = wait;
        }

        /** Wakes this wait, from any thread. */
        public Waker waker() {
            return waker;
        }

        @Override
        public int getAsInt() {
            return wait.getAsInt();
        }
    }

    private Blocking() {
    }

    /**
     * @param timeoutNs negative waits until ready, 0 polls once without blocking
     * @return the call's first positive result, or 0 once the timeout has passed; a call that
     *     finds something ready at once returns without blocking and without the hook
     * @throws ErrnoException for any failure but EINTR
     * @throws WaitInterruptedException if the thread is interrupted during the wait
     */
    public static int run(long timeoutNs, WaitHook hook, TimedCall call) {
        return run(timeoutNs, hook, call, System::nanoTime);
    }

    static int run(long timeoutNs, WaitHook hook, TimedCall call, LongSupplier nanoClock) {
        Objects.requireNonNull(hook, "hook");
        // A look without blocking first: in a busy event loop something is usually ready, and
        // then the wait needs no waker, no clock and no engine hook. Had a signal come before
        // the call, CPython too would return what is ready and run the handler afterwards. An
        // interrupt of the thread still ends a wait that has a timeout, ready or not.
        int ready = Errors.checkRetryingEintr(() -> call.call(0, NO_WAKE_FD));
        if (timeoutNs == 0 || ready > 0 && !Thread.currentThread().isInterrupted()) {
            return ready;
        }
        Waker waker = Waker.take();
        // Elapsed time, not an absolute deadline, so that huge timeouts cannot overflow.
        long start = nanoClock.getAsLong();
        Attempt attempt = new Attempt(waker, () -> {
            while (true) {
                long remainingNs = timeoutNs < 0 ? -1 : Math.max(0, timeoutNs - (nanoClock.getAsLong() - start));
                int rc = waker.interruptible(() -> call.call(remainingNs, waker.fd()));
                if (rc == WOKEN) {
                    waker.clear();
                    if (Thread.interrupted()) {
                        throw new WaitInterruptedException();
                    }
                    return WOKEN;
                }
                if (rc > 0) {
                    return rc;
                }
                if (rc == 0 && timeoutNs > 0 && nanoClock.getAsLong() - start >= timeoutNs) {
                    return 0;
                }
                if (rc < 0 && rc != -LinuxConstants.EINTR) {
                    Errors.check(rc);
                }
            }
        });
        try {
            return hook.block(attempt);
        } finally {
            waker.release();
        }
    }

    /** Milliseconds for poll(2) and epoll_wait(2), rounded up like CPython's ROUND_CEILING; -1 for no limit. */
    public static int ceilMillis(long timeoutNs) {
        if (timeoutNs < 0) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(timeoutNs, TimeUnit.MILLISECONDS.toNanos(1)));
    }

    /** Microseconds for select(2), rounded up; -1 for no limit. */
    public static long ceilMicros(long timeoutNs) {
        if (timeoutNs < 0) {
            return -1;
        }
        return Math.ceilDiv(timeoutNs, TimeUnit.MICROSECONDS.toNanos(1));
    }
}
