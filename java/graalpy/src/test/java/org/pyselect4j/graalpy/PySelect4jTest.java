package org.pyselect4j.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;

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
                    (ready == [(fd, select.EPOLLIN)], selectors.DefaultSelector.__name__)
                    """);
            assertTrue(result.getArrayElement(0).asBoolean());
            assertEquals("EpollSelector", result.getArrayElement(1).asString());
        }
    }

    @Test
    void coreErrorsArriveAsTheExceptionsCPythonRaises() {
        try (Context context = PySelect4j.install(trustedBuilder()).build()) {
            Value outcome = context.eval("python", """
                    import errno, os, select
                    r, w = os.pipe()
                    ep = select.epoll()
                    ep.register(r)
                    try:
                        ep.register(r)
                    except FileExistsError as e:
                        first = e.errno == errno.EEXIST
                    ep.close()
                    try:
                        ep.poll(0)
                    except ValueError as e:
                        second = str(e)
                    (first, second)
                    """);
            assertTrue(outcome.getArrayElement(0).asBoolean());
            assertEquals("I/O operation on closed epoll object", outcome.getArrayElement(1).asString());
        }
    }

    /** A core precondition the glue should have checked is a pyselect4j bug: SystemError, not ValueError. */
    @Test
    void unexpectedCoreErrorsBecomeSystemError() {
        try (Context context = PySelect4j.install(trustedBuilder()).build()) {
            Value outcome = context.eval("python", """
                    import select
                    from _pyselect4j import _select
                    with select.epoll() as ep:
                        try:
                            _select.bridge.epollPoll(ep._core, 0, 0)  # maxevents 0: the glue refuses it first
                        except SystemError as e:
                            message = str(e)
                    message
                    """);
            assertTrue(outcome.asString().startsWith("pyselect4j internal error: java.lang.IllegalArgumentException"),
                    outcome.asString());
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

    @Test
    void contextWithoutNativeAccessFailsClearly() {
        Context.Builder builder = PySelect4j.install(Context.newBuilder("python").allowIO(IOAccess.ALL));
        IllegalStateException problem = assertThrows(IllegalStateException.class, () -> {
            try (Context context = builder.build()) {
                PySelect4j.check(context);
            }
        });
        assertTrue(problem.getMessage().contains("native access"), problem.getMessage());
    }

    @Test
    void checkRefusesAContextBuiltWithoutInstall() {
        try (Context context = trustedBuilder().option("python.PosixModuleBackend", "native").build()) {
            IllegalStateException problem = assertThrows(IllegalStateException.class, () -> PySelect4j.check(context));
            assertTrue(problem.getMessage().contains("PySelect4j.install"), problem.getMessage());
        }
    }
}
