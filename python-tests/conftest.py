"""Shared helpers and fixtures for the pyselect4j Python API tests.

The tests describe CPython 3.13's behaviour on Linux; they must pass both on
CPython 3.13 and on GraalPy under bin/pyselect4j.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest


def pytest_configure(config):
    """The Ctrl-C tests assume SIGINT's default handling, but a shell's background
    job (`bin/test &` in a script) starts with SIGINT ignored, which CPython and
    the launcher then keep (test_signal_delivery checks that in a child). Setting
    the handler also gives child processes SIGINT's default action again."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(TESTS_DIR)


# ----------------------------------------------------------------- exceptions

def assert_raises(exc_type, message, func, *args, errno=None, **kwargs):
    """Calls func and checks the exception's exact type, errno and str()."""
    with pytest.raises(BaseException) as info:
        func(*args, **kwargs)
    exc = info.value
    assert type(exc) is exc_type, "raised %r, expected %s" % (exc, exc_type.__name__)
    assert str(exc) == message
    if issubclass(exc_type, OSError):
        assert exc.errno == errno
    return exc


def assert_oserror(exc_type, err, func, *args, **kwargs):
    """Checks an OSError subclass raised from errno err, with the usual text."""
    return assert_raises(exc_type, "[Errno %d] %s" % (err, os.strerror(err)),
                         func, *args, errno=err, **kwargs)


# ----------------------------------------------------------------- junk objects

class FilenoRaises:
    def fileno(self):
        raise ZeroDivisionError("fileno failed")


class FilenoReturns:
    """An object whose fileno() returns the given value."""

    def __init__(self, value):
        self.value = value

    def fileno(self):
        return self.value

    def __repr__(self):
        return "FilenoReturns(%r)" % (self.value,)


# Bad values for a file descriptor argument, and what CPython 3.13 raises for
# them in every function converting an fd (select, poll, epoll, timerfd).
NOT_AN_FD = "argument must be an int, or have a fileno() method."
TOO_LARGE_FOR_INT = "Python int too large to convert to C int"
BAD_FD_ARGUMENTS = [
    pytest.param(-1, ValueError, "file descriptor cannot be a negative integer (-1)", id="minus-one"),
    pytest.param(-2**31, ValueError, "file descriptor cannot be a negative integer (-2147483648)", id="int-min"),
    pytest.param(2**31, OverflowError, TOO_LARGE_FOR_INT, id="int-max-plus-one"),
    pytest.param(2**64, OverflowError, TOO_LARGE_FOR_INT, id="huge"),
    pytest.param(-2**64, OverflowError, TOO_LARGE_FOR_INT, id="huge-negative"),
    pytest.param("3", TypeError, NOT_AN_FD, id="str"),
    pytest.param(b"3", TypeError, NOT_AN_FD, id="bytes"),
    pytest.param(3.0, TypeError, NOT_AN_FD, id="float"),
    pytest.param(None, TypeError, NOT_AN_FD, id="none"),
    pytest.param(FilenoRaises(), ZeroDivisionError, "fileno failed", id="fileno-raises"),
    pytest.param(FilenoReturns("3"), TypeError, "fileno() returned a non-integer", id="fileno-str"),
    pytest.param(FilenoReturns(3.0), TypeError, "fileno() returned a non-integer", id="fileno-float"),
    pytest.param(FilenoReturns(-7), ValueError, "file descriptor cannot be a negative integer (-7)", id="fileno-negative"),
    pytest.param(FilenoReturns(2**40), OverflowError, TOO_LARGE_FOR_INT, id="fileno-huge"),
]


# ----------------------------------------------------------------- fixtures

def close_quietly(fd):
    try:
        os.close(fd)
    except OSError:
        pass


@pytest.fixture
def pipe_fds():
    """A fresh pipe (read_fd, write_fd); both ends closed afterwards."""
    r, w = os.pipe()
    yield r, w
    close_quietly(r)
    close_quietly(w)


@pytest.fixture
def socket_pair():
    a, b = socket.socketpair()
    yield a, b
    a.close()
    b.close()


# Timeouts in seconds (epoll.poll, select.select) that CPython refuses whatever
# the function: (timeout, exception type, message).
SECONDS_TIMEOUT_RANGE_ERRORS = [
    (float("nan"), ValueError, "Invalid value NaN (not a number)"),
    (float("inf"), OverflowError, "timestamp out of range for platform time_t"),
    (float("-inf"), OverflowError, "timestamp out of range for platform time_t"),
    (1e300, OverflowError, "timestamp out of range for platform time_t"),
    (2**63, OverflowError, "timestamp too large to convert to C PyTime_t"),
    (-2**64, OverflowError, "timestamp too large to convert to C PyTime_t"),
]


def is_open(fd):
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


@pytest.fixture
def closed_fd():
    """An fd number that is not open: high enough not to be taken by the next
    fd the test creates, low enough (< FD_SETSIZE) for select()."""
    fd = 1000
    while is_open(fd):
        fd -= 1
    return fd


@pytest.fixture
def make_timerfd():
    """Factory for timerfds (CLOCK_MONOTONIC by default), closed afterwards."""
    created = []

    def make(clock=time.CLOCK_MONOTONIC, **kwargs):
        fd = os.timerfd_create(clock, **kwargs)
        created.append(fd)
        return fd

    yield make
    for fd in created:
        close_quietly(fd)


@pytest.fixture
def timerfd(make_timerfd):
    return make_timerfd()


def fill_pipe(write_fd):
    """Makes write_fd non-blocking and writes until the pipe is full."""
    os.set_blocking(write_fd, False)
    chunk = b"x" * 65536
    try:
        while True:
            os.write(write_fd, chunk)
    except BlockingIOError:
        pass


def read_expirations(fd):
    """Reads a timerfd's expiration counter (8 bytes, host byte order)."""
    data = os.read(fd, 8)
    assert len(data) == 8
    return int.from_bytes(data, sys.byteorder)


# ----------------------------------------------------------------- interpreters

def reference_python():
    """The reference CPython 3.13 executable, or None."""
    env = os.environ.get("PYSELECT4J_REFERENCE_PYTHON")
    if env:
        return env
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        root = ""
    if root:
        candidate = os.path.join(root, "versions", "3.13.0", "bin", "python3")
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("python3.13")


def launcher():
    """The pyselect4j launcher to test (it may not exist yet)."""
    return os.environ.get("PYSELECT4J_LAUNCHER") or os.path.join(REPO_ROOT, "bin", "pyselect4j")


def bounded(func, *args, timeout=30):
    """Calls func(*args) in a helper thread and returns its result; fails
    instead of hanging the whole suite if it is still blocked after timeout
    seconds (for calls that may legitimately block forever when broken)."""
    outcome = []

    def target():
        try:
            outcome.append((True, func(*args)))
        except BaseException as exc:  # re-raised in the calling thread
            outcome.append((False, exc))

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout)
    assert outcome, "%s%r still blocked after %s s" % (getattr(func, "__name__", func), args, timeout)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


class Helper(threading.Thread):
    """A daemon helper thread whose exception is kept for the test instead of
    only printed: finish() joins it and re-raises what ended it, so a helper
    that died fails the test rather than leaving it waiting for the helper's
    work until some long timeout."""

    def __init__(self, target, *args):
        super().__init__(target=target, args=args, daemon=True)
        self.failure = None

    def run(self):
        try:
            super().run()
        except BaseException as exc:  # re-raised by finish() in the test's thread
            self.failure = exc

    def check_running(self, doing):
        """Fails the test at once if the thread has ended while the test expects
        it to be still `doing` something: with the thread's exception if it
        raised one."""
        if not self.is_alive():
            self.finish(0)
            raise AssertionError("helper thread %s ended while it should be %s" % (self.name, doing))

    def finish(self, timeout):
        """Joins the thread (failing if it still runs after timeout seconds) and
        re-raises its exception, if it ended with one."""
        self.join(timeout)
        assert not self.is_alive(), "helper thread %s still running after %s s" % (self.name, timeout)
        if self.failure is not None:
            raise self.failure


def wait_until(predicate, timeout, interval=0.05):
    """Polls predicate() until it returns a true value or timeout passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
