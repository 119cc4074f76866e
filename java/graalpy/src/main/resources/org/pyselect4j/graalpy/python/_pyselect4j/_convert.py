"""Conversions of Python arguments to C values, as CPython's converters do them.

Each function raises the exception and message CPython raises for the same
bad input; the wording matters to programs and tests that compare it.
"""

import math
import operator
import warnings

INT_MIN, INT_MAX = -2**31, 2**31 - 1
INT64_MIN, INT64_MAX = -2**63, 2**63 - 1
UINT32_MASK = 2**32 - 1
USHRT_MAX = 2**16 - 1
ULONG_MAX = 2**64 - 1
NS_PER_SECOND = 10**9
NS_PER_MS = 10**6

# The float limits of a 64-bit nanosecond count, compared as doubles like CPython does.
_NS_FLOAT_MIN = float(INT64_MIN)
_NS_FLOAT_END = -float(INT64_MIN)


def c_int(value):
    """Argument Clinic's ``int``."""
    value = operator.index(value)
    if not INT_MIN <= value <= INT_MAX:
        raise OverflowError("Python int too large to convert to C int")
    return value


def c_int_parse_tuple(value):
    """``PyArg_ParseTuple``'s ``i`` format, whose range errors are worded differently."""
    value = operator.index(value)
    if not INT64_MIN <= value <= INT64_MAX:
        raise OverflowError("Python int too large to convert to C long")
    if value > INT_MAX:
        raise OverflowError("signed integer is greater than maximum")
    if value < INT_MIN:
        raise OverflowError("signed integer is less than minimum")
    return value


def c_unsigned_int_bitwise(value):
    """Argument Clinic's ``unsigned_int(bitwise=True)``: any int, wrapped to 32 bits."""
    return operator.index(value) & UINT32_MASK


def c_unsigned_long_mask(value, function, position):
    """PyArg_ParseTuple's k format: an int (no __index__), wrapped to 64 bits."""
    if not isinstance(value, int):
        kind = "None" if value is None else type(value).__name__
        raise TypeError(f"{function}() argument {position} must be int, not {kind}")
    return value & ULONG_MAX


def _non_negative_int(value):
    """What CPython 3.13's non-bitwise unsigned converters first ask: an int (no __index__), not negative."""
    if not isinstance(value, int):
        raise TypeError("an integer is required")
    if value < 0:
        raise ValueError("value must be positive")
    return int(value)  # a bool or an int subclass reaches Java as a plain int


def _c_unsigned(value, limit, too_large):
    """An unsigned C type no wider than unsigned long."""
    value = _non_negative_int(value)
    if value > ULONG_MAX:
        raise OverflowError("Python int too large to convert to C unsigned long")
    if value > limit:
        raise OverflowError(too_large)
    return value


def c_unsigned_short(value):
    """CPython's unsigned short converter (poll event masks)."""
    return _c_unsigned(value, USHRT_MAX, "Python int too large for C unsigned short")


def c_unsigned_int(value):
    """Argument Clinic's ``unsigned_int(bitwise=False)``."""
    return _c_unsigned(value, UINT32_MASK, "Python int too large for C unsigned int")


def c_unsigned_long_long(value):
    """Argument Clinic's ``unsigned_long_long(bitwise=False)``."""
    value = _non_negative_int(value)
    if value > ULONG_MAX:
        raise OverflowError("int too big to convert")
    return value


def c_long_long(value):
    """A 64-bit integer argument (the ``_ns`` timer values)."""
    value = operator.index(value)
    if not INT64_MIN <= value <= INT64_MAX:
        raise OverflowError("int too big to convert")
    return value


def c_double(value):
    """Argument Clinic's ``double``: a float, or anything with __float__ or __index__."""
    if isinstance(value, float):
        return value
    if hasattr(type(value), "__float__"):
        return float(value)
    if hasattr(type(value), "__index__"):
        return float(operator.index(value))
    raise TypeError(f"must be real number, not {type(value).__name__}")


def clock_id(value):
    """The ``clk_id`` of time.clock_gettime and clock_gettime_ns."""
    try:
        number = operator.index(value)
    except TypeError:
        number = None
    if number is None or not INT_MIN <= number <= INT_MAX:
        raise TypeError(f"clk_id should be integer, not {type(value).__name__}")
    return number


def file_descriptor(value, stacklevel=3):
    """``PyObject_AsFileDescriptor``: an int, or an object with a fileno() method."""
    if isinstance(value, int):
        if isinstance(value, bool):
            warnings.warn("bool is used as a file descriptor", RuntimeWarning, stacklevel=stacklevel)
        fd = value
    else:
        fileno = getattr(value, "fileno", None)
        if fileno is None:
            raise TypeError("argument must be an int, or have a fileno() method.")
        fd = fileno()
        if not isinstance(fd, int):
            raise TypeError("fileno() returned a non-integer")
    if not INT_MIN <= fd <= INT_MAX:
        raise OverflowError("Python int too large to convert to C int")
    if fd < 0:
        raise ValueError(f"file descriptor cannot be a negative integer ({fd})")
    return int(fd)


def _round_away_from_zero(x):
    return math.ceil(x) if x >= 0 else math.floor(x)


ROUND_TIMEOUT = _round_away_from_zero
ROUND_FLOOR = math.floor


def double_to_ns(value, unit_ns, rounding):
    """A float count of ``unit_ns`` nanoseconds as int64 nanoseconds."""
    scaled = value * float(unit_ns)
    if not (_NS_FLOAT_MIN <= scaled < _NS_FLOAT_END):  # also refuses NaN and infinities
        raise OverflowError("timestamp out of range for platform time_t")
    return rounding(scaled)


def time_object_to_ns(value, unit_ns, rounding, type_error=None):
    """An int or float count of ``unit_ns`` nanoseconds as int64 nanoseconds.

    ``type_error`` is the message for values that are neither; without it they
    get the TypeError of their conversion to an integer.
    """
    if isinstance(value, float):
        if math.isnan(value):
            raise ValueError("Invalid value NaN (not a number)")
        return double_to_ns(value, unit_ns, rounding)
    try:
        count = operator.index(value)
    except TypeError:
        if type_error is None:
            raise
        raise TypeError(type_error) from None
    ns = count * unit_ns
    if not (INT64_MIN <= count <= INT64_MAX and INT64_MIN <= ns <= INT64_MAX):
        raise OverflowError("timestamp too large to convert to C PyTime_t")
    return ns


def int_to_ns(value):
    """An int (no __index__) of nanoseconds as int64, as CPython's ``_ns`` setters take it."""
    if not isinstance(value, int):
        raise TypeError(f"expect int, got {type(value).__name__}")
    if not INT64_MIN <= value <= INT64_MAX:
        raise OverflowError("timestamp too large to convert to C PyTime_t")
    return int(value)


def ns_to_ms(ns, away_from_zero):
    """Nanoseconds as C int milliseconds, rounded up (or away from zero when
    ``away_from_zero``); OverflowError beyond a C int."""
    ms = ns // NS_PER_MS if away_from_zero and ns < 0 else -((-ns) // NS_PER_MS)
    if not INT_MIN <= ms <= INT_MAX:
        raise OverflowError("timeout is too large")
    return ms


def seconds(sec, nsec):
    """A (sec, nsec) pair as float seconds, computed as CPython does."""
    return sec + nsec * 1e-9


def nanoseconds(sec, nsec):
    return sec * NS_PER_SECOND + nsec
