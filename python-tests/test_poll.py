"""select.poll: registration, polling, timeouts in milliseconds, bad input."""

import errno
import inspect
import os
import select
import socket
import time

import pytest

from conftest import BAD_FD_ARGUMENTS, Helper, assert_oserror, assert_raises, bounded, fill_pipe


@pytest.fixture
def poller():
    return select.poll()


def test_poll_object_type():
    p = select.poll()
    assert type(p).__name__ == "poll"
    assert_raises(TypeError, "cannot create 'select.poll' instances", type(p))
    with pytest.raises(TypeError) as info:
        type("MyPoll", (type(p),), {})
    assert str(info.value) == "type 'select.poll' is not an acceptable base type"


def test_constructor_takes_no_arguments():
    assert_raises(TypeError, "select.poll() takes no arguments (1 given)", select.poll, 1)
    assert_raises(TypeError, "select.poll() takes no keyword arguments", select.poll, a=1)


def test_method_signatures(poller):
    assert str(inspect.signature(poller.register)) == "(fd, eventmask=7, /)"
    assert str(inspect.signature(poller.modify)) == "(fd, eventmask, /)"
    assert str(inspect.signature(poller.unregister)) == "(fd, /)"
    assert str(inspect.signature(poller.poll)) == "(timeout=None, /)"


def test_arguments_are_positional_only(poller, pipe_fds):
    assert_raises(TypeError, "poll.register() takes no keyword arguments", poller.register, fd=pipe_fds[0])
    assert_raises(TypeError, "poll.register() takes no keyword arguments",
                  poller.register, pipe_fds[0], eventmask=1)
    assert_raises(TypeError, "poll.poll() takes no keyword arguments", poller.poll, timeout=0)
    assert_raises(TypeError, "poll expected at most 1 argument, got 2", poller.poll, 0, 1)


def test_empty_poll(poller):
    assert poller.poll(0) == []


def test_default_mask_and_result_types(poller, pipe_fds):
    r, w = pipe_fds
    assert poller.register(w) is None
    events = poller.poll(0)
    assert events == [(w, select.POLLOUT)]
    assert type(events) is list and [tuple(type(x) for x in e) for e in events] == [(int, int)]


def test_register_again_replaces_the_mask(poller, pipe_fds):
    w = pipe_fds[1]
    poller.register(w, select.POLLIN)
    assert poller.poll(0) == []
    poller.register(w, select.POLLOUT)
    assert poller.poll(0) == [(w, select.POLLOUT)]


def test_register_object_with_fileno(poller, socket_pair):
    a, b = socket_pair
    poller.register(a, select.POLLOUT)
    assert poller.poll(0) == [(a.fileno(), select.POLLOUT)]


def test_modify(poller, pipe_fds):
    w = pipe_fds[1]
    poller.register(w, 0)
    assert poller.modify(w, select.POLLOUT) is None
    assert poller.poll(0) == [(w, select.POLLOUT)]


def test_modify_unknown_fd_is_file_not_found(poller, pipe_fds):
    assert_oserror(FileNotFoundError, errno.ENOENT, poller.modify, pipe_fds[1], select.POLLOUT)


def test_modify_requires_mask(poller, pipe_fds):
    poller.register(pipe_fds[1])
    assert_raises(TypeError, "modify expected 2 arguments, got 1", poller.modify, pipe_fds[1])


def test_unregister(poller, pipe_fds):
    w = pipe_fds[1]
    poller.register(w)
    assert poller.unregister(w) is None
    assert poller.poll(0) == []


def test_unregister_unknown_fd_raises_key_error(poller, pipe_fds):
    w = pipe_fds[1]
    with pytest.raises(KeyError) as info:
        poller.unregister(w)
    assert type(info.value) is KeyError
    assert info.value.args == (w,)
    assert str(info.value) == str(w)


@pytest.mark.parametrize("method", ["register", "modify", "unregister"])
@pytest.mark.parametrize("bad_fd, exc_type, message", BAD_FD_ARGUMENTS)
def test_bad_fd_arguments(poller, method, bad_fd, exc_type, message):
    args = (bad_fd, select.POLLIN) if method == "modify" else (bad_fd,)
    assert_raises(exc_type, message, getattr(poller, method), *args)


@pytest.mark.parametrize("mask, exc_type, message", [
    (-1, ValueError, "value must be positive"),
    (-2**64, ValueError, "value must be positive"),
    (65536, OverflowError, "Python int too large for C unsigned short"),
    (2**63, OverflowError, "Python int too large for C unsigned short"),
    (2**64, OverflowError, "Python int too large to convert to C unsigned long"),
    (1.5, TypeError, "an integer is required"),
    ("1", TypeError, "an integer is required"),
    (None, TypeError, "an integer is required"),
])
@pytest.mark.parametrize("method", ["register", "modify"])
def test_bad_event_masks(poller, pipe_fds, method, mask, exc_type, message):
    poller.register(pipe_fds[1], 0)
    assert_raises(exc_type, message, getattr(poller, method), pipe_fds[1], mask)


def test_mask_up_to_65535_is_accepted(poller, pipe_fds):
    w = pipe_fds[1]
    poller.register(w, 0xFFFF)
    assert poller.poll(0) == [(w, select.POLLOUT | select.POLLWRNORM)]


def test_closed_fd_is_reported_invalid(poller, closed_fd):
    poller.register(closed_fd)
    assert poller.poll(0) == [(closed_fd, select.POLLNVAL)]


def test_readable_pipe(poller, pipe_fds):
    r, w = pipe_fds
    poller.register(r, select.POLLIN)
    os.write(w, b"ab")
    assert poller.poll(5000) == [(r, select.POLLIN)]


def test_pipe_writer_closed_is_hangup(poller, pipe_fds):
    r, w = pipe_fds
    poller.register(r, select.POLLIN)
    os.close(w)
    assert poller.poll(5000) == [(r, select.POLLHUP)]


def test_pipe_reader_closed_is_error(poller, pipe_fds):
    r, w = pipe_fds
    poller.register(w, select.POLLOUT)
    os.close(r)
    assert poller.poll(5000) == [(w, select.POLLOUT | select.POLLERR)]


def test_full_pipe_is_not_writable(poller, pipe_fds):
    w = pipe_fds[1]
    fill_pipe(w)
    poller.register(w, select.POLLOUT)
    assert poller.poll(0) == []


def test_rdhup_after_peer_shutdown(poller, socket_pair):
    a, b = socket_pair
    poller.register(a, select.POLLIN | select.POLLRDHUP)
    b.shutdown(socket.SHUT_WR)
    assert poller.poll(5000) == [(a.fileno(), select.POLLIN | select.POLLRDHUP)]


def test_timerfd_readiness(poller, timerfd):
    poller.register(timerfd, select.POLLIN)
    assert poller.poll(0) == []
    os.timerfd_settime_ns(timerfd, initial=1000)
    assert poller.poll(5000) == [(timerfd, select.POLLIN)]


def test_several_fds(poller, pipe_fds, socket_pair):
    fds = [pipe_fds[1], socket_pair[0].fileno(), socket_pair[1].fileno()]
    for fd in fds:
        poller.register(fd, select.POLLOUT)
    poller.register(pipe_fds[0], select.POLLIN)
    assert sorted(poller.poll(0)) == sorted((fd, select.POLLOUT) for fd in fds)


def test_timeout_is_in_milliseconds(poller):
    start = time.monotonic()
    assert poller.poll(200) == []
    assert time.monotonic() - start >= 0.19


@pytest.mark.parametrize("timeout", [0, 0.0, 1, 0.5, 1e-9])
def test_small_timeouts_return_empty(poller, timeout):
    assert bounded(poller.poll, timeout) == []


@pytest.mark.parametrize("timeout", [None, -1, -0.5, -12345, 2**31 - 1])
def test_none_or_negative_timeout_waits_until_ready(poller, pipe_fds, timeout):
    w = pipe_fds[1]
    poller.register(w, select.POLLOUT)
    assert bounded(poller.poll, timeout) == [(w, select.POLLOUT)]


@pytest.mark.parametrize("timeout, exc_type, message", [
    (float("nan"), ValueError, "Invalid value NaN (not a number)"),
    (float("inf"), OverflowError, "timestamp out of range for platform time_t"),
    (float("-inf"), OverflowError, "timestamp out of range for platform time_t"),
    (2**31, OverflowError, "timeout is too large"),
    (2**63, OverflowError, "timestamp too large to convert to C PyTime_t"),
    (-2**63, OverflowError, "timestamp too large to convert to C PyTime_t"),
    ("1", TypeError, "timeout must be an integer or None"),
    ([], TypeError, "timeout must be an integer or None"),
])
def test_bad_timeouts(poller, timeout, exc_type, message):
    assert_raises(exc_type, message, poller.poll, timeout)


def test_concurrent_poll_of_one_object_is_refused(poller, pipe_fds):
    r, w = pipe_fds
    poller.register(r, select.POLLIN)
    results = []

    def wait():
        while True:
            try:
                results.append(poller.poll(30000))
                return
            except RuntimeError:  # it came while this thread's poll(0) below ran: again
                time.sleep(0.001)
    waiter = Helper(wait)
    waiter.start()
    try:
        # Wait until the other thread is inside poll(): only then is a second
        # poll() refused.
        deadline = time.monotonic() + 30
        while True:
            try:
                poller.poll(0)
            except RuntimeError as exc:
                assert str(exc) == "concurrent poll() invocation"
                break
            # Its poll() ends only after the write below: had the waiter ended, no refusal would come.
            waiter.check_running("waiting in poll(30000), got %r" % results)
            assert time.monotonic() < deadline, "poll() was never refused"
            time.sleep(0.01)
        # Registering meanwhile is allowed; it affects the next poll() only.
        poller.register(w, select.POLLOUT)
    finally:
        os.write(w, b"x")
        waiter.finish(30)
    assert results == [[(r, select.POLLIN)]]
    assert sorted(poller.poll(0)) == sorted([(r, select.POLLIN), (w, select.POLLOUT)])
