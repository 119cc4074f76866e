"""os.eventfd, eventfd_read, eventfd_write, pidfd_open and pipe2: the descriptors
beside timerfd that event loops wait on, as CPython 3.13 has them on Linux."""

import errno
import inspect
import os
import select
import subprocess
import threading
import time

import pytest

from conftest import BAD_FD_ARGUMENTS, assert_oserror, assert_raises, close_quietly

COUNTER_MAX = 2**64 - 2  # the largest value an eventfd counter holds


@pytest.fixture
def make_eventfd():
    made = []

    def make(initval=0, flags=os.EFD_CLOEXEC | os.EFD_NONBLOCK):
        fd = os.eventfd(initval, flags)
        made.append(fd)
        return fd
    yield make
    for fd in made:
        close_quietly(fd)


def test_signatures_and_constants():
    assert str(inspect.signature(os.eventfd)) == f"(initval, flags={os.EFD_CLOEXEC})"
    assert str(inspect.signature(os.eventfd_read)) == "(fd)"
    assert str(inspect.signature(os.eventfd_write)) == "(fd, value)"
    assert str(inspect.signature(os.pidfd_open)) == "(pid, flags=0)"
    assert str(inspect.signature(os.pipe2)) == "(flags, /)"
    assert (os.EFD_CLOEXEC, os.EFD_NONBLOCK, os.EFD_SEMAPHORE) == (0o2000000, 0o4000, 1)


def test_eventfd_is_non_inheritable_and_blocking_by_default():
    fd = os.eventfd(5)
    try:
        assert not os.get_inheritable(fd)
        assert os.get_blocking(fd)
        assert os.eventfd_read(fd) == 5
    finally:
        os.close(fd)


def test_eventfd_flags_are_taken_as_given(make_eventfd):
    fd = make_eventfd(0, 0)
    assert os.get_inheritable(fd), "no EFD_CLOEXEC asked, none added (as CPython)"
    assert not os.get_blocking(make_eventfd(0, os.EFD_NONBLOCK))


def test_counter_adds_up_and_read_resets_it(make_eventfd):
    fd = make_eventfd(1)
    os.eventfd_write(fd, 2)
    os.eventfd_write(fd=fd, value=3)
    assert os.eventfd_read(fd=fd) == 6
    assert_oserror(BlockingIOError, errno.EAGAIN, os.eventfd_read, fd)


def test_semaphore_mode_takes_one_at_a_time(make_eventfd):
    fd = make_eventfd(2, os.EFD_SEMAPHORE | os.EFD_NONBLOCK)
    assert [os.eventfd_read(fd), os.eventfd_read(fd)] == [1, 1]
    assert_oserror(BlockingIOError, errno.EAGAIN, os.eventfd_read, fd)


def test_counter_is_unsigned_64_bit(make_eventfd):
    fd = make_eventfd(2**32 - 1)
    assert os.eventfd_read(fd) == 2**32 - 1
    os.eventfd_write(fd, COUNTER_MAX)
    assert_oserror(BlockingIOError, errno.EAGAIN, os.eventfd_write, fd, 1)
    assert os.eventfd_read(fd) == COUNTER_MAX
    assert_oserror(OSError, errno.EINVAL, os.eventfd_write, fd, 2**64 - 1)


def test_epoll_sees_the_counter(make_eventfd):
    fd = make_eventfd()
    with select.epoll() as ep:
        ep.register(fd, select.EPOLLIN | select.EPOLLOUT)
        assert ep.poll(0) == [(fd, select.EPOLLOUT)]
        os.eventfd_write(fd, 1)
        assert ep.poll(0) == [(fd, select.EPOLLIN | select.EPOLLOUT)]


def test_a_write_from_another_thread_wakes_a_wait(make_eventfd):
    fd = make_eventfd()
    with select.epoll() as ep:
        ep.register(fd, select.EPOLLIN)
        waker = threading.Timer(0.2, os.eventfd_write, (fd, 1))
        waker.start()
        try:
            assert ep.poll(60) == [(fd, select.EPOLLIN)]
        finally:
            waker.join()
    assert os.eventfd_read(fd) == 1


def test_a_blocking_read_waits_for_a_write(make_eventfd):
    fd = make_eventfd(0, os.EFD_CLOEXEC)
    waker = threading.Timer(0.2, os.eventfd_write, (fd, 7))
    waker.start()
    try:
        assert os.eventfd_read(fd) == 7
    finally:
        waker.join()


@pytest.mark.parametrize("initval, exc_type, message", [
    (-1, ValueError, "value must be positive"),
    (2**32, OverflowError, "Python int too large for C unsigned int"),
    (2**64, OverflowError, "Python int too large to convert to C unsigned long"),
    (1.5, TypeError, "an integer is required"),
    ("1", TypeError, "an integer is required"),
])
def test_eventfd_bad_initval(initval, exc_type, message):
    assert_raises(exc_type, message, os.eventfd, initval)


@pytest.mark.parametrize("call, exc_type, message", [
    (lambda: os.eventfd(), TypeError, "eventfd() missing required argument 'initval' (pos 1)"),
    (lambda: os.eventfd(0, 0, 0), TypeError, "eventfd() takes at most 2 arguments (3 given)"),
    (lambda: os.eventfd(0, flags=2**31), OverflowError, "Python int too large to convert to C int"),
    (lambda: os.eventfd(0, flags="x"), TypeError, "'str' object cannot be interpreted as an integer"),
    (lambda: os.eventfd_write(0), TypeError, "eventfd_write() missing required argument 'value' (pos 2)"),
    (lambda: os.pidfd_open(), TypeError, "pidfd_open() missing required argument 'pid' (pos 1)"),
    (lambda: os.pidfd_open(2**31), OverflowError, "signed integer is greater than maximum"),
    (lambda: os.pidfd_open(1.5), TypeError, "'float' object cannot be interpreted as an integer"),
    (lambda: os.pidfd_open(os.getpid(), -1), ValueError, "value must be positive"),
    (lambda: os.pidfd_open(os.getpid(), 2**32), OverflowError, "Python int too large for C unsigned int"),
    (lambda: os.pipe2(), TypeError, "posix.pipe2() takes exactly one argument (0 given)"),
    (lambda: os.pipe2(flags=0), TypeError, "posix.pipe2() takes no keyword arguments"),
    (lambda: os.pipe2(2**31), OverflowError, "Python int too large to convert to C int"),
])
def test_bad_arguments(call, exc_type, message):
    assert_raises(exc_type, message, call)


@pytest.mark.parametrize("value, exc_type, message", [
    (-1, ValueError, "value must be positive"),
    (2**64, OverflowError, "int too big to convert"),
    (1.0, TypeError, "an integer is required"),
])
def test_eventfd_write_bad_value(make_eventfd, value, exc_type, message):
    assert_raises(exc_type, message, os.eventfd_write, make_eventfd(), value)


@pytest.mark.parametrize("fd, exc_type, message", BAD_FD_ARGUMENTS)
def test_eventfd_read_bad_fd(fd, exc_type, message):
    assert_raises(exc_type, message, os.eventfd_read, fd)


def test_eventfd_read_closed_fd(closed_fd):
    assert_oserror(OSError, errno.EBADF, os.eventfd_read, closed_fd)
    assert_oserror(OSError, errno.EBADF, os.eventfd_write, closed_fd, 1)


def test_pidfd_becomes_readable_when_the_child_exits():
    child = subprocess.Popen(["sleep", "60"])
    fd = os.pidfd_open(child.pid)
    try:
        assert not os.get_inheritable(fd)
        with select.epoll() as ep:
            ep.register(fd, select.EPOLLIN)
            assert ep.poll(0) == []
            child.terminate()
            assert ep.poll(60) == [(fd, select.EPOLLIN)]
    finally:
        os.close(fd)
        child.kill()
        child.wait()


def test_pidfd_open_refusals():
    assert_oserror(OSError, errno.EINVAL, os.pidfd_open, 0)
    assert_oserror(OSError, errno.EINVAL, os.pidfd_open, os.getpid(), 1)
    with open("/proc/sys/kernel/pid_max") as pid_max:
        beyond = int(pid_max.read()) + 1
    assert_oserror(ProcessLookupError, errno.ESRCH, os.pidfd_open, beyond)


def test_pipe2_sets_the_flags_given():
    for flags, inheritable, blocking in ((0, True, True), (os.O_CLOEXEC, False, True),
                                         (os.O_NONBLOCK, True, False),
                                         (os.O_CLOEXEC | os.O_NONBLOCK, False, False)):
        r, w = os.pipe2(flags)
        try:
            assert [os.get_inheritable(r), os.get_inheritable(w)] == [inheritable] * 2
            assert [os.get_blocking(r), os.get_blocking(w)] == [blocking] * 2
            assert os.write(w, b"ping") == 4
            assert os.read(r, 4) == b"ping"
        finally:
            os.close(r)
            os.close(w)
    assert_oserror(OSError, errno.EINVAL, os.pipe2, -1)


def test_pipe2_ends_see_each_other_close():
    r, w = os.pipe2(os.O_CLOEXEC | os.O_NONBLOCK)
    os.close(w)
    try:
        start = time.monotonic()
        assert select.select([r], [], [], 60) == ([r], [], [])
        assert time.monotonic() - start < 30
        assert os.read(r, 1) == b""
    finally:
        os.close(r)
