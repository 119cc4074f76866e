package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerFdTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final TimerSpec DISARMED = new TimerSpec(0, 0, 0, 0);

    private final TestFds fds = new TestFds();

    @AfterEach
    void closeFds() {
        fds.close();
    }

    private int createTimer(int flags) {
        return fds.adopt(TimerFd.create(LinuxConstants.CLOCK_MONOTONIC, flags));
    }

    @Test
    void timerIsAlwaysCloseOnExec() {
        assertTrue(Fds.isCloseOnExec(createTimer(0)));
        assertTrue(Fds.isCloseOnExec(createTimer(LinuxConstants.TFD_NONBLOCK)));
    }

    @Test
    void badArgumentsGiveTheKernelErrno() {
        assertErrno(LinuxConstants.EINVAL, () -> TimerFd.create(12345, 0));
        assertErrno(LinuxConstants.EINVAL, () -> TimerFd.create(LinuxConstants.CLOCK_MONOTONIC, -1));
        int timer = createTimer(0);
        assertErrno(LinuxConstants.EINVAL, () -> TimerFd.setTime(timer, 0, 1, 1_000_000_000, 0, 0));
        assertErrno(LinuxConstants.EINVAL, () -> TimerFd.setTime(timer, 0, -1, 0, 0, 0));
        assertErrno(LinuxConstants.EBADF, () -> TimerFd.getTime(TestFds.NEVER_OPEN_FD));
        assertErrno(LinuxConstants.EBADF, () -> TimerFd.setTime(TestFds.NEVER_OPEN_FD, 0, 1, 0, 0, 0));
    }

    @Test
    void setTimeReturnsTheOldSetting() {
        int timer = createTimer(0);
        assertEquals(DISARMED, TimerFd.getTime(timer));
        assertEquals(DISARMED, TimerFd.setTime(timer, 0, 10, 0, 0, 500_000_000));
        TimerSpec current = TimerFd.getTime(timer);
        assertTrue(current.initialNs() > 9_000 * MS && current.initialNs() <= 10_000 * MS, current.toString());
        assertEquals(500 * MS, current.intervalNs());
        TimerSpec old = TimerFd.setTime(timer, 0, 0, 0, 0, 0);
        assertEquals(0, old.intervalSec());
        assertEquals(500_000_000, old.intervalNsec());
        assertEquals(DISARMED, TimerFd.getTime(timer));
    }

    @Test
    void secondsBeyondInt64NanosecondsAreAcceptedAndSaturatedByTheKernel() {
        int timer = createTimer(0);
        TimerFd.setTime(timer, 0, 10_000_000_000L, 0, 0, 0);
        TimerSpec current = TimerFd.getTime(timer);
        // The kernel stores timers as int64 nanoseconds since boot: about 292 years at most.
        assertTrue(current.initialSec() > 9_000_000_000L, current.toString());
        assertTrue(current.initialNs() > 0);
        assertThrows(ArithmeticException.class, () -> new TimerSpec(10_000_000_000L, 0, 0, 0).initialNs());
    }

    @Test
    void expiryMakesTheTimerReadableWithItsCount() {
        int timer = createTimer(LinuxConstants.TFD_NONBLOCK);
        assertErrno(LinuxConstants.EAGAIN, () -> Fds.read(timer, 8));
        TimerFd.setTime(timer, 0, 0, 20 * MS, 0, 0);
        try (Epoll epoll = Epoll.create()) {
            epoll.register(timer, LinuxConstants.EPOLLIN);
            assertEquals(1, epoll.poll(5000 * MS, 1, WaitHook.NONE).size());
        }
        byte[] count = Fds.read(timer, 8);
        assertEquals(1, ByteBuffer.wrap(count).order(ByteOrder.nativeOrder()).getLong());
    }

    @Test
    void absoluteTimeIsAccepted() {
        int timer = createTimer(0);
        TimeSpec now = Clocks.gettime(LinuxConstants.CLOCK_MONOTONIC);
        TimerFd.setTime(timer, LinuxConstants.TFD_TIMER_ABSTIME, now.sec() + 100, now.nsec(), 0, 0);
        TimerSpec current = TimerFd.getTime(timer);
        assertTrue(current.initialSec() >= 98 && current.initialSec() <= 100, current.toString());
    }
}
