package org.pyselect4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The gate's waiting, as a compiler thread meets it (the JIT's side is checked
 * by .ci/check-jit: no compilation finishes before the launcher's program starts).
 */
class StartupCompilationGateTest {
    @Test
    void anotherThreadWaitsUntilTheGateOpensAndAnOpenNowBeatsADelay() throws Exception {
        StartupCompilationGate gate = new StartupCompilationGate();
        Thread compiler = new Thread(gate::awaitOpen);
        compiler.start();
        compiler.join(200);
        assertTrue(compiler.isAlive(), "passed a closed gate");
        gate.openAfter(Duration.ofHours(1));
        compiler.join(200);
        assertTrue(compiler.isAlive(), "passed before its time");
        gate.openAfter(Duration.ofHours(2)); // later than the opening set: ignored
        gate.open();
        compiler.join(5000);
        assertFalse(compiler.isAlive(), "still waiting after open()");
    }

    @Test
    void aShortDelayEnds() throws Exception {
        StartupCompilationGate gate = new StartupCompilationGate();
        gate.openAfter(Duration.ofMillis(100));
        Thread compiler = new Thread(gate::awaitOpen);
        compiler.start();
        compiler.join(10_000);
        assertFalse(compiler.isAlive(), "still waiting 10 s after a 100 ms delay");
    }

    @Test
    void theThreadThatMadeTheGateNeverWaits() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new StartupCompilationGate().awaitOpen());
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() throws Exception {
        StartupCompilationGate gate = new StartupCompilationGate();
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread compiler = new Thread(() -> {
            gate.awaitOpen();
            interrupted.complete(Thread.currentThread().isInterrupted());
        });
        compiler.start();
        compiler.join(200);
        compiler.interrupt();
        assertEquals(true, interrupted.get(5, TimeUnit.SECONDS));
    }
}
