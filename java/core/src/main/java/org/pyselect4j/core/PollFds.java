package org.pyselect4j.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.pyselect4j.jni.Native;

/** An array of struct pollfd in native memory, at {@code offset} in a buffer. */
final class PollFds {
    private final ByteBuffer buffer;
    private final long address;
    private final int offset;

    PollFds(ByteBuffer buffer, long bufferAddress, int offset) {
        this.buffer = buffer;
        this.address = bufferAddress + offset;
        this.offset = offset;
    }

    /** An array of {@code count} entries in a direct buffer of its own. */
    static PollFds allocate(int count) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(count * Layout.POLLFD_SIZE)
                .order(ByteOrder.nativeOrder());
        return new PollFds(buffer, Native.address(buffer), 0);
    }

    long address() {
        return address;
    }

    void set(int index, int fd, int events) {
        int at = offset + index * Layout.POLLFD_SIZE;
        buffer.putInt(at + Layout.POLLFD_FD, fd);
        buffer.putShort(at + Layout.POLLFD_EVENTS, (short) events);
        buffer.putShort(at + Layout.POLLFD_REVENTS, (short) 0);
    }

    int fd(int index) {
        return buffer.getInt(offset + index * Layout.POLLFD_SIZE + Layout.POLLFD_FD);
    }

    /**
     * poll(2) over the first {@code count} entries and the waker's {@code wakeFd},
     * which it puts in entry {@code count} (the array has room for it), for at
     * most {@code waitNs} (negative: no limit): the number of ready entries,
     * -errno, or {@link Blocking#WOKEN} when the waker is readable, so that
     * anything not positive ends a caller's attempt as it is.
     */
    int pollWithWaker(int count, int wakeFd, long waitNs) {
        set(count, wakeFd, LinuxConstants.POLLIN);
        int rc = Native.poll(address, count + 1, Blocking.ceilMillis(waitNs));
        return rc > 0 && revents(count) != 0 ? Blocking.WOKEN : rc;
    }

    int revents(int index) {
        return Short.toUnsignedInt(buffer.getShort(offset + index * Layout.POLLFD_SIZE + Layout.POLLFD_REVENTS));
    }
}
