"""time.clock_gettime / clock_gettime_ns / clock_getres and the CLOCK_* ids."""

import errno
import time

import pytest

from conftest import assert_oserror, assert_raises

CLOCK_NAMES = ["CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_MONOTONIC_RAW", "CLOCK_BOOTTIME",
               "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID", "CLOCK_TAI"]
CLOCKS = [pytest.param(getattr(time, name), id=name) for name in CLOCK_NAMES]
INVALID_CLOCK_IDS = [-1, 12, 100]


@pytest.mark.parametrize("clock", CLOCKS)
def test_result_types(clock):
    assert type(time.clock_gettime(clock)) is float
    assert type(time.clock_gettime_ns(clock)) is int
    assert type(time.clock_getres(clock)) is float


@pytest.mark.parametrize("clock", CLOCKS)
def test_resolution_is_one_nanosecond(clock):
    assert time.clock_getres(clock) == 1e-09


@pytest.mark.parametrize("clock", CLOCKS)
def test_float_and_ns_readings_agree(clock):
    seconds = time.clock_gettime(clock)
    ns = time.clock_gettime_ns(clock)
    assert 0 <= ns / 1e9 - seconds < 5


@pytest.mark.parametrize("clock", [time.CLOCK_MONOTONIC, time.CLOCK_MONOTONIC_RAW,
                                   time.CLOCK_BOOTTIME])
def test_monotonic_clocks_advance(clock):
    first = time.clock_gettime_ns(clock)
    time.sleep(0.02)
    assert time.clock_gettime_ns(clock) - first >= 19_000_000


def test_realtime_matches_time_time():
    assert abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 5
    assert abs(time.clock_gettime_ns(time.CLOCK_REALTIME) - time.time_ns()) < 5 * 10**9


def test_monotonic_matches_time_monotonic():
    reading = time.clock_gettime(time.CLOCK_MONOTONIC)
    assert 0 <= time.monotonic() - reading < 5


def test_process_cpu_time_grows_with_work():
    start = time.clock_gettime_ns(time.CLOCK_PROCESS_CPUTIME_ID)
    total = 0
    deadline = time.monotonic() + 0.05
    while time.monotonic() < deadline:
        total += 1
    assert time.clock_gettime_ns(time.CLOCK_PROCESS_CPUTIME_ID) > start


@pytest.mark.parametrize("function", [time.clock_gettime, time.clock_gettime_ns, time.clock_getres])
@pytest.mark.parametrize("clock", INVALID_CLOCK_IDS)
def test_invalid_clock_id(function, clock):
    assert_oserror(OSError, errno.EINVAL, function, clock)


@pytest.mark.parametrize("function", [time.clock_gettime, time.clock_gettime_ns])
@pytest.mark.parametrize("clock, type_name", [
    (2**31, "int"), (-2**31 - 1, "int"), (2**64, "int"),
    (1.0, "float"), ("0", "str"), (None, "NoneType"),
])
def test_gettime_bad_clock_argument(function, clock, type_name):
    # Even an out-of-range int gets the "should be integer" message.
    assert_raises(TypeError, "clk_id should be integer, not %s" % type_name, function, clock)


@pytest.mark.parametrize("clock, exc_type, message", [
    (2**31, OverflowError, "signed integer is greater than maximum"),
    (-2**31 - 1, OverflowError, "signed integer is less than minimum"),
    (2**64, OverflowError, "Python int too large to convert to C long"),
    (1.0, TypeError, "'float' object cannot be interpreted as an integer"),
    ("0", TypeError, "'str' object cannot be interpreted as an integer"),
    (None, TypeError, "'NoneType' object cannot be interpreted as an integer"),
])
def test_getres_bad_clock_argument(clock, exc_type, message):
    assert_raises(exc_type, message, time.clock_getres, clock)


@pytest.mark.parametrize("function", [time.clock_gettime, time.clock_gettime_ns, time.clock_getres])
def test_bool_is_accepted_as_clock_id(function):
    assert function(True) >= 0  # True is CLOCK_MONOTONIC


def test_argument_kinds():
    assert_raises(TypeError, "time.clock_gettime() takes no keyword arguments",
                  time.clock_gettime, clk_id=0)
    assert_raises(TypeError, "time.clock_gettime_ns() takes no keyword arguments",
                  time.clock_gettime_ns, clk_id=0)
    assert_raises(TypeError, "clock_getres() takes no keyword arguments", time.clock_getres, clk_id=0)
    assert_raises(TypeError, "time.clock_gettime() takes exactly one argument (0 given)",
                  time.clock_gettime)
    assert_raises(TypeError, "time.clock_gettime_ns() takes exactly one argument (2 given)",
                  time.clock_gettime_ns, 0, 1)
    assert_raises(TypeError, "clock_getres() takes exactly 1 argument (0 given)", time.clock_getres)
