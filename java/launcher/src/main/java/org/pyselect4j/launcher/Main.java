package org.pyselect4j.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
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
    private static final String USAGE = """
            usage: pyselect4j [option] ... [-c cmd | -m mod | file | -] [arg] ...
              -c cmd : program passed in as string
              -m mod : run library module as a script
              -u     : unbuffered stdout and stderr (also PYTHONUNBUFFERED)
              -B     : don't write .pyc files (also PYTHONDONTWRITEBYTECODE)
              -E, -I, -s, -S, -O : as in CPython
              -W arg : warning control (also PYTHONWARNINGS)
              -X opt : accepted and ignored
              -h     : print this help message and exit
              -V     : print the Python and pyselect4j versions and exit
              file   : program read from script file
              -      : program read from stdin (default)
            Environment: PYTHONPATH, PYTHONUNBUFFERED, PYSELECT4J_JIT=0 (run without the JIT).
            """;

    /** CPython's flags without an argument, as the GraalPy options that do the same. */
    private static final Map<String, String> FLAG_OPTIONS = Map.of(
            "-u", "python.UnbufferedIO",
            "-B", "python.DontWriteBytecodeFlag",
            "-E", "python.IgnoreEnvironmentFlag",
            "-I", "python.IsolateFlag",
            "-s", "python.NoUserSiteFlag",
            "-S", "python.NoSiteFlag",
            "-O", "python.PythonOptimizeFlag",
            "-q", "python.QuietFlag");

    /** Environment variables CPython honours, as the GraalPy options that do the same. */
    private static final Map<String, String> ENVIRONMENT_OPTIONS = Map.of(
            "PYTHONUNBUFFERED", "python.UnbufferedIO",
            "PYTHONDONTWRITEBYTECODE", "python.DontWriteBytecodeFlag");

    /** The id of the Truffle language in java/seam. */
    private static final String SEAM_LANGUAGE = "pyselect4j";

    /** What the runner (run.py) returns after an uncaught KeyboardInterrupt. */
    static final int KILLED_BY_SIGINT = -2;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args);
        if (status == KILLED_BY_SIGINT) {
            killSelfWithSigint();
            status = 130; // what a shell reports for it, should the signal not end us
        }
        System.exit(status);
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
     */
    static int run(String[] args) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pyselect4j: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (invocation.mode() == Invocation.Mode.HELP) {
            System.out.print(USAGE);
            return 0;
        }
        // Python and pyselect4j's seam language (a spike that bench/seam_spike.py measures).
        Context.Builder builder = Context.newBuilder("python", SEAM_LANGUAGE)
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
        String executable = System.getenv("PYSELECT4J_LAUNCHER");
        if (executable != null) {
            builder.option("python.Executable", executable);
        }
        String pythonPath = System.getenv("PYTHONPATH");
        try (Context context = PySelect4j.install(builder, pythonPath == null ? "" : pythonPath).build()) {
            PySelect4j.check(context);
            Value runner = context.eval(Source.newBuilder("python", resource("run.py"), "<pyselect4j launcher>")
                    .buildLiteral());
            return runner.execute(invocation.mode().name().toLowerCase(), invocation.target()).asInt();
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

    private static String resource(String name) {
        try (InputStream in = Main.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the command line asks for: the mode, its target and the program's sys.argv. */
    record Invocation(Mode mode, String target, String[] argv, Map<String, String> options) {
        enum Mode { SCRIPT, MODULE, CODE, STDIN, HELP, VERSION }

        static Invocation parse(String[] args) {
            Map<String, String> options = new LinkedHashMap<>();
            List<String> warnings = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (FLAG_OPTIONS.containsKey(arg)) {
                    options.put(FLAG_OPTIONS.get(arg), "true");
                    continue;
                }
                if (arg.equals("-W") || arg.equals("-X")) {
                    if (++i == args.length) {
                        throw new IllegalArgumentException("Argument expected for the " + arg + " option");
                    }
                    if (arg.equals("-W")) {
                        warnings.add(args[i]);
                        options.put("python.WarnOptions", String.join(",", warnings));
                    }
                    continue;
                }
                List<String> rest = new ArrayList<>(Arrays.asList(args).subList(i + 1, args.length));
                switch (arg) {
                    case "-h", "--help" -> {
                        return new Invocation(Mode.HELP, "", new String[0], options);
                    }
                    case "-V", "--version" -> {
                        return new Invocation(Mode.VERSION, "", new String[] {""}, options);
                    }
                    case "-c", "-m" -> {
                        if (rest.isEmpty()) {
                            throw new IllegalArgumentException("Argument expected for the " + arg + " option");
                        }
                        String target = rest.remove(0);
                        boolean code = arg.equals("-c");
                        rest.add(0, code ? "-c" : target);
                        return new Invocation(code ? Mode.CODE : Mode.MODULE, target, rest.toArray(String[]::new), options);
                    }
                    case "-" -> {
                        rest.add(0, "-");
                        return new Invocation(Mode.STDIN, "", rest.toArray(String[]::new), options);
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        rest.add(0, arg);
                        return new Invocation(Mode.SCRIPT, arg, rest.toArray(String[]::new), options);
                    }
                }
            }
            return new Invocation(Mode.STDIN, "", new String[] {""}, options);
        }
    }
}
