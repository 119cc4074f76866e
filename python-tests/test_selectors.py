"""selectors on top of select.epoll / select.poll: DefaultSelector is the
EpollSelector, and every selector class Linux has (DefaultSelector,
EpollSelector, PollSelector, SelectSelector) works with real sockets, pipes and
timerfds, alone or mixed in one selector."""

import errno
import os
import select
import selectors
import socket
import threading
import time

import pytest

from conftest import assert_oserror, assert_raises, bounded, close_quietly, fill_pipe, read_expirations

# By name: DefaultSelector is the same class as EpollSelector, but it is the
# name programs use, so it gets its own runs.
SELECTOR_NAMES = ["DefaultSelector", "EpollSelector", "PollSelector", "SelectSelector"]


def test_default_selector_is_epoll_selector():
    assert selectors.DefaultSelector is selectors.EpollSelector
    with selectors.DefaultSelector() as sel:
        assert type(sel) is selectors.EpollSelector
        assert sel.fileno() >= 0
        assert os.get_inheritable(sel.fileno()) is False


def test_epoll_and_poll_selectors_exist():
    assert issubclass(selectors.EpollSelector, selectors.BaseSelector)
    assert issubclass(selectors.PollSelector, selectors.BaseSelector)


@pytest.fixture(params=SELECTOR_NAMES)
def sel(request):
    selector = getattr(selectors, request.param)()
    yield selector
    selector.close()


def test_register_returns_key_and_select_reports_readiness(sel, socket_pair):
    a, b = socket_pair
    key = sel.register(a, selectors.EVENT_READ, "payload")
    assert (key.fileobj, key.fd, key.events, key.data) == (a, a.fileno(), selectors.EVENT_READ, "payload")
    assert sel.get_key(a) is key
    assert sel.get_map()[a] is key
    assert sel.select(0) == []
    b.send(b"x")
    assert sel.select(5) == [(key, selectors.EVENT_READ)]


def test_read_and_write_events(sel, socket_pair):
    a, b = socket_pair
    key = sel.register(a, selectors.EVENT_READ | selectors.EVENT_WRITE)
    assert sel.select(0) == [(key, selectors.EVENT_WRITE)]
    b.send(b"x")
    assert sel.select(5) == [(key, selectors.EVENT_READ | selectors.EVENT_WRITE)]


def test_modify_and_unregister(sel, pipe_fds):
    r, w = pipe_fds
    sel.register(w, selectors.EVENT_READ)
    assert sel.select(0) == []
    key = sel.modify(w, selectors.EVENT_WRITE, "new")
    assert sel.select(0) == [(key, selectors.EVENT_WRITE)]
    assert sel.unregister(w) is key
    assert sel.select(0) == []
    assert len(sel.get_map()) == 0


def test_timerfd_in_selector(sel, timerfd):
    key = sel.register(timerfd, selectors.EVENT_READ)
    os.timerfd_settime(timerfd, initial=0.05, interval=0.05)
    assert sel.select(10) == [(key, selectors.EVENT_READ)]
    assert read_expirations(timerfd) >= 1


def test_select_timeout_waits(sel, pipe_fds):
    sel.register(pipe_fds[0], selectors.EVENT_READ)
    start = time.monotonic()
    assert sel.select(0.2) == []
    assert time.monotonic() - start >= 0.19


def test_invalid_registrations(sel, socket_pair):
    a, b = socket_pair
    assert_raises(ValueError, "Invalid events: 0", sel.register, a, 0)
    assert_raises(ValueError, "Invalid file descriptor: -1", sel.register, -1, selectors.EVENT_READ)
    assert_raises(ValueError, "Invalid file object: 'x'", sel.register, "x", selectors.EVENT_READ)
    sel.register(a, selectors.EVENT_READ)
    with pytest.raises(KeyError):
        sel.register(a, selectors.EVENT_READ)
    with pytest.raises(KeyError):
        sel.unregister(b)


@pytest.mark.parametrize("cls", [selectors.EpollSelector], ids=["EpollSelector"])
def test_closed_fd_is_refused_and_forgotten(cls, closed_fd):
    with cls() as sel:
        assert_oserror(OSError, errno.EBADF, sel.register, closed_fd, selectors.EVENT_READ)
        assert len(sel.get_map()) == 0


def test_closed_epoll_selector():
    sel = selectors.EpollSelector()
    sel.close()
    assert sel.get_map() is None
    assert_raises(ValueError, "I/O operation on closed epoll object", sel.select, 0)


def test_pipe_end_of_file_is_reported_readable(sel, pipe_fds):
    r, w = pipe_fds
    key = sel.register(r, selectors.EVENT_READ)
    os.write(w, b"last words")
    os.close(w)
    assert sel.select(5) == [(key, selectors.EVENT_READ)]
    assert os.read(r, 100) == b"last words"
    assert sel.select(5) == [(key, selectors.EVENT_READ)]
    assert os.read(r, 100) == b""


def test_full_pipe_becomes_writable_when_drained(sel, pipe_fds):
    r, w = pipe_fds
    fill_pipe(w)
    key = sel.register(w, selectors.EVENT_WRITE)
    assert sel.select(0) == []
    os.set_blocking(r, False)
    while True:
        try:
            os.read(r, 65536)
        except BlockingIOError:
            break
    assert sel.select(5) == [(key, selectors.EVENT_WRITE)]


def test_pipe_file_objects(sel, pipe_fds):
    r, w = pipe_fds
    with open(r, "rb", buffering=0, closefd=False) as reader, \
            open(w, "wb", buffering=0, closefd=False) as writer:
        read_key = sel.register(reader, selectors.EVENT_READ, "reader")
        write_key = sel.register(writer, selectors.EVENT_WRITE, "writer")
        assert (read_key.fd, write_key.fd) == (r, w)
        assert sel.select(5) == [(write_key, selectors.EVENT_WRITE)]
        writer.write(b"through the pipe")
        ready = dict((key.data, mask) for key, mask in sel.select(5))
        assert ready == {"reader": selectors.EVENT_READ, "writer": selectors.EVENT_WRITE}
        assert reader.read(100) == b"through the pipe"
        sel.unregister(reader)
        sel.unregister(writer)


def test_only_the_pipes_written_to_are_reported(sel):
    pipes = [os.pipe() for _ in range(24)]
    try:
        for index, (r, _) in enumerate(pipes):
            sel.register(r, selectors.EVENT_READ, index)
        written = {3, 10, 11, 23}
        for index in written:
            os.write(pipes[index][1], b"!")
        ready = sel.select(5)
        assert sorted(key.data for key, _ in ready) == sorted(written)
        assert all(mask == selectors.EVENT_READ for _, mask in ready)
    finally:
        for r, w in pipes:
            close_quietly(r)
            close_quietly(w)


def test_each_timerfd_is_reported_when_it_expires(sel, make_timerfd):
    soon, later = make_timerfd(), make_timerfd()
    soon_key = sel.register(soon, selectors.EVENT_READ, "soon")
    later_key = sel.register(later, selectors.EVENT_READ, "later")
    os.timerfd_settime(soon, initial=0.05)
    os.timerfd_settime(later, initial=600)
    assert sel.select(10) == [(soon_key, selectors.EVENT_READ)]
    assert read_expirations(soon) == 1
    assert sel.select(0) == []
    os.timerfd_settime(later, initial=0.05)
    assert sel.select(10) == [(later_key, selectors.EVENT_READ)]
    assert read_expirations(later) == 1


def test_socket_pipe_and_timerfd_in_one_selector(sel, socket_pair, pipe_fds, timerfd):
    sel.register(socket_pair[0], selectors.EVENT_READ, "socket")
    sel.register(pipe_fds[0], selectors.EVENT_READ, "pipe")
    sel.register(timerfd, selectors.EVENT_READ, "timer")
    socket_pair[1].send(b"s")
    os.write(pipe_fds[1], b"p")
    os.timerfd_settime(timerfd, initial=0.01)
    seen = set()
    deadline = time.monotonic() + 10
    while seen != {"socket", "pipe", "timer"} and time.monotonic() < deadline:
        seen.update(key.data for key, mask in sel.select(1) if mask == selectors.EVENT_READ)
    assert seen == {"socket", "pipe", "timer"}


def test_select_without_timeout_wakes_when_another_thread_writes(sel, pipe_fds):
    r, w = pipe_fds
    key = sel.register(r, selectors.EVENT_READ)
    writer = threading.Timer(0.2, os.write, (w, b"wake up"))
    writer.start()
    try:
        assert bounded(sel.select, None, timeout=30) == [(key, selectors.EVENT_READ)]
    finally:
        writer.cancel()
        writer.join(30)
    assert os.read(r, 100) == b"wake up"


def test_echo_over_tcp_loopback(sel):
    """A small event loop: accept, echo back, notice the client closing."""
    server = socket.create_server(("127.0.0.1", 0))
    server.setblocking(False)
    port = server.getsockname()[1]
    sel.register(server, selectors.EVENT_READ, "accept")
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    events_seen = []
    try:
        client.sendall(b"ping")
        received = b""
        deadline = time.monotonic() + 10
        closed = False
        while not closed and time.monotonic() < deadline:
            for key, mask in sel.select(1):
                events_seen.append(key.data)
                if key.data == "accept":
                    conn, _ = server.accept()
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, "echo")
                else:
                    data = key.fileobj.recv(1024)
                    if data:
                        key.fileobj.sendall(data)
                        if not received:
                            received = client.recv(1024)
                            client.close()
                    else:
                        sel.unregister(key.fileobj)
                        key.fileobj.close()
                        closed = True
        assert received == b"ping"
        assert closed
        assert events_seen[0] == "accept" and events_seen.count("echo") >= 2
    finally:
        client.close()
        for key in list(sel.get_map().values()):
            if key.fileobj is not server:
                key.fileobj.close()
        server.close()
