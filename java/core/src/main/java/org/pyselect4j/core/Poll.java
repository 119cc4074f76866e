package org.pyselect4j.core;

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
 * by other threads while it waits apply to the next poll, as in CPython. The
 * copy, an array of {@code struct pollfd}, is kept and made again only after
 * the registrations changed.
 */
public final class Poll {
    private static final int MAX_EVENT_MASK = 0xFFFF;

    /** fd to event mask; re-registering keeps an fd's position. Guarded by itself. */
    private final Map<Integer, Integer> registrations = new LinkedHashMap<>();
    /** The registrations as poll(2) takes them, and one more entry for the waker; null after a change. Guarded by registrations. */
    private PollFds table;
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
            table = null;
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
            table = null;
        }
    }

    /** @return false if fd was not registered */
    public boolean unregister(int fd) {
        synchronized (registrations) {
            boolean removed = registrations.remove(fd) != null;
            if (removed) {
                table = null;
            }
            return removed;
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
            PollFds pollfds;
            synchronized (registrations) {
                count = registrations.size();
                if (table == null) {
                    table = PollFds.allocate(count + 1);
                    int index = 0;
                    for (Map.Entry<Integer, Integer> registration : registrations.entrySet()) {
                        table.set(index++, registration.getKey(), registration.getValue());
                    }
                }
                pollfds = table; // only this poll uses it: a change makes a new one for the next
            }
            int ready = Blocking.run(timeoutNs, hook, (waitNs, wakeFd) -> {
                if (wakeFd == Blocking.NO_WAKE_FD) {
                    return Native.poll(pollfds.address(), count, 0);
                }
                return pollfds.pollWithWaker(count, wakeFd, waitNs);
            });
            return readyList(pollfds, count, ready);
        } finally {
            polling.set(false);
        }
    }

    private static ReadyList readyList(PollFds pollfds, int count, int ready) {
        ReadyList list = ReadyList.ofSize(ready);
        int found = 0;
        for (int i = 0; i < count && found < ready; i++) {
            int revents = pollfds.revents(i);
            if (revents != 0) {
                list.set(found++, pollfds.fd(i), revents);
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
