package org.pyselect4j.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.pyselect4j.core.Fds;

/**
 * An embedding application stops a script blocked in a wait without a timeout,
 * in each of the three ways Java offers, promptly and without leaving a
 * descriptor, a thread or native memory behind.
 */
class CancellationTest {
    /** What issue #4 asks: the wait ends within this time of the request. */
    private static final long PROMPT_MS = 100;
    /** A loaded 2-core machine can stall any thread for longer: the best of a few attempts counts. */
    private static final int ATTEMPTS = 3;

    /** The three unbounded waits, each on the read end of an idle pipe. */
    enum Wait {
        EPOLL("""
                ep = select.epoll()
                ep.register(r, select.EPOLLIN)
                ep.poll()
                """),
        POLL("""
                p = select.poll()
                p.register(r, select.POLLIN)
                p.poll()
                """),
        SELECT("select.select([r], [], [])\n");

        final String code;

        Wait(String code) {
            this.code = code;
        }
    }

    /** How the application stops the script, and what the waiting thread then sees. */
    enum Cancellation {
        CONTEXT_CLOSE(true, (waiting) -> waiting.context.close(true)),
        CONTEXT_INTERRUPT(false, (waiting) -> {
            try {
                waiting.context.interrupt(Duration.ofSeconds(10));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("Context.interrupt timed out", e);
            }
        }),
        THREAD_INTERRUPT(false, (waiting) -> waiting.thread.interrupt());

        final boolean closesTheContext;
        final Consumer<Waiting> request;

        Cancellation(boolean closesTheContext, Consumer<Waiting> request) {
            this.closesTheContext = closesTheContext;
            this.request = request;
        }
    }

    private static Context newContext(Context.Builder builder) {
        return PySelect4j.install(builder.allowNativeAccess(true).allowIO(IOAccess.ALL).allowCreateThread(true))
                .build();
    }

    private static Context newContext() {
        return newContext(Context.newBuilder("python"));
    }

    /** A script blocked in a wait on its own thread, on the read end of a pipe the test owns. */
    private record Waiting(Context context, Thread thread, AtomicReference<Throwable> outcome) {
        static Waiting start(Context context, Wait wait, int readEnd) throws InterruptedException {
            context.eval("python", "import select\nr = " + readEnd);
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                started.countDown();
                try {
                    context.eval("python", wait.code);
                } catch (Throwable e) {
                    outcome.set(e);
                }
            }, "waiting-script");
            thread.start();
            started.await();
            Thread.sleep(500); // well inside the wait by now
            assertTrue(thread.isAlive(), "the script should be waiting");
            return new Waiting(context, thread, outcome);
        }
    }

    @ParameterizedTest
    @EnumSource(Wait.class)
    void eachCancellationEndsAnUnboundedWaitPromptlyAndLeavesNothingBehind(Wait wait) throws Exception {
        warmUp(wait);
        for (Cancellation cancellation : Cancellation.values()) {
            List<Long> latencies = new ArrayList<>();
            while (latencies.size() < ATTEMPTS && latencies.stream().allMatch(ms -> ms >= PROMPT_MS)) {
                latencies.add(cancelOnce(wait, cancellation));
            }
            System.out.printf("%s ended by %s in %s ms%n", wait, cancellation, latencies);
            assertTrue(latencies.stream().anyMatch(ms -> ms < PROMPT_MS),
                    wait + " ended by " + cancellation + " after " + latencies + " ms");
        }
    }

    /** One cancellation of a waiting script, checked for its outcome and leaks: how long the wait took to end. */
    private static long cancelOnce(Wait wait, Cancellation cancellation) throws Exception {
        long fdsBefore = openDescriptors();
        int threadsBefore = Thread.activeCount();
        long directMemoryBefore = directMemoryUsed();

        int[] pipe = Fds.pipe(false);
        Context context = newContext();
        Waiting waiting = Waiting.start(context, wait, pipe[0]);
        long requested = System.nanoTime();
        cancellation.request.accept(waiting);
        waiting.thread.join(TimeUnit.SECONDS.toMillis(10));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requested);

        assertFalse(waiting.thread.isAlive(), wait + " still waiting after " + cancellation);
        PolyglotException ended = (PolyglotException) waiting.outcome.get();
        assertNotNull(ended, "the wait should end with an exception");
        switch (cancellation) {
            case CONTEXT_CLOSE -> assertTrue(ended.isCancelled(), ended.toString());
            case CONTEXT_INTERRUPT -> assertTrue(ended.isInterrupted(), ended.toString());
            case THREAD_INTERRUPT -> assertTrue(ended.getMessage().startsWith("KeyboardInterrupt"), ended.toString());
        }

        if (!cancellation.closesTheContext) {
            // The context survives and runs the next script; its next wait is not woken by
            // what ended the last one: it lasts its whole timeout.
            assertEquals(2, context.eval("python", "1 + 1").asInt());
            double waitedSeconds = context.eval("python", """
                    import time
                    start = time.monotonic()
                    assert select.select([r], [], [], 0.2) == ([], [], [])
                    time.monotonic() - start
                    """).asDouble();
            assertTrue(waitedSeconds >= 0.2, "the next wait lasted " + waitedSeconds + " s");
            context.close();
        }
        Fds.close(pipe[0]);
        Fds.close(pipe[1]);
        assertEquals(fdsBefore, openDescriptors(), "descriptors left by " + cancellation);
        assertEventually(() -> Thread.activeCount() <= threadsBefore, () -> "threads left by " + cancellation
                + ": " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
        assertEventually(() -> directMemoryUsed() <= directMemoryBefore, "native memory left by " + cancellation);
        return tookMs;
    }

    /**
     * One unmeasured cancellation first: the first in a process loads GraalPy's
     * and the JVM's classes for it (measured up to 140 ms), and GraalPy opens
     * files of its own once per process, which are not ours to count.
     */
    private static void warmUp(Wait wait) throws InterruptedException {
        int[] pipe = Fds.pipe(false);
        try (Context context = newContext()) {
            Waiting waiting = Waiting.start(context, wait, pipe[0]);
            waiting.thread.interrupt();
            waiting.thread.join();
        } finally {
            Fds.close(pipe[0]);
            Fds.close(pipe[1]);
        }
    }

    @Test
    void epollObjectsStillOpenAreClosedWithTheirContext() throws Exception {
        int fd;
        try (Context context = newContext()) {
            fd = context.eval("python", "import select\nkept = select.epoll()\nkept.fileno()").asInt();
            assertTrue(isOpen(fd));
        }
        assertFalse(isOpen(fd));
    }

    @Test
    void timerDescriptorsOutliveTheirContextUnlessAskedOtherwise() throws Exception {
        String create = "import os, time\nos.timerfd_create(time.CLOCK_MONOTONIC)";
        int kept;
        try (Context context = newContext()) {
            kept = context.eval("python", create).asInt();
        }
        try {
            assertTrue(Fds.isTimerFd(kept), "CPython keeps timer descriptors open: so does the default");
        } finally {
            Fds.close(kept);
        }

        int closed;
        int[] reusingPipe;
        try (Context context = newContext(PySelect4j.closeTimerFdsWithContext(Context.newBuilder("python")))) {
            closed = context.eval("python", create).asInt();
            context.eval("python", "os.close(os.timerfd_create(time.CLOCK_MONOTONIC))");
            reusingPipe = Fds.pipe(false); // likely takes the number the script's timer had
            assertTrue(Fds.isTimerFd(closed));
        }
        assertFalse(isOpen(closed));
        try {
            assertTrue(isOpen(reusingPipe[0]) && isOpen(reusingPipe[1]), "a number reused by another file is not closed");
        } finally {
            Fds.close(reusingPipe[0]);
            Fds.close(reusingPipe[1]);
        }
    }

    private static boolean isOpen(int fd) {
        return Files.exists(Path.of("/proc/self/fd", Integer.toString(fd)), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1; // minus the one listing them
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }

    /** Direct buffers and ended threads go away only after a collection, a little later. */
    private static void assertEventually(java.util.function.BooleanSupplier condition, String message)
            throws InterruptedException {
        assertEventually(condition, () -> message);
    }

    private static void assertEventually(java.util.function.BooleanSupplier condition, Supplier<String> message)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), message);
    }
}
