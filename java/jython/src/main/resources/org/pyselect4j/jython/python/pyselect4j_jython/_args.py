"""Argument parsing and conversion worded as CPython's builtins word their errors.

select's functions exist in CPython 2.7 and follow its getargs.c; os.timerfd_*
and time.clock_* do not, and follow CPython 3.13's Argument Clinic with
Python 2's types. Each parser takes ``*args, **kwargs`` and raises the
TypeError the builtin raises for the same call.
"""

from pyselect4j_jython import _kernel
from pyselect4j_jython._suggest import suggest

INT_MIN, INT_MAX = -2**31, 2**31 - 1
LONG_MIN, LONG_MAX = -2**63, 2**63 - 1
UINT_MASK = 2**32 - 1
USHRT_MAX = 2**16 - 1

JYTHON_SOCKET_MESSAGE = ("Jython's sockets have no kernel descriptor to wait on (Netty reads them on its own "
                         "threads): register them with select.epoll, or pass select.select Jython's sockets only")

_MISSING = object()
_INTEGERS = (int, long)


class Builtin(object):
    """A module function that, like CPython's builtins, never binds as a method:
    Jython's time module is a Java class, and selectors keeps select.poll as a
    class attribute."""

    def __init__(self, function, module):
        self._function = function
        self.__name__ = function.__name__
        self.__doc__ = function.__doc__
        self.__module__ = module

    def __call__(self, *args, **kwargs):
        return self._function(*args, **kwargs)

    def __repr__(self):
        return "<built-in function %s>" % self.__name__


def _plural(n):
    return "" if n == 1 else "s"


def no_keywords(name, kwargs):
    if kwargs:
        raise TypeError("%s() takes no keyword arguments" % name)


def parse_tuple(name, args, kwargs, converters, required):
    """PyArg_ParseTuple of a METH_VARARGS function: positional only, counted."""
    no_keywords(name, kwargs)
    most = len(converters)
    if not required <= len(args) <= most:
        how = "exactly" if required == most else ("at least" if len(args) < required else "at most")
        count = required if len(args) < required else most
        raise TypeError("%s() takes %s %d argument%s (%d given)" % (name, how, count, _plural(count), len(args)))
    return [convert(value) for convert, value in zip(converters, args)]


def unpack_tuple(name, args, kwargs, required, most):
    """PyArg_UnpackTuple, whose count errors are worded its own way."""
    no_keywords(name, kwargs)
    if not required <= len(args) <= most:
        how = "" if required == most else ("at least " if len(args) < required else "at most ")
        count = required if len(args) < required else most
        raise TypeError("%s expected %s%d arguments, got %d" % (name, how, count, len(args)))
    return list(args) + [None] * (most - len(args))


def one_argument(name, args, kwargs):
    """A METH_O function's argument."""
    no_keywords(name, kwargs)
    if len(args) != 1:
        raise TypeError("%s() takes exactly one argument (%d given)" % (name, len(args)))
    return args[0]


def no_arguments(name, args, kwargs):
    """A METH_NOARGS function."""
    no_keywords(name, kwargs)
    if args:
        raise TypeError("%s() takes no arguments (%d given)" % (name, len(args)))


def parse_keywords_27(name, args, kwargs, params, required):
    """CPython 2.7's PyArg_ParseTupleAndKeywords.

    ``params`` is a list of (name, converter, default); values are converted in
    order, so the first bad one is the one reported, as in getargs.c.
    """
    total = len(params)
    if len(args) + len(kwargs) > total:
        raise TypeError("%s() takes at most %d argument%s (%d given)"
                        % (name, total, _plural(total), len(args) + len(kwargs)))
    values = []
    unused = len(kwargs)
    for position, (param, convert, default) in enumerate(params):
        value = kwargs.get(param, _MISSING) if unused else _MISSING
        if value is not _MISSING:
            unused -= 1
            if position < len(args):
                raise TypeError("Argument given by name ('%s') and position (%d)" % (param, position + 1))
        elif position < len(args):
            value = args[position]
        if value is not _MISSING:
            values.append(convert(value))
        elif position < required:
            raise TypeError("Required argument '%s' (pos %d) not found" % (param, position + 1))
        else:
            values.append(default)
    if unused:
        names = [param for param, _, _ in params]
        for key in kwargs:
            if not isinstance(key, basestring):
                raise TypeError("keywords must be strings")
            if key not in names:
                raise TypeError("'%s' is an invalid keyword argument for this function" % key)
    return values


# CPython 2.7's getargs converters

def _int_of(value):
    """PyInt_AsLong: an int or long, or what __int__ gives."""
    if isinstance(value, _INTEGERS):
        return value
    if hasattr(type(value), "__int__"):
        return int(value)
    raise TypeError("an integer is required")


def c_int_27(value):
    """Format ``i``."""
    if isinstance(value, float):
        raise TypeError("integer argument expected, got float")
    return _c_int_in_range(_int_of(value))


def _c_int_in_range(value):
    """The range checks of PyArg_ParseTuple's ``i`` (2.7 and 3.13 word them alike)."""
    if not LONG_MIN <= value <= LONG_MAX:
        raise OverflowError("Python int too large to convert to C long")
    if value > INT_MAX:
        raise OverflowError("signed integer is greater than maximum")
    if value < INT_MIN:
        raise OverflowError("signed integer is less than minimum")
    return int(value)


def c_unsigned_int_mask_27(value):
    """Format ``I``: any integer, wrapped to 32 bits."""
    if isinstance(value, float):
        raise TypeError("integer argument expected, got float")
    return _int_of(value) & UINT_MASK


def c_double_27(value):
    """Format ``d``."""
    if isinstance(value, float):
        return value
    if isinstance(value, _INTEGERS) or hasattr(type(value), "__float__"):
        return float(value)
    raise TypeError("a float is required")


def c_unsigned_short_27(value):
    """selectmodule.c's ushort_converter (poll event masks)."""
    if not isinstance(value, _INTEGERS):
        # PyLong_AsUnsignedLong refuses anything but int and long with this internal error.
        raise SystemError("Objects/longobject.c:426: bad argument to internal function")
    if value < 0:
        raise OverflowError("can't convert negative value to unsigned long")
    if value > USHRT_MAX:
        raise OverflowError("Python int too large for C unsigned short")
    return int(value)


def file_descriptor_27(value):
    """PyObject_AsFileDescriptor: an int or long, or an object whose fileno() is
    one; under Jython also its own files, pipes and sockets, and Java channels,
    through the kernel descriptor behind them."""
    if isinstance(value, _INTEGERS):
        fd = value
    elif _kernel.is_jython_socket(value):
        raise TypeError(JYTHON_SOCKET_MESSAGE)
    else:
        fd = _kernel.descriptor_of(value)
        if fd is None:
            fileno = getattr(value, "fileno", None)
            if fileno is None:
                raise TypeError("argument must be an int, or have a fileno() method")
            number = fileno()
            fd = number if isinstance(number, _INTEGERS) else _kernel.descriptor_of(number)
            if fd is None:
                raise TypeError("fileno() returned a non-integer")
    if not INT_MIN <= fd <= INT_MAX:
        fd = -1  # _PyLong_AsInt's overflow, then reported as this negative number
    if fd < 0:
        raise ValueError("file descriptor cannot be a negative integer (%d)" % fd)
    return int(fd)


# CPython 3.13's Argument Clinic, for the functions CPython 2.7 lacks

def parse_keywords_313(name, args, kwargs, params, required, posonly, kwonly):
    """Argument Clinic's keyword parser: ``name(posonly..., /, names..., *, kwonly...)``.

    ``params`` is a list of (name, default); returns the values in order.
    """
    names = [param for param, _ in params]
    maxpos = len(params) - kwonly
    nargs = len(args)
    if nargs + len(kwargs) > len(params):
        raise TypeError("%s() takes at most %d %sargument%s (%d given)"
                        % (name, len(params), "keyword " if nargs == 0 else "", _plural(len(params)),
                           nargs + len(kwargs)))
    if nargs > maxpos:
        if maxpos == 0:
            raise TypeError("%s() takes no positional arguments" % name)
        how = "at most" if required < maxpos else "exactly"
        raise TypeError("%s() takes %s %d positional argument%s (%d given)"
                        % (name, how, maxpos, _plural(maxpos), nargs))
    required_posonly = min(posonly, required)
    if nargs < required_posonly:
        how = "at least" if required_posonly < maxpos else "exactly"
        raise TypeError("%s() takes %s %d positional argument%s (%d given)"
                        % (name, how, required_posonly, _plural(required_posonly), nargs))
    values = list(args)
    unused = len(kwargs)
    for position in range(max(nargs, posonly), len(params)):
        param, default = params[position]
        value = kwargs.get(param, _MISSING) if unused else _MISSING
        if value is not _MISSING:
            unused -= 1
        elif position < required:
            raise TypeError("%s() missing required argument '%s' (pos %d)" % (name, param, position + 1))
        else:
            value = default
        values.append(value)
    if unused:
        for position in range(posonly, nargs):
            if names[position] in kwargs:
                raise TypeError("argument for %s() given by name ('%s') and position (%d)"
                                % (name, names[position], position + 1))
        for key in kwargs:
            if not isinstance(key, basestring):
                raise TypeError("keywords must be strings")
            if key not in names[posonly:]:
                suggestion = suggest(key, names[posonly:])
                hint = ". Did you mean '%s'?" % suggestion if suggestion else ""
                raise TypeError("%s() got an unexpected keyword argument '%s'%s" % (name, key, hint))
    return values


def index_313(value):
    """operator.index as CPython 3.13 words its error."""
    if isinstance(value, _INTEGERS):
        return value
    if hasattr(type(value), "__index__"):
        return type(value).__index__(value)
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)


def c_int_313(value):
    value = index_313(value)
    if not INT_MIN <= value <= INT_MAX:
        raise OverflowError("Python int too large to convert to C int")
    return int(value)


def c_long_long_313(value):
    value = index_313(value)
    if not LONG_MIN <= value <= LONG_MAX:
        raise OverflowError("int too big to convert")
    return value


def c_double_313(value):
    if isinstance(value, float):
        return value
    if isinstance(value, _INTEGERS) or hasattr(type(value), "__float__"):
        return float(value)
    if hasattr(type(value), "__index__"):
        return float(index_313(value))
    raise TypeError("must be real number, not %s" % type(value).__name__)


def file_descriptor_313(value):
    """CPython 3.13's fildes converter."""
    if isinstance(value, _INTEGERS):
        fd = value
    else:
        fileno = getattr(value, "fileno", None)
        if fileno is None:
            raise TypeError("argument must be an int, or have a fileno() method.")
        fd = fileno()
        if not isinstance(fd, _INTEGERS):
            raise TypeError("fileno() returned a non-integer")
    if not INT_MIN <= fd <= INT_MAX:
        raise OverflowError("Python int too large to convert to C int")
    if fd < 0:
        raise ValueError("file descriptor cannot be a negative integer (%d)" % fd)
    return int(fd)


def clock_id_313(value):
    """The clk_id of clock_gettime and clock_gettime_ns."""
    try:
        number = index_313(value)
    except TypeError:
        number = None
    if number is None or not INT_MIN <= number <= INT_MAX:
        raise TypeError("clk_id should be integer, not %s" % type(value).__name__)
    return int(number)


def c_int_parse_tuple_313(value):
    """PyArg_ParseTuple's ``i`` in CPython 3.13 (clock_getres)."""
    return _c_int_in_range(index_313(value))
