package org.pyselect4j.core;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntSupplier;

import org.pyselect4j.jni.Native;

/**
 * A blocking wait's wake-up descriptor: an eventfd that the wait watches
 * beside its own descriptors, so that {@link #wake} ends the wait at once from
 * any thread. The kernel wakes the wait; nothing polls.
 *
 * <p>{@link Thread#interrupt()} of the waiting thread wakes it too, through the
 * hook the JDK offers selectors ({@link AbstractSelector#begin()}).
 *
 * <p>A wait borrows a waker from a pool and gives it back when it ends, so the
 * process holds one eventfd per wait in progress at the busiest moment so
 * far, whatever threads come and go. A wake-up that arrives as a wait ends
 * leaves the next borrower one spurious wake-up, after which it waits on.
 * A waker is never closed: the native signal handler may write to the
 * descriptor of one that a wait has just given back ({@link Signals}).
 */
public final class Waker {
    private static final Deque<Waker> IDLE = new ConcurrentLinkedDeque<>();
    private static final int FLAGS = LinuxConstants.get("EFD_CLOEXEC") | LinuxConstants.get("EFD_NONBLOCK");

    private final int fd;
    private final InterruptHook interruptHook = new InterruptHook();

    private Waker() {
        this.fd = Errors.check(Native.eventfdCreate(0, FLAGS));
    }

    /** An idle waker, created if none is. */
    static Waker take() {
        Waker idle = IDLE.pollFirst();
        return idle != null ? idle : new Waker();
    }

    /** Returns the waker to the pool; its wait has ended. */
    void release() {
        IDLE.offerFirst(this);
    }

    /** The descriptor a wait watches for reading, beside its own. */
    int fd() {
        return fd;
    }

    /** Ends the current (or the next) blocking wait of the waker's thread. Safe from any thread. */
    public void wake() {
        // Fails only if the counter would overflow, when it is readable anyway.
        Native.eventfdSignal(fd);
    }

    /** Makes the descriptor unreadable again, after a wait it woke. */
    void clear() {
        Native.eventfdDrain(fd);
    }

    /** Runs {@code call} with an interrupt of this thread turned into {@link #wake}. */
    int interruptible(IntSupplier call) {
        interruptHook.enter();
        try {
            return call.getAsInt();
        } finally {
            interruptHook.exit();
        }
    }

    /**
     * Not a selector: the JDK's public way to be told of {@link Thread#interrupt()}
     * while blocked. Between {@code begin} and {@code end}, an interrupt of the
     * thread calls {@link #wakeup}; so does {@code begin} if the thread was
     * interrupted already.
     */
    private final class InterruptHook extends AbstractSelector {
        InterruptHook() {
            super(SelectorProvider.provider());
        }

        void enter() {
            begin();
        }

        void exit() {
            end();
        }

        @Override
        public Selector wakeup() {
            wake();
            return this;
        }

        @Override
        protected void implCloseSelector() {
        }

        @Override
        protected SelectionKey register(AbstractSelectableChannel channel, int ops, Object attachment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<SelectionKey> keys() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<SelectionKey> selectedKeys() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int selectNow() throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public int select(long timeout) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public int select() throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}
