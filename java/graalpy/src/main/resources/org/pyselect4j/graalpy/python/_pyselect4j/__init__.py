"""pyselect4j's Python half for GraalPy: puts epoll, poll, select, timerfd and
clocks, implemented in Java, into the ``select``, ``os`` and ``time`` modules.

``install()`` runs from pyselect4j's ``sitecustomize`` as the context starts,
before any user code.
"""

import builtins
import sys

from . import _signals

_BRIDGE_CLASS = "org.pyselect4j.graalpy.Bridge"
_BACKEND_OPTION = "python.PosixModuleBackend=native"
# Set by PySelect4j.install: names the settings this context was built with (Installation.java).
_INSTALLATION_VARIABLE = "PYSELECT4J_INSTALLATION"
_problem = "pyselect4j's start-up hook did not run"
_SEAM_LANGUAGE = "pyselect4j"
# Why the frequent calls go through the host bridge instead of the seam; '' when they use the seam.
_seam_problem = "not installed"
_NO_SUCH_CLOCK = -1  # clock_gettime on it fails with EINVAL


def _checkpoint():
    """Called by the Java side when a wait was woken: running Python code here
    lets GraalPy deliver cancellation and its pending actions; the signals
    pyselect4j caught run their handlers (which may raise)."""
    if _signals.bridge is not None:
        _signals.dispatch()


def _seam(bridge):
    """pyselect4j's Truffle language (java/seam), bound to ``bridge``: the frequent
    calls made through it are compiled with the calling Python code. None where
    this context does not permit it; the bridge then takes those calls."""
    global _seam_problem
    try:
        import polyglot
        seam = polyglot.eval(language=_SEAM_LANGUAGE, string="")
    except Exception as e:  # not permitted, or no polyglot access: the bridge does the same work
        _seam_problem = (f"this context does not let Python evaluate pyselect4j's seam language "
                         f"'{_SEAM_LANGUAGE}' (PySelect4j.newBuilder() permits it): {type(e).__name__}: {e}")
        return None
    from . import _args
    seam.bind(bridge, _checkpoint, _args.NOT_PLAIN, _args.NOT_GIVEN, _args.pair, _args.tuple_of, ([], ()))
    _seam_problem = ""
    return seam


def _posix_backend():
    try:
        import __graalpython__
        return __graalpython__.posix_module_backend()
    except (ImportError, AttributeError):
        return "native"  # not GraalPy: descriptors are real


def _refuse(problem):
    """Puts functions that raise ``problem`` in place of pyselect4j's: never a call on the wrong descriptors."""
    global _problem
    _problem = problem
    import os
    import select

    def refuse(*args, **kwargs):
        raise OSError(problem)
    for module, names in ((select, ("epoll", "poll", "select")),
                          (os, ("timerfd_create", "timerfd_settime", "timerfd_settime_ns",
                                "timerfd_gettime", "timerfd_gettime_ns", "eventfd", "eventfd_read",
                                "eventfd_write", "pidfd_open", "pipe2"))):
        for name in names:
            setattr(module, name, refuse)


def install():
    global _problem
    import os
    import select
    import time
    # Ours, not the script's: it leaves os.environ before any user code or child process can see it.
    installation = os.environ.pop(_INSTALLATION_VARIABLE, None)
    backend = _posix_backend()
    if backend != "native":
        _refuse(f"pyselect4j needs GraalPy's native POSIX backend ({_BACKEND_OPTION}), "
                f"but this context uses '{backend}', whose descriptors are not the kernel's")
        return
    import atexit
    import java
    try:
        bridge_class = java.type(_BRIDGE_CLASS)
    except Exception:
        _refuse("pyselect4j cannot reach its Java bridge: a Context.Builder.allowHostClassLookup call replaced "
                "pyselect4j's host class lookup; allow your classes with "
                "PySelect4j.allowHostClassLookup(builder, predicate) instead")
        return
    bridge = bridge_class.create(builtins, _checkpoint, installation)
    from . import _stdio
    _stdio.install(bridge)
    # Registered first, so it runs last: the program's own exit handlers may still use epolls.
    atexit.register(bridge.closeAll)
    os_before = dict(vars(os))
    for module, family in ((select, "epoll"), (select, "poll"), (os, "timerfd"), (os, "eventfd"), (time, "clock")):
        names_and_values = bridge.constants(family)
        for i in range(0, len(names_and_values), 2):
            setattr(module, names_and_values[i], names_and_values[i + 1])
    from . import _args, _clocks, _descriptors, _select, _timerfd
    seam = _seam(bridge)
    _signals.install(bridge, seam)
    _select.install(bridge, seam, select)
    _timerfd.install(bridge, seam, os)
    _descriptors.install(bridge, os)
    _clocks.install(bridge, seam, time)
    _also_in_posix(os, os_before)
    _run_first_calls(os, time, select)
    select.error = OSError
    _when_imported("inspect", _args.sign_pending)
    if "selectors" in sys.modules:
        # It chose its selector classes when imported: let it choose again.
        import importlib
        importlib.reload(sys.modules["selectors"])
    _problem = ""


def _also_in_posix(os, os_before):
    """Puts what install() added to os (or replaced in it) into posix too: CPython's
    os has them from posix, where some code finds them, pickle among it (it names
    a builtin by its module)."""
    import posix
    for name, value in vars(os).items():
        if os_before.get(name) is not value:
            setattr(posix, name, value)


def _run_first_calls(os, time, select):
    """Runs each function's usual path twice on a scratch timer.

    The first runs of any path cost tens of times its later ones (the Java code
    and the glue both start interpreted). Paid here, at start-up (73-99 ms:
    README, Performance), they leave a program's first calls near their later cost, which
    timing-sensitive code needs: CPython's TimerfdTests allow 0.5 ms between a
    clock read and two timer calls. The waits' glue is the larger share, yet a
    program that waits pays it anyway, only later.
    """
    try:
        timer = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_CLOEXEC)
    except OSError:
        return  # no descriptor to spare (or timerfd refused here): the first calls will pay
    try:
        try:
            time.clock_gettime(_NO_SUCH_CLOCK)  # a failed system call's path (EINVAL)
        except OSError:
            pass
        for _ in range(2):
            now = time.clock_gettime(time.CLOCK_MONOTONIC)
            os.timerfd_settime(timer, flags=os.TFD_TIMER_ABSTIME, initial=now + 1000.0, interval=0)
            os.timerfd_settime(timer, flags=0, initial=0.0, interval=0.0)
            os.timerfd_gettime(timer)
            now_ns = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
            os.timerfd_settime_ns(timer, flags=os.TFD_TIMER_ABSTIME, initial=now_ns + 10**12, interval=0)
            os.timerfd_settime_ns(timer, flags=0, initial=0, interval=0)
            os.timerfd_gettime_ns(timer)
            time.clock_getres(time.CLOCK_MONOTONIC)
            os.timerfd_settime_ns(timer, initial=1)  # expired at once: readable, so each wait returns an event
            with select.epoll() as epoll:
                epoll.register(timer, select.EPOLLIN)
                epoll.modify(timer, select.EPOLLIN | select.EPOLLOUT)
                epoll.poll(0)
                epoll.fileno()
                epoll.unregister(timer)
            poll = select.poll()
            poll.register(timer, select.POLLIN)
            poll.modify(timer, select.POLLIN | select.POLLOUT)
            poll.poll(0)
            poll.unregister(timer)
            select.select([timer], [timer], [], 0)
            # One ready descriptor takes a path of its own: the same waits with two.
            try:
                twin = os.dup(timer)
            except OSError:
                continue  # no descriptor to spare
            try:
                with select.epoll() as epoll:
                    epoll.register(timer, select.EPOLLIN)
                    epoll.register(twin, select.EPOLLIN)
                    epoll.poll(0)
                poll.register(timer, select.POLLIN)
                poll.register(twin, select.POLLIN)
                poll.poll(0)
                select.select([timer, twin], [], [], 0)
            finally:
                os.close(twin)
    finally:
        os.close(timer)


class _AfterImport:
    """A meta path finder that runs ``callback`` right after ``name`` is first imported."""

    def __init__(self, name, callback):
        self.name, self.callback = name, callback

    def find_spec(self, name, path=None, target=None):
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        import importlib.machinery
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None:
            load = spec.loader.exec_module

            def exec_module(module):
                load(module)
                self.callback()
            spec.loader.exec_module = exec_module
        return spec


def _when_imported(name, callback):
    if name in sys.modules:
        callback()
    else:
        sys.meta_path.insert(0, _AfterImport(name, callback))


def status():
    """'' when pyselect4j is installed and usable here, else what is wrong."""
    return _problem


def seam_status():
    """'' when the frequent calls go through pyselect4j's seam, else why they go through the host bridge."""
    return _seam_problem
