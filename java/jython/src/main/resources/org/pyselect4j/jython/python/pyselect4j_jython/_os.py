"""os.read, os.write and os.close that also take kernel descriptor numbers.

Jython's own take its file objects (and 0, 1, 2 for its standard streams)
and refuse other numbers with EBADF; the numbers pyselect4j creates
(timerfds, epoll descriptors) and those of Java channels go to the kernel,
as CPython 2.7 treats them: same arguments, OSError with errno on failure.
"""

from org.pyselect4j.core import Fds
from org.python.core import PyString
from org.python.core.util import StringUtil

from pyselect4j_jython import _kernel
from pyselect4j_jython._args import Builtin, c_int_27, parse_tuple

_STANDARD_STREAMS = (0, 1, 2)
_jython = {}  # Jython's own functions, by name


def install(os_module):
    for function in (read, write, close):
        name = function.__name__
        _jython.setdefault(name, getattr(os_module, name))
        function.__doc__ = _jython[name].__doc__
        setattr(os_module, name, Builtin(function, "posix"))


def _kernel_descriptor(args):
    """Whether the call is for a kernel descriptor Jython cannot use itself."""
    return bool(args) and isinstance(args[0], (int, long)) and args[0] not in _STANDARD_STREAMS


def _bytes_of(data):
    if isinstance(data, unicode):
        data = data.encode("ascii")  # what CPython 2.7's s* does with unicode
    return StringUtil.toBytes(str(data))


def read(*args, **kwargs):
    if not _kernel_descriptor(args):
        return _jython["read"](*args, **kwargs)
    fd, size = parse_tuple("read", args, kwargs, [c_int_27, c_int_27], 2)
    if size < 0:
        raise _kernel.errno_error(OSError, 22)  # EINVAL, as CPython 2.7 reports it
    return PyString(StringUtil.fromBytes(_kernel.call(OSError, Fds.read, fd, size)))


def write(*args, **kwargs):
    if not _kernel_descriptor(args):
        return _jython["write"](*args, **kwargs)
    fd, data = parse_tuple("write", args, kwargs, [c_int_27, _bytes_of], 2)
    return _kernel.call(OSError, Fds.write, fd, data)


def close(*args, **kwargs):
    if not _kernel_descriptor(args):
        return _jython["close"](*args, **kwargs)
    (fd,) = parse_tuple("close", args, kwargs, [c_int_27], 1)
    _kernel.call(OSError, Fds.close, fd)
