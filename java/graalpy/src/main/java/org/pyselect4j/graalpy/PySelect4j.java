package org.pyselect4j.graalpy;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Predicate;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.pyselect4j.seam.SeamLanguage;

/**
 * Installs pyselect4j into GraalPy: {@code select.epoll}, {@code select.poll},
 * {@code select.select}, {@code os.timerfd_*}, {@code time.clock_*} with
 * CPython 3.13's Linux semantics, and {@code selectors.EpollSelector} as the
 * default selector.
 *
 * <pre>{@code
 * Context.Builder builder = PySelect4j.newBuilder()
 *         .allowIO(IOAccess.ALL).allowCreateThread(true);
 * try (Context context = builder.build()) {
 *     PySelect4j.check(context);
 *     context.eval("python", "import select; print(select.epoll())");
 * }
 * }</pre>
 *
 * <p>The modules are installed while the context starts, before any user code
 * runs: {@code install} puts pyselect4j's start-up hook on the Python path and
 * makes GraalPy import it. Real kernel descriptors are needed, so it selects
 * GraalPy's native POSIX backend; the context must allow native access.
 *
 * <p>The seam: {@link #newBuilder} also permits pyselect4j's own Truffle
 * language ({@value SeamLanguage#ID}), through which the Python glue makes its
 * frequent calls (waits, registrations): they are compiled with the calling
 * Python code, and cost less than host calls. A builder from
 * {@code Context.newBuilder("python")} with {@link #install} works the same,
 * through host calls only; {@link #seamStatus} says which a context uses.
 *
 * <p>Settings: Polyglot's builder keeps only the last value of each setting, so
 * three of them must go through this class to be combined with pyselect4j's (in
 * any order, before or after {@code install}): the Python path
 * ({@link #install(Context.Builder, String)}), the host class lookup
 * ({@link #allowHostClassLookup}) and the standard streams
 * ({@link #standardStreams}). {@code install} also sets
 * {@code python.PosixModuleBackend=native}, {@code python.ForceImportSite=true}
 * and silences GraalPy's one logger that warns about the native backend
 * ({@value #NATIVE_BACKEND_LOGGER}); the embedder's other options and logging
 * stay as they are. {@link #check} names the setting a later call replaced.
 *
 * <p>Files: GraalPy imports Python from files, so pyselect4j's Python half is
 * unpacked once per content (by hash) under {@code $XDG_CACHE_HOME/pyselect4j}
 * (default {@code ~/.cache/pyselect4j}; the system property
 * {@code pyselect4j.cache.dir} moves it). It may be deleted while no context runs.
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
    /** The GraalPy logger that warns about the native backend's standard streams, which {@link #standardStreams} mends. */
    static final String NATIVE_BACKEND_LOGGER = "log.python.com.oracle.graal.python.runtime.PythonContext.level";

    /** What a context that does not allow native access is told. */
    static final String NO_NATIVE_ACCESS = "pyselect4j needs a context that allows native access "
            + "(Context.Builder.allowNativeAccess(true)) for GraalPy's native POSIX backend";

    private PySelect4j() {
    }

    /**
     * A builder for Python contexts with pyselect4j installed, that permits its
     * seam language and lets Python evaluate it, and allows native access
     * (which GraalPy's native POSIX backend needs). Add your own settings; to
     * give a Python path, call {@link #install(Context.Builder, String)} on it.
     */
    public static Context.Builder newBuilder() {
        return install(Context.newBuilder("python", SeamLanguage.ID)
                .allowNativeAccess(true)
                .allowPolyglotAccess(PolyglotAccess.newBuilder().allowEval("python", SeamLanguage.ID).build()));
    }

    /** Configures {@code builder} so that every context it builds has pyselect4j's modules. */
    public static Context.Builder install(Context.Builder builder) {
        return install(builder, "");
    }

    /**
     * As {@link #install(Context.Builder)}, with {@code pythonPath} (entries
     * separated by {@code ':'}, may be empty) after pyselect4j's own entry.
     * Setting {@code python.PythonPath} on the builder afterwards would remove
     * pyselect4j's entry.
     */
    public static Context.Builder install(Context.Builder builder, String pythonPath) {
        Installation.of(builder);
        String path = GlueFiles.directory().toString();
        if (!pythonPath.isEmpty()) {
            path += ":" + pythonPath;
        }
        return builder
                .option("python.PosixModuleBackend", "native")
                .option("python.ForceImportSite", "true")
                .option("python.PythonPath", path)
                .option(NATIVE_BACKEND_LOGGER, "OFF");
    }

    /**
     * Lets scripts look up the host classes {@code lookup} accepts, beside
     * pyselect4j's bridge: use it instead of
     * {@link Context.Builder#allowHostClassLookup}, which would replace
     * pyselect4j's lookup (and {@link #check} would say so).
     */
    public static Context.Builder allowHostClassLookup(Context.Builder builder, Predicate<String> lookup) {
        Installation.of(builder).allowEmbedderLookup(lookup);
        return builder;
    }

    /**
     * Gives the context these standard streams: the script's {@code sys.stdin},
     * {@code sys.stdout} and {@code sys.stderr} ({@code print}, {@code input},
     * tracebacks) read and write them, as on GraalPy's default backend, while
     * descriptors 0, 1 and 2 stay the process's. A null stream leaves that one on
     * its descriptor. It also sets them as the builder's {@code in}, {@code out}
     * and {@code err} (GraalPy's own messages go there). On the native backend,
     * {@link Context.Builder#out} and the others alone would not reach the script.
     *
     * <p>The script sees text streams in UTF-8 (errors: {@code strict}, and
     * {@code backslashreplace} for stderr), line-buffered (a write ending a line,
     * a {@code flush()} or the context's close reach the Java stream), whose {@code isatty()} is
     * false and whose {@code fileno()} raises {@code io.UnsupportedOperation},
     * as a captured stream's does in CPython. A read waiting on {@code in}
     * notices neither {@code Context.close(true)} nor signals until {@code in} returns.
     */
    public static Context.Builder standardStreams(Context.Builder builder, InputStream in, OutputStream out,
            OutputStream err) {
        Installation installation = Installation.of(builder);
        installation.in = in;
        installation.out = out;
        installation.err = err;
        if (in != null) {
            builder.in(in);
        }
        if (out != null) {
            builder.out(out);
        }
        if (err != null) {
            builder.err(err);
        }
        return builder;
    }

    /**
     * Makes contexts built by {@code builder} close, when they close, the
     * descriptors {@code os.timerfd_create} made in them that are still open.
     * Off by default: CPython leaves them to the process.
     */
    public static Context.Builder closeTimerFdsWithContext(Context.Builder builder) {
        Installation.of(builder).closeTimerFds = true;
        return builder;
    }

    /**
     * Runs the JIT's compiler threads in this process at the lowest priority
     * (nice 19) from now on, so that they compile only with CPU time nothing
     * else wants: with two cores, start-up then costs about what it costs
     * without the JIT, and code is still compiled, later. Code that keeps every
     * core busy (many busy threads, or other processes) waits longer for its
     * compiled code, as long as it keeps them busy. It also sets
     * {@code engine.CompilerIdleDelay=0} on {@code builder}, so that Truffle
     * keeps its lowered compiler threads instead of replacing an idle one at
     * normal priority (set that option on the {@code Engine} when contexts share
     * one). The threads' priority cannot be raised back without privilege.
     */
    public static Context.Builder compileInBackground(Context.Builder builder) {
        BackgroundCompilation.start();
        return builder.option("engine.CompilerIdleDelay", "0");
    }

    /**
     * Whether {@code context}'s frequent calls go through pyselect4j's seam:
     * the empty string when they do, else why they go through host calls (the
     * context does not permit the seam language, or Python may not evaluate it).
     */
    public static String seamStatus(Context context) {
        return context.eval("python", "__import__('_pyselect4j').seam_status()").asString();
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
            if (message.contains("Could not load posix support library")) {
                throw new IllegalStateException(NO_NATIVE_ACCESS, e);
            }
            if (e.isInternalError() || message.contains("immutable type 'os.stat_result'")) {
                throw new IllegalStateException("GraalPy did not finish starting in this context: an earlier "
                        + "evaluation failed as it started (without native access, GraalPy's native POSIX backend "
                        + "cannot start: Context.Builder.allowNativeAccess(true)) [" + message + "]", e);
            }
            throw new IllegalStateException("pyselect4j is not installed in this context: build it from a "
                    + "builder passed to PySelect4j.install, and set no python.PythonPath on the builder after "
                    + "install (pass your entries to install(builder, path)) [" + message + "]", e);
        }
        String problem = status.asString();
        if (!problem.isEmpty()) {
            throw new IllegalStateException(problem);
        }
    }
}
