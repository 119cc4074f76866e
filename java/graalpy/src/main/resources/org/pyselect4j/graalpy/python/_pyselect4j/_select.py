"""The ``select`` module's epoll, poll and select, as CPython 3.13 has them on Linux.

Arguments are parsed and converted here exactly as CPython does; the work is
done by pyselect4j's Java core through ``bridge`` (set by ``install``), the
frequent calls (waits, registrations) through ``calls``: the seam where the
context permits it, else host calls. The registrations and waits of epoll and
poll objects and select() take Python's own arguments and do the plain case in Java
(SelectCalls.java); for any other they return NOT_PLAIN, having done nothing,
and the method converts the arguments here and calls the bridge with the
values it converted them to (the waits: ``calls``, which wait as the plain
ones do).
"""

from array import array

from ._args import (
    NOT_GIVEN, NOT_PLAIN, WARN_CALLER, BuiltinFunction, Keywords, Nothing, One, Positional, given, method,
    plain_calls,
)
from ._convert import (
    NS_PER_MS, NS_PER_SECOND, ROUND_TIMEOUT, c_int, c_unsigned_int_bitwise, c_unsigned_short,
    file_descriptor, ns_to_ms, time_object_to_ns,
)

bridge = calls = None  # the Java side, set by install()
EPOLL_CLOEXEC = None
FD_SETSIZE = None
_DEFAULT_MASK = None  # register()'s, as SelectCalls.java has it

_CLOSED_MESSAGE = "I/O operation on closed epoll object"


class _Calls:
    """The Java functions that every wait and registration calls, each read
    once from the seam or the bridge: reading a foreign object's member on
    every call cost about 60 ns, a quarter of an idle epoll.poll(0)."""

    def __init__(self, *sources):
        """``sources``: (Java object, names of its functions) pairs."""
        for source, names in sources:
            for name in names:
                setattr(self, name, getattr(source, name))


# Taking Python's arguments: the seam's, else the bridge's FastCalls.
_PLAIN_CALLS = ("epollRegister", "epollModify", "epollUnregister", "epollPoll",
                "pollRegister", "pollModify", "pollUnregister", "pollPoll", "select")
# Taking converted arguments: the seam's, else the bridge's.
_CONVERTED_CALLS = ("epollPollNs", "pollPollNs", "selectFds")


def install(java_bridge, seam, module):
    """``seam``: pyselect4j's seam language, or None where the context does not permit it."""
    global bridge, calls, EPOLL_CLOEXEC, FD_SETSIZE, _DEFAULT_MASK, _numbers, _fds_to_java
    bridge = java_bridge
    if seam is None:
        calls = _Calls((plain_calls(bridge, None), _PLAIN_CALLS), (bridge, _CONVERTED_CALLS))
        _numbers, _fds_to_java = tuple, _same
    else:
        calls = _Calls((seam, _PLAIN_CALLS + _CONVERTED_CALLS))
        _numbers, _fds_to_java = _same, _int32_array
    EPOLL_CLOEXEC = bridge.constant("EPOLL_CLOEXEC")
    FD_SETSIZE = bridge.constant("FD_SETSIZE")
    _DEFAULT_MASK = bridge.defaultEventMask()
    for parser, function in ((_EPOLL_REGISTER, epoll.register), (_POLL_REGISTER, _PollObject.register)):
        parser.set_default("eventmask", _DEFAULT_MASK)
        method(parser)(function)
    module.PIPE_BUF = bridge.constant("PIPE_BUF")
    epoll.__module__ = _PollObject.__module__ = "select"
    module.epoll = epoll
    module.poll = BuiltinFunction(poll, _POLL_NEW, "select")
    module.select = BuiltinFunction(select, _SELECT, "select")


def _int32_array(fds):
    """Descriptors for the seam as an array of C ints, which it reads as one
    buffer: faster than a list's elements, even counting the copy."""
    return array("i", fds)


def _same(fds):
    return fds


# Set by install(), what makes Java's numbers a tuple and what hands it descriptors: through
# the seam, _same (they are a tuple already) and _int32_array; through host calls, tuple
# (copying the host's array out at once: each element read from it is a host call) and _same.
_numbers = None
_fds_to_java = None


def _ready_pairs(flat):
    """[(fd, events), ...] from a poll's flattened pairs (None: nothing ready)."""
    if flat is None:
        return []
    numbers = _numbers(flat)
    if len(numbers) == 2:
        return [numbers]  # one ready, the usual case: the pair itself
    values = iter(numbers)
    return list(zip(values, values))


# select.epoll

_EPOLL_NEW = Keywords("epoll", ("sizehint", "flags"), required=0, defaults={"sizehint": -1, "flags": 0})
_EPOLL_REGISTER = Keywords("register", ("fd", "eventmask"), required=1, defaults={"eventmask": None})  # default set by install()
_EPOLL_MODIFY = Keywords("modify", ("fd", "eventmask"), required=2, defaults={})
_EPOLL_UNREGISTER = Keywords("unregister", ("fd",), required=1, defaults={})
_EPOLL_POLL = Keywords("poll", ("timeout", "maxevents"), required=0, defaults={"timeout": None, "maxevents": -1})
_EPOLL_FROMFD = One("epoll.fromfd", "fd")
_EPOLL_CLOSE = Nothing("epoll.close")
_EPOLL_FILENO = Nothing("epoll.fileno")
_EPOLL_ENTER = Nothing("epoll.__enter__")


class _ReadOnly:
    """A read-only attribute of a builtin type, with CPython's message on assignment."""

    def __init__(self, name, owner, getter, doc):
        self._name, self._owner, self._getter, self.__doc__ = name, owner, getter, doc

    def __get__(self, instance, owner=None):
        return self if instance is None else self._getter(instance)

    def __set__(self, instance, value):
        raise AttributeError(f"attribute '{self._name}' of '{self._owner}' objects is not writable")

    def __delete__(self, instance):
        self.__set__(instance, None)


class epoll:
    """An epoll instance: register descriptors, then wait for their events (Linux epoll(7))."""

    __slots__ = ("_core", "__weakref__")

    def __reduce_ex__(self, protocol):
        # As CPython's C type; protocols 0 and 1 name it through copyreg, by its short name.
        raise TypeError(f"cannot pickle '{'select.epoll' if protocol >= 2 else 'epoll'}' object")

    def __new__(cls, *args, **kwargs):
        # The usual call, epoll(), has nothing to check: skipping the checks saves
        # a fresh process's first epoll() most of its interpreted glue.
        if args or kwargs:
            sizehint, flags = _EPOLL_NEW.bind(args, kwargs)
            sizehint, flags = c_int(sizehint), c_int(flags)
            if sizehint != -1 and sizehint <= 0:
                raise ValueError("negative sizehint")
            if flags and flags != EPOLL_CLOEXEC:
                raise OSError("invalid flags")
        self = object.__new__(cls)
        self._core = bridge.epollCreate()
        return self

    @classmethod
    @method(_EPOLL_FROMFD)
    def fromfd(cls, *args, **kwargs):
        """An epoll object that adopts an existing epoll descriptor."""
        fd = c_int(_EPOLL_FROMFD.bind(args, kwargs))
        if fd < -1:
            raise OSError(0, "Error")  # what CPython raises for these
        self = object.__new__(cls)
        # As in CPython, -1 means "a new epoll instance".
        self._core = bridge.epollCreate() if fd == -1 else bridge.epollFromFd(fd)
        return self

    def _open_core(self):
        # close() drops the core, so that this check costs no host call; the
        # core itself refuses work once closed otherwise (as the context ends).
        core = self._core
        if core is None:
            raise ValueError(_CLOSED_MESSAGE)
        return core

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'select.epoll' is not an acceptable base type")

    closed = _ReadOnly("closed", "select.epoll", lambda self: self._core is None or bridge.epollIsClosed(self._core),
                       "Whether the epoll descriptor has been closed.")

    @method(_EPOLL_CLOSE)
    def close(self, *args, **kwargs):
        """Closes the epoll descriptor; later operations raise ValueError."""
        if args or kwargs:
            _EPOLL_CLOSE.bind(args, kwargs)
        core, self._core = self._core, None
        if core is not None:
            try:
                bridge.epollClose(core)
            except OSError:
                pass  # CPython's close() ignores close(2) failing (e.g. fromfd() of a closed fd)

    @method(_EPOLL_FILENO)
    def fileno(self, *args, **kwargs):
        """The epoll descriptor."""
        if args or kwargs:
            _EPOLL_FILENO.bind(args, kwargs)
        return bridge.epollFileno(self._open_core())

    def register(self, fd=NOT_GIVEN, eventmask=NOT_GIVEN, /, *args, **kwargs):
        """Starts watching fd for the events of eventmask; OSError if it is watched already."""
        if not (args or kwargs) and calls.epollRegister(self._core, fd, eventmask) is not NOT_PLAIN:
            return
        fd, eventmask = _EPOLL_REGISTER.bind(given(fd, eventmask) + args, kwargs)
        fd = file_descriptor(fd)
        eventmask = c_unsigned_int_bitwise(eventmask)
        bridge.epollRegister(self._open_core(), fd, eventmask)

    @method(_EPOLL_MODIFY)
    def modify(self, fd=NOT_GIVEN, eventmask=NOT_GIVEN, /, *args, **kwargs):
        """Changes the event mask of a watched fd."""
        if not (args or kwargs) and calls.epollModify(self._core, fd, eventmask) is not NOT_PLAIN:
            return
        fd, eventmask = _EPOLL_MODIFY.bind(given(fd, eventmask) + args, kwargs)
        fd = file_descriptor(fd)
        eventmask = c_unsigned_int_bitwise(eventmask)
        bridge.epollModify(self._open_core(), fd, eventmask)

    @method(_EPOLL_UNREGISTER)
    def unregister(self, fd=NOT_GIVEN, /, *args, **kwargs):
        """Stops watching fd."""
        if not (args or kwargs) and calls.epollUnregister(self._core, fd) is not NOT_PLAIN:
            return
        fd = file_descriptor(_EPOLL_UNREGISTER.bind(given(fd) + args, kwargs)[0])
        bridge.epollUnregister(self._open_core(), fd)

    @method(_EPOLL_POLL)
    def poll(self, timeout=NOT_GIVEN, maxevents=NOT_GIVEN, /, *args, **kwargs):
        """Waits up to timeout seconds (None or negative: forever); returns up to maxevents (fd, events) pairs."""
        if not (args or kwargs):
            ready = calls.epollPoll(self._core, timeout, maxevents)
            if ready is not NOT_PLAIN:
                return _ready_pairs(ready)
        timeout, maxevents = _EPOLL_POLL.bind(given(timeout, maxevents) + args, kwargs)
        maxevents = c_int(maxevents)
        core = self._open_core()
        timeout_ns = -1
        if timeout is not None:
            timeout_ns = time_object_to_ns(timeout, NS_PER_SECOND, ROUND_TIMEOUT,
                                           "timeout must be an integer or None")
            ns_to_ms(timeout_ns, away_from_zero=False)  # refuses what epoll_wait cannot take
        if maxevents == -1:
            maxevents = FD_SETSIZE - 1
        elif maxevents < 1:
            raise ValueError(f"maxevents must be greater than 0, got {maxevents}")
        return _ready_pairs(calls.epollPollNs(core, timeout_ns, maxevents))

    def __enter__(self, *args, **kwargs):
        if args or kwargs:
            _EPOLL_ENTER.bind(args, kwargs)
        self._open_core()
        return self

    def __exit__(self, *args):
        self.close()

    def __del__(self):
        core = getattr(self, "_core", None)
        if core is not None:
            try:
                bridge.epollClose(core)
            except OSError:
                pass


# select.poll

_POLL_NEW = Nothing("select.poll")
_POLL_REGISTER = Positional("register", "poll.register", ("fd", "eventmask"), required=1, defaults=(None,))  # set by install()
_POLL_MODIFY = Positional("modify", "poll.modify", ("fd", "eventmask"), required=2)
_POLL_UNREGISTER = One("poll.unregister", "fd")
_POLL_POLL = Positional("poll", "poll.poll", ("timeout",), required=0, defaults=(None,))


class _PollObject:
    """The object select.poll() returns (its type is select.poll, not constructible)."""

    __slots__ = ("_core",)

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'select.poll' instances")

    def __reduce_ex__(self, protocol):
        if protocol < 2:  # copyreg looks the type up by name, and select.poll is the function
            import pickle
            raise pickle.PicklingError("Can't pickle <class 'select.poll'>: it's not the same object as select.poll")
        raise TypeError("cannot pickle 'select.poll' object")

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'select.poll' is not an acceptable base type")

    def register(self, fd=NOT_GIVEN, eventmask=NOT_GIVEN, /, *args, **kwargs):
        """Starts watching fd for the events of eventmask, or changes its mask."""
        if not (args or kwargs) and calls.pollRegister(self._core, fd, eventmask) is not NOT_PLAIN:
            return
        fd, eventmask = _POLL_REGISTER.bind(given(fd, eventmask) + args, kwargs)
        fd = file_descriptor(fd)
        bridge.pollRegister(self._core, fd, c_unsigned_short(eventmask))

    @method(_POLL_MODIFY)
    def modify(self, fd=NOT_GIVEN, eventmask=NOT_GIVEN, /, *args, **kwargs):
        """Changes the event mask of a watched fd; FileNotFoundError if it is not watched."""
        if not (args or kwargs) and calls.pollModify(self._core, fd, eventmask) is not NOT_PLAIN:
            return
        fd, eventmask = _POLL_MODIFY.bind(given(fd, eventmask) + args, kwargs)
        fd = file_descriptor(fd)
        bridge.pollModify(self._core, fd, c_unsigned_short(eventmask))

    @method(_POLL_UNREGISTER)
    def unregister(self, fd=NOT_GIVEN, /, *args, **kwargs):
        """Stops watching fd; KeyError if it is not watched."""
        found = NOT_PLAIN if args or kwargs else calls.pollUnregister(self._core, fd)
        if found is NOT_PLAIN:
            fd = file_descriptor(_POLL_UNREGISTER.bind(given(fd) + args, kwargs))
            found = bridge.pollUnregister(self._core, fd)
        if not found:
            raise KeyError(fd)

    @method(_POLL_POLL)
    def poll(self, timeout=NOT_GIVEN, /, *args, **kwargs):
        """Waits up to timeout milliseconds (None or negative: forever); returns the (fd, events) pairs with events."""
        if not (args or kwargs):
            ready = calls.pollPoll(self._core, timeout)
            if ready is not NOT_PLAIN:
                return _ready_pairs(ready)
        (timeout,) = _POLL_POLL.bind(given(timeout) + args, kwargs)
        timeout_ns = -1
        if timeout is not None:
            timeout_ns = time_object_to_ns(timeout, NS_PER_MS, ROUND_TIMEOUT,
                                           "timeout must be an integer or None")
            if ns_to_ms(timeout_ns, away_from_zero=True) < 0:
                timeout_ns = -1
        return _ready_pairs(calls.pollPollNs(self._core, timeout_ns))


_PollObject.__name__ = _PollObject.__qualname__ = "poll"


def poll(*args, **kwargs):
    """A new poll object."""
    if args or kwargs:
        _POLL_NEW.bind(args, kwargs)
    self = object.__new__(_PollObject)
    self._core = bridge.pollCreate()
    return self


# select.select

_SELECT = Positional("select", "select.select", ("rlist", "wlist", "xlist", "timeout"), required=3, defaults=(None,))


def _fds_of(objects):
    """The descriptors of one of select()'s sequences, in order."""
    try:
        # As CPython's PySequence_Fast: only an exact list or tuple is read as it
        # is; any other, a subclass's instance too, is iterated.
        objects = objects if type(objects) is list or type(objects) is tuple else list(objects)
    except TypeError:
        raise TypeError("arguments 1-3 must be sequences") from None
    if len(objects) > FD_SETSIZE:
        raise ValueError("too many file descriptors in select()")
    fds = []
    for obj in objects:
        if type(obj) is int and 0 <= obj < FD_SETSIZE:
            fds.append(obj)  # the plain case, as file_descriptor() would return it
            continue
        fd = file_descriptor(obj, stacklevel=WARN_CALLER + 1)  # + 1: this function
        if fd >= FD_SETSIZE:
            raise ValueError("filedescriptor out of range in select()")
        fds.append(fd)
    return objects, fds


def _ready_lists(ready):
    """select()'s three lists of ready numbers (fds, or indexes for selectFds) from Java's:
    the count of each, then the numbers (None: nothing ready)."""
    if ready is None:
        return [], [], []
    numbers = _numbers(ready)
    write_start = 3 + numbers[0]
    except_start = write_start + numbers[1]
    return list(numbers[3:write_start]), list(numbers[write_start:except_start]), list(numbers[except_start:])


def select(rlist=NOT_GIVEN, wlist=NOT_GIVEN, xlist=NOT_GIVEN, timeout=NOT_GIVEN, /, *args, **kwargs):
    """Waits until descriptors of the three sequences are ready for reading, writing or exceptional conditions; returns the ready objects."""
    if not (args or kwargs):
        ready = calls.select(rlist, wlist, xlist, timeout)  # lists or tuples of ints, done in Java
        if ready is not NOT_PLAIN:
            return _ready_lists(ready)
    rlist, wlist, xlist, timeout = _SELECT.bind(given(rlist, wlist, xlist, timeout) + args, kwargs)
    timeout_ns = -1
    if timeout is not None:
        timeout_ns = time_object_to_ns(timeout, NS_PER_SECOND, ROUND_TIMEOUT, "timeout must be a float or None")
        if timeout_ns < 0:
            raise ValueError("timeout must be non-negative")
    rlist, rfds = _fds_of(rlist)
    wlist, wfds = _fds_of(wlist)
    xlist, xfds = _fds_of(xlist)
    rready, wready, xready = _ready_lists(calls.selectFds(_fds_to_java(rfds), _fds_to_java(wfds),
                                                          _fds_to_java(xfds), timeout_ns))
    return [rlist[i] for i in rready], [wlist[i] for i in wready], [xlist[i] for i in xready]
