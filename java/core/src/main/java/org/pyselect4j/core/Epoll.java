package org.pyselect4j.core;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.pyselect4j.jni.Native;

/**
 * An epoll instance: CPython's {@code select.epoll}.
 *
 * <p>Thread-safe. Each operation holds a use of the descriptor while it runs
 * (a count changed by compare-and-set, no lock), so one thread may register
 * while another waits. {@link #close}
 * marks the object closed at once, but the descriptor itself is closed only when
 * its last use ends: no thread can ever pass a number the kernel has meanwhile
 * given to another file. As with CPython, a wait in progress goes on after a
 * close and still reports the events of the descriptors registered.
 *
 * <p>An object that becomes unreachable while open has its descriptor closed
 * after garbage collection, as CPython closes it on deallocation.
 */
public final class Epoll implements AutoCloseable {
    /** Most events one wait returns, whatever maxEvents asks: bounds the buffer (12 bytes each). */
    static final int MAX_EVENTS_PER_WAIT = 65536;
    /** The kernel refuses larger maxevents with EINVAL; asking for them here does the same. */
    private static final int KERNEL_MAX_EVENTS = Integer.MAX_VALUE / Layout.EPOLL_EVENT_SIZE;
    private static final int CTL_ADD = LinuxConstants.get("EPOLL_CTL_ADD");
    private static final int CTL_MOD = LinuxConstants.get("EPOLL_CTL_MOD");
    private static final int CTL_DEL = LinuxConstants.get("EPOLL_CTL_DEL");

    private static final Cleaner CLEANER = Cleaner.create();

    /** In {@link #state}: set once closed; the other bits count the uses in progress. */
    private static final int CLOSED = 1 << 30;

    private final int epfd;
    private final AtomicInteger state = new AtomicInteger();
    private final DescriptorCloser closer;
    private final Cleaner.Cleanable closeOnce;

    private Epoll(int epfd) {
        this.epfd = epfd;
        this.closer = new DescriptorCloser(epfd);
        // Also runs once this object is unreachable; no use can be in progress then.
        this.closeOnce = CLEANER.register(this, closer);
    }

    /** close(2) of the descriptor, run at most once through {@link #closeOnce}. */
    private static final class DescriptorCloser implements Runnable {
        private final int fd;
        private int result;

        DescriptorCloser(int fd) {
            this.fd = fd;
        }

        @Override
        public void run() {
            result = Native.close(fd);
        }
    }

    /** A new close-on-exec epoll instance. */
    public static Epoll create() {
        return new Epoll(Errors.check(Native.epollCreate(LinuxConstants.EPOLL_CLOEXEC)));
    }

    /** Adopts an existing epoll descriptor; closing the object closes it. */
    public static Epoll fromFd(int fd) {
        if (fd < 0) {
            throw new ErrnoException(LinuxConstants.EBADF);
        }
        return new Epoll(fd);
    }

    public int fileno() {
        if (isClosed()) {
            throw new ClosedException();
        }
        return epfd;
    }

    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /**
     * Closes the descriptor, or, while other threads still use it, leaves that to
     * the last of them (which then ignores a close failure: nobody could see it).
     * Does nothing when already closed.
     *
     * @throws ErrnoException if close(2) fails
     */
    @Override
    public void close() {
        int before;
        do {
            before = state.get();
            if ((before & CLOSED) != 0) {
                return;
            }
        } while (!state.compareAndSet(before, before | CLOSED));
        if (before != 0) {
            return; // uses in progress: the last one closes
        }
        closeOnce.clean();
        Errors.check(closer.result);
    }

    public void register(int fd, int events) {
        control(CTL_ADD, fd, events);
    }

    public void modify(int fd, int events) {
        control(CTL_MOD, fd, events);
    }

    public void unregister(int fd) {
        control(CTL_DEL, fd, 0);
    }

    private void control(int operation, int fd, int events) {
        acquire();
        try {
            Errors.check(Native.epollCtl(epfd, operation, fd, events));
        } finally {
            release();
        }
    }

    /**
     * Waits for events.
     *
     * @param timeoutNs negative waits until an event, 0 does not block
     * @param maxEvents at least 1; at most {@value #MAX_EVENTS_PER_WAIT} are returned per call
     * @throws IllegalArgumentException if maxEvents is less than 1
     * @throws ErrnoException EINVAL if maxEvents exceeds the kernel's limit, or the kernel's error
     */
    public ReadyList poll(long timeoutNs, int maxEvents, WaitHook hook) {
        Objects.requireNonNull(hook, "hook");
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be greater than 0, got " + maxEvents);
        }
        if (maxEvents > KERNEL_MAX_EVENTS) {
            throw new ErrnoException(LinuxConstants.EINVAL);
        }
        int capacity = Math.min(maxEvents, MAX_EVENTS_PER_WAIT);
        int eventsBytes = capacity * Layout.EPOLL_EVENT_SIZE;
        acquire();
        try (ScratchBuffer scratch = ScratchBuffer.take(eventsBytes + 2 * Layout.POLLFD_SIZE)) {
            long events = scratch.address();
            PollFds watched = new PollFds(scratch.buffer(), scratch.address(), eventsBytes);
            int count = Blocking.run(timeoutNs, hook, (waitNs, wakeFd) -> {
                if (wakeFd == Blocking.NO_WAKE_FD) {
                    return Native.epollWait(epfd, events, capacity, 0);
                }
                // Block until the epoll or the waker is readable, then take the events without
                // blocking: another thread may have taken them meanwhile (then 0, and the wait goes on).
                watched.set(0, epfd, LinuxConstants.POLLIN);
                int rc = watched.pollWithWaker(1, wakeFd, waitNs);
                return rc <= 0 ? rc : Native.epollWait(epfd, events, capacity, 0);
            });
            return readyList(scratch.buffer(), count);
        } finally {
            release();
        }
    }

    private static ReadyList readyList(ByteBuffer events, int count) {
        ReadyList ready = ReadyList.ofSize(count);
        for (int i = 0; i < count; i++) {
            int event = i * Layout.EPOLL_EVENT_SIZE;
            ready.set(i, events.getInt(event + Layout.EPOLL_EVENT_FD), events.getInt(event + Layout.EPOLL_EVENT_EVENTS));
        }
        return ready;
    }

    /** Starts a use of the descriptor, which stays open until the matching {@link #release}. */
    private void acquire() {
        int before;
        do {
            before = state.get();
            if ((before & CLOSED) != 0) {
                throw new ClosedException();
            }
        } while (!state.compareAndSet(before, before + 1));
    }

    private void release() {
        if (state.decrementAndGet() == CLOSED) {
            closeOnce.clean(); // the last use after a close
        }
    }
}
