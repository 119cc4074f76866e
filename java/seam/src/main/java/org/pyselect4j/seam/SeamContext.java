package org.pyselect4j.seam;

import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.WaitHook;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.ContextReference;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;

/**
 * The seam in one polyglot context: the binding it was bound to (by the glue,
 * once, as the context starts) and the wait hook made from it.
 */
final class SeamContext {
    private static final ContextReference<SeamContext> REFERENCE = ContextReference.create(SeamLanguage.class);
    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    private final Env env;
    private volatile SeamHost host;
    private volatile WaitHook waitHook;
    private volatile Binding binding;
    /** The types of Python's list and tuple, as interop reports them. */
    private volatile Object listType;
    private volatile Object tupleType;

    SeamContext(Env env) {
        this.env = env;
    }

    /** The seam's context of the current thread's polyglot context. */
    static SeamContext current() {
        return REFERENCE.get(null);
    }

    /**
     * Binds the seam to the binding's host object {@code host} (a
     * {@link SeamHost}) and to Python values of the glue's: {@code checkpoint},
     * a function that does nothing: calling it lets the engine run the signal
     * handlers and cancellation that woke a wait (its exceptions, a handler's
     * or a cancellation, end the wait as they are); {@code notPlain}, what a
     * plain call returns when the glue must do the call; {@code notGiven}, what
     * the glue passes for an argument not given; {@code pair}, a function
     * making the tuple {@code (a, b)}, and {@code tupleOf}, one returning the
     * tuple of its arguments, however many (slower than {@code pair} for two:
     * the call packs them); {@code sequences}, an empty list and an
     * empty tuple, whose types select() takes as they are.
     */
    @TruffleBoundary
    void bind(Object host, Object checkpoint, Object notPlain, Object notGiven, Object pair, Object tupleOf,
            Object sequences) {
        if (!(env.isHostObject(host) && env.asHostObject(host) instanceof SeamHost seamHost)) {
            throw new IllegalArgumentException("bind() wants the binding's SeamHost, got " + host);
        }
        this.host = seamHost;
        this.binding = new Binding(seamHost, notPlain, notGiven, pair, tupleOf);
        try {
            this.listType = INTEROP.getMetaObject(INTEROP.readArrayElement(sequences, 0));
            this.tupleType = INTEROP.getMetaObject(INTEROP.readArrayElement(sequences, 1));
        } catch (InteropException e) {
            throw new IllegalArgumentException("bind() wants an empty list and an empty tuple, got " + sequences, e);
        }
        this.waitHook = seamHost.waitHook(() -> {
            try {
                INTEROP.execute(checkpoint);
            } catch (InteropException e) {
                throw new IllegalStateException("the checkpoint is not callable", e);
            } catch (RuntimeException | Error e) {
                if (env.getContext().isCancelling()) {
                    seamHost.closeAll(); // the context will never run again
                }
                throw e;
            }
        });
    }

    PlainCalls.Binding plainCallBinding() {
        return checkBound(binding);
    }

    SelectCalls.Binding selectBinding() {
        return checkBound(binding);
    }

    /** Whether {@code type} is Python's list or tuple (not a subclass). */
    boolean isListOrTuple(Object type) {
        return type == listType || type == tupleType;
    }

    /** The plain calls' results as the glue's Python values. */
    private final class Binding implements PlainCalls.Binding, SelectCalls.Binding {
        private final SeamHost host;
        private final Object notPlain;
        private final Object notGiven;
        private final Object pair;
        private final Object tupleOf;
        private final FailedCalls failedCalls = new FailedCalls();

        Binding(SeamHost host, Object notPlain, Object notGiven, Object pair, Object tupleOf) {
            this.host = host;
            this.notPlain = notPlain;
            this.notGiven = notGiven;
            this.pair = pair;
            this.tupleOf = tupleOf;
        }

        /** Made into the tuple by the compiled caller: see {@link SeamFunction.PendingCall}. */
        @Override
        public Object pair(Object first, Object second) {
            return new SeamFunction.PendingCall(pair, first, second);
        }

        @Override
        public Object none() {
            return Nothing.INSTANCE;
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
        public Object exception(ErrnoException e) {
            return env.asGuestValue(host.pythonException(e));
        }

        @Override
        public FailedCalls failedCalls() {
            return failedCalls;
        }

        @Override
        public int createTimerFd(int clockid, int flags) {
            return host.createTimerFd(clockid, flags);
        }

        /**
         * A tuple of Python ints, made by the compiled caller (see {@link
         * SeamFunction.PendingCall}); None when there are none: the idle case
         * asks nothing more of Python.
         */
        @Override
        public Object numbers(int[] numbers) {
            if (numbers.length == 0) {
                return Nothing.INSTANCE;
            }
            if (numbers.length == 2) { // one ready, the usual case
                return pair(unsigned(numbers[0]), unsigned(numbers[1]));
            }
            Object[] values = new Object[numbers.length];
            for (int i = 0; i < numbers.length; i++) {
                values[i] = unsigned(numbers[i]);
            }
            return new SeamFunction.PendingCall(tupleOf, values);
        }

        /** Event masks are unsigned: EPOLLET is 1 << 31. */
        private static Object unsigned(int value) {
            return value >= 0 ? (Object) value : (Object) Integer.toUnsignedLong(value);
        }

        @Override
        public WaitHook waitHook() {
            return SeamContext.this.waitHook();
        }
    }

    WaitHook waitHook() {
        return checkBound(waitHook);
    }

    /**
     * Called from the thread that is to run {@code callable}: a Java
     * {@link Runnable} (as a guest value) that, from any thread, asks that
     * thread to call {@code callable} with no arguments at its next safepoint,
     * as a Truffle thread-local action. This is how a signal's Python handler
     * runs promptly in the main thread while it runs Python code: GraalPy offers
     * no public way to submit such an action, a language's {@code Env} does. An
     * exception {@code callable} raises surfaces where the thread was, as a
     * signal handler's does in CPython.
     */
    Object mainThreadCall(Object callable) {
        return env.asGuestValue(new MainThreadCall(env, Thread.currentThread(), callable));
    }

    /** The Java object behind a host object the glue passes back (a core epoll or poll). */
    <T> T hostObject(Object value, Class<T> type) {
        return type.cast(env.asHostObject(value));
    }

    /** As {@link #hostObject}, or null for any other value (a closed epoll's None). */
    Object hostObjectOrNull(Object value) {
        return env.isHostObject(value) ? env.asHostObject(value) : null;
    }

    /**
     * The Python exception for the core's {@code e}, thrown. Python's own
     * exceptions (a signal handler's, raised during a wait) pass unchanged.
     */
    RuntimeException python(RuntimeException e) {
        if (e instanceof AbstractTruffleException) {
            throw e;
        }
        Object exception = env.asGuestValue(checkBound(host).pythonException(e));
        try {
            throw INTEROP.throwException(exception);
        } catch (InteropException notAnException) {
            throw new IllegalStateException("not a Python exception: " + exception, notAnException);
        }
    }

    private static <T> T checkBound(T field) {
        if (field == null) {
            throw new IllegalStateException("the pyselect4j seam is not bound to this context");
        }
        return field;
    }
}
