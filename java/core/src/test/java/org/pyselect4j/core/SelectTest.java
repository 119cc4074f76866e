package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SelectTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int[] NONE = {};
    /** A wait whose descriptors are ready at once, or that never starts, is never woken. */
    private static final WaitHook MUST_NOT_BE_WOKEN = attempt -> {
        int rc = attempt.getAsInt();
        if (rc == Blocking.WOKEN) {
            throw new AssertionError("select was woken");
        }
        return rc;
    };

    private final TestFds fds = new TestFds();

    @AfterEach
    void closeFds() {
        fds.close();
    }

    @Test
    void reportsIndexesOfReadyDescriptorsIncludingDuplicates() {
        int[] pipe = fds.pipe();
        int[] read = {pipe[0], pipe[0]};
        int[] write = {pipe[1], pipe[0], pipe[1]};
        SelectResult result = Select.select(read, write, NONE, 0, MUST_NOT_BE_WOKEN);
        assertArrayEquals(NONE, result.readIndexes());
        assertArrayEquals(new int[] {0, 2}, result.writeIndexes());
        assertArrayEquals(NONE, result.exceptIndexes());

        TestFds.write(pipe[1], "x");
        result = Select.select(read, write, new int[] {pipe[0]}, -1, MUST_NOT_BE_WOKEN);
        assertArrayEquals(new int[] {0, 1}, result.readIndexes());
        assertArrayEquals(new int[] {0, 2}, result.writeIndexes());
        assertArrayEquals(NONE, result.exceptIndexes());
    }

    @Test
    void descriptorsOutsideAnFdSetAreRefusedBeforeAnySystemCall() {
        int[] outside = {-1, LinuxConstants.FD_SETSIZE, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int fd : outside) {
            int[] bad = {fd};
            for (int[][] sets : new int[][][] {{bad, NONE, NONE}, {NONE, bad, NONE}, {NONE, NONE, bad}}) {
                // An unbounded wait on no descriptor would never return: the check comes first.
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> Select.select(sets[0], sets[1], sets[2], -1, MUST_NOT_BE_WOKEN));
                assertEquals("descriptor " + fd + " does not fit an fd_set", error.getMessage());
            }
        }
    }

    @Test
    void closedDescriptorGivesEbadf() {
        int[] pipe = fds.pipe();
        fds.closeNow(pipe[0]);
        assertErrno(LinuxConstants.EBADF, () -> Select.select(new int[] {pipe[0]}, NONE, NONE, 0, MUST_NOT_BE_WOKEN));
    }

    @Test
    void timeoutIsHonored() {
        int[] pipe = fds.pipe();
        long start = System.nanoTime();
        SelectResult result = Select.select(new int[] {pipe[0]}, NONE, NONE, 120 * MS, WaitHook.NONE);
        long elapsed = System.nanoTime() - start;
        assertArrayEquals(NONE, result.readIndexes());
        assertTrue(elapsed >= 120 * MS, "returned after " + elapsed + " ns");
        assertTrue(elapsed < 2000 * MS, "returned after " + elapsed + " ns");
    }

    @Test
    void descriptorThatBecomesReadyDuringALongWaitIsReported() throws Exception {
        int[] pipe = fds.pipe();
        SelectResult[] result = new SelectResult[1];
        Waiter waiter = Waiter.start(
                () -> result[0] = Select.select(new int[] {pipe[0]}, NONE, NONE, -1, WaitHook.NONE));
        Thread.sleep(100); // several slices: the request must survive each timed-out slice
        TestFds.write(pipe[1], "x");
        waiter.assertSucceeded();
        assertArrayEquals(new int[] {0}, result[0].readIndexes());
    }

    @Test
    void interruptEndsAnUnboundedWait() throws Exception {
        int[] pipe = fds.pipe();
        Waiter waiter = Waiter.start(() -> Select.select(new int[] {pipe[0]}, NONE, NONE, -1, WaitHook.NONE));
        waiter.interrupt();
        assertInstanceOf(WaitInterruptedException.class, waiter.outcome());
    }
}
