package org.pyselect4j.core;

/** Another thread is inside {@link Poll#poll} of the same object. */
public class ConcurrentPollException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ConcurrentPollException() {
        super("another thread is polling this object");
    }
}
