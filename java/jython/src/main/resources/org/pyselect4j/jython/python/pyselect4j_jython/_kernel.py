"""The Java side: pyselect4j's core, its failures as Python exceptions.

Java exceptions are not Python ones under Jython: every core call goes
through ``call``, which turns a failed system call into the Python
exception the caller names (IOError, select.error, OSError) and an
interrupted wait into KeyboardInterrupt, as Jython's own time.sleep does.
"""

import sys

import java.lang.IllegalStateException
from org.pyselect4j.core import ErrnoException, WaitHook, WaitInterruptedException
from org.pyselect4j.jython import KernelDescriptors

NO_HOOK = WaitHook.NONE


def call(error, function, *args):
    """function(*args); a failed system call raises error(errno, strerror)."""
    try:
        return function(*args)
    except ErrnoException, failure:
        raise error(failure.errno(), str(failure.strerror()))
    except WaitInterruptedException:
        raise KeyboardInterrupt("interrupted wait")


def errno_error(error, number):
    """error(number, libc's text for it), as CPython words a failed call."""
    return error(number, str(ErrnoException(number).strerror()))


def descriptor_of(value):
    """The kernel descriptor behind a Java I/O object (a channel, stream or
    FileDescriptor) or one of Jython's files and pipes; None for anything else."""
    try:
        fd = KernelDescriptors.of(value)
    except java.lang.IllegalStateException, closed:
        raise TypeError(closed.getMessage())
    return fd if fd >= 0 else None


def is_jython_socket(value):
    """Whether value is one of Jython's socket objects (or the one behind its fileno())."""
    if "_socket" not in sys.modules:
        return False  # no socket was ever made
    real = sys.modules["_socket"]._realsocket
    return isinstance(value, real) or isinstance(getattr(value, "_sock", None), real)
