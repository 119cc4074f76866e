"""selectors on top of select.epoll / select.poll: DefaultSelector is the
EpollSelector and works with real sockets, pipes and timerfds."""

import errno
import os
import select
import selectors
import socket
import time

import pytest

from conftest import assert_oserror, assert_raises, read_expirations

SELECTOR_CLASSES = [selectors.EpollSelector, selectors.PollSelector, selectors.SelectSelector]


def test_default_selector_is_epoll_selector():
    assert selectors.DefaultSelector is selectors.EpollSelector
    with selectors.DefaultSelector() as sel:
        assert type(sel) is selectors.EpollSelector
        assert sel.fileno() >= 0
        assert os.get_inheritable(sel.fileno()) is False


def test_epoll_and_poll_selectors_exist():
    assert issubclass(selectors.EpollSelector, selectors.BaseSelector)
    assert issubclass(selectors.PollSelector, selectors.BaseSelector)


@pytest.fixture(params=SELECTOR_CLASSES, ids=lambda cls: cls.__name__)
def sel(request):
    selector = request.param()
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


def test_echo_over_tcp_loopback():
    """A small event loop: accept, echo back, notice the client closing."""
    server = socket.create_server(("127.0.0.1", 0))
    server.setblocking(False)
    port = server.getsockname()[1]
    sel = selectors.DefaultSelector()
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
        sel.close()
        server.close()
