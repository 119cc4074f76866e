package org.pyselect4j.graalpy;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.ThreadNice;

/**
 * Truffle's compiler threads at the lowest priority (nice 19), so that they
 * compile only with CPU time that nothing else in the machine wants. On two
 * cores, the JIT otherwise slows GraalPy's start-up: its compiler, cold Java
 * code itself, competes with start-up for the cores (see the README's
 * Performance section for the figures).
 *
 * <p>Truffle makes its compiler threads when it first has something to
 * compile, and gives no hook for it, so a daemon thread watches this process's
 * threads for their kernel name, reading each thread's name until it has
 * named itself: every 10 ms until the first appears (for at
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

    private static final int NAME_READS = 2;

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
        // How often each thread's name was read: twice, 10 ms apart or more, tells a thread
        // that has named itself (the JVM does so as it starts); then it is not read again.
        Map<Integer, Integer> reads = new HashMap<>();
        boolean found = false;
        long deadline = System.nanoTime() + GIVE_UP_AFTER_NANOS;
        try {
            while (System.nanoTime() - deadline < 0) {
                for (int tid : ThreadNice.threads()) {
                    int count = reads.getOrDefault(tid, 0);
                    if (count == NAME_READS) {
                        continue;
                    }
                    String name = ThreadNice.nameOf(tid);
                    boolean compiler = name != null && name.startsWith(COMPILER_THREAD_NAME);
                    reads.put(tid, compiler ? NAME_READS : count + 1);
                    if (compiler) {
                        lower(tid);
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
