package org.pyselect4j.seam;

import static org.pyselect4j.seam.PlainValues.cInt;
import static org.pyselect4j.seam.PlainValues.fileDescriptor;
import static org.pyselect4j.seam.PlainValues.plainInt;
import static org.pyselect4j.seam.PlainValues.secondsToNs;
import static org.pyselect4j.seam.PlainValues.timeToNs;

import java.util.List;

import org.pyselect4j.core.Clocks;
import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.TimeSpec;
import org.pyselect4j.core.TimerFd;
import org.pyselect4j.core.TimerSpec;

/**
 * The plain calls of {@code os.timerfd_*} and {@code time.clock_*}, bound,
 * converted and done in Java, for the seam and for the host bridge alike.
 *
 * <p>Why: the Python glue's binders and converters run interpreted for the
 * first calls of a process, at milliseconds each, while this code is small,
 * shared by every function, and compiled by HotSpot early. Which is why it
 * handles only the plain case: exact {@code int}s and {@code float}s in range,
 * known keywords given once. Anything else (other types, bools, out-of-range
 * values, missing or unknown arguments) gets {@link Binding#notPlain} back
 * before anything happened, and the glue redoes the call in Python, which
 * stays the one reference for CPython's checks, their order and their messages
 * (the conversions: {@link PlainValues}).
 */
public final class PlainCalls {
    /**
     * The keywords any plain call takes (timerfd_create's and timerfd_settime's):
     * the glue hands over each one's value, not Python's kwargs dict, which
     * compiled code reads far more slowly through interop.
     */
    public static final List<String> KEYWORDS = List.of("flags", "initial", "interval");

    /**
     * A Python call's arguments: the positional ones and the values of the
     * keywords named in {@link #KEYWORDS}, in that order (null where not
     * given). A call with keywords of other names is the glue's, never one of these.
     */
    public record Arguments(Object[] positional, Object[] keywordValues) {
    }

    /** What the engine binding supplies: its Python values and its bookkeeping. */
    public interface Binding {
        /** The tuple {@code (first, second)}. */
        Object pair(Object first, Object second);

        Object none();

        /** What tells the glue to do the call itself. */
        Object notPlain();

        /** The Python exception object for a failed system call. */
        Object exception(ErrnoException e);

        /** Where the exception waits for the glue to take it. */
        FailedCalls failedCalls();

        /** Creates a timer descriptor, with whatever the binding tracks about it. */
        int createTimerFd(int clockid, int flags);
    }

    /** The functions handled here, named as in Python; the glue asks for their numbers by name. */
    public enum Function {
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

        private static final Function[] ALL = values();

        private final Signature signature;

        Function(Signature signature) {
            this.signature = signature;
        }

        /** The function numbered {@code number} (its ordinal, as {@link #number} gives it). */
        public static Function numbered(long number) {
            if (number < 0 || number >= ALL.length) {
                throw new IllegalArgumentException("no plain call numbered " + number);
            }
            return ALL[(int) number];
        }

        /** The number of the Python function {@code name}, or -1 when it is not handled here. */
        public static int number(String name) {
            for (Function function : ALL) {
                if (function.name().equalsIgnoreCase(name)) {
                    return function.ordinal();
                }
            }
            return -1;
        }
    }

    private PlainCalls() {
    }

    /**
     * Calls {@code function} with {@code arguments}; returns its result, or
     * {@link Binding#notPlain} when the arguments are not the plain case or
     * when the system call failed, its exception then kept in
     * {@link Binding#failedCalls} for the glue to raise.
     */
    public static Object call(Function function, Arguments arguments, Binding binding) {
        Object[] bound = function.signature.bind(arguments);
        Object failure = null;
        if (bound != null) {
            try {
                Object result = switch (function) {
                    case TIMERFD_CREATE -> timerfdCreate(bound, binding);
                    case TIMERFD_SETTIME -> timerfdSetTime(bound, false, binding);
                    case TIMERFD_SETTIME_NS -> timerfdSetTime(bound, true, binding);
                    case TIMERFD_GETTIME -> timerfdGetTime(bound, false, binding);
                    case TIMERFD_GETTIME_NS -> timerfdGetTime(bound, true, binding);
                    case CLOCK_GETTIME -> clockGetTime(bound, false);
                    case CLOCK_GETTIME_NS -> clockGetTime(bound, true);
                    case CLOCK_GETRES -> clockGetRes(bound);
                    case CLOCK_SETTIME -> clockSetTime(bound, false, binding);
                    case CLOCK_SETTIME_NS -> clockSetTime(bound, true, binding);
                };
                if (result != NOT_PLAIN) {
                    return result;
                }
            } catch (ErrnoException e) {
                failure = binding.exception(e);
            }
        }
        binding.failedCalls().keep(failure);
        return binding.notPlain();
    }

    /**
     * What the functions below return, having done nothing, for arguments that
     * are not plain (null cannot say it: a binding may give None as null).
     */
    private static final Object NOT_PLAIN = new Object();

    // Each returns the result, or NOT_PLAIN before doing anything.

    private static Object timerfdCreate(Object[] bound, Binding binding) {
        Long clockid = cInt(bound[0]);
        Long flags = cInt(bound[1]);
        if (clockid == null || flags == null) {
            return NOT_PLAIN;
        }
        return (long) binding.createTimerFd(clockid.intValue(), flags.intValue());
    }

    private static Object timerfdSetTime(Object[] bound, boolean nanoseconds, Binding binding) {
        Long fd = fileDescriptor(bound[0]);
        Long flags = cInt(bound[1]);
        Long initialNs = nanoseconds ? plainInt(bound[2]) : secondsToNs(bound[2]);
        Long intervalNs = nanoseconds ? plainInt(bound[3]) : secondsToNs(bound[3]);
        if (fd == null || flags == null || initialNs == null || intervalNs == null) {
            return NOT_PLAIN;
        }
        TimeSpec initial = TimeSpec.ofNanos(initialNs);
        TimeSpec interval = TimeSpec.ofNanos(intervalNs);
        return timerPair(TimerFd.setTime(fd.intValue(), flags.intValue(), initial.sec(), initial.nsec(),
                interval.sec(), interval.nsec()), nanoseconds, binding);
    }

    private static Object timerfdGetTime(Object[] bound, boolean nanoseconds, Binding binding) {
        Long fd = fileDescriptor(bound[0]);
        return fd == null ? NOT_PLAIN : timerPair(TimerFd.getTime(fd.intValue()), nanoseconds, binding);
    }

    private static Object clockGetTime(Object[] bound, boolean nanoseconds) {
        Long clockid = cInt(bound[0]);
        return clockid == null ? NOT_PLAIN : time(Clocks.gettime(clockid.intValue()), nanoseconds);
    }

    private static Object clockGetRes(Object[] bound) {
        Long clockid = cInt(bound[0]);
        return clockid == null ? NOT_PLAIN : time(Clocks.getres(clockid.intValue()), false);
    }

    private static Object clockSetTime(Object[] bound, boolean nanoseconds, Binding binding) {
        Long clockid = cInt(bound[0]);
        Long ns = nanoseconds ? plainInt(bound[1]) : timeToNs(bound[1]);
        if (clockid == null || ns == null) {
            return NOT_PLAIN;
        }
        Clocks.settime(clockid.intValue(), TimeSpec.ofNanos(ns));
        return binding.none();
    }

    private static Object timerPair(TimerSpec spec, boolean nanoseconds, Binding binding) {
        if (nanoseconds) {
            return binding.pair(spec.initialNs(), spec.intervalNs());
        }
        return binding.pair(seconds(spec.initialSec(), spec.initialNsec()),
                seconds(spec.intervalSec(), spec.intervalNsec()));
    }

    private static Object time(TimeSpec time, boolean nanoseconds) {
        return nanoseconds ? (Object) time.toNanos() : (Object) seconds(time.sec(), time.nsec());
    }

    /** The float seconds of a (sec, nsec) pair, with the glue's arithmetic: sec + nsec * 1e-9. */
    private static double seconds(long sec, long nsec) {
        return sec + nsec * 1e-9;
    }

    /**
     * The plain case of a builtin's parameters: {@code names} in order, the
     * first {@code positionalOnly} positional-only, the last {@code keywordOnly}
     * keyword-only, the first {@code required} without default; {@code defaults}
     * for the others, in order.
     */
    private record Signature(String[] names, int positionalOnly, int keywordOnly, int required, Object... defaults) {
        /** {@code count} positional-only parameters, all required. */
        static Signature positional(int count) {
            return new Signature(new String[count], count, 0, count);
        }

        /** The arguments in parameter order (given, or the defaults), or null when not the plain case. */
        Object[] bind(Arguments arguments) {
            Object[] positional = arguments.positional();
            int given = positional.length;
            if (given > names.length - keywordOnly) {
                return null;
            }
            Object[] bound = new Object[names.length];
            System.arraycopy(positional, 0, bound, 0, given);
            for (int k = 0; k < KEYWORDS.size(); k++) {
                Object value = arguments.keywordValues()[k];
                if (value != null) {
                    int index = indexOf(KEYWORDS.get(k));
                    if (index < Math.max(given, positionalOnly)) {
                        return null; // not this function's keyword, or its parameter given by position
                    }
                    bound[index] = value;
                }
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
