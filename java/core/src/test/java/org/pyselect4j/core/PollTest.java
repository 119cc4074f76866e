package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int POLLIN = LinuxConstants.POLLIN;
    private static final int POLLOUT = LinuxConstants.POLLOUT;

    private final TestFds fds = new TestFds();
    private final Poll poll = new Poll();

    @AfterEach
    void closeFds() {
        fds.close();
    }

    @Test
    void resultsFollowRegistrationOrderEvenAfterReRegistering() {
        int[] first = fds.pipe();
        int[] second = fds.pipe();
        int[] third = fds.pipe();
        poll.register(second[1], POLLIN);
        poll.register(first[1], POLLOUT);
        poll.register(third[1], POLLOUT);
        poll.register(second[1], POLLOUT); // keeps its first position
        ReadyList ready = poll.poll(0, WaitHook.NONE);
        assertEquals(3, ready.size());
        assertEquals(second[1], ready.fd(0));
        assertEquals(first[1], ready.fd(1));
        assertEquals(third[1], ready.fd(2));
        assertEquals(POLLOUT, ready.events(0));
        assertArrayEquals(new int[] {second[1], POLLOUT, first[1], POLLOUT, third[1], POLLOUT}, ready.flatten());
    }

    @Test
    void onlyReadyEntriesAreReported() {
        int[] pipe = fds.pipe();
        poll.register(pipe[0], POLLIN);
        poll.register(pipe[1], POLLOUT);
        ReadyList ready = poll.poll(0, WaitHook.NONE);
        assertEquals(1, ready.size());
        assertEquals(pipe[1], ready.fd(0));
        TestFds.write(pipe[1], "x");
        assertEquals(2, poll.poll(0, WaitHook.NONE).size());
        poll.modify(pipe[1], POLLIN);
        assertEquals(pipe[0], poll.poll(0, WaitHook.NONE).fd(0));
    }

    @Test
    void closedDescriptorIsReportedAsPollnval() {
        poll.register(TestFds.NEVER_OPEN_FD, POLLIN);
        ReadyList ready = poll.poll(-1, WaitHook.NONE);
        assertEquals(1, ready.size());
        assertEquals(LinuxConstants.POLLNVAL, ready.events(0));
    }

    @Test
    void registrationErrors() {
        assertErrno(LinuxConstants.ENOENT, () -> poll.modify(3, POLLIN));
        assertFalse(poll.unregister(3));
        poll.register(3, POLLIN);
        assertTrue(poll.unregister(3));
        assertFalse(poll.unregister(3));
        assertThrows(IllegalArgumentException.class, () -> poll.register(3, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> poll.register(3, -1));
        poll.register(3, 0xFFFF);
        assertThrows(IllegalArgumentException.class, () -> poll.modify(3, 0x10000));
    }

    @Test
    void unsignedEventMasksSurviveTheRoundTrip() {
        int[] pipe = fds.pipe();
        poll.register(pipe[1], 0xFFFF);
        ReadyList ready = poll.poll(0, WaitHook.NONE);
        assertEquals(1, ready.size());
        assertTrue((ready.events(0) & POLLOUT) != 0);
        assertTrue(ready.events(0) > 0);
    }

    @Test
    void timeoutIsHonored() {
        long start = System.nanoTime();
        assertEquals(0, poll.poll(120 * MS, WaitHook.NONE).size());
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= 120 * MS, "returned after " + elapsed + " ns");
        assertTrue(elapsed < 2000 * MS, "returned after " + elapsed + " ns");
    }

    @Test
    void secondConcurrentPollIsRefused() throws Exception {
        int[] pipe = fds.pipe();
        poll.register(pipe[0], POLLIN);
        Waiter waiter = Waiter.start(() -> poll.poll(-1, WaitHook.NONE));
        ConcurrentPollException refused = assertThrows(ConcurrentPollException.class,
                () -> poll.poll(0, WaitHook.NONE));
        assertEquals("another thread is polling this object", refused.getMessage());

        waiter.interrupt();
        assertInstanceOf(WaitInterruptedException.class, waiter.outcome());
        assertEquals(0, poll.poll(0, WaitHook.NONE).size());
    }

    @Test
    void hookAbortEndsThePollAndAllowsTheNext() {
        RuntimeException abort = new RuntimeException("abort");
        assertThrows(RuntimeException.class, () -> poll.poll(-1, attempt -> {
            attempt.waker().wake();
            assertEquals(Blocking.WOKEN, attempt.getAsInt());
            throw abort;
        }));
        assertEquals(0, poll.poll(0, WaitHook.NONE).size());
    }

    @Test
    void registrationsMayChangeWhileAnotherThreadPolls() throws Exception {
        int[] pipe = fds.pipe();
        Waiter waiter = Waiter.start(() -> poll.poll(-1, WaitHook.NONE));
        for (int i = 0; i < 1000; i++) {
            poll.register(pipe[0], POLLIN);
            poll.register(TestFds.NEVER_OPEN_FD + i, POLLIN);
            poll.modify(pipe[0], POLLIN | POLLOUT);
            poll.unregister(pipe[0]);
        }
        waiter.interrupt();
        assertInstanceOf(WaitInterruptedException.class, waiter.outcome());
        poll.register(pipe[1], POLLOUT);
        ReadyList ready = poll.poll(-1, WaitHook.NONE);
        assertEquals(1001, ready.size()); // 1000 never-open fds (POLLNVAL) and the pipe
    }
}
