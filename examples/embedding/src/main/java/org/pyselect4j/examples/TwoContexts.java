package org.pyselect4j.examples;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.io.IOAccess;
import org.pyselect4j.graalpy.PySelect4j;

/**
 * Two Python programs in two contexts sharing one engine: an asyncio echo
 * server (on {@code select.epoll}, through {@code selectors.EpollSelector}) and
 * a timer loop (a {@code timerfd} in an epoll). The application captures the
 * output of each, talks to the server over loopback, and stops both with
 * {@link Context#close(boolean) Context.close(true)} while they wait.
 */
public final class TwoContexts {
    private static final String SERVER = """
            import asyncio

            async def echo(reader, writer):
                while line := await reader.readline():
                    writer.write(line.upper())
                    await writer.drain()
                writer.close()

            async def main():
                server = await asyncio.start_server(echo, "127.0.0.1", 0)
                print("serving on port", server.sockets[0].getsockname()[1])
                async with server:
                    await server.serve_forever()

            asyncio.run(main())
            """;

    private static final String TIMER = """
            import os, select, time
            fd = os.timerfd_create(time.CLOCK_MONOTONIC)
            os.timerfd_settime(fd, initial=1, interval=1)
            ticks = 0
            with select.epoll() as ep:
                ep.register(fd, select.EPOLLIN)
                while True:
                    for _ in ep.poll():
                        ticks += int.from_bytes(os.read(fd, 8), "little")
                        print("tick", ticks)
            """;

    /** How long a step may take on a busy machine: a context's first evaluation alone can take 20 s. */
    private static final long STEP_SECONDS = 180;

    private TwoContexts() {
    }

    public static void main(String[] args) throws Exception {
        try (Engine engine = Engine.create("python")) {
            Lines serverOutput = new Lines("server");
            Lines timerOutput = new Lines("timer");
            Context server = newContext(engine, serverOutput);
            Context timer = newContext(engine, timerOutput);
            Thread serverThread = run(server, SERVER, "server");
            Thread timerThread = run(timer, TIMER, "timer");

            String serving = serverOutput.await(line -> line.startsWith("serving on port "));
            int port = Integer.parseInt(serving.substring("serving on port ".length()));
            try (Socket socket = new Socket("127.0.0.1", port);
                    PrintWriter to = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                    BufferedReader from = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                to.println("hello from java");
                System.out.println("[java] the server answered: " + from.readLine());
            }
            timerOutput.await(line -> line.equals("tick 3"));

            server.close(true); // cancels the waiting script; its epoll closes with the context
            timer.close(true);
            serverThread.join();
            timerThread.join();
            System.out.println("[java] both contexts closed");
        }
    }

    private static Context newContext(Engine engine, Lines output) {
        Context.Builder builder = Context.newBuilder("python").engine(engine)
                .allowNativeAccess(true).allowIO(IOAccess.ALL).allowCreateThread(true);
        PySelect4j.standardStreams(builder, null, output, output);
        return PySelect4j.install(builder).build();
    }

    /** Runs {@code code} in {@code context} on a thread of its own until the context is closed. */
    private static Thread run(Context context, String code, String name) {
        Thread thread = new Thread(() -> {
            try {
                context.eval("python", code);
            } catch (PolyglotException e) {
                if (!e.isCancelled()) {
                    e.printStackTrace();
                    System.exit(1);
                }
                System.out.println("[java] " + name + " stopped by Context.close");
            }
        }, name);
        thread.start();
        return thread;
    }

    /** A context's output: each line is shown with the context's name, and can be awaited. */
    private static final class Lines extends OutputStream {
        private final String name;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            System.out.println("[" + name + "] " + text);
            lines.add(text);
        }

        /** The first line from now on that {@code wanted} accepts. */
        String await(Predicate<String> wanted) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
            while (true) {
                String next = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new IOException("no such line from the " + name + " within " + STEP_SECONDS + " s");
                }
                if (wanted.test(next)) {
                    return next;
                }
            }
        }
    }
}
