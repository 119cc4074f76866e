package org.pyselect4j.graalpy;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;
import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.seam.PlainCalls;

/**
 * {@link PlainCalls} through host calls, for contexts that do not permit the
 * seam: one host call per Python call, the raw arguments taken as
 * {@link Value}s and handed over as the seam hands them.
 */
public final class FastCalls implements PlainCalls.Binding {
    private final Bridge bridge;
    private final PythonErrors errors;
    private final Value notPlain;
    private final Value pair;

    /**
     * @param notPlain what {@link #call} returns when the Python glue must do the call
     * @param pair a Python callable making the tuple {@code (a, b)}
     */
    FastCalls(Bridge bridge, PythonErrors errors, Value notPlain, Value pair) {
        this.bridge = bridge;
        this.errors = errors;
        this.notPlain = notPlain;
        this.pair = pair;
    }

    /** The number {@link #call} knows the Python function {@code name} by, or -1 when it is not handled here. */
    @Export
    public int number(String name) {
        return PlainCalls.Function.number(name);
    }

    /** As the seam's {@code plainCall}: see {@link PlainCalls#call}. */
    @Export
    public Object call(int number, Value args, int keywordCount, Value flags, Value initial, Value interval) {
        return PlainCalls.call(PlainCalls.Function.numbered(number),
                arguments(args, keywordCount, flags, initial, interval), this);
    }

    /** Python's arguments, handed over as the seam hands them. */
    private static PlainCalls.Arguments arguments(Value args, int keywordCount, Value... keywordValues) {
        Object[] positional = new Object[(int) args.getArraySize()];
        for (int i = 0; i < positional.length; i++) {
            positional[i] = raw(args.getArrayElement(i));
        }
        Object[] values = new Object[keywordValues.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = keywordValues[k].isNull() ? null : raw(keywordValues[k]);
        }
        return new PlainCalls.Arguments(positional, keywordCount, values);
    }

    /** An exact int or float as the Java number the seam would see; any other value as it is. */
    private static Object raw(Value value) {
        if (value.hasMembers()) {
            return value; // an object of a Python class; exact ints and floats arrive as Java primitives
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
    public Object exception(ErrnoException e) {
        return errors.exception(e); // raised by the glue: see PythonErrors.exception
    }

    @Override
    public int createTimerFd(int clockid, int flags) {
        return bridge.createTimerFd(clockid, flags);
    }
}
