"""The functions as objects: what a program may do with them besides calling
them (keep them in a class, pickle them, find them in posix), as with
CPython's builtin functions."""

import _thread
import inspect
import os
import pickle
import posix
import select
import signal
import time

import pytest

OS_FUNCTIONS = [os.timerfd_create, os.timerfd_settime, os.timerfd_settime_ns, os.timerfd_gettime,
                os.timerfd_gettime_ns, os.eventfd, os.eventfd_read, os.eventfd_write, os.pidfd_open,
                os.pipe2, os.kill]
FUNCTIONS = OS_FUNCTIONS + [
    select.select, select.poll,
    time.clock_gettime, time.clock_gettime_ns, time.clock_getres, time.clock_settime,
    time.clock_settime_ns, time.pthread_getcpuclockid, time.process_time, time.process_time_ns,
    signal.set_wakeup_fd, signal.siginterrupt, signal.raise_signal,
    _thread.interrupt_main,
]


def each(functions):
    return pytest.mark.parametrize("function", functions, ids=[f.__name__ for f in functions])


@each(FUNCTIONS)
def test_pickled_by_name(function):
    assert pickle.loads(pickle.dumps(function)) is function


@each(FUNCTIONS)
def test_not_bound_as_a_method(function):
    class Holder:
        held = function
    assert Holder.held is function
    assert Holder().held is function


@each(FUNCTIONS)
def test_wraps_nothing(function):
    assert repr(function) == "<built-in function %s>" % function.__name__
    assert not hasattr(function, "__wrapped__")
    assert inspect.unwrap(function) is function


@each(OS_FUNCTIONS)
def test_os_functions_are_posix_functions(function):
    assert getattr(posix, function.__name__) is function


@pytest.mark.parametrize("name", ["TFD_NONBLOCK", "TFD_CLOEXEC", "TFD_TIMER_ABSTIME", "TFD_TIMER_CANCEL_ON_SET",
                                  "EFD_CLOEXEC", "EFD_NONBLOCK", "EFD_SEMAPHORE"])
def test_os_constants_are_posix_constants(name):
    assert getattr(posix, name) == getattr(os, name)


def test_a_function_kept_in_a_class_still_works():
    class Clocks:
        read = time.clock_gettime_ns
    assert Clocks().read(time.CLOCK_MONOTONIC) > 0
