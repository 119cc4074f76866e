package org.pyselect4j.launcher;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.runtime.AbstractCompilationTask;
import com.oracle.truffle.runtime.BaseOSRRootNode;
import com.oracle.truffle.runtime.OptimizedCallTarget;
import com.oracle.truffle.runtime.OptimizedTruffleRuntime;
import com.oracle.truffle.runtime.OptimizedTruffleRuntimeListener;

/**
 * Keeps the JIT from compiling while GraalPy starts, and lets it compile once the
 * program starts. On two cores, Truffle's compilations during start-up (of code
 * that mostly runs only then, on a Graal compiler that is itself cold Java) cost
 * start-up about as much as they take: held back, the first line comes about a
 * second sooner, and the program warms up as fast, within the noise of the
 * measurements in bench/history.md.
 *
 * <p>Truffle has no option for it, so the gate listens to its runtime's
 * internal compilation events ({@code com.oracle.truffle.runtime}, which
 * {@code bin/pyselect4j} exports to the launcher) and makes each compiler
 * thread wait at the start of a compilation until {@link #open()}. Queued
 * compilations stay queued meanwhile, in Truffle's order of priority. Without
 * that export, or without the JIT, {@link #holdCompilations()} leaves
 * compilation as it is. Made by the thread that opens it.
 *
 * <p>{@link #openAfter} holds them a while longer: a program that ends within
 * that time runs as without the JIT (see {@code PYSELECT4J_JIT_DELAY} in
 * {@link Main}).
 *
 * <p>Once open, the gate still holds compilations while the program imports
 * modules ({@link #importing}, told by the runner) and for {@link #IMPORT_GRACE}
 * after the last import ends (a compilation, once started, runs to its end, a
 * second or more on a cold compiler: the grace keeps one from starting between
 * two imports), for at most {@link #IMPORT_HOLD_LIMIT} after it opened. An import
 * runs code once, the way start-up does, and compiling it meanwhile costs the
 * program about as much as it takes (a program that imports asyncio and ends:
 * bench/history.md). The limit keeps the JIT for a program whose work runs
 * inside an import.
 *
 * <p>Of the compilations queued meanwhile, those whose code has not run since
 * the hold ended are dropped from the queue before they start ({@link HeldBacklog}).
 */
final class StartupCompilationGate {
    private static final String RUNTIME_MODULE = "org.graalvm.truffle.runtime";
    private static final String RUNTIME_PACKAGE = "com.oracle.truffle.runtime";

    /** The longest time after the gate opens that imports hold compilations. */
    private static final Duration IMPORT_HOLD_LIMIT = Duration.ofSeconds(10);
    /** How long after the last import ends compilations are still held. */
    private static final Duration IMPORT_GRACE = Duration.ofMillis(100);

    /** The thread that will open the gate: a compilation it runs itself (not in the background) is never held. */
    private final Thread opener = Thread.currentThread();
    private final long importHoldLimitNanos;
    private final long importGraceNanos;
    /** Whether a time to open is set; guarded by this. */
    private boolean scheduled;
    /** The {@link System#nanoTime()} at which it opens, once scheduled; guarded by this. */
    private long opensAt;
    /** How many imports are under way, in all threads; guarded by this. */
    private int imports;
    /** When the last import ended, or the opening if later; guarded by this. */
    private long importsEnded;
    /** Whether {@link #open()} let everything go; guarded by this. */
    private boolean released;

    StartupCompilationGate() {
        this(IMPORT_HOLD_LIMIT, IMPORT_GRACE);
    }

    StartupCompilationGate(Duration importHoldLimit, Duration importGrace) {
        importHoldLimitNanos = importHoldLimit.toNanos();
        importGraceNanos = importGrace.toNanos();
    }

    /**
     * Holds every compilation that starts from now on until {@link #open()}, when
     * the JIT is on and Truffle's runtime package is exported to the launcher;
     * says whether it does.
     */
    boolean holdCompilations() {
        Optional<Module> runtime = ModuleLayer.boot().findModule(RUNTIME_MODULE);
        if (runtime.isPresent() && runtime.get().isExported(RUNTIME_PACKAGE, StartupCompilationGate.class.getModule())) {
            return Listener.register(this); // the only use of the package's types: loaded only once it is readable
        }
        return false;
    }

    /** Lets held and later compilations go now, imports or not; idempotent. */
    synchronized void open() {
        released = true;
        notifyAll();
    }

    /** Lets held and later compilations go once {@code delay} has passed (and imports allow); an earlier opening stands. */
    synchronized void openAfter(Duration delay) {
        long at = System.nanoTime() + delay.toNanos();
        if (!scheduled || at - opensAt < 0) {
            scheduled = true;
            opensAt = at;
            importsEnded = at;
            notifyAll();
        }
    }

    /** Told by the runner as an import of a module starts ({@code true}) and as it ends ({@code false}). */
    synchronized void importing(boolean starts) {
        imports += starts ? 1 : -1;
        if (imports == 0) {
            long now = System.nanoTime();
            if (!scheduled || now - importsEnded > 0) {
                importsEnded = now;
            }
            notifyAll();
        }
    }

    /** Whether a compilation starting now would wait. */
    synchronized boolean holds() {
        return !released && (!scheduled || timeToWait() > 0);
    }

    /**
     * Where a compilation starts: waits, unless on the thread that made the gate,
     * until it opens and imports allow; says whether the gate let it through
     * (false on that thread, which it never holds).
     */
    boolean awaitOpen() {
        if (Thread.currentThread() == opener) {
            return false; // it would wait for itself
        }
        try {
            synchronized (this) {
                while (!released && !scheduled) {
                    wait();
                }
                long left;
                while ((left = timeToWait()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Truffle cancelling the compilation, or shutting down: let it
        }
        return true;
    }

    /** Nanoseconds still to wait, once scheduled or released; guarded by this. */
    private long timeToWait() {
        if (released) {
            return 0;
        }
        long now = System.nanoTime();
        long holdEnds = opensAt + importHoldLimitNanos;
        long until = imports > 0 ? holdEnds : importsEnded + importGraceNanos;
        if (until - holdEnds > 0) {
            until = holdEnds;
        }
        return Math.max(until - now, opensAt - now);
    }

    private record Listener(StartupCompilationGate gate, HeldBacklog<OptimizedCallTarget> backlog)
            implements OptimizedTruffleRuntimeListener {
        private static final String STALE = "pyselect4j: held while starting or importing, not run since";

        static boolean register(StartupCompilationGate gate) {
            if (Truffle.getRuntime() instanceof OptimizedTruffleRuntime runtime) {
                runtime.addListener(new Listener(gate, new HeldBacklog<>(OptimizedCallTarget::getCallAndLoopCount)));
                return true;
            }
            return false;
        }

        @Override
        public void onCompilationQueued(OptimizedCallTarget target, int tier) {
            // A loop's on-stack replacement counts its iterations elsewhere: never judged stale.
            if (gate.holds() && !(target.getRootNode() instanceof BaseOSRRootNode)) {
                backlog.queued(target);
            }
        }

        @Override
        public void onCompilationStarted(OptimizedCallTarget target, AbstractCompilationTask task) {
            if (!gate.awaitOpen()) {
                return;
            }
            backlog.holdOver(); // no hold is on now
            try {
                backlog.dropStale(stale -> stale.cancelCompilation(STALE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as in awaitOpen
            }
        }
    }
}
