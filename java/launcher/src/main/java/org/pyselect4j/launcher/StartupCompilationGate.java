package org.pyselect4j.launcher;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.runtime.AbstractCompilationTask;
import com.oracle.truffle.runtime.OptimizedCallTarget;
import com.oracle.truffle.runtime.OptimizedTruffleRuntime;
import com.oracle.truffle.runtime.OptimizedTruffleRuntimeListener;

/**
 * Keeps the JIT from compiling while GraalPy starts, and lets it compile once the
 * program starts. On two cores, Truffle's compilations during start-up (of code
 * that mostly runs only then, on a Graal compiler that is itself cold Java) cost
 * start-up about as much as they take: held back, the first line comes about a
 * second sooner, and the program warms up as fast, within the noise of the
 * README's measurements (Performance section).
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
 */
final class StartupCompilationGate {
    private static final String RUNTIME_MODULE = "org.graalvm.truffle.runtime";
    private static final String RUNTIME_PACKAGE = "com.oracle.truffle.runtime";

    /** The thread that will open the gate: a compilation it runs itself (not in the background) is never held. */
    private final Thread opener = Thread.currentThread();
    /** Whether a time to open is set; guarded by this. */
    private boolean scheduled;
    /** The {@link System#nanoTime()} at which it opens, once scheduled; guarded by this. */
    private long opensAt;

    /**
     * Holds every compilation that starts from now on until {@link #open()}, when
     * the JIT is on and Truffle's runtime package is exported to the launcher.
     */
    void holdCompilations() {
        Optional<Module> runtime = ModuleLayer.boot().findModule(RUNTIME_MODULE);
        if (runtime.isPresent() && runtime.get().isExported(RUNTIME_PACKAGE, StartupCompilationGate.class.getModule())) {
            Listener.register(this); // the only use of the package's types: loaded only once it is readable
        }
    }

    /** Lets held and later compilations go now; idempotent. */
    void open() {
        openAfter(Duration.ZERO);
    }

    /** Lets held and later compilations go once {@code delay} has passed; an earlier opening stands. */
    synchronized void openAfter(Duration delay) {
        long at = System.nanoTime() + delay.toNanos();
        if (!scheduled || at - opensAt < 0) {
            scheduled = true;
            opensAt = at;
            notifyAll();
        }
    }

    /** Where a compilation starts: waits, unless on the thread that made the gate, until it opens. */
    void awaitOpen() {
        if (Thread.currentThread() == opener) {
            return; // it would wait for itself
        }
        try {
            synchronized (this) {
                while (!scheduled) {
                    wait();
                }
                long left;
                while ((left = opensAt - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Truffle cancelling the compilation, or shutting down: let it
        }
    }

    private record Listener(StartupCompilationGate gate) implements OptimizedTruffleRuntimeListener {
        static void register(StartupCompilationGate gate) {
            if (Truffle.getRuntime() instanceof OptimizedTruffleRuntime runtime) {
                runtime.addListener(new Listener(gate));
            }
        }

        @Override
        public void onCompilationStarted(OptimizedCallTarget target, AbstractCompilationTask task) {
            gate.awaitOpen();
        }
    }
}
