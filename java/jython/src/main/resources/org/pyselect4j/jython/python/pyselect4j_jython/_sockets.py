"""Jython's own sockets in select.epoll.

Netty reads a Jython socket on its own threads into the socket's queues, so
the socket's kernel descriptor says nothing about what recv() or accept()
will find. Each registered Jython socket is therefore represented in the
kernel epoll set by a stand-in: an eventfd that Jython's socket signals
(through the selector hook its own select.poll uses) whenever its state
changes. The readiness reported is the socket's own (data queued, a
connection to accept, room to send), level-triggered, and the "fd" reported
is what the socket's fileno() returns, so ``fd == sock.fileno()`` holds as
on CPython.
"""

import errno as _errno
import sys

from java.lang import AutoCloseable, Throwable
from org.pyselect4j.core import ErrnoException, EventFd, Fds, LinuxConstants

from pyselect4j_jython import _kernel

_EVENTFD_FLAGS = LinuxConstants.get("EFD_CLOEXEC") | LinuxConstants.get("EFD_NONBLOCK")
_EPOLLIN = LinuxConstants.EPOLLIN
_EPOLLOUT = LinuxConstants.EPOLLOUT
_EPOLLERR = LinuxConstants.get("EPOLLERR")
_EPOLLONESHOT = LinuxConstants.get("EPOLLONESHOT")


def real_socket(value):
    """The _realsocket of a Jython socket (itself, or behind its fileno()), or None."""
    if "_socket" not in sys.modules:
        return None  # no socket was ever made
    real = sys.modules["_socket"]._realsocket
    if isinstance(value, real):
        return value
    inner = getattr(value, "_sock", None)
    return inner if isinstance(inner, real) else None


def _failure_of(exception):
    """What a notification's ``exception`` says went wrong, or None: Jython
    passes real exceptions, but also any finished Netty future (its
    completion listener hands the future over), failed or not."""
    if exception is None or isinstance(exception, (Throwable, BaseException)):
        return exception
    cause = getattr(exception, "cause", None)
    return cause() if callable(cause) else None


class _StandIn(AutoCloseable):
    """One registered socket: an eventfd, signalled when the socket's state changes
    (an AutoCloseable, so that interpreter cleanup can close it)."""

    def __init__(self, sock, mask):
        self.sock, self.mask = sock, mask
        self.fd = _kernel.call(IOError, EventFd.create, 0, _EVENTFD_FLAGS)
        self.failure = None
        self.armed = True  # EPOLLONESHOT: off once reported, until modify()
        sock._register_selector(self)

    def notify(self, sock, exception=None, hangup=False):
        """Jython's socket calls this, on any thread, when its state changes."""
        failure = _failure_of(exception)
        if failure is not None:
            self.failure = failure
        self.signal()

    def signal(self):
        fd = self.fd
        if fd is not None:  # else closed meanwhile
            EventFd.write(fd, 1)

    def clear(self):
        fd = self.fd
        if fd is None:
            return
        try:
            EventFd.read(fd, _kernel.NO_HOOK)
        except ErrnoException:
            pass  # EAGAIN: it was clear

    def events(self):
        """The socket's readiness for the registered mask (EPOLLERR always, as epoll reports it)."""
        if not self.armed:
            return 0
        ready = 0
        if self.mask & _EPOLLIN and self.sock._readable():
            ready |= _EPOLLIN
        if self.mask & _EPOLLOUT and self.sock._writable():
            ready |= _EPOLLOUT
        if self.failure is not None:
            ready |= _EPOLLERR
        return ready

    def close(self):
        """Closes the eventfd once: by unregister, epoll.close or interpreter
        cleanup, whichever comes first (a second close(2) could hit a reused number)."""
        fd, self.fd = self.fd, None
        if fd is not None:
            self.sock._unregister_selector(self)
            Fds.close(fd)


class SocketSet(object):
    """The Jython sockets registered in one epoll."""

    def __init__(self, open_resources):
        self._open = open_resources  # the interpreter's, closed at its cleanup
        self._by_socket = {}  # _realsocket -> _StandIn
        self._by_fd = {}  # the stand-in's eventfd -> _StandIn

    def __nonzero__(self):
        return bool(self._by_fd)

    def register(self, core, sock, mask):
        if sock in self._by_socket:
            raise _kernel.errno_error(IOError, _errno.EEXIST)
        stand_in = _StandIn(sock, mask)
        try:
            _kernel.call(IOError, core.register, stand_in.fd, _EPOLLIN)
        except IOError:
            stand_in.close()
            raise
        self._by_socket[sock] = stand_in
        self._by_fd[stand_in.fd] = stand_in
        self._open.add(stand_in)
        stand_in.signal()  # it may be ready already

    def modify(self, sock, mask):
        stand_in = self._registered(sock)
        stand_in.mask, stand_in.armed = mask, True
        stand_in.signal()

    def unregister(self, core, sock):
        stand_in = self._registered(sock)
        del self._by_socket[sock], self._by_fd[stand_in.fd]
        self._open.remove(stand_in)
        try:
            core.unregister(stand_in.fd)
        finally:
            stand_in.close()

    def _registered(self, sock):
        stand_in = self._by_socket.get(sock)
        if stand_in is None:
            raise _kernel.errno_error(IOError, _errno.ENOENT)
        return stand_in

    def before_wait(self):
        """Leaves readable exactly the stand-ins of sockets ready now (a
        change after this signals again, so none is missed)."""
        for stand_in in list(self._by_fd.values()):
            stand_in.clear()
            if stand_in.events():
                stand_in.signal()

    def translate(self, pairs):
        """The kernel's (fd, events) with each stand-in replaced by its socket
        and the socket's readiness; stand-ins no longer ready are left out."""
        result = []
        for fd, events in pairs:
            stand_in = self._by_fd.get(fd)
            if stand_in is None:
                result.append((fd, events))
                continue
            ready = stand_in.events()
            if ready:
                if stand_in.mask & _EPOLLONESHOT:
                    stand_in.armed = False
                result.append((stand_in.sock, ready))
        return result

    def close(self):
        for stand_in in list(self._by_fd.values()):
            self._open.remove(stand_in)
            stand_in.close()
        self._by_socket.clear()
        self._by_fd.clear()
