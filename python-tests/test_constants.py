"""Module contents and constant values (Linux x86-64 kernel values, as CPython
3.13 exposes them)."""

import os
import select
import time

import pytest

SELECT_CONSTANTS = {
    "EPOLLIN": 0x1, "EPOLLPRI": 0x2, "EPOLLOUT": 0x4, "EPOLLERR": 0x8,
    "EPOLLHUP": 0x10, "EPOLLRDNORM": 0x40, "EPOLLRDBAND": 0x80,
    "EPOLLWRNORM": 0x100, "EPOLLWRBAND": 0x200, "EPOLLMSG": 0x400,
    "EPOLLRDHUP": 0x2000, "EPOLLEXCLUSIVE": 1 << 28, "EPOLLONESHOT": 1 << 30,
    "EPOLLET": 1 << 31, "EPOLL_CLOEXEC": 0o2000000,
    "POLLIN": 0x1, "POLLPRI": 0x2, "POLLOUT": 0x4, "POLLERR": 0x8,
    "POLLHUP": 0x10, "POLLNVAL": 0x20, "POLLRDNORM": 0x40, "POLLRDBAND": 0x80,
    "POLLWRNORM": 0x100, "POLLWRBAND": 0x200, "POLLMSG": 0x400,
    "POLLRDHUP": 0x2000,
    "PIPE_BUF": 4096,
}
TIMERFD_CONSTANTS = {
    "TFD_CLOEXEC": 0o2000000, "TFD_NONBLOCK": 0o4000,
    "TFD_TIMER_ABSTIME": 1, "TFD_TIMER_CANCEL_ON_SET": 2,
}
CLOCK_CONSTANTS = {
    "CLOCK_REALTIME": 0, "CLOCK_MONOTONIC": 1, "CLOCK_PROCESS_CPUTIME_ID": 2,
    "CLOCK_THREAD_CPUTIME_ID": 3, "CLOCK_MONOTONIC_RAW": 4,
    "CLOCK_BOOTTIME": 7, "CLOCK_TAI": 11,
}


@pytest.mark.parametrize("module, expected", [
    (select, SELECT_CONSTANTS), (os, TIMERFD_CONSTANTS), (time, CLOCK_CONSTANTS),
], ids=["select", "os", "time"])
def test_constant_values_and_types(module, expected):
    for name, value in expected.items():
        actual = getattr(module, name)
        assert type(actual) is int, name
        assert actual == value, name


def test_select_has_exactly_the_linux_names():
    public = {name for name in dir(select) if not name.startswith("_")}
    assert public == set(SELECT_CONSTANTS) | {"epoll", "poll", "select", "error"}


def test_os_timerfd_names():
    names = {name for name in dir(os) if "timerfd" in name or name.startswith("TFD_")}
    assert names == set(TIMERFD_CONSTANTS) | {
        "timerfd_create", "timerfd_settime", "timerfd_settime_ns",
        "timerfd_gettime", "timerfd_gettime_ns"}


def test_os_eventfd_pidfd_and_pipe2_names():
    # PIDFD_NONBLOCK is documented for 3.12+, but the reference CPython 3.13 here has none.
    names = {name for name in dir(os) if "eventfd" in name or name.startswith(("EFD_", "PIDFD_"))
             or name in ("pidfd_open", "pipe2")}
    assert names == {"EFD_CLOEXEC", "EFD_NONBLOCK", "EFD_SEMAPHORE", "eventfd", "eventfd_read",
                     "eventfd_write", "pidfd_open", "pipe2"}


def test_time_clock_names():
    clocks = {name for name in dir(time) if name.startswith("CLOCK_")}
    assert clocks == set(CLOCK_CONSTANTS)
    for function in ["clock_gettime", "clock_gettime_ns", "clock_getres", "clock_settime",
                     "clock_settime_ns", "pthread_getcpuclockid"]:
        assert callable(getattr(time, function))


def test_select_error_is_oserror():
    assert select.error is OSError


def test_epoll_cloexec_equals_tfd_cloexec_and_o_cloexec():
    assert select.EPOLL_CLOEXEC == os.TFD_CLOEXEC == os.O_CLOEXEC
    assert os.TFD_NONBLOCK == os.O_NONBLOCK


@pytest.mark.parametrize("name", ["IN", "PRI", "OUT", "ERR", "HUP", "RDNORM", "RDBAND",
                                  "WRNORM", "WRBAND", "MSG", "RDHUP"])
def test_poll_and_epoll_event_bits_agree(name):
    assert getattr(select, "POLL" + name) == getattr(select, "EPOLL" + name)


@pytest.mark.parametrize("cls, module, name", [
    (select.epoll, "select", "epoll"),
    (type(select.poll()), "select", "poll"),
])
def test_type_names(cls, module, name):
    assert (cls.__module__, cls.__name__, cls.__qualname__) == (module, name, name)
