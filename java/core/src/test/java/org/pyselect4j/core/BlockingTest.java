package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The wait loop against a scripted system call and a fake clock. */
class BlockingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int EINTR = -LinuxConstants.EINTR;

    /** A system call that plays a script: each step takes some time, then returns a result. */
    private static final class ScriptedCall implements Blocking.TimedCall {
        final List<Long> timeouts = new ArrayList<>();
        final AtomicInteger checkpoints = new AtomicInteger();
        private final long[][] steps; // {elapsed ns, result}; elapsed -1 means "the whole timeout"
        long now;

        ScriptedCall(long[]... steps) {
            this.steps = steps;
        }

        @Override
        public int call(long timeoutNs) {
            long[] step = steps[Math.min(timeouts.size(), steps.length - 1)];
            timeouts.add(timeoutNs);
            now += step[0] < 0 ? timeoutNs : step[0];
            return (int) step[1];
        }

        int run(long timeoutNs) {
            return Blocking.run(timeoutNs, checkpoints::incrementAndGet, this, () -> now);
        }
    }

    private static long[] step(long elapsedNs, int result) {
        return new long[] {elapsedNs, result};
    }

    private static long[] timesOut() {
        return step(-1, 0);
    }

    @Test
    void readyResultReturnsAtOnce() {
        ScriptedCall call = new ScriptedCall(step(MS, 3));
        assertEquals(3, call.run(-1));
        assertEquals(List.of(Blocking.SLICE_NS), call.timeouts);
        assertEquals(0, call.checkpoints.get());
    }

    @Test
    void zeroTimeoutCallsOnceWithoutBlocking() {
        ScriptedCall call = new ScriptedCall(timesOut());
        assertEquals(0, call.run(0));
        assertEquals(List.of(0L), call.timeouts);
        assertEquals(0, call.checkpoints.get());
    }

    @Test
    void eintrRetriesWithTheRecomputedRemainingTime() {
        ScriptedCall call = new ScriptedCall(step(5 * MS, EINTR), step(3 * MS, EINTR), timesOut());
        assertEquals(0, call.run(12 * MS));
        assertEquals(List.of(12 * MS, 7 * MS, 4 * MS), call.timeouts);
        assertEquals(2, call.checkpoints.get());
        assertEquals(12 * MS, call.now);
    }

    @Test
    void eintrThenReadyReturnsTheResult() {
        ScriptedCall call = new ScriptedCall(step(MS, EINTR), step(MS, EINTR), step(MS, 1));
        assertEquals(1, call.run(-1));
        assertEquals(3, call.timeouts.size());
        assertEquals(2, call.checkpoints.get());
    }

    @Test
    void eintrAfterTheDeadlineMakesOneLastNonBlockingCall() {
        ScriptedCall call = new ScriptedCall(step(30 * MS, EINTR), timesOut());
        assertEquals(0, call.run(20 * MS));
        assertEquals(List.of(20 * MS, 0L), call.timeouts);
    }

    @Test
    void longWaitsAreSlicedWithACheckpointBetweenSlices() {
        ScriptedCall call = new ScriptedCall(timesOut());
        assertEquals(0, call.run(2 * Blocking.SLICE_NS + 7 * MS));
        assertEquals(List.of(Blocking.SLICE_NS, Blocking.SLICE_NS, 7 * MS), call.timeouts);
        assertEquals(2, call.checkpoints.get());
    }

    @Test
    void slicesThatEndEarlyAreNotMistakenForTheTimeout() {
        ScriptedCall call = new ScriptedCall(step(4 * MS, 0), timesOut());
        assertEquals(0, call.run(15 * MS));
        assertEquals(List.of(15 * MS, 11 * MS), call.timeouts);
    }

    @Test
    void hugeTimeoutsDoNotOverflow() {
        ScriptedCall call = new ScriptedCall(timesOut(), timesOut(), step(MS, 1));
        call.now = Long.MAX_VALUE - 60 * MS; // nanoTime may be anywhere, even near wrap-around
        assertEquals(1, call.run(Long.MAX_VALUE));
        assertEquals(List.of(Blocking.SLICE_NS, Blocking.SLICE_NS, Blocking.SLICE_NS), call.timeouts);
    }

    @Test
    void unboundedWaitRunsUntilTheHookThrows() {
        ScriptedCall call = new ScriptedCall(timesOut());
        RuntimeException stop = new RuntimeException("stop");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Blocking.run(-1, () -> {
            if (call.timeouts.size() == 5) {
                throw stop;
            }
        }, call, () -> call.now));
        assertSame(stop, thrown);
        assertEquals(5, call.timeouts.size());
    }

    @Test
    void otherErrorsSurfaceWithoutCheckpoint() {
        ScriptedCall call = new ScriptedCall(step(0, -LinuxConstants.EBADF));
        ErrnoException error = assertThrows(ErrnoException.class, () -> call.run(-1));
        assertEquals(LinuxConstants.EBADF, error.errno());
        assertEquals(0, call.checkpoints.get());
    }

    @Test
    void roundingIsUpSoThatAPositiveWaitNeverBecomesZero() {
        assertEquals(0, Blocking.ceilMillis(0));
        assertEquals(1, Blocking.ceilMillis(1));
        assertEquals(1, Blocking.ceilMillis(MS));
        assertEquals(2, Blocking.ceilMillis(MS + 1));
        assertEquals(Blocking.SLICE_MS, Blocking.ceilMillis(Blocking.SLICE_NS));
        assertEquals(1, Blocking.ceilMicros(1));
        assertEquals(1000, Blocking.ceilMicros(MS));
    }
}
