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
        Thread compiler = compilerAt(gate);
        assertWaits(compiler, "passed a closed gate");
        gate.openAfter(Duration.ofHours(1));
        assertWaits(compiler, "passed before its time");
        gate.openAfter(Duration.ofHours(2)); // later than the opening set: ignored
        gate.open();
        assertPasses(compiler, "still waiting after open()");
    }

    @Test
    void aShortDelayEnds() throws Exception {
        StartupCompilationGate gate = new StartupCompilationGate();
        gate.openAfter(Duration.ofMillis(100));
        assertPasses(compilerAt(gate), "still waiting 10 s after a 100 ms delay");
    }

    @Test
    void anImportHoldsTheOpenGateUntilItEnds() throws Exception {
        StartupCompilationGate gate = new StartupCompilationGate(Duration.ofHours(1), Duration.ofMillis(50));
        gate.importing(true);
        gate.importing(true); // a nested import
        gate.openAfter(Duration.ZERO);
        Thread compiler = compilerAt(gate);
        gate.importing(false);
        assertWaits(compiler, "passed while an import was under way");
        gate.importing(false);
        assertPasses(compiler, "still waiting 10 s after the imports ended");
    }

    @Test
    void importsHoldNoLongerThanTheLimit() throws Exception {
        StartupCompilationGate gate = new StartupCompilationGate(Duration.ofSeconds(2), Duration.ofMillis(50));
        gate.importing(true);
        gate.openAfter(Duration.ZERO);
        Thread compiler = compilerAt(gate);
        assertWaits(compiler, "passed while an import was under way");
        assertPasses(compiler, "still waiting 10 s after the gate opened, though the limit is 2 s");
    }

    @Test
    void openLetsGoDuringAnImport() throws Exception {
        StartupCompilationGate gate = new StartupCompilationGate(Duration.ofHours(1), Duration.ofHours(1));
        gate.importing(true);
        Thread compiler = compilerAt(gate);
        gate.open();
        assertPasses(compiler, "still waiting after open()");
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

    /** A thread in a compiler thread's place: it meets the gate as a compilation would start. */
    private static Thread compilerAt(StartupCompilationGate gate) {
        Thread compiler = new Thread(gate::awaitOpen);
        compiler.start();
        return compiler;
    }

    private static void assertWaits(Thread compiler, String message) throws InterruptedException {
        compiler.join(200);
        assertTrue(compiler.isAlive(), message);
    }

    private static void assertPasses(Thread compiler, String message) throws InterruptedException {
        compiler.join(10_000);
        assertFalse(compiler.isAlive(), message);
    }
}
