"""time.clock_gettime / clock_gettime_ns / clock_getres / clock_settime / clock_settime_ns,
time.pthread_getcpuclockid and the CLOCK_* ids."""

import errno
import threading
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


def test_process_time_reads_the_process_cpu_clock():
    """time.process_time is CLOCK_PROCESS_CPUTIME_ID, as CPython has it on Linux (GraalPy's
    own counts wall time): a reading of the clock falls between two of process_time."""
    before = time.process_time_ns()
    reading = time.clock_gettime_ns(time.CLOCK_PROCESS_CPUTIME_ID)
    after = time.process_time_ns()
    assert before <= reading <= after
    before = time.process_time()
    reading = time.clock_gettime(time.CLOCK_PROCESS_CPUTIME_ID)
    assert before <= reading <= time.process_time()


@pytest.mark.parametrize(("function", "name"), [(time.process_time, "time.process_time"),
                                                (time.process_time_ns, "time.process_time_ns")])
def test_process_time_takes_no_arguments(function, name):
    with pytest.raises(TypeError) as raised:
        function(1)
    assert str(raised.value) == f"{name}() takes no arguments (1 given)"
    with pytest.raises(TypeError) as raised:
        function(x=1)
    assert str(raised.value) == f"{name}() takes no keyword arguments"


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


# ---------------------------------------------------------------- clock_settime
# These tests may run as root: CLOCK_REALTIME only ever gets times the kernel
# refuses before it checks the privilege, or the time it already has, and that
# only in a process without CAP_SYS_TIME. Bad input goes to CLOCK_MONOTONIC,
# which no one can set, so a conversion that wrongly let it through is harmless.

SETTIME_FUNCTIONS = [time.clock_settime, time.clock_settime_ns]
UNSETTABLE_CLOCKS = [pytest.param(getattr(time, name), id=name) for name in CLOCK_NAMES
                     if name != "CLOCK_REALTIME"]


class Index:
    """Not an int, but convertible to one."""

    def __index__(self):
        return 1  # CLOCK_MONOTONIC


class Real:
    def __float__(self):
        return 1.5


@pytest.mark.parametrize("function", SETTIME_FUNCTIONS)
@pytest.mark.parametrize("clock", UNSETTABLE_CLOCKS)
def test_settime_unsettable_clock(function, clock):
    assert_oserror(OSError, errno.EINVAL, function, clock, 0)


@pytest.mark.parametrize("function", SETTIME_FUNCTIONS)
@pytest.mark.parametrize("clock", INVALID_CLOCK_IDS)
def test_settime_invalid_clock_id(function, clock):
    assert_oserror(OSError, errno.EINVAL, function, clock, 0)


@pytest.mark.parametrize("function, value", [
    (time.clock_settime, -1), (time.clock_settime, -0.5), (time.clock_settime, -1e-9),
    (time.clock_settime, 9e9), (time.clock_settime, 9223372036),
    (time.clock_settime_ns, -1), (time.clock_settime_ns, -2**63), (time.clock_settime_ns, 2**63 - 1),
])
def test_settime_realtime_refuses_times_out_of_its_range(function, value):
    # Before the epoch, or past the kernel's limit (about year 2232).
    assert_oserror(OSError, errno.EINVAL, function, time.CLOCK_REALTIME, value)


@pytest.mark.parametrize("function", SETTIME_FUNCTIONS)
def test_settime_thread_cpu_clock_is_never_settable(function):
    # The kernel's answer for a CPU clock is EPERM, whoever asks.
    clock = time.pthread_getcpuclockid(threading.get_ident())
    assert_oserror(PermissionError, errno.EPERM, function, clock, 0)


@pytest.mark.parametrize("function", SETTIME_FUNCTIONS)
@pytest.mark.parametrize("clock, exc_type, message", [
    (2**31, OverflowError, "signed integer is greater than maximum"),
    (-2**31 - 1, OverflowError, "signed integer is less than minimum"),
    (2**63, OverflowError, "Python int too large to convert to C long"),
    (-2**64, OverflowError, "Python int too large to convert to C long"),
    (1.0, TypeError, "'float' object cannot be interpreted as an integer"),
    ("1", TypeError, "'str' object cannot be interpreted as an integer"),
    (None, TypeError, "'NoneType' object cannot be interpreted as an integer"),
])
def test_settime_bad_clock_argument(function, clock, exc_type, message):
    assert_raises(exc_type, message, function, clock, 0)


@pytest.mark.parametrize("function", SETTIME_FUNCTIONS)
def test_settime_clock_argument_is_checked_first(function):
    assert_raises(TypeError, "'str' object cannot be interpreted as an integer", function, "1", None)


@pytest.mark.parametrize("function", SETTIME_FUNCTIONS)
@pytest.mark.parametrize("clock", [True, Index()], ids=["bool", "index"])
def test_settime_clock_argument_may_be_any_index(function, clock):
    assert_oserror(OSError, errno.EINVAL, function, clock, 0)


@pytest.mark.parametrize("value, exc_type, message", [
    (float("nan"), ValueError, "Invalid value NaN (not a number)"),
    (float("inf"), OverflowError, "timestamp out of range for platform time_t"),
    (float("-inf"), OverflowError, "timestamp out of range for platform time_t"),
    (9.3e9, OverflowError, "timestamp out of range for platform time_t"),
    (-9.3e9, OverflowError, "timestamp out of range for platform time_t"),
    (9223372037, OverflowError, "timestamp too large to convert to C PyTime_t"),
    (-9223372037, OverflowError, "timestamp too large to convert to C PyTime_t"),
    (2**63, OverflowError, "timestamp too large to convert to C PyTime_t"),
    (-2**64, OverflowError, "timestamp too large to convert to C PyTime_t"),
    ("1", TypeError, "'str' object cannot be interpreted as an integer"),
    (None, TypeError, "'NoneType' object cannot be interpreted as an integer"),
    (1j, TypeError, "'complex' object cannot be interpreted as an integer"),
    (Real(), TypeError, "'Real' object cannot be interpreted as an integer"),
])
def test_settime_bad_time(value, exc_type, message):
    assert_raises(exc_type, message, time.clock_settime, time.CLOCK_MONOTONIC, value)


@pytest.mark.parametrize("value, exc_type, message", [
    (0.0, TypeError, "expect int, got float"),
    (float("nan"), TypeError, "expect int, got float"),
    ("1", TypeError, "expect int, got str"),
    (None, TypeError, "expect int, got NoneType"),
    (Index(), TypeError, "expect int, got Index"),
    (2**63, OverflowError, "timestamp too large to convert to C PyTime_t"),
    (-2**63 - 1, OverflowError, "timestamp too large to convert to C PyTime_t"),
    (2**64, OverflowError, "timestamp too large to convert to C PyTime_t"),
])
def test_settime_ns_bad_time(value, exc_type, message):
    assert_raises(exc_type, message, time.clock_settime_ns, time.CLOCK_MONOTONIC, value)


@pytest.mark.parametrize("function, value", [
    (time.clock_settime, 0.5), (time.clock_settime, True), (time.clock_settime, Index()),
    (time.clock_settime, 9223372036), (time.clock_settime, -9223372036), (time.clock_settime, 9.2e9),
    (time.clock_settime_ns, True), (time.clock_settime_ns, 2**63 - 1), (time.clock_settime_ns, -2**63),
])
def test_settime_accepted_times_reach_the_kernel(function, value):
    assert_oserror(OSError, errno.EINVAL, function, time.CLOCK_MONOTONIC, value)


def test_settime_argument_kinds():
    for function, name in [(time.clock_settime, "clock_settime"), (time.clock_settime_ns, "clock_settime_ns")]:
        assert_raises(TypeError, "%s() takes no keyword arguments" % name,
                      function, time.CLOCK_MONOTONIC, time=0)
        assert_raises(TypeError, "%s() takes no keyword arguments" % name,
                      function, clk_id=time.CLOCK_MONOTONIC, time=0)
        # Both count their arguments under clock_settime's name.
        for args in [(), (1,), (1, 0, 0)]:
            assert_raises(TypeError, "clock_settime() takes exactly 2 arguments (%d given)" % len(args),
                          function, *args)


def test_new_functions_are_builtin_like():
    for function in SETTIME_FUNCTIONS + [time.pthread_getcpuclockid]:
        assert function.__module__ == "time"
        assert repr(function) == "<built-in function %s>" % function.__name__


# ---------------------------------------------------------------- pthread_getcpuclockid
# Only ids CPython itself survives: its own thread's, and, right after it ended,
# another thread's (glibc then still has the thread's descriptor and answers
# ESRCH). Any other number would crash CPython.

def spin(seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def test_thread_cpu_clock_of_the_calling_thread():
    clock = time.pthread_getcpuclockid(threading.get_ident())
    assert type(clock) is int
    assert clock != time.CLOCK_THREAD_CPUTIME_ID
    assert clock == time.pthread_getcpuclockid(threading.get_ident())
    before = time.clock_gettime_ns(clock)
    spin(0.05)
    assert time.clock_gettime_ns(clock) > before
    assert time.clock_getres(clock) == 1e-09


def test_thread_cpu_clock_id_is_taken_modulo_2_64():
    me = threading.get_ident()
    clock = time.pthread_getcpuclockid(me)
    assert time.pthread_getcpuclockid(me + 2**64) == clock
    assert time.pthread_getcpuclockid(me - 2**64) == clock


def test_each_thread_has_its_own_cpu_clock_readable_from_others():
    found, go_on = {}, threading.Event()

    def run():
        found["clock"] = time.pthread_getcpuclockid(threading.get_ident())
        found["cputime"] = time.clock_gettime(time.CLOCK_THREAD_CPUTIME_ID)
        go_on.wait(60)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        while thread.is_alive() and "cputime" not in found:
            time.sleep(0.01)
        assert found["clock"] != time.pthread_getcpuclockid(threading.get_ident())
        assert time.clock_gettime(found["clock"]) >= found["cputime"]
    finally:
        go_on.set()
        thread.join()


def test_thread_cpu_clock_of_an_ended_thread():
    thread = threading.Thread(target=lambda: None)
    thread.start()
    thread.join()
    assert_oserror(ProcessLookupError, errno.ESRCH, time.pthread_getcpuclockid, thread.ident)


@pytest.mark.parametrize("value, type_name", [
    ("1", "str"), (1.0, "float"), (None, "None"), (b"1", "bytes"), (Index(), "Index"),
])
def test_thread_cpu_clock_bad_argument(value, type_name):
    assert_raises(TypeError, "pthread_getcpuclockid() argument 1 must be int, not %s" % type_name,
                  time.pthread_getcpuclockid, value)


def test_thread_cpu_clock_argument_kinds():
    me = threading.get_ident()
    assert_raises(TypeError, "pthread_getcpuclockid() takes no keyword arguments",
                  time.pthread_getcpuclockid, thread_id=me)
    assert_raises(TypeError, "pthread_getcpuclockid() takes exactly 1 argument (0 given)",
                  time.pthread_getcpuclockid)
    assert_raises(TypeError, "pthread_getcpuclockid() takes exactly 1 argument (2 given)",
                  time.pthread_getcpuclockid, me, me)
