package org.pyselect4j.seam;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.pyselect4j.core.Epoll;
import org.pyselect4j.core.LinuxConstants;
import org.pyselect4j.core.Poll;
import org.pyselect4j.core.Select;
import org.pyselect4j.core.SelectResult;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * The operations the glue calls through the seam, each with the arguments and
 * results of the host method of the same name, on the bridge or its
 * {@code FastCalls}: {@code None}, a number, or a tuple where the bridge
 * gives a sequence (made by the glue's function, see {@link PendingCall}).
 * The core's exceptions leave as the Python exceptions the
 * binding chooses. Two kinds take Python's own arguments and do the plain case
 * only: the timerfd and clock functions ({@code plainCall}, see
 * {@link PlainCalls}), and select() and the registrations and waits of epoll
 * and poll objects ({@link SelectCalls}); the others take what the glue
 * converted.
 */
enum SeamFunction {
    /** bind(bridge, checkpoint, notPlain, notGiven, pair, tupleOf, sequences): see {@link SeamContext#bind}. */
    BIND("bind", 7, (context, arguments) -> {
        context.bind(arguments[0], arguments[1], arguments[2], arguments[3], arguments[4], arguments[5],
                arguments[6]);
        return Nothing.INSTANCE;
    }),
    /** plainCallNumber(name): the number plainCall knows a timerfd or clock function by, -1 for others. */
    PLAIN_CALL_NUMBER("plainCallNumber", 1, (context, arguments) -> PlainCalls.Function.number(asString(arguments[0]))),
    /**
     * plainCall(number, args, flags, initial, interval): the function's result
     * for Python's positional {@code args} (a tuple) and the keywords of
     * {@link PlainCalls#KEYWORDS} (the glue's notGiven where not given); the
     * glue's notPlain when the glue must do the call, or raise the exception
     * takeFailure gives (see {@link PlainCalls}).
     */
    PLAIN_CALL("plainCall", 2 + PlainCalls.KEYWORDS.size(), (context, arguments) -> PlainCalls.call(
            PlainCalls.Function.numbered(asLong(arguments[0])), plainArguments(arguments[1]), context.plainCallBinding())),
    /** takeFailure(): the exception of this thread's last plainCall whose system call failed, else None. */
    TAKE_FAILURE("takeFailure", 0, (context, arguments) -> {
        Object exception = context.plainCallBinding().failedCalls().take();
        return exception == null ? Nothing.INSTANCE : exception;
    }),
    /*
     * The registrations and waits of epoll and poll objects, with Python's
     * arguments (see SelectCalls); epollPollNs and pollPollNs wait with the
     * timeout the glue converted, in nanoseconds (-1: forever).
     */
    EPOLL_REGISTER("epollRegister", 3, Arguments.PYTHONS_OWN, (context, arguments) -> SelectCalls.epollRegister(
            context.hostObjectOrNull(arguments[0]), arguments[1], arguments[2], context.selectBinding())),
    EPOLL_MODIFY("epollModify", 3, Arguments.PYTHONS_OWN, (context, arguments) -> SelectCalls.epollModify(
            context.hostObjectOrNull(arguments[0]), arguments[1], arguments[2], context.selectBinding())),
    EPOLL_UNREGISTER("epollUnregister", 2, Arguments.PYTHONS_OWN, (context, arguments) -> SelectCalls.epollUnregister(
            context.hostObjectOrNull(arguments[0]), arguments[1], context.selectBinding())),
    EPOLL_POLL("epollPoll", 3, Arguments.PYTHONS_OWN, (context, arguments) -> SelectCalls.epollPoll(
            context.hostObjectOrNull(arguments[0]), arguments[1], arguments[2], context.selectBinding())),
    /** epollPollNs(epoll, timeoutNs, maxEvents). */
    EPOLL_POLL_NS("epollPollNs", 3, (context, arguments) -> context.selectBinding().numbers(context.hostObject(
            arguments[0], Epoll.class).poll(asLong(arguments[1]), asInt(arguments[2]), context.waitHook()).flatten())),
    POLL_REGISTER("pollRegister", 3, Arguments.PYTHONS_OWN, (context, arguments) -> SelectCalls.pollRegister(
            context.hostObjectOrNull(arguments[0]), arguments[1], arguments[2], context.selectBinding())),
    POLL_MODIFY("pollModify", 3, Arguments.PYTHONS_OWN, (context, arguments) -> SelectCalls.pollModify(
            context.hostObjectOrNull(arguments[0]), arguments[1], arguments[2], context.selectBinding())),
    POLL_UNREGISTER("pollUnregister", 2, Arguments.PYTHONS_OWN, (context, arguments) -> SelectCalls.pollUnregister(
            context.hostObjectOrNull(arguments[0]), arguments[1], context.selectBinding())),
    POLL_POLL("pollPoll", 2, Arguments.PYTHONS_OWN, (context, arguments) -> SelectCalls.pollPoll(
            context.hostObjectOrNull(arguments[0]), arguments[1], context.selectBinding())),
    /** pollPollNs(poll, timeoutNs). */
    POLL_POLL_NS("pollPollNs", 2, (context, arguments) -> context.selectBinding().numbers(
            context.hostObject(arguments[0], Poll.class).poll(asLong(arguments[1]), context.waitHook()).flatten())),
    /** mainThreadCall(callable): see {@link SeamContext#mainThreadCall}. */
    MAIN_THREAD_CALL("mainThreadCall", 1, (context, arguments) -> context.mainThreadCall(arguments[0])),
    /**
     * select(rlist, wlist, xlist, timeout): see {@link SelectCalls#select}; the
     * lists arrive as their fds, read in {@link Executable#execute}.
     */
    SELECT("select", 4, (context, arguments) -> SelectCalls.select((int[]) arguments[0], (int[]) arguments[1],
            (int[]) arguments[2], arguments[3], context.selectBinding())),
    /**
     * selectFds(read fds, write fds, except fds, timeoutNs): the indexes of the
     * ready entries of each, {@link SelectCalls#counted}.
     */
    SELECT_FDS("selectFds", 4, (context, arguments) -> {
        SelectResult ready = Select.select(asInts(arguments[0]), asInts(arguments[1]), asInts(arguments[2]),
                asLong(arguments[3]), context.waitHook());
        return context.selectBinding().numbers(
                SelectCalls.counted(ready.readIndexes(), ready.writeIndexes(), ready.exceptIndexes()));
    });

    /** What one function does with its arguments, behind a Truffle boundary. */
    private interface Body {
        Object run(SeamContext context, Object[] arguments);
    }

    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();
    /** The order of Python's {@code array("i")}. */
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    /** The member name the glue reads. */
    final String memberName;
    final int arity;
    private final Arguments arguments;
    private final Body body;
    /** What Python calls. */
    final Executable executable = new Executable(this);

    SeamFunction(String memberName, int arity, Body body) {
        this(memberName, arity, Arguments.CONVERTED, body);
    }

    SeamFunction(String memberName, int arity, Arguments arguments, Body body) {
        this.memberName = memberName;
        this.arity = arity;
        this.arguments = arguments;
        this.body = body;
    }

    /** What a function's arguments after the first are. */
    private enum Arguments {
        /** As the glue converted them, or the seam's own results. */
        CONVERTED,
        /** Python's own (see {@link SelectCalls}): those that are None arrive as null. */
        PYTHONS_OWN
    }

    static SeamFunction named(String memberName) {
        for (SeamFunction function : values()) {
            if (function.memberName.equals(memberName)) {
                return function;
            }
        }
        return null;
    }

    @TruffleBoundary
    Object call(Object[] arguments) {
        SeamContext context = SeamContext.current();
        try {
            return body.run(context, arguments);
        } catch (RuntimeException e) {
            throw context.python(e);
        }
    }

    /** One seam function as Python sees it: a callable. */
    @ExportLibrary(InteropLibrary.class)
    static final class Executable implements TruffleObject {
        final SeamFunction function;

        Executable(SeamFunction function) {
            this.function = function;
        }

        @ExportMessage
        boolean isExecutable() {
            return true;
        }

        @ExportMessage
        Object execute(Object[] arguments,
                @CachedLibrary(limit = "3") InteropLibrary sequences,
                @CachedLibrary(limit = "3") InteropLibrary elements,
                @CachedLibrary(limit = "1") InteropLibrary callables,
                @CachedLibrary(limit = "4") InteropLibrary pythonValues) throws ArityException {
            if (arguments.length != function.arity) {
                throw ArityException.create(function.arity, function.arity, arguments.length);
            }
            if (function == PLAIN_CALL) {
                arguments = new Object[] {arguments[0], plainArguments(arguments, SeamContext.current(), sequences)};
            } else if (function == SELECT) {
                // Read here, in compiled code, not behind the boundary: reading a Python list through
                // the uncached library there costs tens of nanoseconds an element.
                SeamContext context = SeamContext.current();
                for (int i = 0; i < 3; i++) {
                    arguments[i] = plainFds(arguments[i], context, sequences, elements);
                }
                if (pythonValues.isNull(arguments[3])) {
                    arguments[3] = null;
                }
            } else if (function == SELECT_FDS) {
                for (int i = 0; i < 3; i++) {
                    arguments[i] = intsOrSame(arguments[i], sequences, elements);
                }
            } else if (function.arguments == Arguments.PYTHONS_OWN) {
                for (int i = 1; i < arguments.length; i++) {
                    if (pythonValues.isNull(arguments[i])) {
                        arguments[i] = null;
                    }
                }
            }
            Object result = function.call(arguments);
            if (result instanceof PendingCall pending) {
                try {
                    return callables.execute(pending.function, pending.arguments);
                } catch (InteropException e) {
                    throw notCallable(e);
                }
            }
            return result;
        }
    }

    @TruffleBoundary
    private static RuntimeException notCallable(InteropException e) {
        return SeamContext.current().python(new IllegalStateException("a function of the glue's is not callable", e));
    }

    /**
     * A result that a Python function of the glue's makes from {@code
     * arguments} (a tuple of numbers), called from compiled code here, where
     * the engine can inline it, rather than behind the boundary. Python then
     * holds its own values, not a foreign object that each of its operations
     * must ask through interop.
     */
    record PendingCall(Object function, Object... arguments) {
    }

    /** plainCall's arguments after the number as {@link PlainCalls} takes them; the args tuple when they are not. */
    private static Object plainArguments(Object[] arguments, SeamContext context, InteropLibrary sequences) {
        Object args = arguments[1];
        try {
            Object[] positional = new Object[(int) sequences.getArraySize(args)];
            for (int i = 0; i < positional.length; i++) {
                positional[i] = sequences.readArrayElement(args, i);
            }
            Object notGiven = context.selectBinding().notGiven();
            Object[] keywordValues = new Object[PlainCalls.KEYWORDS.size()];
            for (int k = 0; k < keywordValues.length; k++) {
                Object value = arguments[2 + k];
                keywordValues[k] = value == notGiven ? null : value;
            }
            return new PlainCalls.Arguments(positional, keywordValues);
        } catch (InteropException e) {
            return args; // for plainArguments(Object) to refuse, behind the boundary
        }
    }

    private static PlainCalls.Arguments plainArguments(Object read) {
        if (read instanceof PlainCalls.Arguments arguments) {
            return arguments;
        }
        throw new IllegalArgumentException("not an args tuple: " + read);
    }

    /**
     * The fds of one of select()'s lists, read as {@link SelectCalls#select}
     * takes them: a list or tuple (not a subclass's instance, whose iteration
     * may differ from its elements) of plain fds (see
     * {@link SelectCalls#selectFd}); null for anything else.
     */
    private static int[] plainFds(Object sequence, SeamContext context, InteropLibrary sequences,
            InteropLibrary elements) {
        try {
            if (!sequences.hasMetaObject(sequence) || !context.isListOrTuple(sequences.getMetaObject(sequence))) {
                return null;
            }
            long size = sequences.getArraySize(sequence);
            if (size > LinuxConstants.FD_SETSIZE) {
                return null;
            }
            int[] fds = new int[(int) size];
            for (int i = 0; i < fds.length; i++) {
                fds[i] = SelectCalls.selectFd(elements.readArrayElement(sequence, i));
                if (fds[i] < 0) {
                    return null;
                }
            }
            return fds;
        } catch (InteropException e) {
            return null;
        }
    }

    /**
     * A sequence of ints for {@link #asInts}: a buffer of native-order C ints
     * (the glue's {@code array("i")}) copied out at once as its bytes, or an
     * array of ints read element by element. Anything else unchanged, for
     * {@link #asInts} to refuse.
     */
    private static Object intsOrSame(Object sequence, InteropLibrary sequences, InteropLibrary elements) {
        try {
            if (sequences.hasBufferElements(sequence)) {
                byte[] bytes = new byte[(int) sequences.getBufferSize(sequence)];
                sequences.readBuffer(sequence, 0, bytes, 0, bytes.length);
                return bytes;
            }
            int[] values = new int[(int) sequences.getArraySize(sequence)];
            for (int i = 0; i < values.length; i++) {
                values[i] = elements.asInt(sequences.readArrayElement(sequence, i));
            }
            return values;
        } catch (InteropException e) {
            return sequence;
        }
    }

    // The glue passes exact Python ints in range: any failure here is a bug, a SystemError in Python.
    // The engine hands small ints over as Integer or Long, taken here at once: the uncached
    // library would first look up the receiver's class in a map, on every call.

    private static int asInt(Object number) {
        if (number instanceof Integer value) {
            return value;
        }
        if (number instanceof Long value && value == value.intValue()) {
            return value.intValue();
        }
        try {
            return INTEROP.asInt(number);
        } catch (UnsupportedMessageException e) {
            throw new IllegalArgumentException("not a 32-bit int: " + number, e);
        }
    }

    private static String asString(Object string) {
        try {
            return INTEROP.asString(string);
        } catch (UnsupportedMessageException e) {
            throw new IllegalArgumentException("not a str: " + string, e);
        }
    }

    private static long asLong(Object number) {
        if (number instanceof Long value) {
            return value;
        }
        if (number instanceof Integer value) {
            return value;
        }
        try {
            return INTEROP.asLong(number);
        } catch (UnsupportedMessageException e) {
            throw new IllegalArgumentException("not a 64-bit int: " + number, e);
        }
    }

    private static int[] asInts(Object sequence) {
        if (sequence instanceof int[] converted) {
            return converted;
        }
        if (sequence instanceof byte[] nativeInts) {
            int[] values = new int[nativeInts.length / Integer.BYTES];
            ByteBuffer.wrap(nativeInts).order(NATIVE).asIntBuffer().get(values);
            return values;
        }
        try {
            int[] values = new int[(int) INTEROP.getArraySize(sequence)];
            for (int i = 0; i < values.length; i++) {
                values[i] = asInt(INTEROP.readArrayElement(sequence, i));
            }
            return values;
        } catch (InteropException e) {
            throw new IllegalArgumentException("not a list of ints: " + sequence, e);
        }
    }
}
