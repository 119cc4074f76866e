package org.pyselect4j.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pyselect4j.jni.Native;

/** Plain descriptor operations, for the binding and for tests. */
public final class Fds {
    private static final int FD_CLOEXEC = LinuxConstants.get("FD_CLOEXEC");
    private static final int O_CLOEXEC = LinuxConstants.get("O_CLOEXEC");
    private static final int O_NONBLOCK = LinuxConstants.get("O_NONBLOCK");

    private Fds() {
    }

    public static void close(int fd) {
        Errors.check(Native.close(fd));
    }

    /** Whether fd is open on a timerfd, as /proc/self/fd tells. */
    public static boolean isTimerFd(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString()
                    .equals("anon_inode:[timerfd]");
        } catch (IOException notOpen) {
            return false;
        }
    }

    /** @throws ErrnoException EBADF if fd is not open */
    public static boolean isCloseOnExec(int fd) {
        return (Errors.check(Native.getFdFlags(fd)) & FD_CLOEXEC) != 0;
    }

    /**
     * A new close-on-exec pipe.
     *
     * @return the read end, then the write end
     */
    public static int[] pipe(boolean nonBlocking) {
        return pipe2(O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0));
    }

    /** @throws ErrnoException EBADF if fd is not open */
    public static boolean isNonBlocking(int fd) {
        return (Errors.check(Native.getStatusFlags(fd)) & O_NONBLOCK) != 0;
    }

    /**
     * CPython's {@code os.pipe2}: a new pipe with the flags as given
     * ({@code O_CLOEXEC}, {@code O_NONBLOCK}, ...).
     *
     * @return the read end, then the write end
     */
    public static int[] pipe2(int flags) {
        try (ScratchBuffer fds = ScratchBuffer.take(2 * Integer.BYTES)) {
            Errors.check(Native.pipe2(fds.address(), flags));
            return new int[] {fds.buffer().getInt(0), fds.buffer().getInt(Integer.BYTES)};
        }
    }

    /** @return how many bytes were written */
    public static int write(int fd, byte[] data) {
        try (ScratchBuffer buffer = ScratchBuffer.take(data.length)) {
            buffer.buffer().put(0, data);
            return Errors.check(Native.write(fd, buffer.address(), data.length));
        }
    }

    /** @return the bytes read, at most maxBytes; empty at end of file */
    public static byte[] read(int fd, int maxBytes) {
        try (ScratchBuffer buffer = ScratchBuffer.take(maxBytes)) {
            int count = Errors.check(Native.read(fd, buffer.address(), maxBytes));
            byte[] data = new byte[count];
            buffer.buffer().get(0, data);
            return data;
        }
    }
}
