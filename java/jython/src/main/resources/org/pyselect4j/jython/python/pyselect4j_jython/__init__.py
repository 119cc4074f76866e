"""pyselect4j for Jython 2.7: install() puts select.epoll, select.poll and
select.select over kernel descriptors, os.timerfd_*, time.clock_* and os.read,
os.write and os.close for kernel descriptors into this interpreter's modules."""

import os
import select
import sys
import time

from org.pyselect4j.jython import PySelect4jJython

from pyselect4j_jython import _os, _select, _timers


def install():
    """Installs pyselect4j into this interpreter; a second call does nothing."""
    if getattr(select, "epoll", None) is _select.epoll:
        return
    _select.install(select, PySelect4jJython.openEpolls(sys))
    _timers.install(os, time)
    _os.install(os)
