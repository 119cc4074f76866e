package org.pyselect4j.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Which held compilations the backlog drops; Truffle's side is seen in the README's measurements. */
class HeldBacklogTest {
    private static final Duration PROBE = Duration.ofMillis(200);

    /** A compilation target with Truffle's activity count. */
    private static final class Target {
        volatile int calls;
    }

    private final HeldBacklog<Target> backlog = new HeldBacklog<>(target -> target.calls, PROBE);

    @Test
    void aTargetQueuedDuringTheHoldAndIdleSinceIsStale() throws Exception {
        Target importSystem = queuedWithCalls(5000);
        backlog.holdOver();
        assertTrue(backlog.stale(importSystem), "not stale, though it has not run since the hold ended");
    }

    @Test
    void aTargetThatRunsAfterTheHoldIsCompiled() throws Exception {
        Target hotLoop = queuedWithCalls(5000);
        backlog.holdOver();
        Thread caller = new Thread(() -> {
            sleep(PROBE.dividedBy(4));
            hotLoop.calls++;
        });
        caller.start();
        assertFalse(backlog.stale(hotLoop), "stale, though it was called during the probe");
        caller.join();
    }

    @Test
    void aTargetQueuedOutsideAHoldIsNeverStaleAndDoesNotWait() throws Exception {
        backlog.holdOver();
        long start = System.nanoTime();
        assertFalse(backlog.stale(new Target()), "a target never held is stale");
        assertTrue(System.nanoTime() - start < PROBE.toNanos(), "waited for a target never held");
    }

    @Test
    void eachTargetIsJudgedOnceAndTheProbeIsWaitedOnce() throws Exception {
        Target first = queuedWithCalls(1);
        Target second = queuedWithCalls(1);
        backlog.holdOver();
        long start = System.nanoTime();
        assertTrue(backlog.stale(first));
        assertTrue(System.nanoTime() - start >= PROBE.toNanos(), "judged before the probe ended");
        long afterProbe = System.nanoTime();
        assertTrue(backlog.stale(second));
        assertTrue(System.nanoTime() - afterProbe < PROBE.toNanos(), "waited for the probe twice");
        assertFalse(backlog.stale(first), "judged stale twice: a recompilation would be dropped too");
    }

    private Target queuedWithCalls(int calls) {
        Target target = new Target();
        target.calls = calls;
        backlog.queued(target);
        return target;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
