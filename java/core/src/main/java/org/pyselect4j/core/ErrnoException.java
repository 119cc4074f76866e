package org.pyselect4j.core;

import org.pyselect4j.jni.Native;

/** A failed system call, carrying its errno and libc's text for it. */
public class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String strerror;

    public ErrnoException(int errno) {
        this(errno, Native.strerror(errno));
    }

    private ErrnoException(int errno, String strerror) {
        super("errno " + errno + ": " + strerror);
        this.errno = errno;
        this.strerror = strerror;
    }

    public int errno() {
        return errno;
    }

    /** libc's text for {@link #errno()}, e.g. "Bad file descriptor". */
    public String strerror() {
        return strerror;
    }
}
