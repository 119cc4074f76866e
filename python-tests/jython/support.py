"""What the Python 2 tests share: kernel descriptors the same way on CPython
2.7 and on Jython, and a call's outcome as comparable text."""

import os
import sys

JYTHON = sys.platform.startswith("java")


def kernel_fd(end):
    """The descriptor number of an os.pipe() end: the number itself on
    CPython, the one behind Jython's pipe object under pyselect4j."""
    if isinstance(end, (int, long)):
        return end
    import pyselect4j_jython
    return pyselect4j_jython.fileno(end)


class Pipe(object):
    """An os.pipe(): the ends as os.read/os.write/os.close take them, and their numbers."""

    def __init__(self):
        self.read_end, self.write_end = os.pipe()
        self.r, self.w = kernel_fd(self.read_end), kernel_fd(self.write_end)

    def write(self, data):
        return os.write(self.write_end, data)

    def read(self, size):
        return os.read(self.read_end, size)

    def close(self):
        for end in (self.read_end, self.write_end):
            try:
                os.close(end)
            except OSError:
                pass


def outcome(function):
    """'-> repr(result)' or '!! ExceptionType args': what a call did."""
    try:
        return "-> %r" % (function(),)
    except Exception, error:
        return "!! %s %r" % (type(error).__name__, error.args)
