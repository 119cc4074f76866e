package org.pyselect4j.core;

/** An operation on a closed {@link Epoll}; CPython raises ValueError with this message. */
public class ClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ClosedException() {
        super("I/O operation on closed epoll object");
    }
}
