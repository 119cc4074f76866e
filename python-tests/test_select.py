"""select.select: readiness, returned objects, timeouts, bad input."""

import errno
import inspect
import os
import select
import socket
import time

import pytest

from conftest import (BAD_FD_ARGUMENTS, SECONDS_TIMEOUT_RANGE_ERRORS, FilenoReturns, assert_oserror, assert_raises,
                      bounded, fill_pipe)

FD_OUT_OF_RANGE = "filedescriptor out of range in select()"


def test_signature():
    assert str(inspect.signature(select.select)) == "(rlist, wlist, xlist, timeout=None, /)"


def test_argument_count_and_keywords():
    assert_raises(TypeError, "select expected at least 3 arguments, got 2", select.select, [], [])
    assert_raises(TypeError, "select expected at most 4 arguments, got 5",
                  select.select, [], [], [], 0, 1)
    assert_raises(TypeError, "select.select() takes no keyword arguments",
                  select.select, [], [], [], timeout=0)


def test_nothing_to_wait_for():
    result = select.select([], [], [], 0)
    assert result == ([], [], [])
    assert type(result) is tuple and all(type(x) is list for x in result)


def test_pipe_readiness(pipe_fds):
    r, w = pipe_fds
    assert select.select([r], [w], [r, w], 0) == ([], [w], [])
    os.write(w, b"x")
    assert select.select([r], [w], [r, w], 0) == ([r], [w], [])


def test_full_pipe_is_not_writable(pipe_fds):
    r, w = pipe_fds
    fill_pipe(w)
    assert select.select([], [w], [], 0) == ([], [], [])


def test_writer_closed_makes_reader_readable(pipe_fds):
    r, w = pipe_fds
    os.close(w)
    assert select.select([r], [], [r], 0) == ([r], [], [])


def test_socketpair(socket_pair):
    a, b = socket_pair
    assert select.select([a, b], [a], [], 0) == ([], [a], [])
    b.send(b"x")
    readable, writable, _ = select.select([a, b], [a, b], [], 5)
    assert readable == [a] and readable[0] is a
    assert writable == [a, b]


def test_urgent_data_is_an_exceptional_condition():
    with socket.create_server(("127.0.0.1", 0)) as server:
        with socket.create_connection(server.getsockname()) as client:
            accepted, _ = server.accept()
            with accepted:
                client.send(b"!", getattr(socket, "MSG_OOB", 1))  # GraalPy's socket lacks the name; Linux's 1
                assert select.select([], [], [accepted], 5) == ([], [], [accepted])
                # Urgent data alone does not make a socket readable.
                assert select.select([accepted], [client], [accepted], 0) == ([], [client], [accepted])


def test_returns_the_very_objects_passed(pipe_fds):
    r, w = pipe_fds
    reader, writer = FilenoReturns(r), FilenoReturns(w)
    os.write(w, b"x")
    readable, writable, exceptional = select.select([reader], [writer], [reader], 0)
    assert readable[0] is reader and len(readable) == 1
    assert writable[0] is writer and len(writable) == 1
    assert exceptional == []


def test_duplicates_are_kept(pipe_fds):
    w = pipe_fds[1]
    same_fd = FilenoReturns(w)
    assert select.select([], [w, w, same_fd], [], 0) == ([], [w, w, same_fd], [])


def test_any_iterable_is_accepted(pipe_fds):
    r, w = pipe_fds
    assert select.select((r,), iter([w]), set(), 0) == ([], [w], [])
    assert select.select([], {w: "value"}, (x for x in []), 0) == ([], [w], [])


def test_a_subclass_of_list_or_tuple_is_iterated(pipe_fds):
    # Only an exact list or tuple is read as it stands; any other sequence,
    # a subclass's instance too, through its iterator.
    r, w = pipe_fds

    class IteratesWriter(list):
        def __iter__(self):
            return iter([w])

    class IteratesWriterTuple(tuple):
        def __iter__(self):
            return iter([w])

    for sequence in (IteratesWriter([r]), IteratesWriterTuple([r])):
        assert select.select([], sequence, [], 0) == ([], [w], [])
        assert select.select([], sequence, [], None) == ([], [w], [])


@pytest.mark.parametrize("not_iterable", [1, None, 1.5])
def test_non_iterable_arguments(not_iterable):
    assert_raises(TypeError, "arguments 1-3 must be sequences", select.select, not_iterable, [], [], 0)
    assert_raises(TypeError, "arguments 1-3 must be sequences", select.select, [], [], not_iterable, 0)


def test_string_is_iterated_into_bad_items():
    assert_raises(TypeError, "argument must be an int, or have a fileno() method.",
                  select.select, "ab", [], [], 0)


@pytest.mark.parametrize("position", range(3))
@pytest.mark.parametrize("bad_fd, exc_type, message", BAD_FD_ARGUMENTS)
def test_bad_fd_items(position, bad_fd, exc_type, message):
    lists = [[], [], []]
    lists[position].append(bad_fd)
    assert_raises(exc_type, message, select.select, *lists, 0)


@pytest.mark.parametrize("fd", [1024, 4096, 2**31 - 1])
def test_fd_at_or_above_fd_setsize_is_rejected(fd):
    assert_raises(ValueError, FD_OUT_OF_RANGE, select.select, [fd], [], [], 0)


def test_open_fd_above_fd_setsize_is_rejected(pipe_fds):
    high = os.dup2(pipe_fds[1], 1500)
    try:
        assert_raises(ValueError, FD_OUT_OF_RANGE, select.select, [], [high], [], 0)
    finally:
        os.close(high)


def test_fd_just_below_fd_setsize_works(pipe_fds):
    high = os.dup2(pipe_fds[1], 1023)
    try:
        assert select.select([], [high], [], 0) == ([], [1023], [])
    finally:
        os.close(high)


@pytest.mark.parametrize("position", range(3))
def test_closed_fd_is_bad_file_descriptor(closed_fd, position):
    lists = [[], [], []]
    lists[position].append(closed_fd)
    exc = assert_oserror(OSError, errno.EBADF, select.select, *lists, 0)
    assert isinstance(exc, select.error)


def test_timeout_waits():
    r, w = os.pipe()
    try:
        start = time.monotonic()
        assert select.select([r], [], [], 0.2) == ([], [], [])
        assert time.monotonic() - start >= 0.19
    finally:
        os.close(r)
        os.close(w)


@pytest.mark.parametrize("timeout", [None, 0, 0.0, -0.0, 1e-9, 0.001, 2**31, True])
def test_accepted_timeouts(pipe_fds, timeout):
    w = pipe_fds[1]
    assert bounded(select.select, [], [w], [], timeout) == ([], [w], [])


def test_timerfd_becomes_readable(timerfd):
    os.timerfd_settime(timerfd, initial=0.01)
    assert select.select([timerfd], [], [], 5) == ([timerfd], [], [])


@pytest.mark.parametrize("timeout, exc_type, message", [
    (-1, ValueError, "timeout must be non-negative"),
    (-0.0001, ValueError, "timeout must be non-negative"),
    *SECONDS_TIMEOUT_RANGE_ERRORS,
    ("1", TypeError, "timeout must be a float or None"),
    (1j, TypeError, "timeout must be a float or None"),
])
def test_bad_timeouts(timeout, exc_type, message):
    assert_raises(exc_type, message, select.select, [], [], [], timeout)
