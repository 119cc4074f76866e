package org.pyselect4j.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Installation into real GraalPy contexts, as an embedding application does it. */
class PySelect4jTest {
    private static Context.Builder trustedBuilder() {
        return Context.newBuilder("python").allowNativeAccess(true).allowIO(IOAccess.ALL).allowCreateThread(true);
    }

    @Test
    void installedContextHasTheModulesOnRealDescriptors() {
        try (Context context = PySelect4j.install(trustedBuilder()).build()) {
            PySelect4j.check(context);
            Value result = context.eval("python", """
                    import os, select, selectors, time
                    fd = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)
                    os.timerfd_settime_ns(fd, initial=1_000_000)
                    with select.epoll() as ep:
                        ep.register(fd, select.EPOLLIN)
                        ready = ep.poll(5)
                    os.close(fd)
                    import sys
                    standard = [sys.stdin.fileno(), sys.stdout.fileno(), sys.stderr.fileno()]
                    (ready == [(fd, select.EPOLLIN)], selectors.DefaultSelector.__name__, standard == [0, 1, 2])
                    """);
            assertTrue(result.getArrayElement(0).asBoolean());
            assertEquals("EpollSelector", result.getArrayElement(1).asString());
            assertTrue(result.getArrayElement(2).asBoolean(), "without streams of its own a context uses fds 0, 1, 2");
        }
    }

    /**
     * The frequent calls (waits, registrations) go through the seam language in
     * a context from newBuilder, through host calls in one that does not permit
     * it; both give the same results, and the core's errors arrive as the
     * exceptions CPython raises (a broken precondition, which the glue should
     * have refused first, as SystemError, never as a plausible ValueError).
     */
    @Test
    void frequentCallsUseTheSeamWherePermittedAndHostCallsElsewhere() {
        String script = """
                import errno, os, select
                from _pyselect4j import _select
                r, w = os.pipe()
                os.write(w, b"x")
                ep = select.epoll()
                ep.register(r)
                try:
                    ep.register(r)
                except FileExistsError as e:
                    exists = e.errno == errno.EEXIST
                try:
                    _select.calls.epollPollNs(ep._core, 0, 0)  # maxevents 0: the glue refuses it first
                except SystemError as e:
                    internal = str(e).startswith("pyselect4j internal error: java.lang.IllegalArgumentException")
                ready = ep.poll(0) == [(r, select.EPOLLIN)]
                ep.close()
                try:
                    ep.poll(0)
                except ValueError as e:
                    closed = str(e) == "I/O operation on closed epoll object"
                p = select.poll()
                p.register(w, select.POLLOUT)
                results = (p.poll(0), select.select([r], [w], [], 0),
                           select.select([r], [], [], 0), select.select([], [w], [r], 0))  # one ready
                expected = ([(w, select.POLLOUT)], ([r], [w], []), ([r], [], []), ([], [w], []))
                import time
                from _pyselect4j import _args
                timer = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_CLOEXEC)
                os.timerfd_settime(timer, initial=100.0, interval=0.5)
                timer_set = (os.timerfd_gettime(timer)[1] == 0.5
                             and os.timerfd_settime_ns(timer)[1] == 500_000_000
                             and os.timerfd_gettime_ns(timer) == (0, 0))
                try:
                    os.timerfd_settime(timer, initial=1.0, start=2.0)
                except TypeError as e:  # a keyword of another name: the glue's message
                    timer_set = timer_set and "unexpected keyword argument 'start'" in str(e)
                else:
                    timer_set = False
                try:
                    os.timerfd_settime(timer, flags=None)  # None given is not a keyword left out
                except TypeError as e:
                    timer_set = timer_set and "cannot be interpreted as an integer" in str(e)
                else:
                    timer_set = False
                os.close(timer)
                try:
                    os.timerfd_gettime(timer)
                except OSError as e:
                    timer_closed = e.errno == errno.EBADF
                plain_calls_by_seam = isinstance(_args._plain_calls, _args._SeamPlainCalls)
                # Arguments not given, as the methods pass them: done in Java, not handed back to the glue;
                # a list subclass is the glue's (CPython iterates it).
                class Fds(list):
                    pass
                idle = select.epoll()
                writable = _select.calls.select([], (w,), [], 0)
                done_in_java = (_select.calls.epollRegister(idle._core, w, _args.NOT_GIVEN) is None
                                and _select.calls.epollUnregister(idle._core, w) is None
                                and _select.calls.epollPoll(idle._core, 0, _args.NOT_GIVEN) is None
                                and _select.calls.pollRegister(p._core, r, _args.NOT_GIVEN) is None
                                and _select.calls.epollRegister(None, w, 1) is _args.NOT_PLAIN  # closed: the glue raises
                                and writable is not None and writable is not _args.NOT_PLAIN
                                and _select.calls.select([], Fds([w]), [], 0) is _args.NOT_PLAIN)
                idle.close()
                converted = select.select(Fds([r, r]), Fds([w]), [], 0) == ([r, r], [w], [])  # the glue's selectFds
                checks = (exists, internal, ready, closed, results == expected, timer_set, timer_closed, done_in_java,
                          converted)
                checks, plain_calls_by_seam
                """;
        try (Context context = PySelect4j.newBuilder().allowIO(IOAccess.ALL).allowCreateThread(true).build()) {
            PySelect4j.check(context);
            assertEquals("", PySelect4j.seamStatus(context));
            Value result = context.eval("python", script);
            assertEveryCheckPassed(result.getArrayElement(0), "seam");
            assertTrue(result.getArrayElement(1).asBoolean(), "timerfd calls through the seam");
        }
        try (Context context = PySelect4j.install(trustedBuilder()).build()) {
            PySelect4j.check(context);
            String status = PySelect4j.seamStatus(context);
            assertTrue(status.contains("PySelect4j.newBuilder"), status);
            Value result = context.eval("python", script);
            assertEveryCheckPassed(result.getArrayElement(0), "host calls");
            assertFalse(result.getArrayElement(1).asBoolean(), "timerfd calls through host calls");
        }
    }

    /**
     * Through the seam, a poll's pairs and select's ready descriptors come
     * back as a tuple of Python ints, which the glue reads as its own.
     */
    @Test
    void seamNumbersArriveAsATuple() {
        String script = """
                import os, select
                from _pyselect4j import _select
                r, w = os.pipe()
                os.write(w, b"x")
                ep = select.epoll()
                ep.register(r, select.EPOLLIN | select.EPOLLET)
                ep.register(w)
                pairs = ep.poll(0) == [(r, select.EPOLLIN), (w, select.EPOLLOUT)]
                class Fd:
                    def fileno(self):
                        return w
                fd = Fd()
                found = select.select([w, r, r], (fd, w), [], 0) == ([r, r], [fd, w], [])
                level = select.epoll()
                level.register(r, select.EPOLLIN)
                level.register(w, select.EPOLLOUT)
                numbers = _select.calls.epollPoll(level._core, 0, 10)
                one = _select.calls.epollPoll(ep._core, 0, 10)  # r's edge was taken above: w alone
                (pairs, found, type(numbers) is tuple and sorted(zip(numbers[::2], numbers[1::2]))
                        == [(r, select.EPOLLIN), (w, select.EPOLLOUT)] and one == (w, select.EPOLLOUT))
                """;
        try (Context context = PySelect4j.newBuilder().allowIO(IOAccess.ALL).build()) {
            assertEquals("", PySelect4j.seamStatus(context));
            assertEveryCheckPassed(context.eval("python", script), "seam numbers");
        }
    }

    /**
     * GraalPy runs weakref callbacks later, as async actions, at whatever
     * point the main thread has reached; an exception raised inside one is
     * only reported ("Exception ignored"). A signal that arrives while such a
     * callback runs must have its handler run after it, where the handler's
     * exception reaches the code the script was running.
     */
    @Test
    void signalHandlerDoesNotRunInsideAWeakrefCallback() {
        String script = """
                import gc, signal, time, weakref

                class Stop(Exception):
                    pass

                def handler(signum, frame):
                    raise Stop
                steps = []

                def callback(ref):
                    steps.append("callback")
                    signal.setitimer(signal.ITIMER_REAL, 0.01)  # fires during the loop below
                    end = time.monotonic() + 0.3
                    while time.monotonic() < end:
                        pass
                    steps.append("callback done")

                class Referent:
                    pass
                previous = signal.signal(signal.SIGALRM, handler)
                try:
                    referent = Referent()
                    ref = weakref.ref(referent, callback)
                    del referent
                    gc.collect()
                    end = time.monotonic() + 10
                    while time.monotonic() < end:
                        pass
                    steps.append("not raised")
                except Stop:
                    steps.append("raised")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
                steps
                """;
        try (Context context = PySelect4j.newBuilder().allowIO(IOAccess.ALL).allowCreateThread(true).build()) {
            PySelect4j.check(context);
            assertEquals("['callback', 'callback done', 'raised']", context.eval("python", script).toString());
        }
    }

    private static void assertEveryCheckPassed(Value checks, String path) {
        for (int i = 0; i < checks.getArraySize(); i++) {
            assertTrue(checks.getArrayElement(i).asBoolean(), path + ", check " + i + ": " + checks);
        }
    }

    /**
     * GraalPy's thread ids are not pthread_t values, so pthread_getcpuclockid
     * answers for the calling thread only; another live thread's id gets ESRCH
     * (CPython would give that thread's clock; an unknown id crashes CPython).
     */
    @Test
    void threadCpuClockOnlyForTheCallingThread() {
        try (Context context = PySelect4j.install(trustedBuilder()).build()) {
            Value outcome = context.eval("python", """
                    import errno, threading, time
                    mine = time.pthread_getcpuclockid(threading.get_ident())
                    found, go_on = {}, threading.Event()
                    def run():
                        found["clock"] = time.pthread_getcpuclockid(threading.get_ident())
                        go_on.wait(60)
                    thread = threading.Thread(target=run)
                    thread.start()
                    while "clock" not in found:
                        time.sleep(0.01)
                    try:
                        time.pthread_getcpuclockid(thread.ident)
                        foreign = None
                    except ProcessLookupError as e:
                        foreign = e.errno == errno.ESRCH
                    readable = time.clock_gettime(found["clock"]) >= 0
                    go_on.set()
                    thread.join()
                    (mine != time.CLOCK_THREAD_CPUTIME_ID, found["clock"] != mine, foreign, readable)
                    """);
            for (int i = 0; i < 4; i++) {
                assertTrue(outcome.getArrayElement(i).asBoolean(), "check " + i);
            }
        }
    }

    @Test
    void emulatedPosixBackendIsRefusedNamingTheOption() {
        Context.Builder builder = PySelect4j.install(trustedBuilder()).option("python.PosixModuleBackend", "java");
        try (Context context = builder.build()) {
            IllegalStateException problem = assertThrows(IllegalStateException.class, () -> PySelect4j.check(context));
            assertTrue(problem.getMessage().contains("python.PosixModuleBackend=native"), problem.getMessage());
            PolyglotException call = assertThrows(PolyglotException.class,
                    () -> context.eval("python", "import select; select.epoll()"));
            assertTrue(call.getMessage().contains("python.PosixModuleBackend=native"), call.getMessage());
        }
    }

    /**
     * check() names the missing permission alone on a fresh context; after a
     * failed first evaluation GraalPy is half-started and it names the likely cause.
     */
    @Test
    void contextWithoutNativeAccessFailsClearly() {
        Context.Builder builder = PySelect4j.install(Context.newBuilder("python").allowIO(IOAccess.ALL));
        try (Context context = builder.build()) {
            IllegalStateException first = assertThrows(IllegalStateException.class, () -> PySelect4j.check(context));
            assertEquals(PySelect4j.NO_NATIVE_ACCESS, first.getMessage());
            assertThrows(PolyglotException.class, () -> context.eval("python", "1 + 1"));
            IllegalStateException later = assertThrows(IllegalStateException.class, () -> PySelect4j.check(context));
            assertTrue(later.getMessage().contains("allowNativeAccess(true)"), later.getMessage());
        }
    }

    /**
     * The script's standard streams are the builder's (print, input, tracebacks),
     * text in UTF-8, line-buffered, with no descriptor of their own; pyselect4j's
     * id shows neither in os.environ nor in a child's environment.
     */
    @Test
    void standardStreamsReachTheScript() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream("first é\nsecond\nrest".getBytes(StandardCharsets.UTF_8));
        Context.Builder builder = PySelect4j.install(
                PySelect4j.standardStreams(trustedBuilder().allowCreateProcess(true).environment("EMBEDDER_MARK", "1"),
                        in, out, err));
        try (Context context = builder.build()) {
            PySelect4j.check(context);
            Value seen = context.eval("python", """
                    import io, os, sys, threading
                    print("héllo", sys.stdout.encoding, sys.stdout.isatty(), sys.stdin.isatty())
                    def fileno_error(stream):
                        try:
                            stream.fileno()
                        except io.UnsupportedOperation:
                            return True
                        return False
                    answer = input("prompt> ")
                    second = sys.stdin.readline()
                    rest = sys.stdin.read()
                    def fail():
                        raise ValueError("in a thread")
                    thread = threading.Thread(target=fail)
                    thread.start()
                    thread.join()
                    sys.stdout.write("partial")
                    import subprocess
                    child_environment = subprocess.run(["env"], env=dict(os.environ), capture_output=True,
                                                       text=True).stdout
                    [answer, second, rest, all(map(fileno_error, (sys.stdin, sys.stdout, sys.stderr))),
                     "PYSELECT4J_INSTALLATION" in os.environ or "PYSELECT4J_INSTALLATION" in child_environment,
                     "EMBEDDER_MARK=1" in child_environment]
                    """);
            assertEquals("first é", seen.getArrayElement(0).asString());
            assertEquals("second\n", seen.getArrayElement(1).asString());
            assertEquals("rest", seen.getArrayElement(2).asString());
            assertTrue(seen.getArrayElement(3).asBoolean(), "fileno() raises io.UnsupportedOperation");
            assertFalse(seen.getArrayElement(4).asBoolean(), "the installation id stays out of os.environ and children");
            assertTrue(seen.getArrayElement(5).asBoolean(), "the child sees the embedder's environment");
            assertEquals("héllo utf-8 False False\nprompt> ", out.toString(StandardCharsets.UTF_8),
                    "a line reaches the stream when it ends, a partial line only at a flush");
            String traceback = err.toString(StandardCharsets.UTF_8);
            assertTrue(traceback.contains("Traceback") && traceback.contains("ValueError: in a thread"), traceback);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("prompt> partial"), "flushed when the context closes");
    }

    /**
     * pyselect4j's settings and the embedder's compose whichever comes first:
     * host classes (the embedder's and pyselect4j's bridge), Python path, standard
     * streams and closing timer descriptors with the context.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void settingsComposeInEitherOrder(boolean installFirst) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UnaryOperator<Context.Builder> embedder = builder -> PySelect4j.closeTimerFdsWithContext(
                PySelect4j.standardStreams(
                        PySelect4j.allowHostClassLookup(builder, "java.util.ArrayList"::equals), null, out, null));
        Context.Builder builder = trustedBuilder().option("python.WarnOptions", "error::DeprecationWarning");
        builder = installFirst ? embedder.apply(PySelect4j.install(builder, "/embedder/path"))
                : PySelect4j.install(embedder.apply(builder), "/embedder/path");
        int timerFd;
        try (Context context = builder.build()) {
            PySelect4j.check(context);
            Value seen = context.eval("python", """
                    import java, os, select, sys, time
                    print("captured")
                    fd = os.timerfd_create(time.CLOCK_MONOTONIC)
                    [java.type("java.util.ArrayList") is not None, "/embedder/path" in sys.path,
                     sys.warnoptions == ["error::DeprecationWarning"], fd, sys.stderr.fileno()]
                    """);
            assertTrue(seen.getArrayElement(0).asBoolean(), "the embedder's host class is found");
            assertTrue(seen.getArrayElement(1).asBoolean());
            assertTrue(seen.getArrayElement(2).asBoolean());
            timerFd = seen.getArrayElement(3).asInt();
            assertEquals(2, seen.getArrayElement(4).asInt(), "no err stream given: stderr stays on fd 2");
            assertThrows(PolyglotException.class, () -> context.eval("python", "java.type('java.util.HashMap')"));
        }
        assertEquals("captured\n", out.toString(StandardCharsets.UTF_8));
        assertFalse(new java.io.File("/proc/self/fd/" + timerFd).exists(), "the timer descriptor closed with the context");
    }

    /** A lookup set on the builder after install replaces pyselect4j's: check() and the functions say so. */
    @Test
    void replacedHostClassLookupIsNamed() {
        Context.Builder builder = PySelect4j.install(trustedBuilder()).allowHostClassLookup(name -> false);
        try (Context context = builder.build()) {
            IllegalStateException problem = assertThrows(IllegalStateException.class, () -> PySelect4j.check(context));
            assertTrue(problem.getMessage().contains("PySelect4j.allowHostClassLookup"), problem.getMessage());
            PolyglotException call = assertThrows(PolyglotException.class,
                    () -> context.eval("python", "import select; select.epoll()"));
            assertTrue(call.getMessage().contains("PySelect4j.allowHostClassLookup"), call.getMessage());
        }
    }

    @Test
    void replacedPythonPathIsNamed() {
        Context.Builder builder = PySelect4j.install(trustedBuilder()).option("python.PythonPath", "/elsewhere");
        try (Context context = builder.build()) {
            IllegalStateException problem = assertThrows(IllegalStateException.class, () -> PySelect4j.check(context));
            assertTrue(problem.getMessage().contains("python.PythonPath"), problem.getMessage());
        }
    }

    @Test
    void checkRefusesAContextBuiltWithoutInstall() {
        try (Context context = trustedBuilder().option("python.PosixModuleBackend", "native").build()) {
            IllegalStateException problem = assertThrows(IllegalStateException.class, () -> PySelect4j.check(context));
            assertTrue(problem.getMessage().contains("PySelect4j.install"), problem.getMessage());
        }
    }
}
