import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.io.IOAccess;
import org.pyselect4j.graalpy.PySelect4j;

/**
 * Cancellation latency: how long after an embedding application asks a script
 * to stop its unbounded wait ({@code ep.poll()}, {@code p.poll()},
 * {@code select.select(...)} on an idle pipe) the script's eval ends, for
 * each way Java offers: {@code Context.close(true)}, {@code Context.interrupt},
 * {@code Thread.interrupt()}. Contexts share one engine, as an application that
 * makes many would have them; {@code close} needs a fresh context per sample, the
 * other two reuse theirs. Prints one JSON line per case (median, min, max ms
 * of --samples after --warmup-samples unmeasured). Run by {@code bench/embedded Cancellation}.
 */
public final class Cancellation {
    /** How long a wait is left to begin before the request: the wait itself starts within milliseconds. */
    private static final long SETTLE_MS = 100;
    /** A wait not ended this long after the request counts as a failure, not a sample. */
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    enum Wait {
        EPOLL("ep = select.epoll()\nep.register(r, select.EPOLLIN)\nep.poll()\n"),
        POLL("p = select.poll()\np.register(r, select.POLLIN)\np.poll()\n"),
        SELECT("select.select([r], [], [])\n");

        final String code;

        Wait(String code) {
            this.code = code;
        }
    }

    enum Request {
        CONTEXT_CLOSE, CONTEXT_INTERRUPT, THREAD_INTERRUPT;

        /** Whether {@code ended}, what the script's eval threw, is what this request makes it throw. */
        boolean madeEnd(Throwable ended) {
            if (!(ended instanceof PolyglotException python)) {
                return false;
            }
            return switch (this) {
                case CONTEXT_CLOSE -> python.isCancelled();
                case CONTEXT_INTERRUPT -> python.isInterrupted();
                case THREAD_INTERRUPT -> python.getMessage() != null && python.getMessage().startsWith("KeyboardInterrupt");
            };
        }
    }

    public static void main(String[] args) throws Exception {
        int samples = 20;
        int warmupSamples = 3;
        String interpreter = "pyselect4j embedded";
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : usage("a value after " + args[i]);
            switch (args[i]) {
                case "--samples" -> samples = count(value, 1);
                case "--warmup-samples" -> warmupSamples = count(value, 0);
                case "--interpreter" -> interpreter = value;
                default -> usage("unknown option " + args[i]);
            }
        }
        try (Engine engine = Engine.create()) {
            for (Wait wait : Wait.values()) {
                for (Request request : Request.values()) {
                    List<Double> latencies = measure(engine, wait, request, warmupSamples, samples);
                    emit(wait, request, interpreter, latencies);
                }
            }
        }
    }

    /** {@code text} as a whole number of at least {@code least}, or the usage message and exit. */
    private static int count(String text, int least) {
        try {
            int value = Integer.parseInt(text);
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the usage below says what is wanted
        }
        usage("wanted a whole number of at least " + least + ", got " + text);
        return least;
    }

    private static String usage(String problem) {
        System.err.println("Cancellation: " + problem
                + "\nusage: Cancellation [--samples N] [--warmup-samples N] [--interpreter LABEL]");
        System.exit(2);
        return null;
    }

    private static List<Double> measure(Engine engine, Wait wait, Request request, int warmupSamples, int samples)
            throws Exception {
        List<Double> latencies = new ArrayList<>();
        Context context = null;
        try {
            for (int sample = -warmupSamples; sample < samples; sample++) {
                if (context == null) {
                    context = newContext(engine);
                }
                double ms = cancelOnce(context, wait, request);
                if (sample >= 0) {
                    latencies.add(ms);
                }
                if (request == Request.CONTEXT_CLOSE) {
                    context = null; // closed by the request
                }
            }
        } finally {
            if (context != null) {
                context.close();
            }
        }
        return latencies;
    }

    private static Context newContext(Engine engine) {
        Context context = PySelect4j.newBuilder().engine(engine)
                .allowIO(IOAccess.ALL).allowCreateThread(true).build();
        context.eval("python", "import os, select\nr, w = os.pipe()\n");
        return context;
    }

    /** Starts the wait on a thread of its own, makes the request, and returns ms from the request to the wait's end. */
    private static double cancelOnce(Context context, Wait wait, Request request) throws Exception {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        AtomicLong endedAt = new AtomicLong();
        Thread waiting = new Thread(() -> {
            try {
                context.eval("python", wait.code);
            } catch (Throwable e) {
                endedAt.set(System.nanoTime()); // before anything else: close(true) goes on disposing the context
                ended.set(e);
            }
        }, "waiting-script");
        waiting.start();
        Thread.sleep(SETTLE_MS);
        if (!waiting.isAlive()) {
            throw new IllegalStateException(wait + ": the wait ended by itself: " + ended.get());
        }
        long requested = System.nanoTime();
        switch (request) {
            case CONTEXT_CLOSE -> context.close(true);
            case CONTEXT_INTERRUPT -> context.interrupt(GIVE_UP);
            case THREAD_INTERRUPT -> waiting.interrupt();
        }
        waiting.join(GIVE_UP.toMillis());
        if (waiting.isAlive()) {
            throw new TimeoutException(wait + " still waiting " + GIVE_UP + " after " + request);
        }
        if (!request.madeEnd(ended.get())) {
            throw new IllegalStateException(wait + " after " + request + " ended with " + ended.get());
        }
        return (endedAt.get() - requested) / 1e6;
    }

    private static void emit(Wait wait, Request request, String interpreter, List<Double> latencies) {
        List<Double> sorted = latencies.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        System.out.println(String.format(Locale.ROOT,
                "{\"benchmark\": \"cancellation\", \"case\": \"%s_%s\", \"interpreter\": \"%s\", \"samples\": %d, "
                        + "\"median_ms\": %.3f, \"min_ms\": %.3f, \"max_ms\": %.3f}",
                wait.name().toLowerCase(Locale.ROOT), request.name().toLowerCase(Locale.ROOT), interpreter, n,
                median, sorted.get(0), sorted.get(n - 1)));
        System.out.flush();
    }
}
