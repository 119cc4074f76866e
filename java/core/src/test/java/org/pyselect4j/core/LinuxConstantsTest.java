package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class LinuxConstantsTest {
    // The names CPython 3.13 exposes on Linux, from dir(select), dir(os) and dir(time).
    private static final Set<String> CPYTHON_EPOLL = Set.of("EPOLLIN", "EPOLLOUT", "EPOLLPRI", "EPOLLERR",
            "EPOLLHUP", "EPOLLET", "EPOLLONESHOT", "EPOLLEXCLUSIVE", "EPOLLRDHUP", "EPOLLRDNORM", "EPOLLRDBAND",
            "EPOLLWRNORM", "EPOLLWRBAND", "EPOLLMSG", "EPOLL_CLOEXEC");
    private static final Set<String> CPYTHON_POLL = Set.of("POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP",
            "POLLNVAL", "POLLRDNORM", "POLLRDBAND", "POLLWRNORM", "POLLWRBAND", "POLLMSG", "POLLRDHUP");
    private static final Set<String> CPYTHON_TIMERFD = Set.of("TFD_NONBLOCK", "TFD_CLOEXEC", "TFD_TIMER_ABSTIME",
            "TFD_TIMER_CANCEL_ON_SET");
    private static final Set<String> CPYTHON_CLOCK = Set.of("CLOCK_REALTIME", "CLOCK_MONOTONIC",
            "CLOCK_MONOTONIC_RAW", "CLOCK_BOOTTIME", "CLOCK_TAI", "CLOCK_PROCESS_CPUTIME_ID",
            "CLOCK_THREAD_CPUTIME_ID");

    @Test
    void familiesHoldExactlyCPythonsNames() {
        assertEquals(CPYTHON_EPOLL, LinuxConstants.epollConstants().keySet());
        assertEquals(CPYTHON_POLL, LinuxConstants.pollConstants().keySet());
        assertEquals(CPYTHON_TIMERFD, LinuxConstants.timerfdConstants().keySet());
        assertEquals(CPYTHON_CLOCK, LinuxConstants.clockConstants().keySet());
    }

    @Test
    void valuesAreTheKernelHeaders() {
        assertEquals(0x001, LinuxConstants.EPOLLIN);
        assertEquals(0x004, LinuxConstants.POLLOUT);
        assertEquals(0x020, LinuxConstants.POLLNVAL);
        assertEquals(1 << 28, LinuxConstants.get("EPOLLEXCLUSIVE"));
        assertEquals(1 << 31, LinuxConstants.get("EPOLLET"));
        assertEquals(11, LinuxConstants.get("CLOCK_TAI"));
        assertEquals(1024, LinuxConstants.FD_SETSIZE);
        assertEquals(4096, LinuxConstants.PIPE_BUF);
        assertEquals(9, LinuxConstants.EBADF);
        assertEquals(4, LinuxConstants.EINTR);
    }

    @Test
    void allHasThePublicConstantsButNotTheInternalOnes() {
        var all = LinuxConstants.all();
        assertTrue(all.keySet().containsAll(CPYTHON_EPOLL));
        assertTrue(all.keySet().containsAll(CPYTHON_CLOCK));
        assertEquals(1024, all.get("FD_SETSIZE"));
        assertEquals(4096, all.get("PIPE_BUF"));
        assertEquals(LinuxConstants.ENOENT, all.get("ENOENT"));
        assertFalse(all.containsKey("EPOLL_CTL_ADD"));
        assertFalse(all.containsKey("SIZEOF_POLLFD"));
        assertEquals(8, LinuxConstants.get("SIZEOF_POLLFD"));
        assertThrows(UnsupportedOperationException.class, () -> all.put("X", 1));
    }

    @Test
    void unknownNameIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LinuxConstants.get("EPOLLNOPE"));
        assertTrue(error.getMessage().contains("EPOLLNOPE"));
    }
}
