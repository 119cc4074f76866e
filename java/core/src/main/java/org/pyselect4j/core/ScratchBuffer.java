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
 * The cache is a slot each thread keeps, filled and emptied in place: setting
 * and removing a thread-local on every call cost a sixth of an idle wait.
 */
final class ScratchBuffer implements AutoCloseable {
    private static final int MINIMUM_CAPACITY = 4096;
    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    /** A thread's cache: its free buffer, null while lent (or before the first call). */
    private static final class Slot {
        ScratchBuffer free;
    }

    private final ByteBuffer buffer;
    private final long address;
    /** The slot of the thread that took this buffer, which it goes back to. */
    private final Slot home;

    private ScratchBuffer(int capacity, Slot home) {
        buffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        address = Native.address(buffer);
        this.home = home;
    }

    /** A buffer of at least {@code bytes} bytes, with undefined content. */
    static ScratchBuffer take(int bytes) {
        Slot slot = SLOT.get();
        ScratchBuffer cached = slot.free;
        if (cached != null && cached.buffer.capacity() >= bytes) {
            slot.free = null;
            cached.buffer.clear();
            return cached;
        }
        return new ScratchBuffer(Math.max(bytes, MINIMUM_CAPACITY), slot);
    }

    ByteBuffer buffer() {
        return buffer;
    }

    long address() {
        return address;
    }

    /** Returns the buffer to its thread's cache, which keeps the largest one. */
    @Override
    public void close() {
        ScratchBuffer cached = home.free;
        if (cached == null || cached.buffer.capacity() < buffer.capacity()) {
            home.free = this;
        }
    }

    /** For tests: the buffer this thread would reuse, or null. */
    static ScratchBuffer cachedForThisThread() {
        return SLOT.get().free;
    }
}
