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

    int revents(int index) {
        return Short.toUnsignedInt(buffer.getShort(offset + index * Layout.POLLFD_SIZE + Layout.POLLFD_REVENTS));
    }
}
