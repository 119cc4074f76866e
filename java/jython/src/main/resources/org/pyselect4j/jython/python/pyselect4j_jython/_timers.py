"""os.timerfd_*, time.clock_gettime(_ns) and clock_getres with the TFD_* and
CLOCK_* constants. CPython 2.7 has none of them: they behave as in CPython
3.13 (arguments, messages, OSError), with Python 2's int and long."""

import math

from org.pyselect4j.core import Clocks, LinuxConstants, TimerFd

from pyselect4j_jython import _kernel
from pyselect4j_jython._args import (
    LONG_MIN, c_double_313, c_int_313, c_int_parse_tuple_313, c_long_long_313, clock_id_313,
    Builtin, file_descriptor_313, one_argument, parse_keywords_313, parse_tuple,
)

NS_PER_SECOND = 10**9


def install(os_module, time_module):
    for entry in LinuxConstants.timerfdConstants().entrySet():
        setattr(os_module, entry.key, entry.value)
    for entry in LinuxConstants.clockConstants().entrySet():
        setattr(time_module, entry.key, entry.value)
    for function in (timerfd_create, timerfd_settime, timerfd_settime_ns, timerfd_gettime, timerfd_gettime_ns):
        setattr(os_module, function.__name__, Builtin(function, "posix"))
    for function in (clock_gettime, clock_gettime_ns, clock_getres):
        setattr(time_module, function.__name__, Builtin(function, "time"))


def _seconds(sec, nsec):
    return sec + nsec * 1e-9


def _nanoseconds(sec, nsec):
    return sec * NS_PER_SECOND + nsec


def _double_to_ns(value):
    """Float seconds as int64 nanoseconds, rounded down, as CPython 3.13 converts timer values."""
    scaled = value * 1e9
    if not float(LONG_MIN) <= scaled < -float(LONG_MIN):  # also refuses NaN and infinities
        raise OverflowError("timestamp out of range for platform time_t")
    return int(math.floor(scaled))


def timerfd_create(*args, **kwargs):
    """timerfd_create(clockid, *, flags=0): a new close-on-exec timer descriptor."""
    clockid, flags = parse_keywords_313("timerfd_create", args, kwargs, [("clockid", None), ("flags", 0)],
                                        required=1, posonly=1, kwonly=1)
    return _kernel.call(OSError, TimerFd.create, c_int_313(clockid), c_int_313(flags))


def _arm(fd, flags, initial_ns, interval_ns):
    old = _kernel.call(OSError, TimerFd.setTime, fd, flags, initial_ns // NS_PER_SECOND, initial_ns % NS_PER_SECOND,
                       interval_ns // NS_PER_SECOND, interval_ns % NS_PER_SECOND)
    return (old.initialSec(), old.initialNsec()), (old.intervalSec(), old.intervalNsec())


def timerfd_settime(*args, **kwargs):
    """timerfd_settime(fd, *, flags=0, initial=0.0, interval=0.0): arms the timer (0: disarms), in
    seconds; returns its former (initial, interval)."""
    fd, flags, initial, interval = parse_keywords_313(
        "timerfd_settime", args, kwargs, [("fd", None), ("flags", 0), ("initial", 0.0), ("interval", 0.0)],
        required=1, posonly=1, kwonly=3)
    fd, flags = file_descriptor_313(fd), c_int_313(flags)
    initial, interval = c_double_313(initial), c_double_313(interval)
    old_initial, old_interval = _arm(fd, flags, _double_to_ns(initial), _double_to_ns(interval))
    return _seconds(*old_initial), _seconds(*old_interval)


def timerfd_settime_ns(*args, **kwargs):
    """timerfd_settime_ns(fd, *, flags=0, initial=0, interval=0): timerfd_settime in integer nanoseconds."""
    fd, flags, initial, interval = parse_keywords_313(
        "timerfd_settime_ns", args, kwargs, [("fd", None), ("flags", 0), ("initial", 0), ("interval", 0)],
        required=1, posonly=1, kwonly=3)
    fd, flags = file_descriptor_313(fd), c_int_313(flags)
    initial, interval = c_long_long_313(initial), c_long_long_313(interval)
    old_initial, old_interval = _arm(fd, flags, initial, interval)
    return _nanoseconds(*old_initial), _nanoseconds(*old_interval)


def _get(fd):
    now = _kernel.call(OSError, TimerFd.getTime, file_descriptor_313(fd))
    return (now.initialSec(), now.initialNsec()), (now.intervalSec(), now.intervalNsec())


def timerfd_gettime(*args, **kwargs):
    """timerfd_gettime(fd): (time to the next expiration, interval) in seconds."""
    initial, interval = _get(one_argument("posix.timerfd_gettime", args, kwargs))
    return _seconds(*initial), _seconds(*interval)


def timerfd_gettime_ns(*args, **kwargs):
    """timerfd_gettime_ns(fd): (time to the next expiration, interval) in integer nanoseconds."""
    initial, interval = _get(one_argument("posix.timerfd_gettime_ns", args, kwargs))
    return _nanoseconds(*initial), _nanoseconds(*interval)


def clock_gettime(*args, **kwargs):
    """clock_gettime(clk_id): the clock's time in seconds."""
    now = _kernel.call(OSError, Clocks.gettime, clock_id_313(one_argument("time.clock_gettime", args, kwargs)))
    return _seconds(now.sec(), now.nsec())


def clock_gettime_ns(*args, **kwargs):
    """clock_gettime_ns(clk_id): the clock's time in integer nanoseconds."""
    now = _kernel.call(OSError, Clocks.gettime, clock_id_313(one_argument("time.clock_gettime_ns", args, kwargs)))
    return _nanoseconds(now.sec(), now.nsec())


def clock_getres(*args, **kwargs):
    """clock_getres(clk_id): the clock's resolution in seconds."""
    (clk_id,) = parse_tuple("clock_getres", args, kwargs, [c_int_parse_tuple_313], 1)
    resolution = _kernel.call(OSError, Clocks.getres, clk_id)
    return _seconds(resolution.sec(), resolution.nsec())
