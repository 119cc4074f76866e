package org.pyselect4j.graalpy;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;
import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.LinuxConstants;
import org.pyselect4j.core.WaitHook;
import org.pyselect4j.seam.FailedCalls;
import org.pyselect4j.seam.PlainCalls;
import org.pyselect4j.seam.SelectCalls;

/**
 * {@link PlainCalls} and {@link SelectCalls} through host calls, for contexts
 * that do not permit the seam: one host call per Python call, the raw
 * arguments taken as {@link Value}s and handed over as the seam hands them.
 */
public final class FastCalls implements PlainCalls.Binding, SelectCalls.Binding {
    private final Bridge bridge;
    private final PythonErrors errors;
    private final Value notPlain;
    private final Value notGiven;
    private final Value pair;
    private final Value listType;
    private final Value tupleType;
    private final FailedCalls failedCalls = new FailedCalls();

    /**
     * @param notPlain what a call returns when the Python glue must do it
     * @param notGiven what the glue passes for an argument not given
     * @param pair a Python callable making the tuple {@code (a, b)}
     * @param sequences an empty list and an empty tuple, whose types select() takes as they are
     */
    FastCalls(Bridge bridge, PythonErrors errors, Value notPlain, Value notGiven, Value pair, Value sequences) {
        this.bridge = bridge;
        this.errors = errors;
        this.notPlain = notPlain;
        this.notGiven = notGiven;
        this.pair = pair;
        this.listType = sequences.getArrayElement(0).getMetaObject();
        this.tupleType = sequences.getArrayElement(1).getMetaObject();
    }

    /** The number {@link #call} knows the Python function {@code name} by, or -1 when it is not handled here. */
    @Export
    public int number(String name) {
        return PlainCalls.Function.number(name);
    }

    /** As the seam's {@code plainCall}: see {@link PlainCalls#call}. */
    @Export
    public Object call(int number, Value args, Value flags, Value initial, Value interval) {
        return PlainCalls.call(PlainCalls.Function.numbered(number), arguments(args, flags, initial, interval), this);
    }

    /** As the seam's {@code takeFailure}: see {@link FailedCalls}. */
    @Export
    public Object takeFailure() {
        return failedCalls.take();
    }

    // The registrations and waits of epoll and poll objects: see SelectCalls.

    @Export
    public Object epollRegister(Value epoll, Value fd, Value mask) {
        return bridge.python(() -> SelectCalls.epollRegister(core(epoll), raw(fd), raw(mask), this));
    }

    @Export
    public Object epollModify(Value epoll, Value fd, Value mask) {
        return bridge.python(() -> SelectCalls.epollModify(core(epoll), raw(fd), raw(mask), this));
    }

    @Export
    public Object epollUnregister(Value epoll, Value fd) {
        return bridge.python(() -> SelectCalls.epollUnregister(core(epoll), raw(fd), this));
    }

    @Export
    public Object epollPoll(Value epoll, Value timeout, Value maxEvents) {
        return bridge.python(() -> SelectCalls.epollPoll(core(epoll), raw(timeout), raw(maxEvents), this));
    }

    @Export
    public Object pollRegister(Value poll, Value fd, Value mask) {
        return bridge.python(() -> SelectCalls.pollRegister(core(poll), raw(fd), raw(mask), this));
    }

    @Export
    public Object pollModify(Value poll, Value fd, Value mask) {
        return bridge.python(() -> SelectCalls.pollModify(core(poll), raw(fd), raw(mask), this));
    }

    @Export
    public Object pollUnregister(Value poll, Value fd) {
        return bridge.python(() -> SelectCalls.pollUnregister(core(poll), raw(fd), this));
    }

    @Export
    public Object pollPoll(Value poll, Value timeout) {
        return bridge.python(() -> SelectCalls.pollPoll(core(poll), raw(timeout), this));
    }

    @Export
    public Object select(Value read, Value write, Value except, Value timeout) {
        return bridge.python(() -> SelectCalls.select(plainFds(read), plainFds(write), plainFds(except), raw(timeout), this));
    }

    /** The fds of a list or tuple of plain fds (see {@link SelectCalls#selectFd}), else null. */
    private int[] plainFds(Value sequence) {
        Value type = sequence.getMetaObject();
        if (type == null || !(type.equals(listType) || type.equals(tupleType))
                || sequence.getArraySize() > LinuxConstants.FD_SETSIZE) {
            return null;
        }
        int[] fds = new int[(int) sequence.getArraySize()];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = SelectCalls.selectFd(raw(sequence.getArrayElement(i)));
            if (fds[i] < 0) {
                return null;
            }
        }
        return fds;
    }

    /** An epoll's or poll's core, or null for anything else (a closed epoll's None). */
    private static Object core(Value value) {
        return value.isHostObject() ? value.asHostObject() : null;
    }

    /** Python's arguments, handed over as the seam hands them. */
    private PlainCalls.Arguments arguments(Value args, Value... keywordValues) {
        Object[] positional = new Object[(int) args.getArraySize()];
        for (int i = 0; i < positional.length; i++) {
            positional[i] = raw(args.getArrayElement(i));
        }
        Object[] values = new Object[keywordValues.length];
        for (int k = 0; k < values.length; k++) {
            Object value = raw(keywordValues[k]);
            // Not given: null. Given as None: not plain, as the None the seam hands over is.
            values[k] = value == notGiven ? null : value == null ? keywordValues[k] : value;
        }
        return new PlainCalls.Arguments(positional, values);
    }

    /**
     * An exact int or float as the Java number the seam would see, None as
     * null, the glue's not-given marker as {@link #notGiven()}; any other value
     * as it is.
     */
    private Object raw(Value value) {
        if (value.isNull()) {
            return null;
        }
        if (value.hasMembers()) {
            // An object of a Python class; exact ints and floats arrive as Java primitives.
            return value.equals(notGiven) ? notGiven : value;
        }
        Object primitive = value.as(Object.class);
        return primitive instanceof Integer || primitive instanceof Long || primitive instanceof Double ? primitive : value;
    }

    @Override
    public Object pair(Object first, Object second) {
        return pair.execute(first, second);
    }

    @Override
    public Object none() {
        return null;
    }

    @Override
    public Object notPlain() {
        return notPlain;
    }

    @Override
    public Object notGiven() {
        return notGiven;
    }

    @Override
    public Object numbers(int[] numbers) {
        return Bridge.numbers(numbers);
    }

    @Override
    public WaitHook waitHook() {
        return bridge.hostCallWaits();
    }

    @Override
    public Object exception(ErrnoException e) {
        return errors.exception(e); // raised by the glue: see FailedCalls
    }

    @Override
    public FailedCalls failedCalls() {
        return failedCalls;
    }

    @Override
    public int createTimerFd(int clockid, int flags) {
        return bridge.createTimerFd(clockid, flags);
    }
}
