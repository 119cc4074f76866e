package org.pyselect4j.core;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pyselect4j.jni.Native;

/**
 * CPython's {@code select.poll} object: registrations in insertion order, one
 * poll at a time.
 *
 * <p>Thread-safe. A poll copies the registrations when it starts; changes made
 * by other threads while it waits apply to the next poll, as in CPython.
 */
public final class Poll {
    private static final int MAX_EVENT_MASK = 0xFFFF;

    /** fd to event mask; re-registering keeps an fd's position. Guarded by itself. */
    private final Map<Integer, Integer> registrations = new LinkedHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();

    /**
     * Registers {@code fd}, or updates its mask if registered.
     *
     * @throws IllegalArgumentException if events is outside 0..0xFFFF (C's unsigned short)
     */
    public void register(int fd, int events) {
        checkEventMask(events);
        synchronized (registrations) {
            registrations.put(fd, events);
        }
    }

    /**
     * @throws ErrnoException ENOENT if fd is not registered
     */
    public void modify(int fd, int events) {
        checkEventMask(events);
        synchronized (registrations) {
            if (registrations.replace(fd, events) == null) {
                throw new ErrnoException(LinuxConstants.ENOENT);
            }
        }
    }

    /** @return false if fd was not registered */
    public boolean unregister(int fd) {
        synchronized (registrations) {
            return registrations.remove(fd) != null;
        }
    }

    /**
     * Waits until a registered fd is ready.
     *
     * @param timeoutNs negative waits until ready, 0 does not block
     * @return the ready fds and their revents, in registration order
     * @throws ConcurrentPollException if another thread is polling this object
     */
    public ReadyList poll(long timeoutNs, WaitHook hook) {
        Objects.requireNonNull(hook, "hook");
        if (!polling.compareAndSet(false, true)) {
            throw new ConcurrentPollException();
        }
        try {
            int count;
            ScratchBuffer pollfds;
            synchronized (registrations) {
                count = registrations.size();
                pollfds = ScratchBuffer.take(count * Layout.POLLFD_SIZE);
                writePollfds(pollfds.buffer());
            }
            try (pollfds) {
                int ready = Blocking.run(timeoutNs, hook,
                        sliceNs -> Native.poll(pollfds.address(), count, Blocking.ceilMillis(sliceNs)));
                return readyList(pollfds.buffer(), count, ready);
            }
        } finally {
            polling.set(false);
        }
    }

    /** Writes the registrations as pollfd structures; the caller holds the lock. */
    private void writePollfds(ByteBuffer pollfds) {
        int offset = 0;
        for (Map.Entry<Integer, Integer> registration : registrations.entrySet()) {
            pollfds.putInt(offset + Layout.POLLFD_FD, registration.getKey());
            pollfds.putShort(offset + Layout.POLLFD_EVENTS, registration.getValue().shortValue());
            pollfds.putShort(offset + Layout.POLLFD_REVENTS, (short) 0);
            offset += Layout.POLLFD_SIZE;
        }
    }

    private static ReadyList readyList(ByteBuffer pollfds, int count, int ready) {
        ReadyList list = ReadyList.ofSize(ready);
        int found = 0;
        for (int i = 0; i < count && found < ready; i++) {
            int offset = i * Layout.POLLFD_SIZE;
            int revents = Short.toUnsignedInt(pollfds.getShort(offset + Layout.POLLFD_REVENTS));
            if (revents != 0) {
                list.set(found++, pollfds.getInt(offset + Layout.POLLFD_FD), revents);
            }
        }
        return list;
    }

    private static void checkEventMask(int events) {
        if (events < 0 || events > MAX_EVENT_MASK) {
            throw new IllegalArgumentException("event mask out of range 0..0xFFFF: " + events);
        }
    }
}
