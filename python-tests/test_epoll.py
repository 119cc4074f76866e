"""select.epoll: creation, registration, polling and bad input."""

import errno
import inspect
import os
import select
import socket
import time

import pytest

from conftest import (BAD_FD_ARGUMENTS, SECONDS_TIMEOUT_RANGE_ERRORS, TOO_LARGE_FOR_INT, Helper,
                      assert_oserror, assert_raises, bounded, fill_pipe)

CLOSED_EPOLL = "I/O operation on closed epoll object"


@pytest.fixture
def ep():
    epoll = select.epoll()
    yield epoll
    epoll.close()


# ----------------------------------------------------------------- creation

@pytest.mark.parametrize("kwargs", [{}, {"flags": select.EPOLL_CLOEXEC}, {"flags": 0},
                                    {"sizehint": 1}, {"sizehint": 2**31 - 1},
                                    {"sizehint": -1, "flags": 0}])
def test_new_epoll_is_open_and_close_on_exec(kwargs):
    with select.epoll(**kwargs) as ep:
        assert isinstance(ep, select.epoll)
        assert ep.closed is False
        fd = ep.fileno()
        assert type(fd) is int and fd >= 0
        assert os.get_inheritable(fd) is False


def test_positional_sizehint_and_flags():
    with select.epoll(10, select.EPOLL_CLOEXEC) as ep:
        assert not ep.closed


@pytest.mark.parametrize("sizehint", [0, -2, -100])
def test_sizehint_zero_or_below_minus_one_is_rejected(sizehint):
    assert_raises(ValueError, "negative sizehint", select.epoll, sizehint=sizehint)


@pytest.mark.parametrize("flags", [1, -1, select.EPOLLIN, select.EPOLL_CLOEXEC | 1, os.O_NONBLOCK])
def test_unknown_flags_raise_oserror_without_errno(flags):
    exc = assert_raises(OSError, "invalid flags", select.epoll, flags=flags)
    assert exc.errno is None


@pytest.mark.parametrize("name", ["sizehint", "flags"])
@pytest.mark.parametrize("value, exc_type, message", [
    (1.5, TypeError, "'float' object cannot be interpreted as an integer"),
    ("1", TypeError, "'str' object cannot be interpreted as an integer"),
    (None, TypeError, "'NoneType' object cannot be interpreted as an integer"),
    (2**31, OverflowError, TOO_LARGE_FOR_INT),
    (-2**31 - 1, OverflowError, TOO_LARGE_FOR_INT),
    (2**64, OverflowError, TOO_LARGE_FOR_INT),
])
def test_constructor_argument_types(name, value, exc_type, message):
    assert_raises(exc_type, message, select.epoll, **{name: value})


def test_constructor_argument_count_and_names():
    assert_raises(TypeError, "epoll() takes at most 2 arguments (3 given)", select.epoll, 1, 0, 0)
    assert_raises(TypeError, "epoll() got an unexpected keyword argument 'size'",
                  select.epoll, size=1)


def test_epoll_is_not_subclassable():
    with pytest.raises(TypeError) as info:
        type("MyEpoll", (select.epoll,), {})
    assert str(info.value) == "type 'select.epoll' is not an acceptable base type"


def test_method_signatures():
    ep = select.epoll()
    try:
        assert str(inspect.signature(ep.register)) == "(fd, eventmask=7)"
        assert str(inspect.signature(ep.modify)) == "(fd, eventmask)"
        assert str(inspect.signature(ep.unregister)) == "(fd)"
        assert str(inspect.signature(ep.poll)) == "(timeout=None, maxevents=-1)"
        assert str(inspect.signature(select.epoll.fromfd)) == "(fd, /)"
    finally:
        ep.close()


def test_repr_names_the_type():
    with select.epoll() as ep:
        assert repr(ep).startswith("<select.epoll object at 0x")


# ----------------------------------------------------------------- closing

def test_close_is_idempotent_and_sets_closed(ep):
    ep.close()
    assert ep.closed is True
    ep.close()
    assert ep.closed is True


def test_context_manager_returns_self_and_closes():
    ep = select.epoll()
    with ep as entered:
        assert entered is ep
        assert not ep.closed
    assert ep.closed


def test_context_manager_closes_on_exception():
    with pytest.raises(KeyError):
        with select.epoll() as ep:
            raise KeyError("x")
    assert ep.closed


@pytest.mark.parametrize("call", [
    lambda ep, fd: ep.fileno(),
    lambda ep, fd: ep.poll(),
    lambda ep, fd: ep.poll(0),
    lambda ep, fd: ep.register(fd),
    lambda ep, fd: ep.modify(fd, select.EPOLLIN),
    lambda ep, fd: ep.unregister(fd),
    lambda ep, fd: ep.__enter__(),
], ids=["fileno", "poll", "poll-0", "register", "modify", "unregister", "enter"])
def test_closed_epoll_raises_value_error(ep, pipe_fds, call):
    ep.close()
    assert_raises(ValueError, CLOSED_EPOLL, call, ep, pipe_fds[0])


def test_exit_of_closed_epoll_is_silent(ep):
    ep.close()
    assert ep.__exit__(None, None, None) is None


def test_closed_attribute_is_read_only(ep):
    assert_raises(AttributeError, "attribute 'closed' of 'select.epoll' objects is not writable",
                  setattr, ep, "closed", True)


# ----------------------------------------------------------------- fromfd

def test_fromfd_wraps_existing_epoll_fd(ep, pipe_fds):
    r, w = pipe_fds
    ep.register(w, select.EPOLLOUT)
    other = select.epoll.fromfd(os.dup(ep.fileno()))
    try:
        assert isinstance(other, select.epoll)
        assert other.fileno() != ep.fileno()
        assert other.poll(0) == [(w, select.EPOLLOUT)]
        other.unregister(w)  # same kernel object: visible through ep too
        assert ep.poll(0) == []
    finally:
        other.close()


def test_fromfd_minus_one_creates_a_new_epoll():
    ep = select.epoll.fromfd(-1)
    try:
        assert not ep.closed
        assert ep.fileno() >= 0
        assert ep.poll(0) == []
    finally:
        ep.close()


def test_fromfd_of_non_epoll_fd_fails_on_use(pipe_fds):
    ep = select.epoll.fromfd(os.dup(pipe_fds[0]))
    try:
        assert not ep.closed
        assert_oserror(OSError, errno.EINVAL, ep.poll, 0)
    finally:
        ep.close()


@pytest.mark.parametrize("value, exc_type, message", [
    ("x", TypeError, "'str' object cannot be interpreted as an integer"),
    (1.5, TypeError, "'float' object cannot be interpreted as an integer"),
    (2**40, OverflowError, TOO_LARGE_FOR_INT),
])
def test_fromfd_bad_argument(value, exc_type, message):
    assert_raises(exc_type, message, select.epoll.fromfd, value)


def test_fromfd_takes_no_keywords():
    assert_raises(TypeError, "epoll.fromfd() takes no keyword arguments", select.epoll.fromfd, fd=-1)


# ----------------------------------------------------------------- register / modify / unregister

def test_register_default_mask_is_in_pri_out(ep, pipe_fds):
    r, w = pipe_fds
    assert ep.register(w) is None
    assert ep.poll(0) == [(w, select.EPOLLOUT)]


def test_register_accepts_keywords_and_objects_with_fileno(ep, socket_pair):
    a, b = socket_pair
    ep.register(fd=a, eventmask=select.EPOLLOUT)
    assert ep.poll(0) == [(a.fileno(), select.EPOLLOUT)]


def test_register_twice_raises_file_exists(ep, pipe_fds):
    ep.register(pipe_fds[0])
    assert_oserror(FileExistsError, errno.EEXIST, ep.register, pipe_fds[0])
    assert_oserror(FileExistsError, errno.EEXIST, ep.register, pipe_fds[0], select.EPOLLOUT)


def test_register_itself_is_invalid(ep):
    assert_oserror(OSError, errno.EINVAL, ep.register, ep)


def test_register_regular_file_is_not_permitted(ep):
    fd = os.open(__file__, os.O_RDONLY)
    try:
        assert_oserror(PermissionError, errno.EPERM, ep.register, fd)
    finally:
        os.close(fd)


def test_register_closed_fd_is_bad_file_descriptor(ep, closed_fd):
    assert_oserror(OSError, errno.EBADF, ep.register, closed_fd)


def test_register_closed_socket_reports_its_minus_one(ep):
    sock = socket.socket()
    sock.close()
    assert_raises(ValueError, "file descriptor cannot be a negative integer (-1)", ep.register, sock)


@pytest.mark.parametrize("method", ["register", "modify", "unregister"])
@pytest.mark.parametrize("bad_fd, exc_type, message", BAD_FD_ARGUMENTS)
def test_bad_fd_arguments(ep, method, bad_fd, exc_type, message):
    args = (bad_fd, select.EPOLLIN) if method == "modify" else (bad_fd,)
    assert_raises(exc_type, message, getattr(ep, method), *args)


@pytest.mark.parametrize("mask", [-1, 2**32 - 1, -2**31 - 1])
def test_impossible_event_masks_are_rejected_by_the_kernel(ep, pipe_fds, mask):
    assert_oserror(OSError, errno.EINVAL, ep.register, pipe_fds[1], mask)


@pytest.mark.parametrize("mask, registered", [
    (2**32, 0), (2**64, 0), (-2**64, 0), (2**32 + select.EPOLLOUT, select.EPOLLOUT),
    (-2**31 | select.EPOLLOUT, select.EPOLLET | select.EPOLLOUT),
])
def test_event_mask_wraps_modulo_2_to_the_32(ep, pipe_fds, mask, registered):
    w = pipe_fds[1]
    ep.register(w, mask)
    ready = [(w, select.EPOLLOUT)] if registered & select.EPOLLOUT else []
    assert ep.poll(0) == ready


@pytest.mark.parametrize("mask, message", [
    (1.5, "'float' object cannot be interpreted as an integer"),
    ("1", "'str' object cannot be interpreted as an integer"),
    (None, "'NoneType' object cannot be interpreted as an integer"),
])
def test_event_mask_must_be_an_integer(ep, pipe_fds, mask, message):
    assert_raises(TypeError, message, ep.register, pipe_fds[1], mask)
    ep.register(pipe_fds[1], 0)
    assert_raises(TypeError, message, ep.modify, pipe_fds[1], mask)


def test_modify_changes_the_mask(ep, pipe_fds):
    r, w = pipe_fds
    ep.register(w, select.EPOLLIN)
    assert ep.poll(0) == []
    assert ep.modify(w, select.EPOLLOUT) is None
    assert ep.poll(0) == [(w, select.EPOLLOUT)]
    ep.modify(fd=w, eventmask=0)
    assert ep.poll(0) == []


def test_modify_requires_a_mask(ep, pipe_fds):
    ep.register(pipe_fds[1])
    assert_raises(TypeError, "modify() missing required argument 'eventmask' (pos 2)",
                  ep.modify, pipe_fds[1])


def test_exclusive_cannot_be_modified(ep, pipe_fds):
    w = pipe_fds[1]
    ep.register(w, select.EPOLLEXCLUSIVE | select.EPOLLOUT)
    assert ep.poll(0) == [(w, select.EPOLLOUT)]
    assert_oserror(OSError, errno.EINVAL, ep.modify, w, select.EPOLLOUT)


@pytest.mark.parametrize("method", ["modify", "unregister"])
def test_unknown_fd_is_not_found(ep, pipe_fds, method):
    args = (pipe_fds[1], select.EPOLLOUT) if method == "modify" else (pipe_fds[1],)
    assert_oserror(FileNotFoundError, errno.ENOENT, getattr(ep, method), *args)


def test_unregister_removes_the_fd(ep, pipe_fds):
    r, w = pipe_fds
    ep.register(w)
    assert ep.unregister(w) is None
    assert ep.poll(0) == []
    assert_oserror(FileNotFoundError, errno.ENOENT, ep.unregister, w)
    ep.register(w)  # may be registered again
    ep.unregister(fd=w)


def test_unregister_of_closed_fd_is_bad_file_descriptor(ep, pipe_fds):
    fd = os.dup(pipe_fds[1])
    ep.register(fd)
    os.close(fd)
    assert_oserror(OSError, errno.EBADF, ep.unregister, fd)


def test_register_argument_count(ep, pipe_fds):
    assert_raises(TypeError, "register() missing required argument 'fd' (pos 1)", ep.register)
    assert_raises(TypeError, "register() takes at most 2 arguments (3 given)",
                  ep.register, pipe_fds[0], 1, 2)
    assert_raises(TypeError, "register() got an unexpected keyword argument 'mask'",
                  ep.register, pipe_fds[0], mask=1)


# ----------------------------------------------------------------- poll: readiness

def test_poll_returns_list_of_int_pairs(ep, pipe_fds):
    ep.register(pipe_fds[1], select.EPOLLOUT)
    events = ep.poll(0)
    assert type(events) is list
    assert [tuple(type(x) for x in item) for item in events] == [(int, int)]


def test_poll_nothing_registered(ep):
    assert ep.poll(0) == []


def test_pipe_becomes_readable(ep, pipe_fds):
    r, w = pipe_fds
    ep.register(r, select.EPOLLIN)
    assert ep.poll(0) == []
    os.write(w, b"data")
    assert ep.poll(5) == [(r, select.EPOLLIN)]


def test_pipe_writer_closed_gives_hangup(ep, pipe_fds):
    r, w = pipe_fds
    ep.register(r, select.EPOLLIN)
    os.close(w)
    assert ep.poll(5) == [(r, select.EPOLLHUP)]


def test_pipe_reader_closed_gives_error(ep, pipe_fds):
    r, w = pipe_fds
    ep.register(w, select.EPOLLOUT)
    os.close(r)
    assert ep.poll(5) == [(w, select.EPOLLOUT | select.EPOLLERR)]


def test_full_pipe_is_not_writable(ep, pipe_fds):
    r, w = pipe_fds
    fill_pipe(w)
    ep.register(w, select.EPOLLOUT)
    assert ep.poll(0) == []
    os.read(r, 65536)
    assert ep.poll(5) == [(w, select.EPOLLOUT)]


def test_socketpair_readiness(ep, socket_pair):
    a, b = socket_pair
    ep.register(a.fileno(), select.EPOLLIN | select.EPOLLOUT)
    ep.register(b.fileno(), select.EPOLLIN)
    assert ep.poll(0) == [(a.fileno(), select.EPOLLOUT)]
    b.send(b"hello")
    assert ep.poll(5) == [(a.fileno(), select.EPOLLIN | select.EPOLLOUT)]


def test_peer_shutdown_gives_rdhup(ep, socket_pair):
    a, b = socket_pair
    ep.register(a, select.EPOLLIN | select.EPOLLRDHUP)
    b.shutdown(socket.SHUT_WR)
    assert ep.poll(5) == [(a.fileno(), select.EPOLLIN | select.EPOLLRDHUP)]


def test_closed_writer_gives_hangup(ep, pipe_fds):
    # A pipe, not socket.socketpair(): GraalPy's socketpair() is a TCP pair,
    # whose closed peer gives EPOLLRDHUP but no EPOLLHUP.
    r, w = pipe_fds
    ep.register(r, select.EPOLLIN | select.EPOLLRDHUP)
    os.close(w)
    assert ep.poll(5) == [(r, select.EPOLLHUP)]


def test_timerfd_becomes_readable(ep, timerfd):
    ep.register(timerfd, select.EPOLLIN)
    assert ep.poll(0) == []
    os.timerfd_settime(timerfd, initial=0.01)
    assert ep.poll(5) == [(timerfd, select.EPOLLIN)]


def test_level_triggered_reports_again(ep, pipe_fds):
    r, w = pipe_fds
    ep.register(r, select.EPOLLIN)
    os.write(w, b"x")
    assert ep.poll(5) == [(r, select.EPOLLIN)]
    assert ep.poll(0) == [(r, select.EPOLLIN)]


def test_edge_triggered_reports_once_per_change(ep, pipe_fds):
    r, w = pipe_fds
    ep.register(r, select.EPOLLIN | select.EPOLLET)
    os.write(w, b"x")
    assert ep.poll(5) == [(r, select.EPOLLIN)]
    assert ep.poll(0) == []
    os.write(w, b"y")
    assert ep.poll(5) == [(r, select.EPOLLIN)]


def test_oneshot_disables_until_modified(ep, pipe_fds):
    w = pipe_fds[1]
    ep.register(w, select.EPOLLOUT | select.EPOLLONESHOT)
    assert ep.poll(0) == [(w, select.EPOLLOUT)]
    assert ep.poll(0) == []
    ep.modify(w, select.EPOLLOUT)
    assert ep.poll(0) == [(w, select.EPOLLOUT)]


def test_maxevents_limits_the_result(ep, socket_pair, pipe_fds):
    fds = [pipe_fds[1], socket_pair[0].fileno(), socket_pair[1].fileno()]
    for fd in fds:
        ep.register(fd, select.EPOLLOUT)
    assert len(ep.poll(0, 1)) == 1
    assert len(ep.poll(0, 2)) == 2
    assert sorted(ep.poll(0, -1)) == sorted((fd, select.EPOLLOUT) for fd in fds)
    assert sorted(ep.poll(timeout=0, maxevents=100)) == sorted((fd, select.EPOLLOUT) for fd in fds)


@pytest.mark.parametrize("maxevents", [0, -2, -2**31])
def test_maxevents_zero_or_below_minus_one(ep, maxevents):
    assert_raises(ValueError, "maxevents must be greater than 0, got %d" % maxevents,
                  ep.poll, 0, maxevents)


@pytest.mark.parametrize("maxevents, exc_type, message", [
    (2**31, OverflowError, TOO_LARGE_FOR_INT),
    (2**64, OverflowError, TOO_LARGE_FOR_INT),
    (1.0, TypeError, "'float' object cannot be interpreted as an integer"),
    (None, TypeError, "'NoneType' object cannot be interpreted as an integer"),
])
def test_maxevents_type_and_range(ep, maxevents, exc_type, message):
    assert_raises(exc_type, message, ep.poll, 0, maxevents)


# ----------------------------------------------------------------- poll: timeouts

def test_timeout_in_seconds_waits(ep):
    start = time.monotonic()
    assert ep.poll(0.2) == []
    assert time.monotonic() - start >= 0.19


@pytest.mark.parametrize("timeout", [None, -1, -1.5, -0.0001, -1e-9])
def test_none_or_negative_timeout_waits_until_ready(ep, pipe_fds, timeout):
    w = pipe_fds[1]
    ep.register(w, select.EPOLLOUT)
    assert bounded(ep.poll, timeout) == [(w, select.EPOLLOUT)]


def test_blocking_poll_is_woken_by_another_thread(ep, pipe_fds):
    import threading
    r, w = pipe_fds
    ep.register(r, select.EPOLLIN)
    writer = threading.Timer(0.2, os.write, (w, b"x"))
    writer.start()
    try:
        assert bounded(ep.poll) == [(r, select.EPOLLIN)]
    finally:
        writer.join()


def test_close_during_a_wait_lets_it_go_on_and_report_events(pipe_fds):
    """The close comes a margin after the poll's thread is about to call poll(),
    and the write after the close, both from one helper thread: two timers
    started with the test let a late poll() find the object closed already, or
    the write come before the close."""
    import threading
    r, w = pipe_fds
    ep = select.epoll()
    ep.register(r, select.EPOLLIN)
    calling = threading.Event()

    def poll():
        calling.set()
        return ep.poll(30)

    def close_then_write():
        try:
            assert calling.wait(60), "the poll's thread never started"
            time.sleep(0.5)  # a generous margin for the poll() to block
            ep.close()
            time.sleep(0.2)
        finally:
            os.write(w, b"x")  # even if this helper failed: the poll() ends, not after 30 s

    helper = Helper(close_then_write)
    helper.start()
    try:
        assert bounded(poll, timeout=60) == [(r, select.EPOLLIN)]
        assert ep.closed
    finally:
        helper.finish(60)


@pytest.mark.parametrize("timeout", [0, 0.0, -0.0, 1e-9, 0.0009])
def test_tiny_timeouts_return_empty(ep, timeout):
    assert bounded(ep.poll, timeout) == []


@pytest.mark.parametrize("timeout, exc_type, message", [
    *SECONDS_TIMEOUT_RANGE_ERRORS,
    ("1", TypeError, "timeout must be an integer or None"),
    (1j, TypeError, "timeout must be an integer or None"),
])
def test_bad_timeouts(ep, timeout, exc_type, message):
    assert_raises(exc_type, message, ep.poll, timeout)


def test_poll_argument_names(ep):
    assert_raises(TypeError, "poll() got an unexpected keyword argument 'max'", ep.poll, 0, max=1)
    assert_raises(TypeError, "poll() takes at most 2 arguments (3 given)", ep.poll, 0, 1, 2)
