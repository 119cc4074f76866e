"""The Java side: pyselect4j's core, its failures as Python exceptions.

Java exceptions are not Python ones under Jython: every core call goes
through ``call``, which turns a failed system call into the Python
exception the caller names (IOError, select.error, OSError) and an
interrupted wait into KeyboardInterrupt, as Jython's own time.sleep does.
"""

import java.lang.IllegalStateException
from org.pyselect4j.core import ErrnoException, WaitHook, WaitInterruptedException
from org.pyselect4j.jython import KernelDescriptors

NO_HOOK = WaitHook.NONE


def call(error, function, *args):
    """function(*args); a failed system call raises error(errno, strerror)."""
    try:
        return function(*args)
    except ErrnoException, failure:
        raise error(failure.errno(), failure.strerror())
    except WaitInterruptedException:
        raise KeyboardInterrupt("interrupted wait")


def errno_error(error, number):
    """error(number, libc's text for it), as CPython words a failed call."""
    return error(number, ErrnoException(number).strerror())


def descriptor_of(value):
    """The kernel descriptor behind a Java I/O object or one of Jython's files,
    pipes and sockets; None if value is none of them."""
    for candidate in _java_objects(value):
        try:
            fd = KernelDescriptors.of(candidate)
        except java.lang.IllegalStateException, closed:
            raise TypeError(closed.getMessage())
        if fd >= 0:
            return fd
    return None


def _java_objects(value):
    """The Java objects a Jython value may wrap: itself, and for a Jython socket its Netty channel."""
    yield value
    for name in ("channel", "_sock", "sock"):
        inner = getattr(value, name, None)
        if inner is not None and inner is not value:
            for java_object in _java_objects(inner):
                yield java_object
