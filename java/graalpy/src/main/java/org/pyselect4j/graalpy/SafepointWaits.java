package org.pyselect4j.graalpy;

import org.pyselect4j.core.Blocking;
import org.pyselect4j.core.Signals;
import org.pyselect4j.core.WaitHook;
import org.pyselect4j.core.WaitInterruptedException;
import org.pyselect4j.core.Waker;

import com.oracle.truffle.api.TruffleSafepoint;

/**
 * Blocking waits as GraalPy's own blocking calls do them: the thread tells
 * Truffle it is blocked, with an interrupter that wakes the wait's
 * {@link Waker}. Truffle delivers Python signal handlers, context cancellation
 * and {@code Context.interrupt} to a thread as thread-local actions, and calls
 * a blocked thread's interrupter at once. The woken wait then runs
 * {@code pendingWork}, a call into Python in which GraalPy performs the
 * actions: a handler's exception or a cancellation leaves it as a
 * {@code PolyglotException} that ends the wait (and reaches the script as
 * what it was); otherwise the wait goes on with the remaining time (PEP 475).
 * {@code Context.close(true)} and {@code Context.interrupt} also call
 * {@link Thread#interrupt()}, which ends the wait too.
 *
 * <p>The main thread's waits are also woken directly by the signals that
 * pyselect4j catches for Python handlers ({@link Signals.Target#blockedIn}):
 * {@code pendingWork} then runs those handlers, without waiting for Truffle.
 */
final class SafepointWaits implements WaitHook {
    private final Thread mainThread;
    private final Signals.Target signals;
    private final Runnable pendingWork;

    SafepointWaits(Thread mainThread, Signals.Target signals, Runnable pendingWork) {
        this.mainThread = mainThread;
        this.signals = signals;
        this.pendingWork = pendingWork;
    }

    @Override
    public int block(Blocking.Attempt attempt) {
        if (Thread.currentThread() != mainThread) {
            return blockWoken(attempt);
        }
        signals.blockedIn(attempt.waker());
        int rc;
        try {
            rc = blockWoken(attempt);
        } finally {
            signals.unblocked();
        }
        if (signals.collectPending()) {
            // The signal may have made a descriptor ready (the wake-up fd) before its dispatch woke
            // us: in CPython the wait would have seen EINTR and run the handler before returning.
            pendingWork.run();
        }
        return rc;
    }

    private int blockWoken(Blocking.Attempt attempt) {
        WakingInterrupter interrupter = new WakingInterrupter(attempt.waker());
        while (true) {
            int rc;
            try {
                rc = TruffleSafepoint.getCurrent().setBlockedFunction(null, interrupter,
                        Blocking.Attempt::getAsInt, attempt, null, null);
            } catch (WaitInterruptedException e) {
                // Context.close(true) and Context.interrupt also interrupt the thread: let
                // their action win over the KeyboardInterrupt that a plain interrupt means.
                pendingWork.run();
                throw e;
            }
            if (rc != Blocking.WOKEN) {
                return rc;
            }
            pendingWork.run();
        }
    }

    /** Called by Truffle, from any thread, when an action is pending for the waiting thread. */
    private record WakingInterrupter(Waker waker) implements TruffleSafepoint.Interrupter {
        @Override
        public void interrupt(Thread thread) {
            waker.wake();
        }

        @Override
        public void resetInterrupted() {
            // The wait clears its waker itself when it wakes.
        }
    }
}
