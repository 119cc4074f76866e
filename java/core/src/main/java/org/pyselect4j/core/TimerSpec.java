package org.pyselect4j.core;

import java.util.concurrent.TimeUnit;

/**
 * A timerfd setting: time until the next expiration and the period, each as
 * seconds plus nanoseconds (seconds alone may exceed what int64 nanoseconds hold).
 */
public record TimerSpec(long initialSec, long initialNsec, long intervalSec, long intervalNsec) {
    /** @throws ArithmeticException if the value does not fit in a long of nanoseconds */
    public long initialNs() {
        return toNanos(initialSec, initialNsec);
    }

    /** @throws ArithmeticException if the value does not fit in a long of nanoseconds */
    public long intervalNs() {
        return toNanos(intervalSec, intervalNsec);
    }

    private static long toNanos(long sec, long nsec) {
        return Math.addExact(Math.multiplyExact(sec, TimeUnit.SECONDS.toNanos(1)), nsec);
    }
}
