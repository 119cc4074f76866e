package org.pyselect4j.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.pyselect4j.jni.Native;

/**
 * Native memory for one system call's arguments and results, reused across
 * calls of the same thread instead of allocated per call.
 *
 * <p>{@link #take} lends the thread's cached buffer and {@link #close} gives it
 * back, so a nested wait (a hook that polls again) gets a buffer of its own.
 */
final class ScratchBuffer implements AutoCloseable {
    private static final int MINIMUM_CAPACITY = 4096;
    private static final ThreadLocal<ScratchBuffer> CACHED = new ThreadLocal<>();

    private final ByteBuffer buffer;
    private final long address;

    private ScratchBuffer(int capacity) {
        buffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        address = Native.address(buffer);
    }

    /** A buffer of at least {@code bytes} bytes, with undefined content. */
    static ScratchBuffer take(int bytes) {
        ScratchBuffer cached = CACHED.get();
        if (cached != null && cached.buffer.capacity() >= bytes) {
            CACHED.remove();
            cached.buffer.clear();
            return cached;
        }
        return new ScratchBuffer(Math.max(bytes, MINIMUM_CAPACITY));
    }

    ByteBuffer buffer() {
        return buffer;
    }

    long address() {
        return address;
    }

    /** Returns the buffer to the thread's cache, which keeps the largest one. */
    @Override
    public void close() {
        ScratchBuffer cached = CACHED.get();
        if (cached == null || cached.buffer.capacity() < buffer.capacity()) {
            CACHED.set(this);
        }
    }

    /** For tests: the buffer this thread would reuse, or null. */
    static ScratchBuffer cachedForThisThread() {
        return CACHED.get();
    }
}
