package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;
import static org.pyselect4j.core.TestFds.assertNotOpen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyselect4j.jni.Native;

class EpollTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int EPOLLIN = LinuxConstants.EPOLLIN;
    private static final int EPOLLOUT = LinuxConstants.EPOLLOUT;

    private final TestFds fds = new TestFds();
    private final Epoll epoll = Epoll.create();

    @AfterEach
    void closeAll() {
        epoll.close();
        fds.close();
    }

    @Test
    void createdDescriptorIsCloseOnExec() {
        assertTrue(epoll.fileno() >= 0);
        assertTrue(Fds.isCloseOnExec(epoll.fileno()));
        assertFalse(epoll.isClosed());
    }

    @Test
    void closeIsIdempotentAndLaterOperationsFail() {
        int fd = epoll.fileno();
        epoll.close();
        epoll.close();
        assertTrue(epoll.isClosed());
        assertNotOpen(fd);
        ClosedException closed = assertThrows(ClosedException.class, epoll::fileno);
        assertEquals("the epoll instance is closed", closed.getMessage());
        int[] pipe = fds.pipe();
        assertThrows(ClosedException.class, () -> epoll.register(pipe[0], EPOLLIN));
        assertThrows(ClosedException.class, () -> epoll.modify(pipe[0], EPOLLIN));
        assertThrows(ClosedException.class, () -> epoll.unregister(pipe[0]));
        assertThrows(ClosedException.class, () -> epoll.poll(0, 1, WaitHook.NONE));
    }

    @Test
    void closeReportsTheKernelsErrorOnce() {
        Native.close(epoll.fileno()); // closed behind the object's back, as os.close(ep.fileno()) does
        assertErrno(LinuxConstants.EBADF, epoll::close);
        assertTrue(epoll.isClosed());
        epoll.close();
    }

    @Test
    void unreachableObjectReleasesItsDescriptorAfterCollection() throws Exception {
        int fd = unreachableEpoll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (isOpen(fd) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertNotOpen(fd);
    }

    private static int unreachableEpoll() {
        return Epoll.create().fileno();
    }

    private static boolean isOpen(int fd) {
        return Native.getFdFlags(fd) >= 0;
    }

    @Test
    void controlErrorsCarryTheKernelErrno() {
        int[] pipe = fds.pipe();
        epoll.register(pipe[0], EPOLLIN);
        assertErrno(LinuxConstants.EEXIST, () -> epoll.register(pipe[0], EPOLLIN));
        assertErrno(LinuxConstants.ENOENT, () -> epoll.modify(pipe[1], EPOLLOUT));
        assertErrno(LinuxConstants.ENOENT, () -> epoll.unregister(pipe[1]));
        assertErrno(LinuxConstants.EBADF, () -> epoll.register(TestFds.NEVER_OPEN_FD, EPOLLIN));
        assertErrno(LinuxConstants.EBADF, () -> epoll.register(-1, EPOLLIN));
        assertErrno(LinuxConstants.EINVAL, () -> epoll.register(epoll.fileno(), EPOLLIN));
        assertErrno(LinuxConstants.EINVAL, () -> epoll.register(pipe[1], 0xFFFFFFFF));
        epoll.unregister(pipe[0]);
        assertErrno(LinuxConstants.ENOENT, () -> epoll.unregister(pipe[0]));
    }

    @Test
    void reportsReadyDescriptorsWithTheirEvents() {
        int[] pipe = fds.pipe();
        epoll.register(pipe[0], EPOLLIN);
        assertEquals(0, epoll.poll(0, 10, WaitHook.NONE).size());
        TestFds.write(pipe[1], "x");
        ReadyList ready = epoll.poll(-1, 10, WaitHook.NONE);
        assertEquals(1, ready.size());
        assertEquals(pipe[0], ready.fd(0));
        assertEquals(EPOLLIN, ready.events(0));
        assertThrows(IndexOutOfBoundsException.class, () -> ready.fd(1));

        epoll.register(pipe[1], EPOLLOUT);
        epoll.modify(pipe[0], EPOLLOUT);
        assertEquals(1, epoll.poll(0, 10, WaitHook.NONE).size());
        assertEquals(pipe[1], epoll.poll(0, 10, WaitHook.NONE).fd(0));
    }

    @Test
    void maxEventsLimitsTheResult() {
        int[] first = fds.pipe();
        int[] second = fds.pipe();
        epoll.register(first[1], EPOLLOUT);
        epoll.register(second[1], EPOLLOUT);
        assertEquals(1, epoll.poll(0, 1, WaitHook.NONE).size());
        assertEquals(2, epoll.poll(0, 2, WaitHook.NONE).size());
        int kernelLimit = Integer.MAX_VALUE / Layout.EPOLL_EVENT_SIZE;
        assertEquals(2, epoll.poll(0, kernelLimit, WaitHook.NONE).size());
        assertErrno(LinuxConstants.EINVAL, () -> epoll.poll(0, kernelLimit + 1, WaitHook.NONE));
        assertThrows(IllegalArgumentException.class, () -> epoll.poll(0, 0, WaitHook.NONE));
        assertThrows(IllegalArgumentException.class, () -> epoll.poll(0, -1, WaitHook.NONE));
    }

    @Test
    void timeoutIsHonored() {
        long start = System.nanoTime();
        assertEquals(0, epoll.poll(120 * MS, 1, WaitHook.NONE).size());
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= 120 * MS, "returned after " + elapsed + " ns");
        assertTrue(elapsed < 2000 * MS, "returned after " + elapsed + " ns");
    }

    @Test
    void adoptsAnExistingDescriptor() {
        int fd = Errors.check(Native.epollCreate(LinuxConstants.EPOLL_CLOEXEC));
        Epoll adopted = Epoll.fromFd(fd);
        assertEquals(fd, adopted.fileno());
        int[] pipe = fds.pipe();
        adopted.register(pipe[1], EPOLLOUT);
        assertEquals(1, adopted.poll(0, 1, WaitHook.NONE).size());
        adopted.close();
        assertNotOpen(fd);
        assertErrno(LinuxConstants.EBADF, () -> Epoll.fromFd(-1));
    }

    @Test
    void failuresOfAnAdoptedBadDescriptorSurface() {
        Epoll bogus = Epoll.fromFd(TestFds.NEVER_OPEN_FD);
        assertErrno(LinuxConstants.EBADF, () -> bogus.poll(0, 1, WaitHook.NONE));
        assertErrno(LinuxConstants.EBADF, () -> bogus.poll(-1, 1, WaitHook.NONE));
        assertErrno(LinuxConstants.EBADF, bogus::close);
        assertTrue(bogus.isClosed());
        bogus.close();
    }

    @Test
    void interruptEndsAnUnboundedWait() throws Exception {
        Waiter waiter = Waiter.start(() -> epoll.poll(-1, 1, WaitHook.NONE));
        long interruptedAt = System.nanoTime();
        waiter.interrupt();
        Throwable thrown = waiter.outcome();
        long latency = System.nanoTime() - interruptedAt;
        assertInstanceOf(WaitInterruptedException.class, thrown);
        assertTrue(latency < 500 * MS, "ended " + latency + " ns after the interrupt");
    }

    @Test
    void hookAbortPropagatesAndReleasesEverything() {
        ScratchBuffer.take(0); // empties this thread's cache, so that poll's buffer must be new
        assertNull(ScratchBuffer.cachedForThisThread());
        RuntimeException abort = new RuntimeException("abort");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> epoll.poll(-1, 100, attempt -> {
            attempt.waker().wake();
            assertEquals(Blocking.WOKEN, attempt.getAsInt());
            throw abort;
        }));
        assertSame(abort, thrown);
        assertNotNull(ScratchBuffer.cachedForThisThread(), "event buffer returned to the thread cache");
        int fd = epoll.fileno();
        epoll.close();
        assertNotOpen(fd); // no use left behind: close was immediate
    }

    @Test
    void closeDuringAWaitLetsItGoOnAndClosesTheDescriptorWhenItEnds() throws Exception {
        int[] pipe = fds.pipe();
        epoll.register(pipe[0], EPOLLIN);
        List<ReadyList> result = new ArrayList<>();
        Waiter waiter = Waiter.start(() -> result.add(epoll.poll(-1, 1, WaitHook.NONE)));
        int fd = epoll.fileno();
        epoll.close();
        Thread.sleep(60);
        assertTrue(isOpen(fd), "the waiting thread still uses the descriptor");
        TestFds.write(pipe[1], "x");
        waiter.assertSucceeded();
        assertEquals(pipe[0], result.get(0).fd(0), "events still arrive after the close, as in CPython");
        assertNotOpen(fd);
    }

    @Test
    void registrationsApplyToAWaitInProgress() throws Exception {
        int[] pipe = fds.pipe();
        List<ReadyList> result = new ArrayList<>();
        Waiter waiter = Waiter.start(() -> result.add(epoll.poll(5000 * MS, 1, WaitHook.NONE)));
        epoll.register(pipe[0], EPOLLIN);
        TestFds.write(pipe[1], "x");
        waiter.assertSucceeded();
        assertEquals(1, result.get(0).size());
        assertEquals(pipe[0], result.get(0).fd(0));
    }

    @Test
    void threadsMayRegisterPollAndUnregisterConcurrently() throws Exception {
        long end = System.nanoTime() + 1500 * MS;
        List<Waiter> workers = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
            int[] pipe = fds.pipe();
            workers.add(Waiter.start(() -> {
                while (System.nanoTime() < end) {
                    epoll.register(pipe[1], EPOLLOUT);
                    epoll.modify(pipe[1], EPOLLOUT | EPOLLIN);
                    ReadyList ready = epoll.poll(2 * MS, 8, WaitHook.NONE);
                    assertTrue(ready.size() >= 1 && ready.size() <= 4, "ready " + ready);
                    epoll.unregister(pipe[1]);
                }
            }));
        }
        workers.add(Waiter.start(() -> {
            while (System.nanoTime() < end) {
                epoll.poll(10 * MS, 1, WaitHook.NONE);
            }
        }));
        for (Waiter worker : workers) {
            worker.assertSucceeded();
        }
        assertEquals(0, epoll.poll(0, 8, WaitHook.NONE).size());
    }
}
