package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;

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
}
