package org.pyselect4j.seam;

/**
 * Per thread, the Python exception of the last plain call whose system call
 * failed, for the glue to take and raise.
 *
 * <p>Why not return it: the glue would then have to tell an exception from a
 * result on every call ({@code isinstance}, microseconds while GraalPy
 * interprets it), and throwing it from Java captures the whole guest stack.
 * So a failed call returns the glue's notPlain, like a call that is not plain,
 * and only then does the glue ask for the exception. Every notPlain sets the
 * slot, to the exception or to nothing, so what the glue takes is always its
 * own call's.
 */
public final class FailedCalls {
    private final ThreadLocal<Object> exceptions = new ThreadLocal<>();

    /** Keeps {@code exception} as the calling thread's; null: its last call failed in no system call. */
    void keep(Object exception) {
        if (exception == null) {
            exceptions.remove();
        } else {
            exceptions.set(exception);
        }
    }

    /** The calling thread's kept exception, or null; it is no longer kept. */
    public Object take() {
        Object exception = exceptions.get();
        if (exception != null) {
            exceptions.remove();
        }
        return exception;
    }
}
