package org.pyselect4j.graalpy;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.ThreadNice;

/**
 * Truffle's compiler threads at the lowest priority (nice 19), so that they
 * compile only with CPU time that nothing else in the machine wants. On two
 * cores, the JIT otherwise slows GraalPy's start-up: its compiler, cold Java
 * code itself, competes with start-up for the cores (see bench/history.md,
 * "Compiling in the background", for the figures).
 *
 * <p>Truffle makes its compiler threads when it first has something to
 * compile, and gives no hook for it, so a daemon thread watches this process's
 * threads for their kernel name, reading each thread's name during its first
 * {@link #NAMING_NANOS} (a new thread carries its parent's name until the JVM
 * names it, later on a loaded machine: 10 ms were seen to be too short):
 * every 10 ms until the first compiler thread appears (for at
 * most {@link #GIVE_UP_AFTER_NANOS}: an engine without the JIT makes none),
 * then every 200 ms for {@link #KEEP_WATCHING_NANOS} more, for the further
 * threads of a busy queue. Truffle must not replace an idle compiler thread by
 * a new one at normal priority: {@link PySelect4j#compileInBackground} sets
 * {@code engine.CompilerIdleDelay=0} for that.
 */
final class BackgroundCompilation {
    /** The first 15 characters of "TruffleCompilerThread-N", all the kernel keeps. */
    private static final String COMPILER_THREAD_NAME = "TruffleCompiler";
    private static final int LOWEST_PRIORITY = 19;
    private static final long GIVE_UP_AFTER_NANOS = TimeUnit.MINUTES.toNanos(2);
    private static final long KEEP_WATCHING_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** How long after a thread is first seen its name is read: by then the JVM has named it. */
    private static final long NAMING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private BackgroundCompilation() {
    }

    /** Starts the watcher, once per process. */
    static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread watcher = new Thread(BackgroundCompilation::watch, "pyselect4j-background-compilation");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private static void watch() {
        Map<Integer, Long> firstSeen = new HashMap<>(); // thread id -> System.nanoTime() when first listed
        Set<Integer> lowered = new HashSet<>();
        boolean found = false;
        long deadline = System.nanoTime() + GIVE_UP_AFTER_NANOS;
        try {
            while (System.nanoTime() - deadline < 0) {
                long now = System.nanoTime();
                for (int tid : ThreadNice.threads()) {
                    if (lowered.contains(tid) || now - firstSeen.computeIfAbsent(tid, id -> now) > NAMING_NANOS) {
                        continue;
                    }
                    String name = ThreadNice.nameOf(tid);
                    if (name != null && name.startsWith(COMPILER_THREAD_NAME)) {
                        lower(tid);
                        lowered.add(tid);
                        if (!found) {
                            found = true;
                            deadline = System.nanoTime() + KEEP_WATCHING_NANOS;
                        }
                    }
                }
                Thread.sleep(found ? 200 : 10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException noProc) {
            // No /proc/self/task to watch: the compiler keeps its priority.
        }
    }

    private static void lower(int tid) {
        try {
            ThreadNice.set(tid, LOWEST_PRIORITY);
        } catch (ErrnoException ended) {
            // ESRCH: the thread ended between the listing and the call. Lowering a
            // thread of one's own process fails for no other reason.
        }
    }
}
