package org.pyselect4j.core;

/** A blocking wait ended because its thread was interrupted; the interrupt status is cleared. */
public class WaitInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WaitInterruptedException() {
        super("wait interrupted");
    }
}
