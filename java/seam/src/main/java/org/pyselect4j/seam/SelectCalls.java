package org.pyselect4j.seam;

import static org.pyselect4j.seam.PlainValues.INT_MAX;
import static org.pyselect4j.seam.PlainValues.UINT_MAX;
import static org.pyselect4j.seam.PlainValues.USHRT_MAX;
import static org.pyselect4j.seam.PlainValues.fileDescriptor;
import static org.pyselect4j.seam.PlainValues.intIn;

import org.pyselect4j.core.Epoll;
import org.pyselect4j.core.LinuxConstants;
import org.pyselect4j.core.Poll;
import org.pyselect4j.core.Select;
import org.pyselect4j.core.SelectResult;
import org.pyselect4j.core.WaitHook;

/**
 * The registrations and waits of {@code select.epoll} and {@code select.poll}
 * objects, and {@code select.select}, with the arguments as Python passed them,
 * for the seam and for the host bridge alike.
 *
 * <p>Why: GraalPy runs the glue interpreted until its JIT has compiled it,
 * which takes seconds to minutes, and there each line of Python costs about a
 * microsecond: checking a wait's timeout and event count in Python cost an
 * idle {@code epoll.poll(0)} 20 of its 30 us. Done here, in Java that HotSpot
 * compiles early, they cost nanoseconds, and once the JIT has compiled the
 * caller no more than they did in Python.
 *
 * <p>Each call does the plain case only (see {@link PlainValues}): the epoll
 * or poll object's core, exact ints and floats in range, an argument not given
 * where it has a default. For anything else, a closed epoll included, it does
 * nothing and returns {@link Binding#notPlain}; the glue then converts the
 * arguments as CPython does (raising its exceptions) and calls again with the
 * values it converted them to, which are plain. The core's exceptions (a
 * failed system call) leave as they are, for the caller to make Python's.
 */
public final class SelectCalls {
    /**
     * What a mask not given stands for, in register() (CPython's default):
     * POLLIN | POLLPRI | POLLOUT (the EPOLL ones are the same). The glue's
     * parsers take it from here too.
     */
    public static final Long DEFAULT_MASK =
            (long) (LinuxConstants.POLLIN | LinuxConstants.POLLPRI | LinuxConstants.POLLOUT);
    /** epoll.poll's maxevents when not given. */
    private static final Long DEFAULT_MAX_EVENTS = (long) (LinuxConstants.FD_SETSIZE - 1);

    /** What the engine binding supplies: its Python values, and how its waits block. */
    public interface Binding {
        /** What the glue passes for an argument the caller did not give. */
        Object notGiven();

        /** What tells the glue to convert the arguments itself. */
        Object notPlain();

        Object none();

        /**
         * Numbers for the glue to read, None when there are none: a wait's
         * ready (fd, events) pairs flattened, select's {@link SelectCalls#counted}.
         */
        Object numbers(int[] numbers);

        WaitHook waitHook();
    }

    private SelectCalls() {
    }

    /** epoll.register(fd, eventmask=POLLIN | POLLPRI | POLLOUT): None. */
    public static Object epollRegister(Object epoll, Object fd, Object mask, Binding binding) {
        return setMask(epoll, Epoll.class, fd, mask, DEFAULT_MASK, UINT_MAX, Epoll::register, binding);
    }

    /** epoll.modify(fd, eventmask): None. */
    public static Object epollModify(Object epoll, Object fd, Object mask, Binding binding) {
        return setMask(epoll, Epoll.class, fd, mask, null, UINT_MAX, Epoll::modify, binding);
    }

    /** epoll.unregister(fd): None. */
    public static Object epollUnregister(Object epoll, Object fd, Binding binding) {
        Long plainFd = fileDescriptor(fd);
        if (!(epoll instanceof Epoll core) || plainFd == null) {
            return binding.notPlain();
        }
        core.unregister(plainFd.intValue());
        return binding.none();
    }

    /** epoll.poll(timeout=None, maxevents=-1): the ready pairs. */
    public static Object epollPoll(Object epoll, Object timeout, Object maxEvents, Binding binding) {
        Long timeoutNs = PlainValues.epollTimeoutNs(timeout, binding.notGiven());
        Long plainMaxEvents = maxEvents == binding.notGiven() ? DEFAULT_MAX_EVENTS : intIn(maxEvents, 1, INT_MAX);
        if (!(epoll instanceof Epoll core) || timeoutNs == null || plainMaxEvents == null) {
            return binding.notPlain();
        }
        return binding.numbers(core.poll(timeoutNs, plainMaxEvents.intValue(), binding.waitHook()).flatten());
    }

    /** poll.register(fd, eventmask=POLLIN | POLLPRI | POLLOUT): None. */
    public static Object pollRegister(Object poll, Object fd, Object mask, Binding binding) {
        return setMask(poll, Poll.class, fd, mask, DEFAULT_MASK, USHRT_MAX, Poll::register, binding);
    }

    /** poll.modify(fd, eventmask): None; the core raises ENOENT for an fd not registered. */
    public static Object pollModify(Object poll, Object fd, Object mask, Binding binding) {
        return setMask(poll, Poll.class, fd, mask, null, USHRT_MAX, Poll::modify, binding);
    }

    /** poll.unregister(fd): whether fd was registered (the glue raises KeyError if not). */
    public static Object pollUnregister(Object poll, Object fd, Binding binding) {
        Long plainFd = fileDescriptor(fd);
        if (!(poll instanceof Poll core) || plainFd == null) {
            return binding.notPlain();
        }
        return core.unregister(plainFd.intValue());
    }

    /** poll.poll(timeout=None): the ready pairs. */
    public static Object pollPoll(Object poll, Object timeout, Binding binding) {
        Long timeoutNs = PlainValues.pollTimeoutNs(timeout, binding.notGiven());
        if (!(poll instanceof Poll core) || timeoutNs == null) {
            return binding.notPlain();
        }
        return binding.numbers(core.poll(timeoutNs, binding.waitHook()).flatten());
    }

    /** A change of a registration's event mask: register or modify, of an epoll or a poll. */
    private interface MaskChange<T> {
        void apply(T core, int fd, int events);
    }

    /**
     * Applies {@code change} to {@code target}, a {@code type} core, with the
     * plain fd and mask ({@code maskNotGiven} when not given, null where it
     * must be; at most {@code maxMask}, passed as its 32 bits); None back.
     */
    private static <T> Object setMask(Object target, Class<T> type, Object fd, Object mask, Long maskNotGiven,
            long maxMask, MaskChange<T> change, Binding binding) {
        Long plainFd = fileDescriptor(fd);
        Long plainMask = mask == binding.notGiven() ? maskNotGiven : intIn(mask, 0, maxMask);
        if (!type.isInstance(target) || plainFd == null || plainMask == null) {
            return binding.notPlain();
        }
        change.apply(type.cast(target), plainFd.intValue(), plainMask.intValue());
        return binding.none();
    }

    /**
     * An element of one of select()'s lists as its plain case: an int in
     * [0, FD_SETSIZE), else -1.
     */
    public static int selectFd(Object element) {
        Long fd = intIn(element, 0, LinuxConstants.FD_SETSIZE - 1);
        return fd == null ? -1 : fd.intValue();
    }

    /**
     * select(rlist, wlist, xlist, timeout=None), each list given as the fds of
     * a list or tuple of ints in [0, FD_SETSIZE) (see {@link #selectFd}), null
     * when it is not one: the fds ready in each, {@link #counted}, an fd listed
     * twice reported twice, as CPython does.
     */
    public static Object select(int[] read, int[] write, int[] except, Object timeout, Binding binding) {
        Long timeoutNs = PlainValues.selectTimeoutNs(timeout, binding.notGiven());
        if (read == null || write == null || except == null || timeoutNs == null) {
            return binding.notPlain();
        }
        SelectResult ready = Select.select(read, write, except, timeoutNs, binding.waitHook());
        return binding.numbers(counted(pick(read, ready.readIndexes()), pick(write, ready.writeIndexes()),
                pick(except, ready.exceptIndexes())));
    }

    /** The entries of {@code values} at {@code indexes}, in their order. */
    private static int[] pick(int[] values, int[] indexes) {
        int[] picked = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            picked[i] = values[indexes[i]];
        }
        return picked;
    }

    /**
     * select()'s three results as the glue reads them: [read count, write
     * count, except count, read..., write..., except...], empty when all three
     * are.
     */
    public static int[] counted(int[] read, int[] write, int[] except) {
        if (read.length + write.length + except.length == 0) {
            return new int[0];
        }
        int[] flat = new int[3 + read.length + write.length + except.length];
        flat[0] = read.length;
        flat[1] = write.length;
        flat[2] = except.length;
        System.arraycopy(read, 0, flat, 3, read.length);
        System.arraycopy(write, 0, flat, 3 + read.length, write.length);
        System.arraycopy(except, 0, flat, 3 + read.length + write.length, except.length);
        return flat;
    }
}
