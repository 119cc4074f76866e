import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.io.IOAccess;
import org.pyselect4j.graalpy.PySelect4j;

/**
 * Memory of an embedding application: what its process holds once it has made
 * one context with pyselect4j, and what each further context on the same
 * engine adds, each left open after running a small asyncio program (a
 * timerfd and a pipe in an epoll-based event loop). After each step the
 * program collects garbage and reads its resident memory ({@code VmRSS} of
 * {@code /proc/self/status}), the Java heap in use, and the committed
 * non-heap pools (class metadata, compiled code). Prints one JSON line per
 * step: the engine alone, then 1..--contexts open contexts, then all closed.
 * Run by {@code bench/embedded ContextMemory}.
 */
public final class ContextMemory {
    /** What each context runs: asyncio's epoll loop woken by a timerfd, then an epoll of its own. */
    private static final String PROGRAM = """
            import asyncio, os, select, time

            async def main():
                loop = asyncio.get_running_loop()
                timer = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)
                expired = asyncio.Event()

                def on_expiry():
                    os.read(timer, 8)
                    expired.set()

                loop.add_reader(timer, on_expiry)
                os.timerfd_settime(timer, initial=0.01)
                await expired.wait()
                loop.remove_reader(timer)
                os.close(timer)

            asyncio.run(main())
            r, w = os.pipe()
            os.write(w, b"x")
            with select.epoll() as ep:
                ep.register(r, select.EPOLLIN)
                assert ep.poll(1.0) == [(r, select.EPOLLIN)]
            os.close(r)
            os.close(w)
            """;

    private static final double MIB = 1024.0 * 1024.0;

    public static void main(String[] args) throws Exception {
        int contexts = 4;
        String interpreter = "pyselect4j embedded";
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : usage("a value after " + args[i]);
            switch (args[i]) {
                case "--contexts" -> contexts = Integer.parseInt(value);
                case "--interpreter" -> interpreter = value;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (contexts < 1) {
            usage("--contexts must be at least 1");
        }
        List<Context> open = new ArrayList<>();
        try (Engine engine = Engine.create()) {
            emit(interpreter, "engine", 0, Double.NaN);
            for (int i = 1; i <= contexts; i++) {
                long start = System.nanoTime();
                Context context = PySelect4j.newBuilder().engine(engine)
                        .allowIO(IOAccess.ALL).allowCreateThread(true).build();
                open.add(context);
                context.eval("python", PROGRAM);
                emit(interpreter, "open", i, (System.nanoTime() - start) / 1e9);
            }
            for (Context context : open) {
                context.close();
            }
            emit(interpreter, "closed", 0, Double.NaN);
        }
    }

    /** One JSON line: the step, how many contexts are open, and the memory after a collection. */
    private static void emit(String interpreter, String step, int openContexts, double seconds) throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc(); // a few times: objects freed by one collection's finalization go in the next
        }
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long nonHeapCommitted = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP) {
                nonHeapCommitted += pool.getUsage().getCommitted();
            }
        }
        System.out.printf(Locale.ROOT, "{\"benchmark\": \"context_memory\", \"interpreter\": \"%s\", \"step\": \"%s\", "
                + "\"open_contexts\": %d, \"rss_mib\": %.1f, \"heap_used_mib\": %.1f, \"non_heap_committed_mib\": %.1f, "
                + "\"seconds\": %s}%n", interpreter, step, openContexts, residentBytes() / MIB, heapUsed / MIB,
                nonHeapCommitted / MIB, Double.isNaN(seconds) ? "null" : String.format(Locale.ROOT, "%.3f", seconds));
        System.out.flush();
    }

    /** This process's resident memory now, from the kernel. */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }

    private static String usage(String problem) {
        System.err.println("ContextMemory: " + problem
                + "\nusage: bench/embedded [--no-jit] ContextMemory [--contexts N] [--interpreter LABEL]");
        System.exit(2);
        return problem;
    }
}
