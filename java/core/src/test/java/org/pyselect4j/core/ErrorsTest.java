package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ErrorsTest {
    @Test
    void resultsPassThrough() {
        assertEquals(0, Errors.check(0));
        assertEquals(42, Errors.check(42));
    }

    @Test
    void negativeErrnoBecomesErrnoException() {
        ErrnoException error = assertThrows(ErrnoException.class, () -> Errors.check(-LinuxConstants.EBADF));
        assertEquals(LinuxConstants.EBADF, error.errno());
        assertEquals("Bad file descriptor", error.strerror());
        assertEquals("errno 9: Bad file descriptor", error.getMessage());
    }

    @Test
    void unknownErrnoStillHasAMessage() {
        ErrnoException error = new ErrnoException(99999);
        assertEquals("errno 99999: Unknown error 99999", error.getMessage());
    }
}
