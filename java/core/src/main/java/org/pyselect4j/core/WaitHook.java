package org.pyselect4j.core;

/**
 * How an engine takes part in a blocking wait: it runs the wait's
 * {@link Blocking.Attempt}, arranging for the attempt's {@link Waker} to be
 * woken when it has work for the thread (signal handlers, cancellation). When
 * the attempt returns {@link Blocking#WOKEN}, the engine does that work, then
 * runs the attempt again, which goes on with the remaining time. Any exception
 * it throws ends the wait and propagates, with the wait's resources released.
 */
@FunctionalInterface
public interface WaitHook {
    /** No engine: the wait ends only when ready, at its timeout, or by {@link WaitInterruptedException}. */
    WaitHook NONE = attempt -> {
        int rc;
        do {
            rc = attempt.getAsInt();
        } while (rc == Blocking.WOKEN);
        return rc;
    };

    /** @return the attempt's first result other than {@link Blocking#WOKEN} */
    int block(Blocking.Attempt attempt);
}
