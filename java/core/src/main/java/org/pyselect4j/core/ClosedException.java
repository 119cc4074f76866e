package org.pyselect4j.core;

/** An operation on a closed {@link Epoll}. */
public class ClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ClosedException() {
        super("the epoll instance is closed");
    }
}
