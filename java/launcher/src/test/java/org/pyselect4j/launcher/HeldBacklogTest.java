package org.pyselect4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which held compilations the backlog drops; .ci/check-jit sees Truffle drop them. */
class HeldBacklogTest {
    private static final Duration PROBE = Duration.ofMillis(200);

    /** A compilation target with Truffle's activity count. */
    private static final class Target {
        int calls;
    }

    private final HeldBacklog<Target> backlog = new HeldBacklog<>(target -> target.calls, PROBE);
    private final List<Target> dropped = new ArrayList<>();

    @Test
    void aTargetQueuedDuringTheHoldAndIdleSinceIsDropped() throws Exception {
        Target importSystem = queuedWithCalls(backlog, 5000);
        backlog.holdOver();
        backlog.dropStale(dropped::add);
        assertEquals(List.of(importSystem), dropped, "not dropped, though it has not run since the hold ended");
    }

    @Test
    void aTargetThatRunsAfterTheHoldIsKept() throws Exception {
        Target hotLoop = queuedWithCalls(backlog, 5000);
        backlog.holdOver();
        hotLoop.calls++; // the program calls it after the hold
        backlog.dropStale(dropped::add);
        assertEquals(List.of(), dropped, "dropped, though it was called after the hold ended");
    }

    @Test
    void allStaleTargetsAreDroppedTogetherAfterOneProbe() throws Exception {
        Duration probe = Duration.ofSeconds(2);
        HeldBacklog<Target> threeTargets = new HeldBacklog<>(target -> target.calls, probe);
        Target first = queuedWithCalls(threeTargets, 10);
        Target used = queuedWithCalls(threeTargets, 10);
        Target third = queuedWithCalls(threeTargets, 10);
        long start = System.nanoTime();
        threeTargets.holdOver();
        used.calls++;
        threeTargets.dropStale(dropped::add);
        long took = System.nanoTime() - start;
        assertTrue(took >= probe.toNanos(), "judged before the probe ended");
        assertTrue(took < 2 * probe.toNanos(), "waited the probe more than once: " + took / 1_000_000 + " ms");
        assertEquals(2, dropped.size(), "dropped " + dropped);
        assertTrue(dropped.contains(first) && dropped.contains(third), "dropped " + dropped);
    }

    @Test
    void eachTargetIsJudgedOnce() throws Exception {
        Target stale = queuedWithCalls(backlog, 10);
        backlog.holdOver();
        backlog.dropStale(dropped::add);
        backlog.dropStale(dropped::add); // a second compiler thread, or the next compilation
        assertEquals(List.of(stale), dropped, "judged twice: a recompilation would be dropped too");
    }

    @Test
    void withNothingHeldNothingIsDroppedAndNothingWaits() {
        HeldBacklog<Target> longProbe = new HeldBacklog<>(target -> target.calls, Duration.ofHours(1));
        longProbe.holdOver();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> longProbe.dropStale(dropped::add),
                "waited the probe with nothing held");
        assertEquals(List.of(), dropped);
    }

    private static Target queuedWithCalls(HeldBacklog<Target> backlog, int calls) {
        Target target = new Target();
        target.calls = calls;
        backlog.queued(target);
        return target;
    }
}
