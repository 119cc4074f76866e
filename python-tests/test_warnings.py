"""A bool given as a descriptor works but warns: RuntimeWarning, attributed to the line of the call."""

import contextlib
import inspect
import os
import select
import warnings

import pytest


def _register_in_new_epoll(fd):
    with select.epoll() as ep:
        ep.register(fd)


CALLS = {
    # Each takes True (descriptor 1); none writes to it. Failures of the call itself do not matter here.
    "epoll.register": _register_in_new_epoll,
    "poll.register": lambda fd: select.poll().register(fd),
    "select.select": lambda fd: select.select([fd], [], [], 0),
    "os.timerfd_gettime": lambda fd: os.timerfd_gettime(fd),
    "os.timerfd_settime": lambda fd: os.timerfd_settime(fd),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_bool_descriptor_warns_at_the_callers_line(name):
    call = CALLS[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.suppress(OSError):
            call(True)
    assert [str(w.message) for w in caught] == ["bool is used as a file descriptor"]
    assert caught[0].category is RuntimeWarning
    assert caught[0].filename == inspect.getsourcefile(call)
    source_lines, first_line = inspect.getsourcelines(call)
    assert first_line <= caught[0].lineno < first_line + len(source_lines)
