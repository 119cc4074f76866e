"""pyselect4j for Jython 2.7: install() puts select.epoll, select.poll and
select.select over kernel descriptors, os.timerfd_*, time.clock_* and os.read,
os.write and os.close for kernel descriptors into this interpreter's modules."""

import os
import select
import sys
import time

from org.pyselect4j.jython import PySelect4jJython

from pyselect4j_jython import _kernel, _os, _select, _timers


def install():
    """Installs pyselect4j into this interpreter; a second call does nothing."""
    if getattr(select, "epoll", None) is _select.epoll:
        return
    _select.install(select, PySelect4jJython.openResources(sys))
    _timers.install(os, time)
    _os.install(os)


keyboard_interrupt_on_sigint = _kernel.keyboard_interrupt_on_sigint


def fileno(java_object):
    """The kernel descriptor of a java.nio channel, a Java stream or
    FileDescriptor, or one of Jython's files and pipes: the number
    epoll.poll() reports for it once it is registered.

    Needs the JVM options bin/pyselect4j-jython sets (--add-opens
    java.base/java.io and java.base/sun.nio.ch to ALL-UNNAMED)."""
    fd = _kernel.descriptor_of(java_object)
    if fd is None:
        raise TypeError("no kernel descriptor behind %r" % (java_object,))
    return fd
