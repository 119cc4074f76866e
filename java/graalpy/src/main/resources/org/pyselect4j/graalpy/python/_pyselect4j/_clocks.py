"""``time.clock_gettime``, ``clock_gettime_ns``, ``clock_getres``, ``clock_settime``,
``clock_settime_ns``, ``pthread_getcpuclockid``, ``process_time``, ``process_time_ns``
and the ``CLOCK_*`` constants."""

import _thread
import errno
import os

from ._args import BuiltinFunction, JavaBoundFunction, Nothing, One, Tuple, plain_calls
from ._convert import (
    NS_PER_SECOND, ROUND_FLOOR, c_int_parse_tuple, c_unsigned_long_mask, clock_id, int_to_ns,
    nanoseconds, seconds, time_object_to_ns,
)

bridge = None  # the Java side, set by install()
_process_clock = None  # time.CLOCK_PROCESS_CPUTIME_ID, set by install()


def install(java_bridge, seam, module):
    """``seam``: pyselect4j's seam language, or None where the context does not permit it."""
    global bridge, _process_clock
    bridge = java_bridge
    _process_clock = module.CLOCK_PROCESS_CPUTIME_ID
    calls = plain_calls(bridge, seam)
    for function, parser in ((clock_gettime, _GETTIME), (clock_gettime_ns, _GETTIME_NS), (clock_getres, _GETRES),
                             (clock_settime, _SETTIME), (clock_settime_ns, _SETTIME_NS)):
        setattr(module, function.__name__, JavaBoundFunction(function, parser, "time", calls))
    module.pthread_getcpuclockid = BuiltinFunction(pthread_getcpuclockid, _GETCPUCLOCKID, "time")
    # GraalPy's own count wall time less time.sleep's, so a blocked wait looks like a busy core.
    module.process_time = BuiltinFunction(process_time, _PROCESS_TIME, "time")
    module.process_time_ns = BuiltinFunction(process_time_ns, _PROCESS_TIME_NS, "time")


_GETTIME = One("time.clock_gettime", "clk_id")
_GETTIME_NS = One("time.clock_gettime_ns", "clk_id")
_GETRES = Tuple("clock_getres", ("clk_id",))
_SETTIME = Tuple("clock_settime", ("clk_id", "time"))
# CPython's clock_settime_ns parses with clock_settime's name.
_SETTIME_NS = Tuple("clock_settime", ("clk_id", "time"), qualname="clock_settime_ns")
_GETCPUCLOCKID = Tuple("pthread_getcpuclockid", ("thread_id",))
_PROCESS_TIME = Nothing("time.process_time")
_PROCESS_TIME_NS = Nothing("time.process_time_ns")


def clock_gettime(*args, **kwargs):
    """The time of clock clk_id in float seconds."""
    now = bridge.clockGetTime(clock_id(_GETTIME.bind(args, kwargs)))
    return seconds(now[0], now[1])


def clock_gettime_ns(*args, **kwargs):
    """The time of clock clk_id in integer nanoseconds."""
    now = bridge.clockGetTime(clock_id(_GETTIME_NS.bind(args, kwargs)))
    return nanoseconds(now[0], now[1])


def clock_getres(*args, **kwargs):
    """The resolution of clock clk_id in float seconds."""
    (clk_id,) = _GETRES.bind(args, kwargs)
    resolution = bridge.clockGetRes(c_int_parse_tuple(clk_id))
    return seconds(resolution[0], resolution[1])


def clock_settime(*args, **kwargs):
    """Sets clock clk_id to a time in seconds, an int or a float (rounded down to the nanosecond)."""
    clk_id, time = _SETTIME.bind(args, kwargs)
    clk_id = c_int_parse_tuple(clk_id)
    bridge.clockSetTime(clk_id, time_object_to_ns(time, NS_PER_SECOND, ROUND_FLOOR))


def clock_settime_ns(*args, **kwargs):
    """Sets clock clk_id to a time in integer nanoseconds."""
    clk_id, time = _SETTIME_NS.bind(args, kwargs)
    clk_id = c_int_parse_tuple(clk_id)
    bridge.clockSetTime(clk_id, int_to_ns(time))


def pthread_getcpuclockid(*args, **kwargs):
    """The clk_id of the CPU-time clock of the thread whose threading.get_ident() is thread_id.

    Only the calling thread's own id is supported; any other id raises
    ProcessLookupError (ESRCH).
    """
    (thread_id,) = _GETCPUCLOCKID.bind(args, kwargs)
    thread_id = c_unsigned_long_mask(thread_id, "pthread_getcpuclockid", 1)
    # CPython hands thread_id to pthread_getcpuclockid(3) as a pthread_t, a
    # pointer glibc reads through: a live thread's id gives that thread's clock,
    # the id of a thread that has ended (or 0) gives ESRCH, and any other number
    # crashes the process. Under GraalPy a thread id is a Java thread number, not
    # a pthread_t, and a thread can only learn its own clock. So the caller's own
    # id gives its clock, and every other id gives ESRCH, glibc's answer for a
    # handle that names no live thread: no number ever reaches native code, and
    # nothing crashes. The one difference left: another live thread's id gives
    # ESRCH here, where CPython gives that thread's clock.
    if thread_id != _thread.get_ident():
        raise OSError(errno.ESRCH, os.strerror(errno.ESRCH))
    return bridge.threadCpuClock()


def process_time(*args, **kwargs):
    """The CPU time of the process (all its threads, user and system) in float seconds."""
    if args or kwargs:
        _PROCESS_TIME.bind(args, kwargs)
    now = bridge.clockGetTime(_process_clock)
    return seconds(now[0], now[1])


def process_time_ns(*args, **kwargs):
    """The CPU time of the process (all its threads, user and system) in integer nanoseconds."""
    if args or kwargs:
        _PROCESS_TIME_NS.bind(args, kwargs)
    now = bridge.clockGetTime(_process_clock)
    return nanoseconds(now[0], now[1])
