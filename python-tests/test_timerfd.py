"""os.timerfd_*: creation, arming, reading expirations, precision, bad input."""

import errno
import inspect
import os
import select
import sys
import time

import pytest

from conftest import (BAD_FD_ARGUMENTS, TOO_LARGE_FOR_INT, assert_oserror,
                      assert_raises, bounded, read_expirations)

TIME_T_RANGE = "timestamp out of range for platform time_t"
NS = 10**9


def test_signatures():
    assert str(inspect.signature(os.timerfd_create)) == "(clockid, /, *, flags=0)"
    assert str(inspect.signature(os.timerfd_settime)) == "(fd, /, *, flags=0, initial=0.0, interval=0.0)"
    assert str(inspect.signature(os.timerfd_settime_ns)) == "(fd, /, *, flags=0, initial=0, interval=0)"
    assert str(inspect.signature(os.timerfd_gettime)) == "(fd, /)"
    assert str(inspect.signature(os.timerfd_gettime_ns)) == "(fd, /)"


# ----------------------------------------------------------------- create

@pytest.mark.parametrize("clock", [time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_BOOTTIME])
def test_create_gives_unarmed_close_on_exec_blocking_fd(make_timerfd, clock):
    fd = make_timerfd(clock)
    assert type(fd) is int and fd >= 0
    assert os.get_inheritable(fd) is False
    assert os.get_blocking(fd) is True
    assert os.timerfd_gettime(fd) == (0.0, 0.0)
    assert os.timerfd_gettime_ns(fd) == (0, 0)


@pytest.mark.parametrize("flags, blocking", [
    (0, True), (os.TFD_NONBLOCK, False), (os.TFD_CLOEXEC, True),
    (os.TFD_NONBLOCK | os.TFD_CLOEXEC, False),
])
def test_create_flags(make_timerfd, flags, blocking):
    fd = make_timerfd(time.CLOCK_MONOTONIC, flags=flags)
    assert os.get_blocking(fd) is blocking
    assert os.get_inheritable(fd) is False


@pytest.mark.parametrize("clock", [time.CLOCK_PROCESS_CPUTIME_ID, time.CLOCK_THREAD_CPUTIME_ID,
                                   time.CLOCK_MONOTONIC_RAW, -1, 100])
def test_create_with_unsupported_clock(clock):
    assert_oserror(OSError, errno.EINVAL, os.timerfd_create, clock)


@pytest.mark.parametrize("flags", [1, -1, os.TFD_TIMER_ABSTIME])
def test_create_with_invalid_flags(flags):
    assert_oserror(OSError, errno.EINVAL, os.timerfd_create, time.CLOCK_MONOTONIC, flags=flags)


@pytest.mark.parametrize("value, exc_type, message", [
    (1.5, TypeError, "'float' object cannot be interpreted as an integer"),
    ("1", TypeError, "'str' object cannot be interpreted as an integer"),
    (None, TypeError, "'NoneType' object cannot be interpreted as an integer"),
    (2**31, OverflowError, TOO_LARGE_FOR_INT),
    (-2**64, OverflowError, TOO_LARGE_FOR_INT),
])
def test_create_argument_types(value, exc_type, message):
    assert_raises(exc_type, message, os.timerfd_create, value)
    assert_raises(exc_type, message, os.timerfd_create, time.CLOCK_MONOTONIC, flags=value)


def test_create_argument_kinds():
    assert_raises(TypeError, "timerfd_create() takes exactly 1 positional argument (2 given)",
                  os.timerfd_create, time.CLOCK_MONOTONIC, 0)
    assert_raises(TypeError, "timerfd_create() takes exactly 1 positional argument (0 given)",
                  os.timerfd_create, clockid=time.CLOCK_MONOTONIC)
    assert_raises(TypeError,
                  "timerfd_create() got an unexpected keyword argument 'flag'. Did you mean 'flags'?",
                  os.timerfd_create, time.CLOCK_MONOTONIC, flag=0)


# ----------------------------------------------------------------- settime / gettime

def test_settime_returns_previous_setting(timerfd):
    assert os.timerfd_settime(timerfd, initial=10, interval=2) == (0.0, 0.0)
    remaining, interval = os.timerfd_settime(timerfd, initial=0)
    assert 0 < remaining <= 10
    assert interval == 2.0
    assert os.timerfd_gettime(timerfd) == (0.0, 0.0)


def test_settime_ns_returns_previous_setting(timerfd):
    assert os.timerfd_settime_ns(timerfd, initial=10 * NS, interval=3) == (0, 0)
    remaining, interval = os.timerfd_settime_ns(timerfd)
    assert 0 < remaining <= 10 * NS
    assert interval == 3


def test_gettime_result_types(timerfd):
    os.timerfd_settime(timerfd, initial=100, interval=0.25)
    value, interval = os.timerfd_gettime(timerfd)
    assert type(value) is float and type(interval) is float
    assert 99 < value <= 100 and interval == 0.25
    value_ns, interval_ns = os.timerfd_gettime_ns(timerfd)
    assert type(value_ns) is int and type(interval_ns) is int
    assert 99 * NS < value_ns <= 100 * NS and interval_ns == NS // 4


def test_interval_without_initial_leaves_timer_disarmed(timerfd):
    os.timerfd_settime(timerfd, interval=1)
    assert os.timerfd_gettime(timerfd) == (0.0, 1.0)


@pytest.mark.parametrize("interval_ns", [1, 999_999_999, NS, NS + 1, 123_456_789_012])
def test_ns_functions_keep_full_precision(timerfd, interval_ns):
    os.timerfd_settime_ns(timerfd, initial=100 * NS, interval=interval_ns)
    assert os.timerfd_gettime_ns(timerfd)[1] == interval_ns
    assert os.timerfd_gettime(timerfd)[1] == interval_ns / NS


@pytest.mark.parametrize("seconds, expected_ns", [
    (1e-9, 1), (1.5e-9, 1), (1e-10, 0), (0.5, NS // 2), (True, NS), (2, 2 * NS),
])
def test_float_seconds_are_converted_to_ns(timerfd, seconds, expected_ns):
    os.timerfd_settime(timerfd, initial=100, interval=seconds)
    assert os.timerfd_gettime_ns(timerfd)[1] == expected_ns


@pytest.mark.parametrize("value, exc_type, message", [
    (float("nan"), OverflowError, TIME_T_RANGE),
    (float("inf"), OverflowError, TIME_T_RANGE),
    (float("-inf"), OverflowError, TIME_T_RANGE),
    (1e300, OverflowError, TIME_T_RANGE),
    (1e10, OverflowError, TIME_T_RANGE),
    (10**10, OverflowError, TIME_T_RANGE),
    (2**64, OverflowError, TIME_T_RANGE),
    ("1", TypeError, "must be real number, not str"),
    ([], TypeError, "must be real number, not list"),
    (1j, TypeError, "must be real number, not complex"),
])
@pytest.mark.parametrize("name", ["initial", "interval"])
def test_settime_bad_seconds(timerfd, name, value, exc_type, message):
    assert_raises(exc_type, message, os.timerfd_settime, timerfd, **{name: value})


@pytest.mark.parametrize("value", [-1, -1.5, -0.0001])
@pytest.mark.parametrize("name", ["initial", "interval"])
def test_settime_negative_seconds_rejected_by_kernel(timerfd, name, value):
    assert_oserror(OSError, errno.EINVAL, os.timerfd_settime, timerfd, **{"initial": 1, name: value})


@pytest.mark.parametrize("value, exc_type, message", [
    (2**63, OverflowError, "int too big to convert"),
    (10**19, OverflowError, "int too big to convert"),
    (1.0, TypeError, "'float' object cannot be interpreted as an integer"),
    ("1", TypeError, "'str' object cannot be interpreted as an integer"),
    (None, TypeError, "'NoneType' object cannot be interpreted as an integer"),
])
@pytest.mark.parametrize("name", ["initial", "interval"])
def test_settime_ns_bad_values(timerfd, name, value, exc_type, message):
    assert_raises(exc_type, message, os.timerfd_settime_ns, timerfd, **{name: value})


@pytest.mark.parametrize("value", [-1, -2**63])
@pytest.mark.parametrize("name", ["initial", "interval"])
def test_settime_ns_negative_rejected_by_kernel(timerfd, name, value):
    assert_oserror(OSError, errno.EINVAL, os.timerfd_settime_ns, timerfd, **{"initial": 1, name: value})


def test_settime_ns_largest_value(timerfd):
    os.timerfd_settime_ns(timerfd, initial=2**63 - 1)
    assert os.timerfd_gettime_ns(timerfd)[0] > 10**18


@pytest.mark.parametrize("flags", [4, -1, os.TFD_NONBLOCK])
@pytest.mark.parametrize("function", [os.timerfd_settime, os.timerfd_settime_ns])
def test_settime_invalid_flags(timerfd, function, flags):
    assert_oserror(OSError, errno.EINVAL, function, timerfd, flags=flags, initial=1)


@pytest.mark.parametrize("function", [os.timerfd_settime, os.timerfd_settime_ns])
def test_settime_argument_kinds(timerfd, function):
    name = function.__name__
    assert_raises(TypeError, "%s() takes exactly 1 positional argument (3 given)" % name,
                  function, timerfd, 0, 1)
    assert_raises(TypeError, "%s() takes exactly 1 positional argument (0 given)" % name,
                  function, fd=timerfd)
    assert_raises(TypeError, "%s() got an unexpected keyword argument 'start'" % name,
                  function, timerfd, start=1)


@pytest.mark.parametrize("function", [os.timerfd_gettime, os.timerfd_gettime_ns])
def test_gettime_argument_kinds(timerfd, function):
    name = function.__name__
    assert_raises(TypeError, "posix.%s() takes no keyword arguments" % name, function, fd=timerfd)
    assert_raises(TypeError, "posix.%s() takes exactly one argument (2 given)" % name,
                  function, timerfd, 1)


ALL_FD_FUNCTIONS = [os.timerfd_settime, os.timerfd_settime_ns, os.timerfd_gettime,
                    os.timerfd_gettime_ns]


@pytest.mark.parametrize("function", ALL_FD_FUNCTIONS)
@pytest.mark.parametrize("bad_fd, exc_type, message", BAD_FD_ARGUMENTS)
def test_bad_fd_arguments(function, bad_fd, exc_type, message):
    assert_raises(exc_type, message, function, bad_fd)


@pytest.mark.parametrize("function", ALL_FD_FUNCTIONS)
def test_closed_fd(function, closed_fd):
    assert_oserror(OSError, errno.EBADF, function, closed_fd)


@pytest.mark.parametrize("function", ALL_FD_FUNCTIONS)
def test_fd_that_is_not_a_timer(function, pipe_fds, socket_pair):
    assert_oserror(OSError, errno.EINVAL, function, pipe_fds[0])
    assert_oserror(OSError, errno.EINVAL, function, socket_pair[0])
    with select.epoll() as ep:
        assert_oserror(OSError, errno.EINVAL, function, ep)


# ----------------------------------------------------------------- expirations

def test_blocking_read_waits_for_expiration(timerfd):
    os.timerfd_settime(timerfd, initial=0.1)
    start = time.monotonic()
    assert bounded(read_expirations, timerfd) == 1
    assert time.monotonic() - start >= 0.09
    assert os.timerfd_gettime(timerfd) == (0.0, 0.0)


def test_periodic_timer_counts_expirations(timerfd):
    os.timerfd_settime_ns(timerfd, initial=1, interval=NS // 1000)
    time.sleep(0.05)
    assert read_expirations(timerfd) >= 50
    remaining, interval = os.timerfd_gettime(timerfd)
    assert 0 < remaining <= 0.001 and interval == 0.001


def test_nonblocking_read_of_unexpired_timer(make_timerfd):
    fd = make_timerfd(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)
    assert_oserror(BlockingIOError, errno.EAGAIN, os.read, fd, 8)
    os.timerfd_settime(fd, initial=100)
    assert_oserror(BlockingIOError, errno.EAGAIN, os.read, fd, 8)


def test_read_needs_eight_bytes(timerfd):
    os.timerfd_settime_ns(timerfd, initial=1)
    time.sleep(0.01)
    assert_oserror(OSError, errno.EINVAL, os.read, timerfd, 4)
    assert os.read(timerfd, 100) == (1).to_bytes(8, sys.byteorder)


def test_timerfd_cannot_be_written(timerfd):
    assert_oserror(OSError, errno.EINVAL, os.write, timerfd, b"\0" * 8)


def test_abstime_in_the_past_expires_at_once(timerfd):
    os.timerfd_settime(timerfd, flags=os.TFD_TIMER_ABSTIME, initial=1)
    assert bounded(read_expirations, timerfd) == 1


@pytest.mark.parametrize("clock", [time.CLOCK_MONOTONIC, time.CLOCK_REALTIME])
def test_abstime_in_the_future(make_timerfd, clock):
    fd = make_timerfd(clock)
    deadline = time.clock_gettime_ns(clock) + 10 * NS
    os.timerfd_settime_ns(fd, flags=os.TFD_TIMER_ABSTIME, initial=deadline)
    assert 9 * NS < os.timerfd_gettime_ns(fd)[0] <= 10 * NS
    assert 9.0 < os.timerfd_gettime(fd)[0] <= 10.0


def test_abstime_expiry_read_via_epoll(make_timerfd):
    fd = make_timerfd(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)
    os.timerfd_settime(fd, flags=os.TFD_TIMER_ABSTIME,
                       initial=time.clock_gettime(time.CLOCK_MONOTONIC) + 0.1)
    with select.epoll() as ep:
        ep.register(fd, select.EPOLLIN)
        assert ep.poll(0) == []
        assert ep.poll(10) == [(fd, select.EPOLLIN)]
    assert read_expirations(fd) == 1


def test_cancel_on_set_needs_realtime_abstime(make_timerfd):
    fd = make_timerfd(time.CLOCK_REALTIME)
    os.timerfd_settime(fd, flags=os.TFD_TIMER_ABSTIME | os.TFD_TIMER_CANCEL_ON_SET,
                       initial=time.time() + 100)
    assert 90 < os.timerfd_gettime(fd)[0] <= 100
