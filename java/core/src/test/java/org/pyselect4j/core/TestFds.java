package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.function.Executable;

/** Descriptors a test creates, closed after it; and assertions about errno. */
final class TestFds implements AutoCloseable {
    /** A number far above any descriptor the test JVM opens. */
    static final int NEVER_OPEN_FD = 1_000_000;

    private final List<Integer> open = new ArrayList<>();

    /** A non-blocking pipe: {read end, write end}. */
    int[] pipe() {
        int[] fds = Fds.pipe(true);
        open.add(fds[0]);
        open.add(fds[1]);
        return fds;
    }

    /** Takes ownership of fd: it will be closed after the test. */
    int adopt(int fd) {
        open.add(fd);
        return fd;
    }

    /** Closes fd now instead of after the test. */
    void closeNow(int fd) {
        open.remove(Integer.valueOf(fd));
        Fds.close(fd);
    }

    @Override
    public void close() {
        for (int fd : open) {
            Fds.close(fd);
        }
        open.clear();
    }

    static void write(int fd, String text) {
        assertEquals(text.length(), Fds.write(fd, text.getBytes()));
    }

    static ErrnoException assertErrno(int errno, Executable call) {
        ErrnoException error = assertThrows(ErrnoException.class, call);
        assertEquals(errno, error.errno(), error.getMessage());
        return error;
    }

    static void assertNotOpen(int fd) {
        assertErrno(LinuxConstants.EBADF, () -> Fds.isCloseOnExec(fd));
    }
}
