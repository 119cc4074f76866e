package org.pyselect4j.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;

/**
 * A signal that arrives while the embedder's thread is outside the context
 * (between two {@code eval}s) has its Python handler run in the next one, as
 * CPython runs a pending handler at the next bytecode. Truffle drops a
 * thread-local action submitted to a thread outside the context: the request
 * must be made again.
 */
class SignalBetweenEvalsTest {
    @Test
    void aSignalThatArrivesBetweenEvalsRunsItsHandlerInTheNext() throws Exception {
        try (Context context = PySelect4j.newBuilder().allowIO(IOAccess.ALL).build()) {
            context.eval("python", """
                    import os, signal, time
                    calls = []
                    signal.signal(signal.SIGUSR1, lambda signum, frame: calls.append(signum))
                    """);
            kill(ProcessHandle.current().pid(), "USR1");
            Thread.sleep(300); // the signal has come and gone to the dispatcher
            String calls = context.eval("python", """
                    deadline = time.monotonic() + 10
                    while not calls and time.monotonic() < deadline:
                        pass
                    str(calls)
                    """).asString();
            assertEquals("[10]", calls);
        }
    }

    private static void kill(long pid, String signal) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor());
    }
}
