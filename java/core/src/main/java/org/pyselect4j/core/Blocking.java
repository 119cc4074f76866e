package org.pyselect4j.core;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one PEP 475 wait loop that epoll, poll and select share.
 *
 * <p>The system call waits at most {@link #SLICE_MS} ms at a time, so that the
 * {@link WaitHook} runs regularly even during an unbounded wait. After an EINTR
 * or a slice that ended with time left, the hook runs, the remaining time is
 * recomputed from the monotonic clock and the call is retried: EINTR never
 * surfaces.
 */
public final class Blocking {
    public static final long SLICE_MS = 20;
    static final long SLICE_NS = TimeUnit.MILLISECONDS.toNanos(SLICE_MS);

    /** One system call waiting at most {@code timeoutNs} (0 to SLICE_NS): its result or -errno. */
    @FunctionalInterface
    public interface TimedCall {
        int call(long timeoutNs);
    }

    private Blocking() {
    }

    /**
     * @param timeoutNs negative waits until ready, 0 polls once without blocking
     * @return the call's first positive result, or 0 once the timeout has passed
     * @throws ErrnoException for any failure but EINTR
     */
    public static int run(long timeoutNs, WaitHook hook, TimedCall call) {
        return run(timeoutNs, hook, call, System::nanoTime);
    }

    static int run(long timeoutNs, WaitHook hook, TimedCall call, LongSupplier nanoClock) {
        Objects.requireNonNull(hook, "hook");
        boolean unbounded = timeoutNs < 0;
        // Elapsed time, not an absolute deadline, so that huge timeouts cannot overflow.
        long start = nanoClock.getAsLong();
        long remainingNs = unbounded ? SLICE_NS : timeoutNs;
        while (true) {
            int rc = call.call(Math.min(remainingNs, SLICE_NS));
            if (rc > 0) {
                return rc;
            }
            if (rc < 0 && rc != -LinuxConstants.EINTR) {
                Errors.check(rc);
            }
            if (rc == 0 && !unbounded && nanoClock.getAsLong() - start >= timeoutNs) {
                return 0;
            }
            hook.checkpoint();
            if (!unbounded) {
                remainingNs = Math.max(0, timeoutNs - (nanoClock.getAsLong() - start));
            }
        }
    }

    /** Rounds up, like CPython's ROUND_CEILING: a positive wait never becomes 0. */
    public static int ceilMillis(long timeoutNs) {
        return Math.toIntExact(Math.ceilDiv(timeoutNs, TimeUnit.MILLISECONDS.toNanos(1)));
    }

    public static long ceilMicros(long timeoutNs) {
        return Math.ceilDiv(timeoutNs, TimeUnit.MICROSECONDS.toNanos(1));
    }
}
