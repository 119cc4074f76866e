"""select.epoll, select.poll and select.select over kernel descriptors, as
CPython 2.7.18 has them on Linux (its arguments, exceptions and messages),
plus epoll's context manager and ``closed``-on-exit from CPython 3.4."""

import errno as _errno

from java.lang import System
from org.pyselect4j.core import ConcurrentPollException, Epoll, LinuxConstants, Poll, Select

from pyselect4j_jython import _kernel
from pyselect4j_jython._sockets import SocketSet, real_socket
from pyselect4j_jython._args import (
    INT_MAX, Builtin, c_double_27, c_int_27, c_unsigned_int_mask_27, c_unsigned_short_27, file_descriptor_27,
    no_arguments, one_argument, parse_keywords_27, parse_tuple, unpack_tuple,
)

FD_SETSIZE = LinuxConstants.FD_SETSIZE
_DEFAULT_MASK = LinuxConstants.POLLIN | LinuxConstants.POLLPRI | LinuxConstants.POLLOUT
_NS_PER_MS = 10**6
_NS_PER_US = 1000
_US_PER_SECOND = 10**6
_CLOSED_MESSAGE = "I/O operation on closed epoll fd"

# What CPython 2.7 has: 3.x added EPOLLRDHUP, EPOLLEXCLUSIVE, EPOLL_CLOEXEC and POLLRDHUP.
_CPYTHON_27_CONSTANTS = frozenset(
    "EPOLL" + name for name in "ERR ET HUP IN MSG ONESHOT OUT PRI RDBAND RDNORM WRBAND WRNORM".split()) | frozenset(
    "POLL" + name for name in "ERR HUP IN MSG NVAL OUT PRI RDBAND RDNORM WRBAND WRNORM".split())


class error(Exception):
    """select.error, as CPython 2.7 has it: (errno, strerror), not an IOError.
    Jython's own select.error is its socket.error; select and poll here raise this one."""


error.__module__ = "select"
_open = None  # the interpreter's PySelect4jJython.OpenResources, set by install()
_jython_select = None  # Jython's own select.select, for its own sockets


def install(module, open_resources):
    global _open, _jython_select
    _open = open_resources
    _jython_select = module.select
    module.error = error
    for constants in (LinuxConstants.epollConstants(), LinuxConstants.pollConstants()):
        for entry in constants.entrySet():
            if entry.key in _CPYTHON_27_CONSTANTS:
                setattr(module, entry.key, entry.value if entry.value >= 0 else entry.value + 2**32)  # EPOLLET: 2**31
    module.PIPE_BUF = LinuxConstants.PIPE_BUF
    module.epoll = epoll
    module.poll = Builtin(poll, "select")
    module.select = Builtin(select, "select")


def _signed32(mask):
    """An unsigned 32-bit mask as the Java int with the same bits."""
    return int(mask - 2**32 if mask >= 2**31 else mask)


def _ready_pairs(ready):
    return [(ready.fd(i), ready.events(i)) for i in xrange(ready.size())]


class _ReadOnly(object):
    """A read-only attribute of select.epoll, with CPython's message on assignment."""

    def __init__(self, name, getter, doc):
        self._name, self._getter, self.__doc__ = name, getter, doc

    def __get__(self, instance, owner=None):
        return self if instance is None else self._getter(instance)

    def __set__(self, instance, value):
        raise AttributeError("attribute '%s' of 'select.epoll' objects is not writable" % self._name)

    def __delete__(self, instance):
        self.__set__(instance, None)


class epoll(object):
    """A close-on-exec epoll instance: register descriptors, then wait for their events.

    epoll(sizehint=-1): sizehint, -1 or a positive number, changes nothing."""

    __slots__ = ("_core", "_sockets", "__weakref__")

    def __new__(cls, *args, **kwargs):
        (sizehint,) = parse_keywords_27("epoll", args, kwargs, [("sizehint", c_int_27, -1)], 0)
        if sizehint != -1 and sizehint <= 0:
            raise ValueError("sizehint must be greater zero, got %d" % sizehint)
        return cls._adopt(_kernel.call(IOError, Epoll.create))

    @classmethod
    def _adopt(cls, core):
        self = object.__new__(cls)
        self._core = _open.add(core)
        self._sockets = SocketSet(_open)  # Jython's own sockets registered here
        return self

    @classmethod
    def fromfd(cls, *args, **kwargs):
        """fromfd(fd): an epoll object owning an existing epoll descriptor (closing it closes that)."""
        (fd,) = parse_tuple("fromfd", args, kwargs, [c_int_27], 1)
        if fd == -1:
            return cls(-1)
        if fd < 0:
            raise _kernel.errno_error(IOError, _errno.EBADF)
        return cls._adopt(Epoll.fromFd(fd))

    def _open_core(self):
        core = self._core
        if core is None or core.isClosed():
            raise ValueError(_CLOSED_MESSAGE)
        return core

    closed = _ReadOnly("closed", lambda self: self._core is None or self._core.isClosed(),
                       "True if the epoll handler is closed")

    def close(self, *args, **kwargs):
        """Closes the epoll descriptor; the object's other methods then raise ValueError."""
        no_arguments("close", args, kwargs)
        core, self._core = self._core, None
        if core is not None:
            self._sockets.close()
            _open.remove(core)
            _kernel.call(IOError, core.close)

    def fileno(self, *args, **kwargs):
        """The number of the epoll descriptor."""
        no_arguments("fileno", args, kwargs)
        return self._open_core().fileno()

    def register(self, *args, **kwargs):
        """register(fd, eventmask=EPOLLIN|EPOLLPRI|EPOLLOUT): starts watching fd for those events.

        IOError(EEXIST) if fd is watched already."""
        fd, eventmask = parse_keywords_27("register", args, kwargs, [
            ("fd", _unconverted, None), ("eventmask", c_unsigned_int_mask_27, _DEFAULT_MASK)], 1)
        core = self._open_core()
        sock = real_socket(fd)
        if sock is not None:
            return self._sockets.register(core, sock, eventmask)
        _kernel.call(IOError, core.register, file_descriptor_27(fd), _signed32(eventmask))

    def modify(self, *args, **kwargs):
        """modify(fd, eventmask): watches fd for other events; IOError(ENOENT) if it is not watched."""
        fd, eventmask = parse_keywords_27("modify", args, kwargs, [
            ("fd", _unconverted, None), ("eventmask", c_unsigned_int_mask_27, None)], 2)
        core = self._open_core()
        sock = real_socket(fd)
        if sock is not None:
            return self._sockets.modify(sock, eventmask)
        _kernel.call(IOError, core.modify, file_descriptor_27(fd), _signed32(eventmask))

    def unregister(self, *args, **kwargs):
        """unregister(fd): stops watching fd; IOError(ENOENT) if it is not watched."""
        (fd,) = parse_keywords_27("unregister", args, kwargs, [("fd", _unconverted, None)], 1)
        core = self._open_core()
        sock = real_socket(fd)
        if sock is not None:
            return self._sockets.unregister(core, sock)
        _kernel.call(IOError, core.unregister, file_descriptor_27(fd))

    def poll(self, *args, **kwargs):
        """poll(timeout=-1, maxevents=-1): waits up to timeout seconds (negative: no limit) and
        returns at most maxevents (fd, events) pairs."""
        core = self._open_core()
        timeout, maxevents = parse_keywords_27("poll", args, kwargs, [
            ("timeout", c_double_27, -1.0), ("maxevents", c_int_27, -1)], 0)
        if timeout < 0:
            timeout_ns = -1
        elif timeout * 1000.0 > INT_MAX:
            raise OverflowError("timeout is too large")
        else:
            timeout_ns = int(timeout * 1000.0) * _NS_PER_MS  # CPython 2.7 truncates to milliseconds
        if maxevents == -1:
            maxevents = FD_SETSIZE - 1
        elif maxevents < 1:
            raise ValueError("maxevents must be greater than 0, got %d" % maxevents)
        if not self._sockets:
            return _ready_pairs(_kernel.call(IOError, core.poll, timeout_ns, maxevents, _kernel.WAIT_HOOK))
        # A stand-in may wake the wait for a socket that is no longer ready by
        # the time it is looked at: then the wait goes on with the time left.
        start = System.nanoTime()
        while True:
            self._sockets.before_wait()
            remaining_ns = -1 if timeout_ns < 0 else max(0, timeout_ns - (System.nanoTime() - start))
            pairs = _ready_pairs(_kernel.call(IOError, core.poll, remaining_ns, maxevents, _kernel.WAIT_HOOK))
            ready = self._sockets.translate(pairs)
            if ready or not pairs or remaining_ns == 0:
                return ready

    def __enter__(self):
        self._open_core()
        return self

    def __exit__(self, *exc_info):
        self.close()


epoll.__module__ = "select"


def _unconverted(value):
    return value


# select.poll

class _PollObject(object):
    """The object select.poll() returns."""

    __slots__ = ("_core",)

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'select.poll' instances")

    def register(self, *args, **kwargs):
        """register(fd, eventmask=POLLIN|POLLPRI|POLLOUT): watches fd, or changes its mask."""
        values = parse_tuple("register", args, kwargs, [_unconverted, c_unsigned_short_27], 1)
        fd, eventmask = values[0], values[1] if len(values) > 1 else _DEFAULT_MASK
        self._core.register(file_descriptor_27(fd), eventmask)

    def modify(self, *args, **kwargs):
        """modify(fd, eventmask): changes the mask of a watched fd; IOError(ENOENT) if not watched."""
        fd, eventmask = parse_tuple("modify", args, kwargs, [_unconverted, c_unsigned_short_27], 2)
        _kernel.call(IOError, self._core.modify, file_descriptor_27(fd), eventmask)

    def unregister(self, *args, **kwargs):
        """unregister(fd): stops watching fd; KeyError if it is not watched."""
        fd = file_descriptor_27(one_argument("unregister", args, kwargs))
        if not self._core.unregister(fd):
            raise KeyError(fd)

    def poll(self, *args, **kwargs):
        """poll(timeout=None): waits up to timeout milliseconds (None or negative: no limit) and
        returns the (fd, revents) pairs of the descriptors with something to report."""
        (timeout,) = unpack_tuple("poll", args, kwargs, 0, 1)
        timeout_ns = -1
        if timeout is not None:
            try:
                timeout_ms = int(timeout)
            except (TypeError, ValueError):
                raise TypeError("timeout must be an integer or None")
            if not -2**31 <= timeout_ms <= INT_MAX:
                raise OverflowError("Python int too large to convert to C int")
            if timeout_ms >= 0:
                timeout_ns = timeout_ms * _NS_PER_MS
        try:
            return _ready_pairs(_kernel.call(error, self._core.poll, timeout_ns, _kernel.WAIT_HOOK))
        except ConcurrentPollException:
            raise RuntimeError("concurrent poll() invocation")


_PollObject.__name__ = "poll"
_PollObject.__module__ = "select"


def poll(*args, **kwargs):
    """A new poll object: descriptors to watch, and a wait for their events."""
    no_arguments("poll", args, kwargs)
    self = object.__new__(_PollObject)
    self._core = Poll()
    return self


# select.select

def _descriptors_of(objects):
    """A select() sequence as a list, with the descriptor of each object."""
    try:
        objects = list(objects)
    except TypeError:
        raise TypeError("arguments 1-3 must be sequences")
    if len(objects) > FD_SETSIZE:
        raise ValueError("too many file descriptors in select()")
    fds = []
    for obj in objects:
        fd = file_descriptor_27(obj)
        if fd >= FD_SETSIZE:
            raise ValueError("filedescriptor out of range in select()")
        fds.append(fd)
    return objects, fds


def _only_jython_sockets(*sequences):
    """Whether the sequences hold Jython's sockets and nothing else (not consuming iterators)."""
    objects = []
    for sequence in sequences:
        if not isinstance(sequence, (list, tuple)):
            return False
        objects.extend(sequence)
    return bool(objects) and all(_kernel.is_jython_socket(obj) for obj in objects)


def select(*args, **kwargs):
    """select(rlist, wlist, xlist, timeout=None): waits up to timeout seconds (None: no limit)
    until objects of rlist are readable, of wlist writable, or of xlist have an
    exceptional condition; returns those three lists of ready objects. Objects are
    descriptor numbers or have a fileno() method."""
    rlist, wlist, xlist, timeout = unpack_tuple("select", args, kwargs, 3, 4)
    timeout_ns = -1
    if timeout is not None:
        try:
            timeout = c_double_27(timeout)
        except (TypeError, OverflowError):
            raise TypeError("timeout must be a float or None")
        if timeout > float(2**63 - 1):
            raise OverflowError("timeout period too long")
        seconds = int(timeout)  # CPython 2.7 truncates to whole microseconds
        timeout_ns = (seconds * _US_PER_SECOND + int((timeout - seconds) * 1e6)) * _NS_PER_US
    if _only_jython_sockets(rlist, wlist, xlist):
        return _jython_select(rlist, wlist, xlist, timeout)
    rlist, rfds = _descriptors_of(rlist)
    wlist, wfds = _descriptors_of(wlist)
    xlist, xfds = _descriptors_of(xlist)
    if timeout_ns < -1 or (timeout is not None and timeout < 0):
        raise _kernel.errno_error(error, _errno.EINVAL)  # select(2) refuses a negative timeval
    ready = _kernel.call(error, Select.select, rfds, wfds, xfds, timeout_ns, _kernel.WAIT_HOOK)
    return ([rlist[i] for i in ready.readIndexes()], [wlist[i] for i in ready.writeIndexes()],
            [xlist[i] for i in ready.exceptIndexes()])
