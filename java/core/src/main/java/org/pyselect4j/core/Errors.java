package org.pyselect4j.core;

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
}
