package org.pyselect4j.graalpy;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Installs pyselect4j into GraalPy: {@code select.epoll}, {@code select.poll},
 * {@code select.select}, {@code os.timerfd_*}, {@code time.clock_*} with
 * CPython 3.13's Linux semantics, and {@code selectors.EpollSelector} as the
 * default selector.
 *
 * <pre>{@code
 * Context.Builder builder = Context.newBuilder("python")
 *         .allowNativeAccess(true).allowIO(IOAccess.ALL).allowCreateThread(true);
 * try (Context context = PySelect4j.install(builder).build()) {
 *     PySelect4j.check(context);
 *     context.eval("python", "import select; print(select.epoll())");
 * }
 * }</pre>
 *
 * <p>The modules are installed while the context starts, before any user code
 * runs: {@code install} puts pyselect4j's start-up hook on the Python path and
 * makes GraalPy import it. Real kernel descriptors are needed, so it selects
 * GraalPy's native POSIX backend; the context must allow native access. It sets
 * these builder options, which later calls on the builder would override:
 * {@code python.PosixModuleBackend}, {@code python.ForceImportSite},
 * {@code python.PythonPath} (use {@link #install(Context.Builder, String)} to add
 * your own entries) and the host class lookup (limited to pyselect4j's bridge).
 *
 * <p>Lifetime: a wait in {@code epoll.poll()}, {@code poll.poll()} or
 * {@code select.select()} is woken at once by a Python signal handler,
 * {@link Context#close(boolean) Context.close(true)},
 * {@link Context#interrupt Context.interrupt} and {@link Thread#interrupt()} of
 * its thread (the latter raises {@code KeyboardInterrupt} in the script). Epoll objects still
 * open when the context closes are closed then; a collected epoll object closes
 * its descriptor, as in CPython. Timer descriptors stay open, as in CPython,
 * unless {@link #closeTimerFdsWithContext} asks otherwise.
 *
 * <p>Security: a context with pyselect4j hands its scripts real kernel
 * descriptors and system calls. Install it in trusted contexts only.
 */
public final class PySelect4j {
    private PySelect4j() {
    }

    /** Configures {@code builder} so that every context it builds has pyselect4j's modules. */
    public static Context.Builder install(Context.Builder builder) {
        return install(builder, "");
    }

    /**
     * As {@link #install(Context.Builder)}, with {@code pythonPath} (entries
     * separated by {@code ':'}, may be empty) after pyselect4j's own entry.
     */
    public static Context.Builder install(Context.Builder builder, String pythonPath) {
        String path = GlueFiles.directory().toString();
        if (!pythonPath.isEmpty()) {
            path += ":" + pythonPath;
        }
        return builder
                .option("python.PosixModuleBackend", "native")
                .option("python.ForceImportSite", "true")
                .option("python.PythonPath", path)
                .option("log.python.level", "OFF") // GraalPy warns about the native backend
                .allowHostClassLookup(Bridge.class.getName()::equals);
    }

    /**
     * Makes contexts built by {@code builder} close, when they close, the
     * descriptors {@code os.timerfd_create} made in them that are still open.
     * Off by default: CPython leaves them to the process. It sets the context's
     * environment variable {@code PYSELECT4J_CLOSE_TIMERFDS_WITH_CONTEXT=1}.
     */
    public static Context.Builder closeTimerFdsWithContext(Context.Builder builder) {
        return builder.environment("PYSELECT4J_CLOSE_TIMERFDS_WITH_CONTEXT", "1");
    }

    /**
     * Verifies that {@code context} has pyselect4j installed on real kernel
     * descriptors.
     *
     * @throws IllegalStateException naming what is missing
     */
    public static void check(Context context) {
        Value status;
        try {
            status = context.eval("python", "__import__('_pyselect4j').status()");
        } catch (PolyglotException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("native access") || message.contains("posix support library")) {
                throw new IllegalStateException("pyselect4j needs a context that allows native access "
                        + "(Context.Builder.allowNativeAccess(true)) for GraalPy's native POSIX backend: "
                        + message, e);
            }
            throw new IllegalStateException("pyselect4j is not installed in this context: "
                    + "build it from a builder passed to PySelect4j.install (" + message + ")", e);
        }
        String problem = status.asString();
        if (!problem.isEmpty()) {
            throw new IllegalStateException(problem);
        }
    }
}
