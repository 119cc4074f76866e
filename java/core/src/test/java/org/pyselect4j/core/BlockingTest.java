package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The wait loop against a scripted system call and a fake clock. */
class BlockingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int EINTR = -LinuxConstants.EINTR;

    /**
     * A system call that plays a script: each step takes some time, then returns a result.
     * The look without blocking that starts each wait is answered apart: {@link #atOnce}.
     */
    private static final class ScriptedCall implements Blocking.TimedCall {
        final List<Long> timeouts = new ArrayList<>();
        final List<Integer> wakeFds = new ArrayList<>();
        /** How often the hook saw the attempt woken. */
        final AtomicInteger wakeUps = new AtomicInteger();
        /** How often the hook was called. */
        final AtomicInteger blocks = new AtomicInteger();
        /** The results of the calls made without a wake-up fd (timeout 0), in turn; then 0. */
        final List<Integer> atOnce = new ArrayList<>();
        int callsAtOnce;
        private final long[][] steps; // {elapsed ns, result}; elapsed -1 means "the whole timeout"
        long now;

        ScriptedCall(long[]... steps) {
            this.steps = steps;
        }

        @Override
        public int call(long timeoutNs, int wakeFd) {
            if (wakeFd == Blocking.NO_WAKE_FD) {
                assertEquals(0, timeoutNs, "a call without a wake-up fd must not block");
                int result = callsAtOnce < atOnce.size() ? atOnce.get(callsAtOnce) : 0;
                callsAtOnce++;
                return result;
            }
            long[] step = steps[Math.min(timeouts.size(), steps.length - 1)];
            timeouts.add(timeoutNs);
            wakeFds.add(wakeFd);
            now += step[0] < 0 ? timeoutNs : step[0];
            return (int) step[1];
        }

        /** An engine that has nothing to do when woken: it resumes the wait. */
        int block(Blocking.Attempt attempt) {
            blocks.incrementAndGet();
            int rc;
            while ((rc = attempt.getAsInt()) == Blocking.WOKEN) {
                wakeUps.incrementAndGet();
            }
            return rc;
        }

        int run(long timeoutNs) {
            return Blocking.run(timeoutNs, this::block, this, () -> now);
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
        assertEquals(List.of(-1L), call.timeouts, "one unbounded call: no slices");
        assertTrue(call.wakeFds.get(0) >= 0, "the waker's descriptor is watched");
    }

    @Test
    void zeroTimeoutCallsOnceWithoutBlockingOrWaker() {
        ScriptedCall call = new ScriptedCall(timesOut());
        assertEquals(0, call.run(0));
        assertEquals(1, call.callsAtOnce);
        assertEquals(List.of(), call.timeouts, "no call with a wake-up fd");
        assertEquals(0, call.blocks.get(), "the hook is not involved");
    }

    @Test
    void aWaitThatFindsSomethingReadyAtOnceNeverBlocks() {
        ScriptedCall call = new ScriptedCall(timesOut());
        call.atOnce.add(2);
        assertEquals(2, call.run(-1));
        assertEquals(1, call.callsAtOnce);
        assertEquals(List.of(), call.timeouts);
        assertEquals(0, call.blocks.get(), "the hook is not involved");
    }

    @Test
    void aWaitLooksOnceWithoutBlockingThenBlocksWithTheWholeTimeout() {
        ScriptedCall call = new ScriptedCall(step(MS, 1));
        assertEquals(1, call.run(10 * MS));
        assertEquals(1, call.callsAtOnce);
        assertEquals(List.of(10 * MS), call.timeouts);
        assertEquals(1, call.blocks.get());
    }

    @Test
    void anInterruptEndsAWaitThatFoundADescriptorReady() {
        try (Epoll epoll = Epoll.create(); TestFds fds = new TestFds()) {
            int[] pipe = fds.pipe();
            TestFds.write(pipe[1], "x");
            epoll.register(pipe[0], LinuxConstants.EPOLLIN);
            Thread.currentThread().interrupt();
            assertThrows(WaitInterruptedException.class, () -> epoll.poll(-1, 1, WaitHook.NONE));
            assertFalse(Thread.interrupted(), "the wait took the interrupt");
            assertEquals(1, epoll.poll(-1, 1, WaitHook.NONE).size(), "without an interrupt it returns at once");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void eintrOfTheLookWithoutBlockingIsRetried() {
        ScriptedCall call = new ScriptedCall(timesOut());
        call.atOnce.addAll(List.of(EINTR, 1));
        assertEquals(1, call.run(5 * MS));
        assertEquals(2, call.callsAtOnce);
        assertEquals(0, call.blocks.get());
    }

    @Test
    void anErrorOfTheLookWithoutBlockingSurfacesBeforeAnyWait() {
        ScriptedCall call = new ScriptedCall(timesOut());
        call.atOnce.add(-LinuxConstants.EBADF);
        assertEquals(LinuxConstants.EBADF, assertThrows(ErrnoException.class, () -> call.run(-1)).errno());
        assertEquals(0, call.blocks.get());
    }

    @Test
    void boundedWaitIsOneCallWithTheWholeTimeout() {
        ScriptedCall call = new ScriptedCall(timesOut());
        assertEquals(0, call.run(10_000 * MS));
        assertEquals(List.of(10_000 * MS), call.timeouts);
    }

    @Test
    void eintrRetriesWithTheRecomputedRemainingTime() {
        ScriptedCall call = new ScriptedCall(step(5 * MS, EINTR), step(3 * MS, EINTR), timesOut());
        assertEquals(0, call.run(12 * MS));
        assertEquals(List.of(12 * MS, 7 * MS, 4 * MS), call.timeouts);
        assertEquals(0, call.wakeUps.get());
        assertEquals(12 * MS, call.now);
    }

    @Test
    void eintrAfterTheDeadlineMakesOneLastNonBlockingCall() {
        ScriptedCall call = new ScriptedCall(step(30 * MS, EINTR), timesOut());
        assertEquals(0, call.run(20 * MS));
        assertEquals(List.of(20 * MS, 0L), call.timeouts);
    }

    @Test
    void wakeUpHandsOverToTheHookThenResumesWithTheRemainingTime() {
        ScriptedCall call = new ScriptedCall(step(5 * MS, Blocking.WOKEN), step(MS, Blocking.WOKEN), timesOut());
        assertEquals(0, call.run(12 * MS));
        assertEquals(List.of(12 * MS, 7 * MS, 6 * MS), call.timeouts);
        assertEquals(2, call.wakeUps.get());
    }

    @Test
    void unboundedWaitResumesUnboundedAfterAWakeUp() {
        ScriptedCall call = new ScriptedCall(step(5 * MS, Blocking.WOKEN), step(MS, 2));
        assertEquals(2, call.run(-1));
        assertEquals(List.of(-1L, -1L), call.timeouts);
    }

    @Test
    void anEarlyEmptyReturnIsNotMistakenForTheTimeout() {
        ScriptedCall call = new ScriptedCall(step(4 * MS, 0), timesOut());
        assertEquals(0, call.run(15 * MS));
        assertEquals(List.of(15 * MS, 11 * MS), call.timeouts);
    }

    @Test
    void hugeTimeoutsDoNotOverflow() {
        ScriptedCall call = new ScriptedCall(step(MS, 0), step(MS, 1));
        call.now = Long.MAX_VALUE - MS / 2; // nanoTime may be anywhere, even near wrap-around
        assertEquals(1, call.run(Long.MAX_VALUE));
        assertEquals(List.of(Long.MAX_VALUE, Long.MAX_VALUE - MS), call.timeouts);
    }

    @Test
    void anExceptionFromTheHookEndsTheWait() {
        ScriptedCall call = new ScriptedCall(step(MS, Blocking.WOKEN), timesOut());
        RuntimeException stop = new RuntimeException("a signal handler raised");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Blocking.run(-1, attempt -> {
            if (attempt.getAsInt() == Blocking.WOKEN) {
                throw stop;
            }
            return 0;
        }, call, () -> call.now));
        assertSame(stop, thrown);
        assertEquals(1, call.timeouts.size());
    }

    @Test
    void otherErrorsSurface() {
        ScriptedCall call = new ScriptedCall(step(0, -LinuxConstants.EBADF));
        ErrnoException error = assertThrows(ErrnoException.class, () -> call.run(-1));
        assertEquals(LinuxConstants.EBADF, error.errno());
        assertEquals(1, call.timeouts.size());
    }

    @Test
    void aWakeUpEndsARealWaitAtOnceAndThePooledWakerIsReused() {
        Epoll epoll = Epoll.create();
        List<Waker> wakers = new ArrayList<>();
        try {
            for (int round = 0; round < 2; round++) {
                assertEquals(0, epoll.poll(-1, 1, attempt -> {
                    wakers.add(attempt.waker());
                    attempt.waker().wake();
                    assertEquals(Blocking.WOKEN, attempt.getAsInt(), "the wake-up ends the unbounded wait");
                    return 0;
                }).size());
            }
        } finally {
            epoll.close();
        }
        assertSame(wakers.get(0), wakers.get(1));
    }

    @Test
    void roundingIsUpSoThatAPositiveWaitNeverBecomesZero() {
        assertEquals(0, Blocking.ceilMillis(0));
        assertEquals(1, Blocking.ceilMillis(1));
        assertEquals(1, Blocking.ceilMillis(MS));
        assertEquals(2, Blocking.ceilMillis(MS + 1));
        assertEquals(-1, Blocking.ceilMillis(-1));
        assertEquals(Integer.MAX_VALUE, Blocking.ceilMillis(Long.MAX_VALUE));
        assertEquals(1, Blocking.ceilMicros(1));
        assertEquals(1000, Blocking.ceilMicros(MS));
        assertEquals(-1, Blocking.ceilMicros(-1));
    }
}
