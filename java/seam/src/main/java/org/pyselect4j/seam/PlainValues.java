package org.pyselect4j.seam;

/**
 * The plain case of the argument conversions that {@link PlainCalls} and
 * {@link SelectCalls} do in Java: exact Python {@code int}s and
 * {@code float}s in ranges where the glue's converters (and CPython's) cannot
 * fail and give the same value. Each returns null for anything else (another
 * type, a bool, a big or negative number, NaN), which sends the call to the
 * glue, the one reference for CPython's checks and messages.
 *
 * <p>Arguments arrive as the engine hands them over: an exact {@code int} as
 * an {@link Integer} or {@link Long}, an exact {@code float} as a
 * {@link Double}; a bool, an instance of a subclass or a big int is another
 * object, never plain.
 */
final class PlainValues {
    static final long INT_MIN = Integer.MIN_VALUE;
    static final long INT_MAX = Integer.MAX_VALUE;
    static final long UINT_MAX = 0xFFFF_FFFFL;
    static final long USHRT_MAX = 0xFFFF;
    private static final double NS_PER_SECOND = 1e9;
    private static final long NS_PER_SECOND_EXACT = 1_000_000_000L;
    private static final long NS_PER_MS = 1_000_000L;
    /** The range of a 64-bit nanosecond count as doubles: [-2^63, 2^63). */
    private static final double NS_FLOAT_MIN = -0x1p63;
    private static final double NS_FLOAT_END = 0x1p63;
    /**
     * The largest plain timeout of epoll and select, in seconds: in nanoseconds
     * it fits a long, and in milliseconds epoll_wait's int.
     */
    private static final long PLAIN_SECONDS = 2_000_000;

    private PlainValues() {
    }

    /** An exact int that fits in a long. */
    static Long plainInt(Object argument) {
        if (argument instanceof Integer number) {
            return number.longValue();
        }
        return argument instanceof Long number ? number : null;
    }

    /** An exact int in [min, max]. */
    static Long intIn(Object argument, long min, long max) {
        Long value = plainInt(argument);
        return value != null && value >= min && value <= max ? value : null;
    }

    /** Argument Clinic's {@code int}. */
    static Long cInt(Object argument) {
        return intIn(argument, INT_MIN, INT_MAX);
    }

    /** A descriptor given as an int; negative ones and fileno() objects are the glue's. */
    static Long fileDescriptor(Object argument) {
        return intIn(argument, 0, INT_MAX);
    }

    /** timerfd_settime's float seconds (an int or a float) as nanoseconds, rounded down. */
    static Long secondsToNs(Object argument) {
        Long integer = plainInt(argument);
        if (integer != null) {
            return doubleToNs(integer.doubleValue());
        }
        return argument instanceof Double seconds ? doubleToNs(seconds) : null;
    }

    /** clock_settime's time: an int is exact seconds, a float is rounded down to the nanosecond. */
    static Long timeToNs(Object argument) {
        Long integer = plainInt(argument);
        if (integer != null) {
            try {
                return Math.multiplyExact(integer, NS_PER_SECOND_EXACT);
            } catch (ArithmeticException overflow) {
                return null;
            }
        }
        return argument instanceof Double seconds ? doubleToNs(seconds) : null;
    }

    private static Long doubleToNs(double seconds) {
        double scaled = seconds * NS_PER_SECOND;
        if (!(scaled >= NS_FLOAT_MIN && scaled < NS_FLOAT_END)) {
            return null;
        }
        return (long) Math.floor(scaled);
    }

    /**
     * select's timeout: {@code notGiven} or None (null here) is -1, forever;
     * seconds as a non-negative int or float, in nanoseconds rounded up.
     */
    static Long selectTimeoutNs(Object timeout, Object notGiven) {
        if (timeout == null || timeout == notGiven) {
            return -1L;
        }
        Long integer = intIn(timeout, 0, PLAIN_SECONDS);
        if (integer != null) {
            return integer * NS_PER_SECOND_EXACT;
        }
        if (timeout instanceof Double seconds && seconds >= 0.0 && seconds <= PLAIN_SECONDS) {
            return (long) Math.ceil(seconds * NS_PER_SECOND);
        }
        return null;
    }

    /** epoll.poll's timeout: as select's, and a negative int is forever too. */
    static Long epollTimeoutNs(Object timeout, Object notGiven) {
        Long negative = intIn(timeout, -PLAIN_SECONDS, -1);
        return negative != null ? (Long) (-1L) : selectTimeoutNs(timeout, notGiven);
    }

    /**
     * poll.poll's timeout in milliseconds: {@code notGiven}, None or a negative
     * int is -1, forever; an int or a non-negative float in range, in
     * nanoseconds rounded up.
     */
    static Long pollTimeoutNs(Object timeout, Object notGiven) {
        if (timeout == null || timeout == notGiven) {
            return -1L;
        }
        Long integer = intIn(timeout, -INT_MAX, INT_MAX);
        if (integer != null) {
            return integer >= 0 ? integer * NS_PER_MS : -1L;
        }
        if (timeout instanceof Double ms && ms >= 0.0 && ms <= INT_MAX - 1) {
            return (long) Math.ceil(ms * NS_PER_MS);
        }
        return null;
    }
}
