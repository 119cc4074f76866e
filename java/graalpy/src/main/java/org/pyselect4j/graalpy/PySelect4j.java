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
