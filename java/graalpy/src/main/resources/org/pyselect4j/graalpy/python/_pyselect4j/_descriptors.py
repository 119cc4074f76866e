"""``os.eventfd``, ``eventfd_read``, ``eventfd_write``, ``pidfd_open``, ``pipe2`` and
the ``EFD_*`` constants, as CPython 3.13 has them on Linux: the descriptors,
beside timerfd, that event loops wait on (cross-thread wake-ups, child exits,
self-pipes)."""

from ._args import WARN_CALLER, BuiltinFunction, Keywords, One
from ._convert import (
    ULONG_MAX, c_int, c_int_parse_tuple, c_unsigned_int, c_unsigned_long_long, file_descriptor,
)

bridge = None  # the Java side, set by install()

# Java carries unsigned 64-bit counters in a signed long.
_TWO_TO_64 = ULONG_MAX + 1
_INT64_MAX = 2**63 - 1


def install(java_bridge, module):
    global bridge
    bridge = java_bridge
    _EVENTFD.set_default("flags", bridge.constant("EFD_CLOEXEC"))
    for function, parser in ((eventfd, _EVENTFD), (eventfd_read, _EVENTFD_READ), (eventfd_write, _EVENTFD_WRITE),
                             (pidfd_open, _PIDFD_OPEN), (pipe2, _PIPE2)):
        setattr(module, function.__name__, BuiltinFunction(function, parser, "posix"))


_EVENTFD = Keywords("eventfd", ("initval", "flags"), required=1, defaults={"flags": None})  # default set by install()
_EVENTFD_READ = Keywords("eventfd_read", ("fd",), required=1, defaults={})
_EVENTFD_WRITE = Keywords("eventfd_write", ("fd", "value"), required=2, defaults={})
_PIDFD_OPEN = Keywords("pidfd_open", ("pid", "flags"), required=1, defaults={"flags": 0})
_PIPE2 = One("posix.pipe2", "flags")


def eventfd(*args, **kwargs):
    """Creates an event counter descriptor; flags: EFD_CLOEXEC (default), EFD_NONBLOCK, EFD_SEMAPHORE."""
    initval, flags = _EVENTFD.bind(args, kwargs)
    initval, flags = c_unsigned_int(initval), c_int(flags)
    return bridge.eventfdCreate(initval, flags)


def eventfd_read(*args, **kwargs):
    """Reads (and resets, or decrements in semaphore mode) an eventfd's counter."""
    fd = file_descriptor(*_EVENTFD_READ.bind(args, kwargs), WARN_CALLER)
    return bridge.eventfdRead(fd) % _TWO_TO_64


def eventfd_write(*args, **kwargs):
    """Adds value to an eventfd's counter."""
    fd, value = _EVENTFD_WRITE.bind(args, kwargs)
    fd, value = file_descriptor(fd, WARN_CALLER), c_unsigned_long_long(value)
    bridge.eventfdWrite(fd, value - _TWO_TO_64 if value > _INT64_MAX else value)


def pidfd_open(*args, **kwargs):
    """A descriptor referring to process pid; readable once it has exited."""
    pid, flags = _PIDFD_OPEN.bind(args, kwargs)
    pid, flags = c_int_parse_tuple(pid), c_unsigned_int(flags)
    return bridge.pidfdOpen(pid, flags)


def pipe2(*args, **kwargs):
    """Creates a pipe with flags (O_NONBLOCK, O_CLOEXEC) set atomically; returns (read_fd, write_fd)."""
    ends = bridge.pipe2(c_int(_PIPE2.bind(args, kwargs)))
    return ends[0], ends[1]
