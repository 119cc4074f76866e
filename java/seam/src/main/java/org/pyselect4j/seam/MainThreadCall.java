package org.pyselect4j.seam;

import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.ThreadLocalAction;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;

/**
 * Asks one thread of a context, from any thread, to call a Python callable
 * with no arguments at its next safepoint, as a Truffle thread-local action
 * (see {@link SeamContext#mainThreadCall}); {@link #run} asks.
 *
 * <p>A request stays open until the call has started. Truffle drops an action
 * submitted while the thread is outside the context (between two of an
 * embedder's {@code eval}s), and one that is pending when the thread leaves
 * it; an action that finds the thread inside one of GraalPy's async actions
 * does not call either. So while a request is open, a watch asks again each
 * time the last action ended without the call, first 1 ms after it was made,
 * then at doubling intervals up to {@link #MAX_WATCH_MILLIS}: a handler runs
 * at most that long after the thread is back in Python code. Nothing is
 * watched while no request is open.
 */
final class MainThreadCall implements Runnable {
    private static final long FIRST_WATCH_MILLIS = 1;
    private static final long MAX_WATCH_MILLIS = 100;
    /** The root node through which GraalPy (25) calls its async actions' Python code. */
    private static final String GRAALPY_ASYNC_ACTION_ROOT = "com.oracle.graal.python.runtime.AsyncHandler$CallRootNode";
    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();
    private static final ScheduledExecutorService WATCHES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pyselect4j-main-thread-calls");
        thread.setDaemon(true);
        return thread;
    });

    private final Env env;
    private final Thread thread;
    private final Object callable;
    /** A call was asked for and has not started. */
    private final AtomicBoolean requested = new AtomicBoolean();
    /** A watch is scheduled: at most one at a time. Whether to start or end one is decided under this lock. */
    private boolean watching;
    private volatile Future<Void> lastAction;

    MainThreadCall(Env env, Thread thread, Object callable) {
        this.env = env;
        this.thread = thread;
        this.callable = callable;
    }

    @Override
    public void run() {
        requested.set(true);
        if (submit()) {
            synchronized (this) {
                if (!watching) {
                    watching = true;
                    watchAfter(FIRST_WATCH_MILLIS);
                }
            }
        }
    }

    /** @return false when the context is closed, where nothing runs any more */
    private boolean submit() {
        try {
            lastAction = env.submitThreadLocal(new Thread[] {thread}, new ThreadLocalAction(true, false) {
                @Override
                protected void perform(Access access) {
                    // GraalPy never runs one async action inside another, because an exception a
                    // signal handler raises there is lost as "Exception ignored": the same rule here.
                    if (!insideGraalPyAsyncAction() && requested.getAndSet(false)) {
                        callFromAction(callable);
                    }
                }
            });
            return true;
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    private void watchAfter(long millis) {
        WATCHES.schedule(() -> watch(millis), millis, TimeUnit.MILLISECONDS);
    }

    private void watch(long lastDelayMillis) {
        synchronized (this) {
            // A request made after this check finds no watch under the lock, and starts one.
            if (!requested.get()) {
                watching = false;
                return;
            }
        }
        if (lastAction.isDone() && requested.get() && !submit()) {
            synchronized (this) {
                watching = false; // the context is closed: nothing runs any more
            }
            return;
        }
        watchAfter(Math.min(2 * lastDelayMillis, MAX_WATCH_MILLIS));
    }

    /** Whether the thread is running one of GraalPy's async actions (a weakref callback, a finalizer, a handler of a signal GraalPy delivers). */
    @TruffleBoundary
    private static boolean insideGraalPyAsyncAction() {
        Boolean found = Truffle.getRuntime().iterateFrames(frame ->
                frame.getCallTarget() instanceof RootCallTarget target
                        && target.getRootNode().getClass().getName().equals(GRAALPY_ASYNC_ACTION_ROOT) ? Boolean.TRUE : null);
        return found != null;
    }

    @TruffleBoundary
    private static void callFromAction(Object callable) {
        try {
            INTEROP.execute(callable);
        } catch (InteropException e) {
            throw new IllegalStateException("pyselect4j: the main-thread callable cannot be called", e);
        }
    }
}
