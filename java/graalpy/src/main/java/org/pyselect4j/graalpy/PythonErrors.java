package org.pyselect4j.graalpy;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.pyselect4j.core.ClosedException;
import org.pyselect4j.core.ConcurrentPollException;
import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.WaitInterruptedException;

/**
 * Turns the core's Java exceptions into the Python exceptions CPython raises in
 * the same situations; the one place that knows this mapping.
 */
final class PythonErrors {
    private final Value osError;
    private final Value valueError;
    private final Value runtimeError;
    private final Value overflowError;
    private final Value keyboardInterrupt;

    PythonErrors(Value builtins) {
        osError = builtins.getMember("OSError");
        valueError = builtins.getMember("ValueError");
        runtimeError = builtins.getMember("RuntimeError");
        overflowError = builtins.getMember("OverflowError");
        keyboardInterrupt = builtins.getMember("KeyboardInterrupt");
    }

    /** An embedder's stream failed: Python sees an OSError with the Java message, as for a failed write. */
    RuntimeException ioError(java.io.IOException e) {
        return osError.execute(String.valueOf(e.getMessage())).throwException();
    }

    /**
     * The Python exception for {@code e}, ready to throw. Python exceptions
     * (raised by a signal handler during a wait) pass through unchanged.
     */
    RuntimeException translate(RuntimeException e) {
        if (e instanceof PolyglotException) {
            return e;
        }
        Value exception;
        if (e instanceof ErrnoException errno) {
            // OSError(errno, strerror) picks the subclass (FileExistsError...) as CPython does.
            exception = osError.execute(errno.errno(), errno.strerror());
        } else if (e instanceof ConcurrentPollException) {
            exception = runtimeError.execute(e.getMessage());
        } else if (e instanceof ClosedException || e instanceof IllegalArgumentException) {
            exception = valueError.execute(e.getMessage());
        } else if (e instanceof ArithmeticException) {
            exception = overflowError.execute(e.getMessage());
        } else if (e instanceof WaitInterruptedException) {
            exception = keyboardInterrupt.execute("the waiting thread was interrupted");
        } else {
            throw e; // a bug in pyselect4j: let it show
        }
        return exception.throwException();
    }
}
