package org.pyselect4j.core;

import java.util.concurrent.TimeUnit;

/** A clock reading or resolution: seconds plus nanoseconds. */
public record TimeSpec(long sec, long nsec) {
    /** @throws ArithmeticException if the value does not fit in a long of nanoseconds */
    public long toNanos() {
        return Math.addExact(Math.multiplyExact(sec, TimeUnit.SECONDS.toNanos(1)), nsec);
    }
}
