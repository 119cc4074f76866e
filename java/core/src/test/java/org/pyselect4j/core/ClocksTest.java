package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ClocksTest {
    @Test
    void everyExportedClockCanBeRead() {
        LinuxConstants.clockConstants().forEach((name, clockid) -> {
            TimeSpec time = Clocks.gettime(clockid);
            assertTrue(time.sec() >= 0 && time.nsec() >= 0 && time.nsec() < 1_000_000_000, name + " " + time);
            TimeSpec resolution = Clocks.getres(clockid);
            assertTrue(resolution.toNanos() > 0, name + " " + resolution);
        });
    }

    @Test
    void monotonicClockAdvances() throws InterruptedException {
        long before = Clocks.gettime(LinuxConstants.CLOCK_MONOTONIC).toNanos();
        Thread.sleep(5);
        long after = Clocks.gettime(LinuxConstants.CLOCK_MONOTONIC).toNanos();
        assertTrue(after - before >= 5_000_000, (after - before) + " ns");
    }

    @Test
    void realtimeClockMatchesJava() {
        long seconds = Clocks.gettime(LinuxConstants.CLOCK_REALTIME).sec();
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) <= 2);
        assertEquals(new TimeSpec(0, 1), Clocks.getres(LinuxConstants.CLOCK_MONOTONIC));
    }

    @Test
    void unknownClockGivesEinval() {
        assertErrno(LinuxConstants.EINVAL, () -> Clocks.gettime(12345));
        assertErrno(LinuxConstants.EINVAL, () -> Clocks.getres(12345));
        assertErrno(LinuxConstants.EINVAL, () -> Clocks.gettime(Integer.MAX_VALUE));
    }

    // The tests may run as root: CLOCK_REALTIME only ever gets times the kernel
    // refuses before it looks at the privilege, or is set only without it.

    @Test
    void settimeRefusesClocksThatCannotBeSet() {
        assertErrno(LinuxConstants.EINVAL, () -> Clocks.settime(LinuxConstants.CLOCK_MONOTONIC, new TimeSpec(0, 0)));
        assertErrno(LinuxConstants.EINVAL, () -> Clocks.settime(12345, new TimeSpec(0, 0)));
    }

    @Test
    void settimeRefusesInvalidTimes() {
        assertErrno(LinuxConstants.EINVAL, () -> Clocks.settime(LinuxConstants.CLOCK_REALTIME, new TimeSpec(-1, 0)));
        assertErrno(LinuxConstants.EINVAL,
                () -> Clocks.settime(LinuxConstants.CLOCK_REALTIME, new TimeSpec(0, 1_000_000_000)));
    }

    @Test
    void threadCpuClockIsTheCallingThreads() {
        int clock = Clocks.threadCpuClock();
        assertEquals(clock, Clocks.threadCpuClock());
        assertNotEquals(LinuxConstants.get("CLOCK_THREAD_CPUTIME_ID"), clock);
        long before = Clocks.gettime(clock).toNanos();
        long spin = System.nanoTime() + 20_000_000;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }
        assertTrue(Clocks.gettime(clock).toNanos() > before);
    }

    @Test
    void anotherThreadsClockIsReadableWhileItLives() throws InterruptedException {
        AtomicInteger clock = new AtomicInteger();
        CountDownLatch known = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            clock.set(Clocks.threadCpuClock());
            known.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        known.await();
        assertNotEquals(Clocks.threadCpuClock(), clock.get());
        assertTrue(Clocks.gettime(clock.get()).toNanos() >= 0);
        finish.countDown();
        thread.join();
    }
}
