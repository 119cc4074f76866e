package org.pyselect4j.core;

import java.util.function.IntSupplier;

/** The one place where a native -errno result becomes an {@link ErrnoException}. */
public final class Errors {
    private Errors() {
    }

    /**
     * @return {@code rc} when it is a result (>= 0)
     * @throws ErrnoException when it is {@code -errno}
     */
    public static int check(int rc) {
        if (rc < 0) {
            throw new ErrnoException(-rc);
        }
        return rc;
    }

    /**
     * Makes {@code call} (a system call's result or -errno) until it ends with
     * something other than EINTR, as PEP 475 asks of calls that need no
     * deadline; waits with a timeout go through {@link Blocking} instead.
     */
    public static int checkRetryingEintr(IntSupplier call) {
        int rc;
        do {
            rc = call.getAsInt();
        } while (rc == -LinuxConstants.EINTR);
        return check(rc);
    }
}
