package org.pyselect4j.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Which held compilations the backlog drops; .ci/check-jit sees Truffle drop them. */
class HeldBacklogTest {
    private static final Duration PROBE = Duration.ofMillis(200);

    /** A compilation target with Truffle's activity count. */
    private static final class Target {
        int calls;
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
        hotLoop.calls++; // the program calls it after the hold
        assertFalse(backlog.stale(hotLoop), "stale, though it was called after the hold ended");
    }

    @Test
    void aTargetQueuedOutsideAHoldIsNeverStaleAndDoesNotWait() {
        HeldBacklog<Target> longProbe = new HeldBacklog<>(target -> target.calls, Duration.ofHours(1));
        longProbe.queued(new Target());
        longProbe.holdOver();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertFalse(longProbe.stale(new Target()),
                "a target never held is stale"), "waited the probe for a target never held");
    }

    @Test
    void eachTargetIsJudgedOnceAndTheProbeIsWaitedOnce() throws Exception {
        Duration probe = Duration.ofSeconds(2);
        HeldBacklog<Target> twoTargets = new HeldBacklog<>(target -> target.calls, probe);
        Target first = new Target();
        Target second = new Target();
        twoTargets.queued(first);
        twoTargets.queued(second);
        twoTargets.holdOver();
        long start = System.nanoTime();
        assertTrue(twoTargets.stale(first));
        assertTrue(System.nanoTime() - start >= probe.toNanos(), "judged before the probe ended");
        assertTimeoutPreemptively(probe, () -> assertTrue(twoTargets.stale(second)), "waited the probe twice");
        assertFalse(twoTargets.stale(first), "judged stale twice: a recompilation would be dropped too");
    }

    private Target queuedWithCalls(int calls) {
        Target target = new Target();
        target.calls = calls;
        backlog.queued(target);
        return target;
    }
}
