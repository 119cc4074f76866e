"""``time.clock_gettime``, ``clock_gettime_ns``, ``clock_getres`` and the ``CLOCK_*`` constants."""

from ._args import BuiltinFunction, One, Tuple
from ._convert import c_int_parse_tuple, clock_id, nanoseconds, seconds

bridge = None  # the Java side, set by install()


def install(java_bridge, module):
    global bridge
    bridge = java_bridge
    for function, parser in ((clock_gettime, _GETTIME), (clock_gettime_ns, _GETTIME_NS), (clock_getres, _GETRES)):
        setattr(module, function.__name__, BuiltinFunction(function, parser, "time"))


_GETTIME = One("time.clock_gettime", "clk_id")
_GETTIME_NS = One("time.clock_gettime_ns", "clk_id")
_GETRES = Tuple("clock_getres", ("clk_id",))


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
