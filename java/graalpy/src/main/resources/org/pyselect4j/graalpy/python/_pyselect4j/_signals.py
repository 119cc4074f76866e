"""Signal delivery as CPython 3.13 does it, and ``signal.set_wakeup_fd``.

GraalPy catches signals through the JVM and queues one call per signal,
bound to the handler set when the signal arrived, run in the main thread
tens of milliseconds later; its ``set_wakeup_fd`` writes nothing. So for
every signal that gets a Python handler, pyselect4j catches the signal
itself (libpyselect4j's ``signal.c``, through ``org.pyselect4j.core.Signals``):
the C handler sets the signal's pending bit and writes the wake-up byte, and
the main thread runs ``dispatch()`` promptly, woken in a wait
(``SafepointWaits``) or, while it runs Python code, through a Truffle
thread-local action (the seam language's ``mainThreadCall``). ``dispatch``
runs the handler current at that moment, once per burst, as CPython's
``PyErr_CheckSignals``. SIG_DFL and SIG_IGN, and the signals the JVM keeps
for itself, stay GraalPy's.
"""

import _signal
import os
import sys
from _thread import get_ident

from ._args import BuiltinFunction, Keywords, One, Positional
from ._convert import c_int, c_int_parse_tuple

bridge = None  # the Java side, set by install()

# The JVM's own signals (crashes, safepoints, thread dumps, suspend/resume): never taken from it.
_JVM_SIGNALS = frozenset(getattr(_signal, name) for name in
                         ("SIGSEGV", "SIGBUS", "SIGFPE", "SIGILL", "SIGQUIT", "SIGTRAP", "SIGUSR2")
                         if hasattr(_signal, name))
# Signals GraalPy knows by name: only these may go to its own signal(), which fails on the others.
_GRAALPY_SIGNALS = frozenset(int(value) for name, value in vars(_signal).items()
                             if name.startswith("SIG") and not name.startswith(("SIG_", "SIGRT")))
_SIG_DFL = _signal.SIG_DFL
_SIG_IGN = _signal.SIG_IGN
_NSIG = _signal.NSIG
_MASK64 = (1 << 64) - 1

_handlers = {}  # signal number -> Python handler, for the signals pyselect4j catches
_dispositions = {}  # signal number -> what signal() last set (handler, SIG_DFL or SIG_IGN)
_main_thread = None
_dispatching = False  # dispatch() is running in the main thread
_graalpy = {}  # GraalPy's own functions, for what stays with it


def install(java_bridge, seam):
    """``seam``: pyselect4j's seam language, or None where the context does not permit it."""
    global bridge, _main_thread
    bridge = java_bridge
    _main_thread = get_ident()
    for name in ("signal", "getsignal", "siginterrupt", "set_wakeup_fd", "raise_signal"):
        _graalpy[name] = getattr(_signal, name)
    _graalpy["kill"] = os.kill
    _graalpy["unraisablehook"] = sys.unraisablehook  # GraalPy's own, not sys.__unraisablehook__
    if seam is not None:  # without it, handlers run when the main thread next waits
        bridge.signalDelivery(seam.mainThreadCall(dispatch))
    for function, parser in ((signal, _SIGNAL), (getsignal, _GETSIGNAL), (siginterrupt, _SIGINTERRUPT),
                             (set_wakeup_fd, _SET_WAKEUP_FD), (raise_signal, _RAISE_SIGNAL)):
        setattr(_signal, function.__name__, BuiltinFunction(function, parser, "_signal"))
    module = sys.modules.get("signal")
    if module is not None:  # signal.py imported _signal's functions by name
        for name in ("siginterrupt", "set_wakeup_fd", "raise_signal"):
            setattr(module, name, getattr(_signal, name))
    os.kill = BuiltinFunction(kill, _KILL, "posix")
    import _thread
    _thread.interrupt_main = BuiltinFunction(interrupt_main, _INTERRUPT_MAIN, "_thread")


_SIGNAL = Positional("signal", "_signal.signal", ("signalnum", "handler"), required=2)
_GETSIGNAL = One("_signal.getsignal", "signalnum")
_SIGINTERRUPT = Positional("siginterrupt", "_signal.siginterrupt", ("signalnum", "flag"), required=2)
_SET_WAKEUP_FD = Keywords("set_wakeup_fd", ("fd", "warn_on_full_buffer"), required=1,
                          defaults={"warn_on_full_buffer": True}, posonly=1, kwonly=1)
_RAISE_SIGNAL = One("_signal.raise_signal", "signalnum")
_KILL = Positional("kill", "posix.kill", ("pid", "signal"), required=2)
_INTERRUPT_MAIN = Positional("signum", "interrupt_main", ("signum",), required=0, defaults=(_signal.SIGINT,))


def _check_main_thread(function):
    if get_ident() != _main_thread:
        raise ValueError(f"{function} only works in main thread of the main interpreter")


def _check_range(signalnum):
    if not 1 <= signalnum < _NSIG:
        raise ValueError("signal number out of range")


def signal(*args, **kwargs):
    """Makes ``handler`` (a callable, SIG_DFL or SIG_IGN) what ``signalnum`` does; returns what it did before."""
    signalnum, handler = _SIGNAL.bind(args, kwargs)
    signalnum = c_int(signalnum)
    _check_main_thread("signal")
    _check_range(signalnum)
    is_default_or_ignore = type(handler) is int and handler in (_SIG_DFL, _SIG_IGN)
    if not callable(handler) and not is_default_or_ignore:
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    dispatch()  # as CPython: signals that arrived run under the handler they arrived for
    if signalnum in _JVM_SIGNALS:
        return _graalpy["signal"](signalnum, handler)
    old = _current(signalnum)
    if callable(handler):
        if signalnum not in _handlers:
            bridge.signalHandle(signalnum, True)  # the kernel's verdict first: EINVAL for SIGKILL, SIGSTOP
            if signalnum in _GRAALPY_SIGNALS:
                # Registers a JVM handler too, without which the JVM refuses to raise the signal
                # (GraalPy's setitimer and alarm raise SIGALRM so); it replaces pyselect4j's action,
                # so that is set again.
                try:
                    _graalpy["signal"](signalnum, handler)
                except BaseException:
                    bridge.signalRelease(signalnum)
                    raise
                bridge.signalHandle(signalnum, True)
        _handlers[signalnum] = handler
    else:
        if _handlers.pop(signalnum, None) is not None:
            bridge.signalRelease(signalnum)
        if signalnum in _GRAALPY_SIGNALS:
            _graalpy["signal"](signalnum, handler)
    _dispositions[signalnum] = handler
    return old


def _current(signalnum):
    if signalnum in _dispositions:
        return _dispositions[signalnum]
    # Only for a signal never set through pyselect4j: GraalPy's getsignal may answer wrongly.
    return _graalpy["getsignal"](signalnum) if signalnum in _GRAALPY_SIGNALS else _SIG_DFL


def getsignal(*args, **kwargs):
    """What ``signalnum`` does now: its Python handler, SIG_DFL, SIG_IGN or None."""
    signalnum = c_int(_GETSIGNAL.bind(args, kwargs))
    _check_range(signalnum)
    return _current(signalnum)


def siginterrupt(*args, **kwargs):
    """Whether ``signalnum`` interrupts system calls (true) or lets them restart (false)."""
    signalnum, flag = _SIGINTERRUPT.bind(args, kwargs)
    signalnum, flag = c_int(signalnum), c_int(flag)
    _check_range(signalnum)
    if signalnum in _handlers:
        bridge.signalHandle(signalnum, not flag)
    else:
        _graalpy["siginterrupt"](signalnum, flag)


def set_wakeup_fd(*args, **kwargs):
    """Makes every caught signal write its number, one byte, to the non-blocking fd (-1: none); returns the previous fd."""
    fd, warn_on_full_buffer = _SET_WAKEUP_FD.bind(args, kwargs)
    fd = c_int(fd)
    warn_on_full_buffer = bool(warn_on_full_buffer)
    _check_main_thread("set_wakeup_fd")
    if fd != -1:
        os.fstat(fd)
        if os.get_blocking(fd):
            raise ValueError(f"the fd {fd} must be in non-blocking mode")
    return bridge.signalSetWakeupFd(fd, warn_on_full_buffer)


def raise_signal(*args, **kwargs):
    """Sends ``signalnum`` to the calling thread; its Python handler has run when this returns."""
    bridge.signalRaise(c_int(_RAISE_SIGNAL.bind(args, kwargs)))
    dispatch()


def kill(*args, **kwargs):
    """``os.kill``; to this process, a signal with a Python handler goes to the calling thread."""
    if (len(args) == 2 and not kwargs and type(args[0]) is int and isinstance(args[1], int)
            and args[1] in _handlers and args[0] == os.getpid()):
        # In CPython a signal the process sends itself reaches the main thread (the process's first
        # thread) at once and its handler runs before the next bytecode. Here the JVM's first thread
        # would take it a moment later, so it goes to the calling thread, as raise(3) sends it.
        raise_signal(args[1])
    else:
        _graalpy["kill"](*args, **kwargs)


def interrupt_main(*args, **kwargs):
    """Simulates the arrival of a signal (SIGINT by default) for the main thread."""
    if kwargs:
        raise TypeError("interrupt_main() takes no keyword arguments")
    if len(args) > 1:
        raise TypeError(f"signum() takes at most 1 argument ({len(args)} given)")
    signalnum = c_int_parse_tuple(args[0]) if args else _signal.SIGINT
    _check_range(signalnum)
    if signalnum in _handlers:  # CPython ignores it for a signal without a Python handler
        raise_signal(signalnum)


def dispatch():
    """Runs the handlers of the signals that arrived, in the main thread, as PyErr_CheckSignals.

    Not re-entered: a safepoint inside a handler (or inside this function) may ask for another
    dispatch; the running one takes the signals that came meanwhile once its handler returns."""
    global _dispatching
    if _dispatching or get_ident() != _main_thread:
        return
    _dispatching = True
    try:
        while True:
            error = bridge.signalWakeupError()
            if error:
                _unraisable(OSError(error, os.strerror(error)),
                            "Exception ignored when trying to write to the signal wakeup fd")
            pending = bridge.signalsTakePending() & _MASK64
            if not pending:
                return
            _run_handlers(pending)
    finally:
        _dispatching = False


def _run_handlers(pending):
    signalnum = 0
    while pending:
        signalnum += 1
        bit = 1 << (signalnum - 1)
        if not pending & bit:
            continue
        pending &= ~bit
        handler = _handlers.get(signalnum)
        if handler is None:
            _unraisable(OSError(f"Signal {signalnum} ignored due to race condition"), None)
            continue
        try:
            handler(signalnum, _interrupted_frame())
        except BaseException:
            if pending:  # they stay pending, and the main thread is asked again
                bridge.signalsPutBack(pending if pending < 1 << 63 else pending - (1 << 64))
            raise


# The glue's files, all in one folder: a str method per frame, not posixpath's Python code,
# which runs interpreted here as rarely as signals come.
_GLUE_FILE_PREFIX = os.path.dirname(__file__) + os.sep


def _interrupted_frame():
    """The innermost frame outside pyselect4j's glue, or None (the thread-local action has no caller)."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(_GLUE_FILE_PREFIX):
        frame = frame.f_back
    return frame


def _unraisable(error, message):
    """Reports ``error`` as CPython's PyErr_FormatUnraisable does, with no object."""
    if sys.unraisablehook is not _graalpy["unraisablehook"]:
        sys.unraisablehook(sys.UnraisableHookArgs((type(error), error, None, message, None)))
        return
    # CPython's default hook, written here: GraalPy's does not write to sys.stderr.
    import traceback
    stream = sys.stderr
    if stream is None:
        return
    if message is not None:
        stream.write(message + ":\n")
    stream.write("".join(traceback.format_exception_only(type(error), error)))
    stream.flush()
