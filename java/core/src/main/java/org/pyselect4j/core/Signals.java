package org.pyselect4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.pyselect4j.jni.Native;

/**
 * The process's signals that have a handler in an engine, caught the way
 * CPython catches them: a native handler (libpyselect4j's {@code signal.c})
 * sets one pending bit per signal, so a burst of one signal is handled once,
 * writes the signal number to the wake-up fd ({@link Target#setWakeupFd}), and
 * wakes this class's dispatcher thread through an eventfd. The dispatcher
 * moves each pending signal to the {@link Target} that caught it and calls the
 * target's {@code onArrival}; the engine then runs its handlers in its main
 * thread, taking the signals with {@link Target#takePending} at that moment,
 * so that the handler current then is the one that runs.
 *
 * <p>A target's main thread blocked in a {@link Blocking} wait is woken by the
 * native handler itself, one thread hand-off sooner than the dispatcher could:
 * the wait registers its {@link Waker} with {@link Target#blockedIn}, whose
 * eventfd the handler writes for the target's signals.
 *
 * <p>Signals are per process; each signal belongs to the last target that
 * caught it. The JVM's own signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGQUIT,
 * SIGTRAP, SIGUSR2) must not be caught here: the engine's binding keeps them
 * away; SIGKILL and SIGSTOP fail with EINVAL, as sigaction says.
 */
public final class Signals {
    /** The largest signal number the pending mask holds (SIGRTMAX on Linux). */
    public static final int MAX_SIGNAL = 64;

    private static final Target[] OWNERS = new Target[MAX_SIGNAL + 1];
    private static Thread dispatcher;
    /** The target that set the wake-up fd last: its end unsets it. */
    private static Target wakeupOwner;

    private Signals() {
    }

    /** What an engine's context receives signals through; one per context. */
    public static final class Target {
        private final AtomicLong pending = new AtomicLong();
        private final Runnable onArrival;
        private volatile Waker blockedWaker;
        /** The signals this target caught (bit {@code signum - 1}); changed under the signal lock. */
        private volatile long caught;

        /**
         * @param onArrival called on the dispatcher thread when signals for this
         *     target arrived; must return quickly (e.g. schedule work on the main thread)
         */
        public Target(Runnable onArrival) {
            this.onArrival = onArrival;
        }

        /**
         * Catches {@code signum} for this target from now on.
         *
         * @param restart whether system calls the signal interrupts are restarted (SA_RESTART)
         * @throws ErrnoException as sigaction(2) fails (EINVAL for SIGKILL, SIGSTOP, out of range)
         */
        public void handle(int signum, boolean restart) {
            synchronized (OWNERS) {
                startDispatcher();
                Errors.check(Native.signalHandle(signum, restart));
                Target previous = OWNERS[signum];
                if (previous != null && previous != this) {
                    previous.caught &= ~bit(signum);
                }
                OWNERS[signum] = this;
                caught |= bit(signum);
            }
        }

        /** Gives {@code signum} back its action from before {@link #handle}, if this target caught it. */
        public void release(int signum) {
            synchronized (OWNERS) {
                if (signum > 0 && signum <= MAX_SIGNAL && OWNERS[signum] == this) {
                    Errors.check(Native.signalRestore(signum));
                    Native.signalSetWaiterFd(bit(signum), -1);
                    OWNERS[signum] = null;
                    caught &= ~bit(signum);
                }
            }
        }

        /** Releases every signal this target caught, and its wake-up fd: its engine's context ends. */
        public void releaseAll() {
            for (int signum = 1; signum <= MAX_SIGNAL; signum++) {
                release(signum);
            }
            synchronized (OWNERS) {
                if (wakeupOwner == this) {
                    Native.signalSetWakeupFd(-1, true);
                    wakeupOwner = null;
                }
            }
        }

        /**
         * Sets the descriptor each caught signal's number is written to, as one
         * byte, from the signal handler itself; -1 for none. Per process.
         *
         * @param warnOnFullBuffer whether a write failing because the buffer is
         *     full is reported ({@link #takeWakeupError}); other failures always are
         * @return the previous descriptor, or -1
         */
        public int setWakeupFd(int fd, boolean warnOnFullBuffer) {
            synchronized (OWNERS) {
                wakeupOwner = fd == -1 ? null : this;
                return Native.signalSetWakeupFd(fd, warnOnFullBuffer);
            }
        }

        public boolean catches(int signum) {
            synchronized (OWNERS) {
                return signum > 0 && signum <= MAX_SIGNAL && OWNERS[signum] == this;
            }
        }

        /**
         * The signals that arrived for this target since the last call (bit
         * {@code signum - 1} each), taken: also those the native handler has
         * caught but the dispatcher has not moved yet, so that a signal a thread
         * just raised at itself is seen.
         */
        public long takePending() {
            collect();
            return pending.getAndSet(0);
        }

        /** Puts back signals taken but not handled (a handler raised before their turn). */
        public void putBack(long signals) {
            pending.getAndAccumulate(signals, (a, b) -> a | b);
        }

        public boolean hasPending() {
            return pending.get() != 0;
        }

        /** Whether signals are pending for this target, counting those the dispatcher has not moved yet. */
        public boolean collectPending() {
            collect();
            return hasPending();
        }

        /**
         * Declares that the main thread waits, woken by {@code waker}, until
         * {@link #unblocked}; wakes it at once if signals are already pending.
         * Meanwhile signals only wake it, without {@code onArrival}: the waiting
         * thread takes them itself each time it wakes, and once more after
         * {@link #unblocked} (a signal may come as the wait ends).
         */
        public void blockedIn(Waker waker) {
            blockedWaker = waker;
            Native.signalSetWaiterFd(caught, waker.fd()); // wakers stay open: see Waker
            if (hasPending()) {
                waker.wake();
            }
        }

        public void unblocked() {
            Native.signalSetWaiterFd(caught, -1);
            blockedWaker = null;
        }

        /** After signals were added to {@link #pending}: wakes the main thread's wait, or tells the engine. */
        private void arrived() {
            Waker waker = blockedWaker;
            if (waker != null) {
                waker.wake();
            } else {
                onArrival.run();
            }
        }
    }

    private static long bit(int signum) {
        return 1L << (signum - 1);
    }

    /** The errno of the last write to the wake-up fd that failed and must be reported, or 0; cleared. */
    public static int takeWakeupError() {
        return Native.signalTakeWakeupError();
    }

    /** Whether the process ignores {@code signum} (SIG_IGN), as one that came ignored from its parent. */
    public static boolean isIgnored(int signum) {
        return Errors.check(Native.signalIsIgnored(signum)) == 1;
    }

    /** Sends {@code signum} to the calling thread (raise(3)). */
    public static void raise(int signum) {
        Errors.check(Native.signalRaise(signum));
    }

    /**
     * Moves the natively pending signals to their targets, and tells each target. The move is
     * done under the lock, so that a {@link Target#takePending} racing with the dispatcher
     * thread finds every signal either still native or already in its target.
     */
    private static void collect() {
        List<Target> notified = new ArrayList<>(1);
        synchronized (OWNERS) {
            long caught = Native.signalTakePending();
            while (caught != 0) {
                int signum = Long.numberOfTrailingZeros(caught) + 1;
                caught &= caught - 1;
                Target owner = OWNERS[signum];
                if (owner == null) {
                    continue; // released meanwhile: as in CPython, a handler no longer set does not run
                }
                owner.putBack(bit(signum));
                if (!notified.contains(owner)) {
                    notified.add(owner);
                }
            }
        }
        for (Target target : notified) {
            target.arrived();
        }
    }

    private static void startDispatcher() {
        if (dispatcher != null) {
            return;
        }
        int notifyFd = EventFd.create(0, LinuxConstants.get("EFD_CLOEXEC"));
        Native.signalSetNotifyFd(notifyFd);
        dispatcher = new Thread(() -> {
            while (true) {
                EventFd.read(notifyFd, WaitHook.NONE); // blocks until the handler caught a signal
                collect();
            }
        }, "pyselect4j-signals");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }
}
