package org.pyselect4j.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pyselect4j.launcher.CommandLine.Mode;

/** The option grammar of CPython 3.13's command line (each case checked against python3.13). */
class CommandLineTest {
    private static CommandLine parse(String... args) {
        return CommandLine.parse(args);
    }

    private static String usageError(String... args) {
        return assertThrows(CommandLine.UsageError.class, () -> parse(args)).getMessage();
    }

    @Test
    void valuesJoinedOrSeparate() {
        assertEquals(Map.of("python.WarnOptions", "error::DeprecationWarning"),
                parse("-Werror::DeprecationWarning", "-c", "pass").options());
        assertEquals(Map.of("python.WarnOptions", "error,ignore"), parse("-W", "error", "-Wignore").options());
        CommandLine code = parse("-cprint(1)", "a");
        assertEquals(Mode.CODE, code.mode());
        assertEquals("print(1)", code.target());
        assertArrayEquals(new String[] {"-c", "a"}, code.argv());
        CommandLine module = parse("-mjson.tool", "x");
        assertEquals(Mode.MODULE, module.mode());
        assertEquals("json.tool", module.target());
        assertArrayEquals(new String[] {"json.tool", "x"}, module.argv());
        assertEquals(Map.of("python.WarnDefaultEncodingFlag", "true"), parse("-Xwarn_default_encoding").options());
        assertEquals(Map.of(), parse("-X", "dev", "-Xutf8").options());
    }

    @Test
    void combinedFlagsUpToAnOptionWithAValue() {
        CommandLine line = parse("-uBc", "pass", "-u");
        assertEquals(Mode.CODE, line.mode());
        assertEquals("pass", line.target());
        assertArrayEquals(new String[] {"-c", "-u"}, line.argv(), "options after -c belong to the program");
        assertEquals(Map.of("python.UnbufferedIO", "true", "python.DontWriteBytecodeFlag", "true"), line.options());
        assertEquals("print(7)", parse("-uBcprint(7)").target());
        assertEquals(Map.of("python.IsolateFlag", "true", "python.SafePathFlag", "true", "python.QuietFlag", "true",
                "python.VerboseFlag", "true"), parse("-IPqv", "-bbdR").options());
    }

    @Test
    void programAndItsArguments() {
        CommandLine script = parse("-E", "script.py", "-c", "x");
        assertEquals(Mode.SCRIPT, script.mode());
        assertArrayEquals(new String[] {"script.py", "-c", "x"}, script.argv());
        assertFalse(script.skipFirstLine());
        assertTrue(parse("-x", "script.py").skipFirstLine());
        CommandLine afterDashes = parse("--", "-c");
        assertEquals(Mode.SCRIPT, afterDashes.mode());
        assertEquals("-c", afterDashes.target());
        CommandLine stdin = parse("-", "a");
        assertEquals(Mode.STDIN, stdin.mode());
        assertArrayEquals(new String[] {"-", "a"}, stdin.argv());
        assertArrayEquals(new String[] {""}, parse("-u").argv());
    }

    @Test
    void helpAndVersion() {
        assertEquals(Mode.HELP, parse("-h", "-Z").mode(), "help ends parsing at once");
        assertEquals(Mode.HELP, parse("--help-all").mode());
        assertEquals(Mode.VERSION, parse("-V", "-c", "print(3)").mode(), "-V wins over the program");
        assertEquals(Mode.VERSION, parse("-VV").mode());
        assertEquals(Mode.VERSION, parse("--version", "script.py").mode());
        assertEquals(Map.of("python.CheckHashPycsMode", "always"),
                parse("--check-hash-based-pycs", "always", "-c", "pass").options());
    }

    @Test
    void refusalsWithCPythonsMessages() {
        assertEquals("Unknown option: -Z", usageError("-Z", "-h"));
        assertEquals("Unknown option: -Z", usageError("-uZ"));
        assertEquals("unknown option --foo", usageError("--foo"));
        assertEquals("unknown option --check-hash-based-pycs=always", usageError("--check-hash-based-pycs=always"));
        assertEquals("Argument expected for the -W option", usageError("-W"));
        assertEquals("Argument expected for the -c option", usageError("-uc"));
        assertEquals("Argument expected for the -m option", usageError("-m"));
        assertTrue(usageError("-i", "x.py").contains("not supported"));
    }
}
