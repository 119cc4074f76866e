"""The Java side: pyselect4j's core, its failures as Python exceptions.

Java exceptions are not Python ones under Jython: every core call goes
through ``call``, which turns a failed system call into the Python
exception the caller names (IOError, select.error, OSError) and an
interrupted wait into KeyboardInterrupt, as Jython's own time.sleep does.
The waits block through ``WAIT_HOOK``, which Ctrl-C can end (see
``keyboard_interrupt_on_sigint``).
"""

import sys

import java.lang.IllegalStateException
from java.lang import Thread
from java.util.concurrent.atomic import AtomicBoolean, AtomicReference
from org.pyselect4j.core import Blocking, ErrnoException, Signals, WaitHook, WaitInterruptedException
from org.pyselect4j.jython import KernelDescriptors

NO_HOOK = WaitHook.NONE

_main_thread = None  # set by keyboard_interrupt_on_sigint
_sigint_pending = AtomicBoolean(False)
_main_wait = AtomicReference()  # the main thread's current wait (a Blocking.Attempt), or None


class _WaitHook(WaitHook):
    """Waits as WaitHook.NONE does; the main thread's can be ended by Ctrl-C."""

    def block(self, attempt):
        if Thread.currentThread() is not _main_thread:
            return NO_HOOK.block(attempt)
        _main_wait.set(attempt)
        try:
            while True:
                if _sigint_pending.getAndSet(False):
                    raise KeyboardInterrupt
                rc = attempt.getAsInt()
                if rc != Blocking.WOKEN:
                    return rc
        finally:
            _main_wait.set(None)


WAIT_HOOK = _WaitHook()


def keyboard_interrupt_on_sigint():
    """Ctrl-C raises KeyboardInterrupt in the main thread, as in CPython, for the
    command line (bin/pyselect4j-jython). Jython leaves SIGINT to the JVM, which
    exits, and runs Python handlers on a signal thread, where
    default_int_handler's exception is lost. Here the signal ends the main
    thread's wait in epoll.poll, poll.poll or select.select with
    KeyboardInterrupt, or interrupts its sleep, join or lock wait (Jython raises
    KeyboardInterrupt there); Python code that runs meanwhile gets it at its next
    such wait. A second Ctrl-C before the first was delivered ends the JVM as
    before. getsignal(SIGINT) gives default_int_handler. A SIGINT that came
    ignored stays ignored."""
    global _main_thread
    import signal
    if Signals.isIgnored(signal.SIGINT):
        return
    _main_thread = Thread.currentThread()
    jvm_handler = []

    class Interrupt(signal.JythonSignalHandler):
        def handle(self, sig):  # on a thread the JVM starts for the signal
            if _sigint_pending.getAndSet(True):
                jvm_handler[0].handle(sig)  # not delivered yet: the user insists
                return
            # Until the main thread takes it: while it runs Python code, look again every millisecond.
            while _sigint_pending.get() and _main_thread.isAlive():
                wait = _main_wait.get()
                if wait is not None:
                    wait.waker().wake()
                elif _main_thread.getState() in (Thread.State.WAITING, Thread.State.TIMED_WAITING):
                    if _sigint_pending.getAndSet(False):  # Jython raises KeyboardInterrupt for the sleep itself
                        _main_thread.interrupt()
                    return
                Thread.sleep(1)
    jvm_handler.append(signal._register_signal(signal._signals[signal.SIGINT],
                                               Interrupt(signal.default_int_handler)))


def call(error, function, *args):
    """function(*args); a failed system call raises error(errno, strerror)."""
    try:
        return function(*args)
    except ErrnoException, failure:
        raise error(failure.errno(), str(failure.strerror()))
    except WaitInterruptedException:
        raise KeyboardInterrupt


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
