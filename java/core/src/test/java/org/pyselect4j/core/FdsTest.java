package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyselect4j.core.TestFds.assertErrno;
import static org.pyselect4j.core.TestFds.assertNotOpen;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FdsTest {
    private final TestFds fds = new TestFds();

    @AfterEach
    void closeFds() {
        fds.close();
    }

    @Test
    void pipeEndsAreCloseOnExec() {
        int[] pipe = fds.pipe();
        assertTrue(Fds.isCloseOnExec(pipe[0]));
        assertTrue(Fds.isCloseOnExec(pipe[1]));
        int[] blocking = Fds.pipe(false);
        fds.adopt(blocking[0]);
        fds.adopt(blocking[1]);
        assertTrue(Fds.isCloseOnExec(blocking[0]));
    }

    @Test
    void writeThenRead() {
        int[] pipe = fds.pipe();
        TestFds.write(pipe[1], "hello");
        assertArrayEquals("hel".getBytes(), Fds.read(pipe[0], 3));
        assertArrayEquals("lo".getBytes(), Fds.read(pipe[0], 100));
        assertErrno(LinuxConstants.EAGAIN, () -> Fds.read(pipe[0], 1));
        fds.closeNow(pipe[1]);
        assertArrayEquals(new byte[0], Fds.read(pipe[0], 1));
    }

    @Test
    void closedDescriptorsGiveEbadf() {
        int[] pipe = fds.pipe();
        fds.closeNow(pipe[0]);
        assertNotOpen(pipe[0]);
        assertErrno(LinuxConstants.EBADF, () -> Fds.close(pipe[0]));
        assertErrno(LinuxConstants.EBADF, () -> Fds.read(pipe[0], 1));
        assertErrno(LinuxConstants.EBADF, () -> Fds.write(-1, new byte[1]));
        assertErrno(LinuxConstants.EBADF, () -> Fds.isCloseOnExec(Integer.MIN_VALUE));
    }
}
