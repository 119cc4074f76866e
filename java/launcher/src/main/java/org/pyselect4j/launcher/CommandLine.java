package org.pyselect4j.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code python3} command line, parsed as CPython 3.13 parses it: short
 * options may be combined ({@code -uB}) and take their value joined or as the
 * next argument ({@code -Werror}, {@code -W error}, {@code -cCODE}); {@code -c}
 * and {@code -m} end the options; {@code --} ends them before a script name.
 *
 * @param mode    what to run
 * @param target  the script path, module name or code ("" for stdin, help, version)
 * @param argv    the program's {@code sys.argv}
 * @param options GraalPy context options equivalent to the flags given
 * @param skipFirstLine {@code -x}: the script's first line is not Python
 */
record CommandLine(Mode mode, String target, String[] argv, Map<String, String> options, boolean skipFirstLine) {
    enum Mode { SCRIPT, MODULE, CODE, STDIN, HELP, VERSION }

    /** A command line CPython would refuse: print the message and the short usage, exit 2. */
    static final class UsageError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** Flags without a value, as the GraalPy options that do the same. */
    private static final Map<Character, String> FLAG_OPTIONS = Map.of(
            'u', "python.UnbufferedIO",
            'B', "python.DontWriteBytecodeFlag",
            'E', "python.IgnoreEnvironmentFlag",
            'I', "python.IsolateFlag",
            's', "python.NoUserSiteFlag",
            'S', "python.NoSiteFlag",
            'O', "python.PythonOptimizeFlag",
            'q', "python.QuietFlag",
            'v', "python.VerboseFlag",
            'P', "python.SafePathFlag");

    /**
     * Flags CPython accepts that change nothing here: {@code -b} (GraalPy has no
     * BytesWarning checks), {@code -d} (parser debugging, debug builds only),
     * {@code -R} (hash randomization is always on).
     */
    private static final String FLAGS_WITHOUT_EFFECT = "bdR";

    /** {@code -X} options that GraalPy has as context options; other -X options are accepted and ignored. */
    private static final Map<String, String> X_OPTIONS = Map.of(
            "warn_default_encoding", "python.WarnDefaultEncodingFlag");

    private static final List<String> CHECK_HASH_PYCS_MODES = List.of("always", "default", "never");

    static CommandLine parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        boolean version = false;
        boolean skipFirstLine = false;
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            i++;
            if (arg.startsWith("--")) {
                switch (arg) {
                    case "--help", "--help-env", "--help-xoptions", "--help-all" -> {
                        return new CommandLine(Mode.HELP, "", new String[0], options, false);
                    }
                    case "--version" -> version = true;
                    case "--check-hash-based-pycs" -> {
                        if (i == args.length) {
                            throw new UsageError("Argument expected for the --check-hash-based-pycs option");
                        }
                        String mode = args[i++];
                        if (!CHECK_HASH_PYCS_MODES.contains(mode)) {
                            throw new UsageError("--check-hash-based-pycs must be one of 'default', 'always', or 'never'");
                        }
                        options.put("python.CheckHashPycsMode", mode);
                    }
                    default -> throw new UsageError("unknown option " + arg);
                }
                continue;
            }
            for (int at = 1; at < arg.length(); at++) {
                char flag = arg.charAt(at);
                if ("cmWX".indexOf(flag) >= 0) {
                    // The value is the rest of this argument, else the next argument.
                    String value;
                    if (at + 1 < arg.length()) {
                        value = arg.substring(at + 1);
                    } else if (i < args.length) {
                        value = args[i++];
                    } else {
                        throw new UsageError("Argument expected for the -" + flag + " option");
                    }
                    switch (flag) {
                        case 'c', 'm' -> {
                            List<String> argv = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
                            argv.add(0, flag == 'c' ? "-c" : value);
                            if (version) {
                                return versionOnly(options);
                            }
                            return new CommandLine(flag == 'c' ? Mode.CODE : Mode.MODULE, value,
                                    argv.toArray(String[]::new), options, skipFirstLine);
                        }
                        case 'W' -> {
                            warnings.add(value);
                            options.put("python.WarnOptions", String.join(",", warnings));
                        }
                        default -> {
                            String option = X_OPTIONS.get(value);
                            if (option != null) {
                                options.put(option, "true");
                            }
                        }
                    }
                    break;
                }
                if (flag == 'h' || flag == '?') {
                    return new CommandLine(Mode.HELP, "", new String[0], options, false);
                }
                if (flag == 'V') {
                    version = true;
                } else if (flag == 'x') {
                    skipFirstLine = true;
                } else if (flag == 'i') {
                    throw new UsageError("-i (inspect interactively after running) is not supported by pyselect4j");
                } else if (FLAG_OPTIONS.containsKey(flag)) {
                    options.put(FLAG_OPTIONS.get(flag), "true");
                } else if (FLAGS_WITHOUT_EFFECT.indexOf(flag) < 0) {
                    throw new UsageError("Unknown option: -" + flag);
                }
            }
        }
        if (version) {
            return versionOnly(options);
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
        if (rest.isEmpty()) {
            return new CommandLine(Mode.STDIN, "", new String[] {""}, options, false);
        }
        String program = rest.get(0);
        Mode mode = program.equals("-") ? Mode.STDIN : Mode.SCRIPT;
        return new CommandLine(mode, mode == Mode.SCRIPT ? program : "", rest.toArray(String[]::new), options,
                skipFirstLine);
    }

    /** {@code -V} wins over whatever program the command line names, as in CPython. */
    private static CommandLine versionOnly(Map<String, String> options) {
        return new CommandLine(Mode.VERSION, "", new String[] {""}, options, false);
    }
}
