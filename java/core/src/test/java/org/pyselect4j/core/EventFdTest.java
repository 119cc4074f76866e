package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EventFd, PidFd and Fds.pipe2 on the real kernel. */
class EventFdTest {
    private static final int EFD_CLOEXEC = LinuxConstants.get("EFD_CLOEXEC");
    private static final int EFD_NONBLOCK = LinuxConstants.get("EFD_NONBLOCK");
    private static final int EFD_SEMAPHORE = LinuxConstants.get("EFD_SEMAPHORE");
    private static final int O_CLOEXEC = LinuxConstants.get("O_CLOEXEC");

    private final TestFds fds = new TestFds();

    @AfterEach
    void closeFds() {
        fds.close();
    }

    @Test
    void counterAddsUpAndReadResetsIt() {
        int fd = fds.adopt(EventFd.create(5, EFD_CLOEXEC | EFD_NONBLOCK));
        assertTrue(Fds.isCloseOnExec(fd));
        EventFd.write(fd, 7);
        assertEquals(12, EventFd.read(fd, WaitHook.NONE));
        assertErrno(LinuxConstants.EAGAIN, () -> EventFd.read(fd, WaitHook.NONE));
    }

    @Test
    void flagsArePassedAsGiven() {
        assertFalse(Fds.isCloseOnExec(fds.adopt(EventFd.create(0, EFD_NONBLOCK))), "CPython does not force it");
        assertErrno(LinuxConstants.EINVAL, () -> EventFd.create(0, -1));
    }

    @Test
    void semaphoreModeTakesOneAtATime() {
        int fd = fds.adopt(EventFd.create(2, EFD_SEMAPHORE | EFD_NONBLOCK));
        assertEquals(1, EventFd.read(fd, WaitHook.NONE));
        assertEquals(1, EventFd.read(fd, WaitHook.NONE));
        assertErrno(LinuxConstants.EAGAIN, () -> EventFd.read(fd, WaitHook.NONE));
    }

    @Test
    void valuesAreUnsigned() {
        int fd = fds.adopt(EventFd.create(-1, EFD_NONBLOCK)); // 2**32 - 1
        assertEquals(0xFFFF_FFFFL, EventFd.read(fd, WaitHook.NONE));
        EventFd.write(fd, -2L); // 2**64 - 2, the largest value the counter holds
        assertEquals(-2L, EventFd.read(fd, WaitHook.NONE));
        assertErrno(LinuxConstants.EINVAL, () -> EventFd.write(fd, -1L)); // 2**64 - 1 is refused
    }

    @Test
    void pidfdBecomesReadableWhenTheProcessExits() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            int fd = fds.adopt(PidFd.open((int) child.pid(), 0));
            assertTrue(Fds.isCloseOnExec(fd));
            Poll poll = new Poll();
            poll.register(fd, LinuxConstants.POLLIN);
            assertEquals(0, poll.poll(0, WaitHook.NONE).size());
            child.destroy();
            child.waitFor();
            assertEquals(1, poll.poll(5_000_000_000L, WaitHook.NONE).size());
        } finally {
            child.destroyForcibly();
        }
        assertErrno(LinuxConstants.EINVAL, () -> PidFd.open(0, 0));
        assertErrno(LinuxConstants.ESRCH, () -> PidFd.open(Integer.MAX_VALUE, 0));
    }

    @Test
    void pipe2KeepsTheFlagsGiven() {
        int[] inheritable = Fds.pipe2(0);
        fds.adopt(inheritable[0]);
        fds.adopt(inheritable[1]);
        assertFalse(Fds.isCloseOnExec(inheritable[0]));
        int[] closing = Fds.pipe2(O_CLOEXEC);
        fds.adopt(closing[0]);
        fds.adopt(closing[1]);
        assertArrayEquals(new boolean[] {true, true},
                new boolean[] {Fds.isCloseOnExec(closing[0]), Fds.isCloseOnExec(closing[1])});
        assertErrno(LinuxConstants.EINVAL, () -> Fds.pipe2(-1));
    }
}
