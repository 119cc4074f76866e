package org.pyselect4j.core;

/**
 * Called by blocking waits after each EINTR and at least every
 * {@link Blocking#SLICE_MS} ms, so that the caller can run signal handlers or
 * notice cancellation. Any exception it throws ends the wait and propagates,
 * with the wait's resources released.
 */
@FunctionalInterface
public interface WaitHook {
    /** Ends the wait with {@link WaitInterruptedException} when the thread is interrupted. */
    WaitHook NONE = () -> {
        if (Thread.interrupted()) {
            throw new WaitInterruptedException();
        }
    };

    void checkpoint();
}
