package org.pyselect4j.graalpy;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;
import org.pyselect4j.core.Clocks;
import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.TimeSpec;
import org.pyselect4j.core.TimerFd;
import org.pyselect4j.core.TimerSpec;

/**
 * The common calls of {@code os.timerfd_*} and {@code time.clock_*}, bound,
 * converted and done in Java: one host call per Python call, the raw
 * arguments taken as {@link Value}s.
 *
 * <p>Why: the Python glue's binders and converters run interpreted for the
 * first calls of a process, at milliseconds each, while this code is small,
 * shared by every function, and compiled by HotSpot early. Which is why it
 * handles only the plain case: exact {@code int}s and {@code float}s in range,
 * known keywords given once. Anything else (other types, bools, out-of-range
 * values, missing or unknown arguments) gets {@link #delegate} back before
 * anything happened, and the glue redoes the call in Python, which stays the
 * one reference for CPython's checks, their order and their messages.
 * A failed system call returns the exception the glue would have had raised
 * by {@link Bridge}, for the glue to raise.
 */
public final class FastCalls {
    private static final long INT_MIN = Integer.MIN_VALUE;
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final double NS_PER_SECOND = 1e9;
    private static final long NS_PER_SECOND_EXACT = 1_000_000_000L;
    /** The range of a 64-bit nanosecond count as doubles: [-2^63, 2^63). */
    private static final double NS_FLOAT_MIN = -0x1p63;
    private static final double NS_FLOAT_END = 0x1p63;

    /** The functions handled here, named as in Python; the glue asks for their numbers by name. */
    enum Function {
        // timerfd_create(clockid, /, *, flags=0)
        TIMERFD_CREATE(new Signature(new String[] {"clockid", "flags"}, 1, 1, 1, 0L)),
        // timerfd_settime(fd, /, *, flags=0, initial=0.0, interval=0.0)
        TIMERFD_SETTIME(new Signature(new String[] {"fd", "flags", "initial", "interval"}, 1, 3, 1, 0L, 0.0, 0.0)),
        TIMERFD_SETTIME_NS(new Signature(new String[] {"fd", "flags", "initial", "interval"}, 1, 3, 1, 0L, 0L, 0L)),
        TIMERFD_GETTIME(Signature.positional(1)),
        TIMERFD_GETTIME_NS(Signature.positional(1)),
        CLOCK_GETTIME(Signature.positional(1)),
        CLOCK_GETTIME_NS(Signature.positional(1)),
        CLOCK_GETRES(Signature.positional(1)),
        CLOCK_SETTIME(Signature.positional(2)),
        CLOCK_SETTIME_NS(Signature.positional(2));

        private final Signature signature;

        Function(Signature signature) {
            this.signature = signature;
        }
    }

    private static final Function[] FUNCTIONS = Function.values();

    private final Bridge bridge;
    private final PythonErrors errors;
    private final Value delegate;
    private final Value pair;

    /**
     * @param delegate what {@link #call} returns when the Python glue must do the call
     * @param pair a Python callable making the tuple {@code (a, b)}
     */
    FastCalls(Bridge bridge, PythonErrors errors, Value delegate, Value pair) {
        this.bridge = bridge;
        this.errors = errors;
        this.delegate = delegate;
        this.pair = pair;
    }

    /** The number {@link #call} knows the Python function {@code name} by, or -1 when it is not handled here. */
    @Export
    public int number(String name) {
        for (Function function : FUNCTIONS) {
            if (function.name().equalsIgnoreCase(name)) {
                return function.ordinal();
            }
        }
        return -1;
    }

    /**
     * Calls function {@code number} with Python's positional {@code args} (a
     * tuple) and keyword {@code kwargs} (a dict); returns its result, the
     * Python exception to raise when the system call failed, or
     * {@link #delegate} when the arguments are not the plain case.
     */
    @Export
    public Object call(int number, Value args, Value kwargs) {
        Function function = FUNCTIONS[number];
        Object[] bound = function.signature.bind(args, kwargs);
        if (bound == null) {
            return delegate;
        }
        try {
            return switch (function) {
                case TIMERFD_CREATE -> timerfdCreate(bound);
                case TIMERFD_SETTIME -> timerfdSetTime(bound, false);
                case TIMERFD_SETTIME_NS -> timerfdSetTime(bound, true);
                case TIMERFD_GETTIME -> timerfdGetTime(bound, false);
                case TIMERFD_GETTIME_NS -> timerfdGetTime(bound, true);
                case CLOCK_GETTIME -> clockGetTime(bound, false);
                case CLOCK_GETTIME_NS -> clockGetTime(bound, true);
                case CLOCK_GETRES -> clockGetRes(bound);
                case CLOCK_SETTIME -> clockSetTime(bound, false);
                case CLOCK_SETTIME_NS -> clockSetTime(bound, true);
            };
        } catch (ErrnoException e) {
            return errors.exception(e); // raised by the glue: see PythonErrors.exception
        }
    }

    /**
     * Runs once, without a system call, the paths that the calls share and a
     * clock read does not (keywords, floats, pairs): their first run costs
     * milliseconds, which the program's first timer call would pay otherwise.
     */
    @Export
    public void prime(Value args, Value kwargs) {
        Object[] bound = Function.TIMERFD_SETTIME.signature.bind(args, kwargs);
        if (bound == null || fileDescriptor(bound[0]) == null || secondsToNs(bound[2]) == null) {
            throw new IllegalArgumentException("prime() wants timerfd_settime's plain arguments");
        }
        pair.execute(0.0, 0.0);
    }

    // Each returns the result (null for None), or delegate before doing anything.

    private Object timerfdCreate(Object[] bound) {
        Long clockid = cInt(bound[0]);
        Long flags = cInt(bound[1]);
        if (clockid == null || flags == null) {
            return delegate;
        }
        return bridge.createTimerFd(clockid.intValue(), flags.intValue());
    }

    private Object timerfdSetTime(Object[] bound, boolean nanoseconds) {
        Long fd = fileDescriptor(bound[0]);
        Long flags = cInt(bound[1]);
        Long initialNs = nanoseconds ? plainInt(bound[2]) : secondsToNs(bound[2]);
        Long intervalNs = nanoseconds ? plainInt(bound[3]) : secondsToNs(bound[3]);
        if (fd == null || flags == null || initialNs == null || intervalNs == null) {
            return delegate;
        }
        TimeSpec initial = TimeSpec.ofNanos(initialNs);
        TimeSpec interval = TimeSpec.ofNanos(intervalNs);
        return timerPair(TimerFd.setTime(fd.intValue(), flags.intValue(), initial.sec(), initial.nsec(),
                interval.sec(), interval.nsec()), nanoseconds);
    }

    private Object timerfdGetTime(Object[] bound, boolean nanoseconds) {
        Long fd = fileDescriptor(bound[0]);
        return fd == null ? delegate : timerPair(TimerFd.getTime(fd.intValue()), nanoseconds);
    }

    private Object clockGetTime(Object[] bound, boolean nanoseconds) {
        Long clockid = cInt(bound[0]);
        return clockid == null ? delegate : time(Clocks.gettime(clockid.intValue()), nanoseconds);
    }

    private Object clockGetRes(Object[] bound) {
        Long clockid = cInt(bound[0]);
        return clockid == null ? delegate : time(Clocks.getres(clockid.intValue()), false);
    }

    private Object clockSetTime(Object[] bound, boolean nanoseconds) {
        Long clockid = cInt(bound[0]);
        Long ns = nanoseconds ? plainInt(bound[1]) : timeToNs(bound[1]);
        if (clockid == null || ns == null) {
            return delegate;
        }
        Clocks.settime(clockid.intValue(), TimeSpec.ofNanos(ns));
        return null;
    }

    private Object timerPair(TimerSpec spec, boolean nanoseconds) {
        if (nanoseconds) {
            return pair.execute(spec.initialNs(), spec.intervalNs());
        }
        return pair.execute(seconds(spec.initialSec(), spec.initialNsec()),
                seconds(spec.intervalSec(), spec.intervalNsec()));
    }

    private static Object time(TimeSpec time, boolean nanoseconds) {
        return nanoseconds ? (Object) time.toNanos() : (Object) seconds(time.sec(), time.nsec());
    }

    /** The float seconds of a (sec, nsec) pair, with the glue's arithmetic: sec + nsec * 1e-9. */
    private static double seconds(long sec, long nsec) {
        return sec + nsec * 1e-9;
    }

    // Conversions of the plain case: each returns null where the glue's converter could differ.

    /** An exact Python int (not bool, not a subclass) that fits in a long. */
    private static Long plainInt(Object argument) {
        if (!(argument instanceof Value value)) {
            return argument instanceof Long number ? number : null; // a default
        }
        if (value.hasMembers()) {
            return null; // an object of a Python class; exact ints and floats arrive as Java primitives
        }
        Object primitive = value.as(Object.class);
        if (primitive instanceof Integer number) {
            return number.longValue();
        }
        return primitive instanceof Long number ? number : null;
    }

    /** An exact Python float. */
    private static Double plainFloat(Object argument) {
        if (!(argument instanceof Value value)) {
            return argument instanceof Double number ? number : null; // a default
        }
        if (value.hasMembers()) {
            return null;
        }
        return value.as(Object.class) instanceof Double number ? number : null;
    }

    /** Argument Clinic's {@code int}, plain case. */
    private static Long cInt(Object argument) {
        Long value = plainInt(argument);
        return value != null && value >= INT_MIN && value <= INT_MAX ? value : null;
    }

    /** A descriptor given as a plain int; negative ones and fileno() objects go to the glue. */
    private static Long fileDescriptor(Object argument) {
        Long value = plainInt(argument);
        return value != null && value >= 0 && value <= INT_MAX ? value : null;
    }

    /** timerfd_settime's float seconds (an int or a float) as nanoseconds, rounded down. */
    private static Long secondsToNs(Object argument) {
        Long integer = plainInt(argument);
        Double seconds = integer != null ? Double.valueOf(integer.doubleValue()) : plainFloat(argument);
        return seconds == null ? null : doubleToNs(seconds);
    }

    /** clock_settime's time: an int is exact seconds, a float is rounded down to the nanosecond. */
    private static Long timeToNs(Object argument) {
        Long integer = plainInt(argument);
        if (integer != null) {
            try {
                return Math.multiplyExact(integer, NS_PER_SECOND_EXACT);
            } catch (ArithmeticException overflow) {
                return null; // the glue raises
            }
        }
        Double seconds = plainFloat(argument);
        return seconds == null ? null : doubleToNs(seconds);
    }

    private static Long doubleToNs(double seconds) {
        double scaled = seconds * NS_PER_SECOND;
        if (!(scaled >= NS_FLOAT_MIN && scaled < NS_FLOAT_END)) {
            return null; // out of range or NaN: the glue raises
        }
        return (long) Math.floor(scaled);
    }

    /**
     * The plain case of a builtin's parameters: {@code names} in order, the
     * first {@code positionalOnly} positional-only, the last {@code keywordOnly}
     * keyword-only, the first {@code required} without default; {@code defaults}
     * for the others, in order.
     */
    record Signature(String[] names, int positionalOnly, int keywordOnly, int required, Object... defaults) {
        /** {@code count} positional-only parameters, all required. */
        static Signature positional(int count) {
            return new Signature(new String[count], count, 0, count);
        }

        /** The arguments in parameter order (Values, or the defaults), or null when not the plain case. */
        Object[] bind(Value args, Value kwargs) {
            int given = (int) args.getArraySize();
            if (given > names.length - keywordOnly) {
                return null;
            }
            Object[] bound = new Object[names.length];
            for (int i = 0; i < given; i++) {
                bound[i] = args.getArrayElement(i);
            }
            if (kwargs.getHashSize() > 0 && !bindKeywords(kwargs, given, bound)) {
                return null;
            }
            for (int i = given; i < names.length; i++) {
                if (bound[i] == null) {
                    if (i < required) {
                        return null;
                    }
                    bound[i] = defaults[i - required];
                }
            }
            return bound;
        }

        private boolean bindKeywords(Value kwargs, int given, Object[] bound) {
            Value keys = kwargs.getHashKeysIterator();
            while (keys.hasIteratorNextElement()) {
                Value key = keys.getIteratorNextElement();
                if (key.hasMembers() || !key.isString()) {
                    return false; // not a plain str
                }
                int index = indexOf(key.asString());
                if (index < Math.max(given, positionalOnly)) {
                    return false; // unknown, positional-only, or given twice
                }
                bound[index] = kwargs.getHashValue(key);
            }
            return true;
        }

        private int indexOf(String name) {
            for (int i = positionalOnly; i < names.length; i++) {
                if (name.equals(names[i])) {
                    return i;
                }
            }
            return -1;
        }
    }
}
