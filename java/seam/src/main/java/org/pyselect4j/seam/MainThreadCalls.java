package org.pyselect4j.seam;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.ThreadLocalAction;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.TruffleLanguage.ContextReference;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * {@code mainThreadCall(callable)}, called from the thread that is to run
 * {@code callable}: returns a Java {@link Runnable} that, from any thread, asks
 * that thread to call {@code callable} (with no arguments) at its next
 * safepoint, as a Truffle thread-local action. This is how a signal's Python
 * handler runs promptly in the main thread while it runs Python code: GraalPy
 * offers no public way to submit such an action, a language's {@code Env}
 * does. An exception {@code callable} raises surfaces where the thread was,
 * as a signal handler's does in CPython.
 */
@ExportLibrary(InteropLibrary.class)
final class MainThreadCalls implements TruffleObject {
    static final MainThreadCalls INSTANCE = new MainThreadCalls();
    private static final ContextReference<TruffleLanguage.Env> ENV = ContextReference.create(SeamLanguage.class);

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object execute(Object[] arguments) throws ArityException {
        if (arguments.length != 1) {
            throw ArityException.create(1, 1, arguments.length);
        }
        TruffleLanguage.Env env = ENV.get(null);
        Thread thread = Thread.currentThread();
        Object callable = arguments[0];
        Runnable submit = () -> {
            try {
                env.submitThreadLocal(new Thread[] {thread}, new ThreadLocalAction(true, false) {
                    @Override
                    protected void perform(Access access) {
                        call(callable);
                    }
                });
            } catch (IllegalStateException closed) {
                // The context is closing: nothing runs in it any more.
            }
        };
        return env.asGuestValue(submit);
    }

    @TruffleBoundary
    private static void call(Object callable) {
        try {
            InteropLibrary.getUncached().execute(callable);
        } catch (InteropException e) {
            throw new IllegalStateException("pyselect4j: the main-thread callable cannot be called", e);
        }
    }
}
