package org.pyselect4j.core;

import java.util.concurrent.TimeUnit;

/** A clock reading or resolution: seconds plus nanoseconds. */
public record TimeSpec(long sec, long nsec) {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A count of nanoseconds; before the epoch the seconds are negative and the nanoseconds not, as the kernel wants. */
    public static TimeSpec ofNanos(long ns) {
        return new TimeSpec(Math.floorDiv(ns, NANOS_PER_SECOND), Math.floorMod(ns, NANOS_PER_SECOND));
    }

    /** @throws ArithmeticException if the value does not fit in a long of nanoseconds */
    public long toNanos() {
        return Math.addExact(Math.multiplyExact(sec, NANOS_PER_SECOND), nsec);
    }
}
