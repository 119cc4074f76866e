package org.pyselect4j.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.Errors;
import org.pyselect4j.core.Fds;
import org.pyselect4j.core.LinuxConstants;
import org.pyselect4j.jni.Native;
import org.python.core.Py;
import org.python.core.PySystemState;
import org.python.util.PythonInterpreter;

class PySelect4jJythonTest {
    /** An interpreter with its own sys (and so its own modules), with pyselect4j installed. */
    private static PythonInterpreter installed() {
        PythonInterpreter python = new PythonInterpreter(null, new PySystemState());
        PySelect4jJython.install(python);
        return python;
    }

    private static int intOf(PythonInterpreter python, String expression) {
        return python.eval(expression).asInt();
    }

    @Test
    void epollReportsAnExpiredTimerfd() {
        try (PythonInterpreter python = installed()) {
            python.exec("import os, select, time\n"
                    + "fd = os.timerfd_create(time.CLOCK_MONOTONIC)\n"
                    + "os.timerfd_settime(fd, initial=0.05)\n"
                    + "ep = select.epoll()\n"
                    + "ep.register(fd, select.EPOLLIN)\n"
                    + "ready = ep.poll(5)\n"
                    + "count = os.read(fd, 8)\n");
            int fd = intOf(python, "fd");
            assertEquals("[(" + fd + ", " + LinuxConstants.EPOLLIN + ")]", python.eval("ready").toString());
            assertEquals(8, intOf(python, "len(count)"));
            assertTrue(Fds.isTimerFd(fd));
            python.exec("os.close(fd); ep.close()");
            assertFalse(Fds.isTimerFd(fd));
        }
    }

    @Test
    void descriptorsAreCloseOnExec() {
        try (PythonInterpreter python = installed()) {
            python.exec("import os, select, time\n"
                    + "ep = select.epoll()\n"
                    + "fd = os.timerfd_create(time.CLOCK_REALTIME, flags=0)\n");
            assertTrue(Fds.isCloseOnExec(intOf(python, "ep.fileno()")));
            assertTrue(Fds.isCloseOnExec(intOf(python, "fd")));
            python.exec("os.close(fd); ep.close()");
        }
    }

    @Test
    void failuresAreCPython27Exceptions() {
        try (PythonInterpreter python = installed()) {
            python.exec("import errno, os, select, time\n"
                    + "ep = select.epoll()\n"
                    + "try:\n"
                    + "    ep.register(os.timerfd_create(time.CLOCK_MONOTONIC) + 1000)\n"
                    + "except IOError, e:\n"
                    + "    register_error = (type(e).__name__, e.errno, e.strerror)\n"
                    + "p = select.poll()\n"
                    + "try:\n"
                    + "    p.modify(1000, select.POLLIN)\n"
                    + "except IOError, e:\n"
                    + "    modify_error = e.errno\n"
                    + "try:\n"
                    + "    select.select([], [], [], -1)\n"
                    + "except select.error, e:\n"
                    + "    select_error = e.args\n"
                    + "ep.close()\n"
                    + "try:\n"
                    + "    ep.poll(0)\n"
                    + "except ValueError, e:\n"
                    + "    closed_error = str(e)\n");
            assertEquals("('IOError', 9, 'Bad file descriptor')", python.eval("register_error").toString());
            assertEquals(LinuxConstants.ENOENT, intOf(python, "modify_error"));
            assertEquals("(22, 'Invalid argument')", python.eval("select_error").toString());
            assertEquals("I/O operation on closed epoll fd", python.eval("closed_error").toString());
        }
    }

    @Test
    void interpreterCleanupClosesItsEpolls() {
        int epfd;
        try (PythonInterpreter python = installed()) {
            python.exec("import select\nleft_open = select.epoll()\n");
            epfd = intOf(python, "left_open.fileno()");
            assertTrue(Fds.isCloseOnExec(epfd));
        }
        ErrnoException closed = assertThrows(ErrnoException.class, () -> Fds.isCloseOnExec(epfd));
        assertEquals(LinuxConstants.EBADF, closed.errno());
    }

    @Test
    void interpreterCleanupClosesTheStandInsOfJythonSockets() throws Exception {
        PythonInterpreter python = installed();
        try {
            python.exec("import select, socket\n"
                    + "server = socket.socket()\n"
                    + "server.bind(('127.0.0.1', 0))\n"
                    + "server.listen(1)\n"  // starts Netty, which has eventfds of its own
                    + "ep = select.epoll()\n");
            long eventFdsBefore = openEventFds();
            python.exec("ep.register(server, select.EPOLLIN)\n"
                    + "stand_in = ep._sockets._by_socket.values()[0]\n");
            assertEquals(eventFdsBefore + 1, openEventFds(), "one stand-in eventfd for the socket");
            assertFalse(python.eval("stand_in.fd is None").__nonzero__());
        } finally {
            python.close();
        }
        assertTrue(python.eval("stand_in.fd is None").__nonzero__(), "cleanup closed the stand-in");
    }

    /** How many eventfds the process has open, as /proc/self/fd tells. */
    private static long openEventFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("anon_inode:[eventfd]");
                } catch (IOException gone) {
                    return false; // closed meanwhile (the listing's own descriptor)
                }
            }).count();
        }
    }

    @Test
    void threadInterruptEndsAWaitWithKeyboardInterrupt() throws InterruptedException {
        try (PythonInterpreter python = installed()) {
            python.exec("import select\nep = select.epoll()\n");
            AtomicReference<String> outcome = new AtomicReference<>("no outcome");
            Thread waiter = new Thread(() -> {
                Py.setSystemState(python.getSystemState());
                python.exec("try:\n"
                        + "    ep.poll(-1)\n"
                        + "    outcome = 'returned'\n"
                        + "except KeyboardInterrupt:\n"
                        + "    outcome = 'KeyboardInterrupt'\n");
                outcome.set(python.eval("outcome").toString());
            });
            waiter.start();
            Thread.sleep(300); // let it block; an interrupt before the wait ends it too
            waiter.interrupt();
            waiter.join(Duration.ofSeconds(10).toMillis());
            assertFalse(waiter.isAlive(), "the wait did not end");
            assertEquals("KeyboardInterrupt", outcome.get());
            python.exec("ep.close()");
        }
    }

    @Test
    void javaChannelsAreRegisteredByTheirKernelDescriptor() throws Exception {
        Pipe pipe = Pipe.open();
        try (PythonInterpreter python = installed()) {
            python.set("source", pipe.source());
            python.exec("import select\nep = select.epoll()\nep.register(source, select.EPOLLIN)\n");
            assertEquals("[]", python.eval("ep.poll(0)").toString());
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            int fd = KernelDescriptors.of(pipe.source());
            assertEquals("[(" + fd + ", " + LinuxConstants.EPOLLIN + ")]", python.eval("ep.poll(5)").toString());
            python.exec("ep.close()");
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void fromfdAdoptsARawEpollDescriptor() {
        // Not an fd another epoll object owns: both would close it, the second
        // time perhaps after the number went to another file (as in CPython).
        int epfd = Errors.check(Native.epollCreate(LinuxConstants.EPOLL_CLOEXEC));
        try (PythonInterpreter python = installed()) {
            python.set("epfd", epfd);
            python.exec("import os, select, time\n"
                    + "timer = os.timerfd_create(time.CLOCK_MONOTONIC)\n"
                    + "os.timerfd_settime_ns(timer, initial=1)\n"
                    + "ep = select.epoll.fromfd(epfd)\n"
                    + "ep.register(timer, select.EPOLLIN)\n"
                    + "ready = ep.poll(5)\n"
                    + "ep.close()\n"
                    + "os.close(timer)\n");
            assertTrue(python.eval("ep.closed").__nonzero__());
            assertEquals("[(" + intOf(python, "timer") + ", 1)]", python.eval("ready").toString());
        }
        ErrnoException closed = assertThrows(ErrnoException.class, () -> Fds.isCloseOnExec(epfd));
        assertEquals(LinuxConstants.EBADF, closed.errno());
    }

    @Test
    void installingTwiceKeepsTheFirstInstallation() {
        try (PythonInterpreter python = installed()) {
            python.exec("import select\nfirst = select.epoll\n");
            PySelect4jJython.install(python);
            assertTrue(python.eval("select.epoll is first").__nonzero__());
        }
    }
}
