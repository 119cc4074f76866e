package org.pyselect4j.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.pyselect4j.core.ProcessExit;
import org.pyselect4j.graalpy.PySelect4j;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code bin/pyselect4j}: runs a Python program in GraalPy with pyselect4j
 * installed, with the command line and exit status of CPython's {@code python3}:
 * {@code script.py [args]}, {@code -m module [args]}, {@code -c code [args]},
 * or the program from standard input.
 */
public final class Main {
    private static final String SHORT_USAGE =
            "usage: pyselect4j [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

    private static final String USAGE = SHORT_USAGE + """
            Options (as CPython's; -c and -m end the option list, values may be joined: -Werror):
              -c cmd : program passed in as string
              -m mod : run library module as a script
              -u     : unbuffered stdout and stderr (also PYTHONUNBUFFERED)
              -B     : don't write .pyc files (also PYTHONDONTWRITEBYTECODE)
              -E, -I, -s, -S, -O, -P, -q, -v : as in CPython
              -x     : skip the first line of the script
              -W arg : warning control (also PYTHONWARNINGS)
              -X opt : -X warn_default_encoding as in CPython; other -X options are ignored
              -b, -d, -R : accepted, without effect here
              --check-hash-based-pycs always|default|never
              -h     : print this help message and exit (also --help, --help-all, ...)
              -V     : print the Python and pyselect4j versions and exit (also --version)
              file   : program read from script file
              -      : program read from stdin (default)
            Not supported: -i (interactive inspection).
            Environment: PYTHONPATH, PYTHONUNBUFFERED, PYSELECT4J_JIT=0 (run without the JIT),
              PYSELECT4J_JIT=eager (the JIT compiles during start-up and imports too, not only once the program runs),
              PYSELECT4J_JIT=background (the JIT compiles only with CPU time nothing else wants),
              PYSELECT4J_JIT_DELAY=seconds (the JIT compiles that long after the program starts; default 0).
            """;

    /** The longest PYSELECT4J_JIT_DELAY: a day. */
    private static final double MAX_JIT_DELAY_SECONDS = 86_400;

    /** Environment variables CPython honours, as the GraalPy options that do the same. */
    private static final Map<String, String> ENVIRONMENT_OPTIONS = Map.of(
            "PYTHONUNBUFFERED", "python.UnbufferedIO",
            "PYTHONDONTWRITEBYTECODE", "python.DontWriteBytecodeFlag");

    /** The system property with which bin/pyselect4j asks for {@link #exitAtOnce}. */
    static final String EXIT_AT_ONCE = "pyselect4j.launcher.exitAtOnce";

    /** What the runner (run.py) returns after an uncaught KeyboardInterrupt. */
    static final int KILLED_BY_SIGINT = -2;

    private Main() {
    }

    public static void main(String[] args) {
        exit(run(args, Boolean.getBoolean(EXIT_AT_ONCE)), false);
    }

    /** Ends the process with the program's status; after an uncaught KeyboardInterrupt by SIGINT, as CPython. */
    private static void exit(int status, boolean atOnce) {
        if (status == KILLED_BY_SIGINT) {
            killSelfWithSigint();
            status = 130; // what a shell reports for it, should the signal not end us
        }
        System.out.flush();
        System.err.flush();
        if (atOnce) {
            exitAtOnce(status);
        }
        System.exit(status);
    }

    /**
     * Ends the process as CPython ends, once the runner has done what CPython does
     * at exit (non-daemon threads joined, atexit run, Python's streams flushed):
     * without closing the context, where GraalPy stops the daemon threads still
     * running (it joins each for 100 ms, interrupts it, joins it again, then
     * kills it: 0.4-0.7 s; CPython leaves them), and without the JVM's exit
     * sequence, which waits for each of HotSpot's compiler threads to finish the
     * method it is compiling (0.1-0.4 s here with the JIT, up to 10 s). Nothing
     * else is left to do unless the JVM records something at exit (an AOT cache
     * in training, a flight recording): bin/pyselect4j asks for this only with
     * its own JVM options.
     */
    private static void exitAtOnce(int status) {
        ProcessExit.now(status); // the native library is loaded: the program ran
    }

    /**
     * As CPython after an uncaught KeyboardInterrupt: the parent sees "killed by
     * SIGINT". Java cannot raise a signal whose handler is the default, so the
     * kill command sends it.
     */
    private static void killSelfWithSigint() {
        Signal.handle(new Signal("INT"), SignalHandler.SIG_DFL);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(ProcessHandle.current().pid()))
                    .inheritIO().start().waitFor();
            Thread.sleep(1000); // the signal ends the process meanwhile
        } catch (IOException | InterruptedException e) {
            // no kill command: the exit status will say it instead
        }
    }

    /**
     * Runs the command line; returns the process exit status, or
     * {@link #KILLED_BY_SIGINT} when the program ended with an uncaught KeyboardInterrupt.
     * With {@code endAtOnce}, a program that ran ends the process itself ({@link #exitAtOnce}).
     */
    static int run(String[] args, boolean endAtOnce) {
        CommandLine invocation;
        try {
            invocation = CommandLine.parse(args);
        } catch (CommandLine.UsageError e) {
            System.err.println(e.getMessage());
            System.err.print(SHORT_USAGE);
            System.err.println("Try `pyselect4j -h' for more information.");
            return 2;
        }
        if (invocation.mode() == CommandLine.Mode.HELP) {
            System.out.print(USAGE);
            return 0;
        }
        Duration jitDelay;
        try {
            jitDelay = jitDelay(System.getenv("PYSELECT4J_JIT_DELAY"));
        } catch (IllegalArgumentException e) {
            System.err.println("pyselect4j: " + e.getMessage());
            return 2;
        }
        Context.Builder builder = PySelect4j.newBuilder()
                .allowAllAccess(true)
                .arguments("python", invocation.argv())
                .option("python.InstallSignalHandlers", "true")
                // Embedded GraalPy writes no .pyc by default; CPython does (-B turns it off).
                .option("python.DontWriteBytecodeFlag", "false")
                .option("engine.WarnInterpreterOnly", "false");
        invocation.options().forEach(builder::option);
        ENVIRONMENT_OPTIONS.forEach((variable, option) -> {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty() && !invocation.options().containsKey("python.IgnoreEnvironmentFlag")) {
                builder.option(option, "true");
            }
        });
        String jit = System.getenv("PYSELECT4J_JIT");
        if ("background".equals(jit)) {
            PySelect4j.compileInBackground(builder);
        }
        // The JIT compiles once the program starts, or PYSELECT4J_JIT_DELAY later, and not while it imports
        // modules (PYSELECT4J_JIT=eager: from the first moment).
        StartupCompilationGate gate = new StartupCompilationGate();
        boolean gateHolds = !"eager".equals(jit) && !"background".equals(jit) && gate.holdCompilations();
        String executable = System.getenv("PYSELECT4J_LAUNCHER");
        if (executable != null) {
            builder.option("python.Executable", executable);
        }
        String pythonPath = System.getenv("PYTHONPATH");
        try (Context context = PySelect4j.install(builder, pythonPath == null ? "" : pythonPath).build()) {
            try {
                PySelect4j.check(context);
                // Internal: the runner's frames are in no traceback, and it runs in a namespace of its own.
                Value runner = context.eval(Source.newBuilder("python", resource("run.py"), "<pyselect4j launcher>")
                        .internal(true).buildLiteral());
                ProxyExecutable programStarts = arguments -> {
                    gate.openAfter(jitDelay);
                    return null;
                };
                ProxyExecutable importing = arguments -> {
                    gate.importing(arguments[0].asBoolean());
                    return null;
                };
                int status = runner.execute(invocation.mode().name().toLowerCase(), invocation.target(),
                        invocation.skipFirstLine(), programStarts, gateHolds ? importing : null, endAtOnce).asInt();
                if (endAtOnce) {
                    exit(status, true);
                }
                return status;
            } finally {
                gate.open(); // also when start-up failed: closing the context may wait for a held compilation
            }
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus();
            }
            System.err.println("pyselect4j: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            System.err.println("pyselect4j: " + e.getMessage());
            return 1;
        }
    }

    /** PYSELECT4J_JIT_DELAY's value (seconds, a decimal number; unset or empty: none) as a duration. */
    static Duration jitDelay(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return Duration.ZERO;
        }
        double value;
        try {
            value = Double.parseDouble(seconds.strip());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0 && value <= MAX_JIT_DELAY_SECONDS)) { // also refuses NaN
            throw new IllegalArgumentException("PYSELECT4J_JIT_DELAY is a number of seconds from 0 to "
                    + (long) MAX_JIT_DELAY_SECONDS + ", not '" + seconds + "'");
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private static String resource(String name) {
        try (InputStream in = Main.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
