"""``os.timerfd_*`` and the ``TFD_*`` constants, as CPython 3.13 has them on Linux."""

from ._args import WARN_CALLER_BEHIND_JAVA, JavaBoundFunction, Keywords, One, plain_calls
from ._convert import (
    NS_PER_SECOND, ROUND_FLOOR, c_double, c_int, c_long_long, double_to_ns,
    file_descriptor, nanoseconds, seconds,
)

bridge = None  # the Java side, set by install()


def install(java_bridge, seam, module):
    """``seam``: pyselect4j's seam language, or None where the context does not permit it."""
    global bridge
    bridge = java_bridge
    calls = plain_calls(bridge, seam)
    for function, parser in ((timerfd_create, _CREATE), (timerfd_settime, _SETTIME),
                             (timerfd_settime_ns, _SETTIME_NS), (timerfd_gettime, _GETTIME),
                             (timerfd_gettime_ns, _GETTIME_NS)):
        setattr(module, function.__name__, JavaBoundFunction(function, parser, "posix", calls))


_CREATE = Keywords("timerfd_create", ("clockid", "flags"), required=1, posonly=1, kwonly=1,
                   defaults={"flags": 0})
_SETTIME = Keywords("timerfd_settime", ("fd", "flags", "initial", "interval"), required=1, posonly=1,
                    kwonly=3, defaults={"flags": 0, "initial": 0.0, "interval": 0.0})
_SETTIME_NS = Keywords("timerfd_settime_ns", ("fd", "flags", "initial", "interval"), required=1, posonly=1,
                       kwonly=3, defaults={"flags": 0, "initial": 0, "interval": 0})
_GETTIME = One("posix.timerfd_gettime", "fd")
_GETTIME_NS = One("posix.timerfd_gettime_ns", "fd")


def timerfd_create(*args, **kwargs):
    """Creates a timer descriptor on the given clock; flags: TFD_NONBLOCK, TFD_CLOEXEC."""
    clockid, flags = _CREATE.bind(args, kwargs)
    return bridge.timerfdCreate(c_int(clockid), c_int(flags))


def _arm(fd, flags, initial_ns, interval_ns):
    return bridge.timerfdSetTime(fd, flags, initial_ns, interval_ns)


def timerfd_settime(*args, **kwargs):
    """Arms (or disarms, with 0) a timer in float seconds; returns its previous (initial, interval)."""
    fd, flags, initial, interval = _SETTIME.bind(args, kwargs)
    # Converted in CPython's order (the first bad argument is the one reported).
    fd, flags = file_descriptor(fd, WARN_CALLER_BEHIND_JAVA), c_int(flags)
    initial, interval = c_double(initial), c_double(interval)
    old = _arm(fd, flags, double_to_ns(initial, NS_PER_SECOND, ROUND_FLOOR),
               double_to_ns(interval, NS_PER_SECOND, ROUND_FLOOR))
    return seconds(old[0], old[1]), seconds(old[2], old[3])


def timerfd_settime_ns(*args, **kwargs):
    """Arms (or disarms, with 0) a timer in integer nanoseconds; returns its previous (initial, interval)."""
    fd, flags, initial, interval = _SETTIME_NS.bind(args, kwargs)
    fd, flags = file_descriptor(fd, WARN_CALLER_BEHIND_JAVA), c_int(flags)
    initial, interval = c_long_long(initial), c_long_long(interval)
    old = _arm(fd, flags, initial, interval)
    return nanoseconds(old[0], old[1]), nanoseconds(old[2], old[3])


def timerfd_gettime(*args, **kwargs):
    """A timer's (time to next expiration, interval) in float seconds."""
    now = bridge.timerfdGetTime(file_descriptor(_GETTIME.bind(args, kwargs), WARN_CALLER_BEHIND_JAVA))
    return seconds(now[0], now[1]), seconds(now[2], now[3])


def timerfd_gettime_ns(*args, **kwargs):
    """A timer's (time to next expiration, interval) in integer nanoseconds."""
    now = bridge.timerfdGetTime(file_descriptor(_GETTIME_NS.bind(args, kwargs), WARN_CALLER_BEHIND_JAVA))
    return nanoseconds(now[0], now[1]), nanoseconds(now[2], now[3])
