package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyselect4j.jni.Native;

/** Signals caught by libpyselect4j's handler, on the real kernel (SIGUSR1, which the JVM leaves alone). */
class SignalsTest {
    private static final int SIGUSR1 = 10;
    private static final long USR1_BIT = 1L << (SIGUSR1 - 1);

    private final TestFds fds = new TestFds();
    private final Semaphore arrivals = new Semaphore(0);
    private final Signals.Target target = new Signals.Target(arrivals::release);

    @AfterEach
    void release() {
        target.releaseAll();
        fds.close();
    }

    @Test
    void aBurstIsOnePendingSignalWithOneByteEach() throws InterruptedException {
        int[] pipe = Fds.pipe(true);
        fds.adopt(pipe[0]);
        fds.adopt(pipe[1]);
        assertEquals(-1, target.setWakeupFd(pipe[1], true));
        target.handle(SIGUSR1, true);
        assertTrue(target.catches(SIGUSR1));
        Signals.raise(SIGUSR1);
        Signals.raise(SIGUSR1);
        Signals.raise(SIGUSR1);
        assertEquals(USR1_BIT, target.takePending());
        assertEquals(0, target.takePending());
        assertArrayEquals(new byte[] {SIGUSR1, SIGUSR1, SIGUSR1}, Fds.read(pipe[0], 16));
        assertTrue(arrivals.tryAcquire(10, TimeUnit.SECONDS), "the dispatcher thread told the target");
        assertEquals(0, Signals.takeWakeupError());
    }

    @Test
    void theMainThreadsWaitIsWokenByTheHandlerItself() throws InterruptedException {
        target.handle(SIGUSR1, true);
        Waker waker = Waker.take();
        try {
            target.blockedIn(waker);
            Signals.raise(SIGUSR1); // returns once this thread ran the native handler
            assertEquals(0, Native.eventfdDrain(waker.fd()), "the handler wrote the waker, no dispatcher between");
            assertTrue(target.collectPending());
            assertFalse(arrivals.tryAcquire(200, TimeUnit.MILLISECONDS),
                    "no onArrival while the thread waits: it takes the signals itself");
            target.unblocked();
            target.blockedIn(waker); // the signal is still pending: woken at once
            assertEquals(0, Native.eventfdDrain(waker.fd()));
            target.unblocked();
            assertEquals(USR1_BIT, target.takePending());
            Signals.raise(SIGUSR1);
            assertTrue(arrivals.tryAcquire(10, TimeUnit.SECONDS), "not waiting: the engine is told");
            assertEquals(-LinuxConstants.EAGAIN, Native.eventfdDrain(waker.fd()), "an ended wait's waker is left alone");
        } finally {
            target.unblocked();
            waker.release();
        }
    }

    @Test
    void releaseEndsCatchingAndPutBackKeepsSignalsPending() {
        target.handle(SIGUSR1, false);
        target.release(SIGUSR1);
        assertFalse(target.catches(SIGUSR1));
        target.putBack(USR1_BIT);
        assertTrue(target.collectPending());
        assertEquals(USR1_BIT, target.takePending());
    }

    @Test
    void sigkillCannotBeCaught() {
        assertErrno(LinuxConstants.EINVAL, () -> target.handle(9, true));
    }
}
