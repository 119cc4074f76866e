"""Descriptor hygiene (issue 4, "Embedding reliability"): every descriptor
pyselect4j creates is close-on-exec, and none is leaked, whether closed
explicitly or left to the garbage collector.

PYSELECT4J_FD_CYCLES sets the number of create/close cycles (default 100000,
half epoll objects, half timerfds).
"""

import gc
import os
import select
import subprocess
import sys
import time

import pytest

CYCLES = int(os.environ.get("PYSELECT4J_FD_CYCLES", "100000"))


def epoll_plain():
    ep = select.epoll()
    return ep.fileno(), ep.close


def epoll_cloexec():
    ep = select.epoll(flags=select.EPOLL_CLOEXEC)
    return ep.fileno(), ep.close


def epoll_sizehint_no_flags():
    ep = select.epoll(sizehint=8, flags=0)
    return ep.fileno(), ep.close


def epoll_fromfd_minus_one():
    ep = select.epoll.fromfd(-1)
    return ep.fileno(), ep.close


def timerfd(clock, flags):
    def make():
        fd = os.timerfd_create(clock, flags=flags)
        return fd, lambda: os.close(fd)
    return make


CREATORS = {
    "epoll()": epoll_plain,
    "epoll(flags=EPOLL_CLOEXEC)": epoll_cloexec,
    "epoll(sizehint=8, flags=0)": epoll_sizehint_no_flags,
    "epoll.fromfd(-1)": epoll_fromfd_minus_one,
    "timerfd_create(MONOTONIC)": timerfd(time.CLOCK_MONOTONIC, 0),
    "timerfd_create(REALTIME, TFD_CLOEXEC)": timerfd(time.CLOCK_REALTIME, os.TFD_CLOEXEC),
    "timerfd_create(MONOTONIC, TFD_NONBLOCK)": timerfd(time.CLOCK_MONOTONIC, os.TFD_NONBLOCK),
    "timerfd_create(BOOTTIME, TFD_NONBLOCK|TFD_CLOEXEC)":
        timerfd(time.CLOCK_BOOTTIME, os.TFD_NONBLOCK | os.TFD_CLOEXEC),
}


def open_in_child(fds):
    """{fd: True if a child started with close_fds=False has it open}."""
    script = "for fd in %s; do if test -e /proc/self/fd/$fd; then echo $fd open; " \
             "else echo $fd closed; fi; done" % " ".join(str(fd) for fd in fds)
    child = subprocess.Popen(["/bin/sh", "-c", script], close_fds=False,
                             stdout=subprocess.PIPE, text=True)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    seen = dict(line.split() for line in out.splitlines())
    return {fd: seen[str(fd)] == "open" for fd in fds}


@pytest.mark.parametrize("name", list(CREATORS))
def test_created_descriptor_is_not_inherited(name):
    fd, close = CREATORS[name]()
    control_r, control_w = os.pipe()
    try:
        os.set_inheritable(control_r, True)  # the check must see an inherited fd
        assert os.get_inheritable(fd) is False
        in_child = open_in_child([fd, control_r])
        assert in_child[control_r] is True, "the child check cannot see inherited descriptors"
        assert in_child[fd] is False, "%s (fd %d) leaked into a child process" % (name, fd)
    finally:
        close()
        os.close(control_r)
        os.close(control_w)


# ----------------------------------------------------------------- leaks

def open_fds():
    return len(os.listdir("/proc/self/fd"))


def anon_inodes():
    """How many epoll and timerfd descriptors this process holds."""
    counts = {"anon_inode:[eventpoll]": 0, "anon_inode:[timerfd]": 0}
    for name in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink("/proc/self/fd/" + name)
        except OSError:
            continue  # the listing's own descriptor, gone already
        if target in counts:
            counts[target] += 1
    return counts


def test_a_fresh_interpreter_holds_no_epoll_or_timerfd():
    # pyselect4j's start-up runs each function's first calls on a scratch timer and epoll.
    script = ("import os\n"
              "targets = []\n"
              "for name in os.listdir('/proc/self/fd'):\n"
              "    try:\n"
              "        targets.append(os.readlink('/proc/self/fd/' + name))\n"
              "    except OSError:\n"
              "        pass\n"
              "print(sorted(t for t in targets if t in ('anon_inode:[eventpoll]', 'anon_inode:[timerfd]')))\n")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"


def test_create_close_cycles_leak_no_descriptor():
    gc.collect()
    fds_before, inodes_before = open_fds(), anon_inodes()
    epoll_cycles = CYCLES // 2
    timer_cycles = CYCLES - epoll_cycles
    start = time.monotonic()
    for i in range(epoll_cycles):
        if i % 4 == 0:
            ep = select.epoll.fromfd(-1)
            ep.close()
        elif i % 4 == 1:
            with select.epoll(flags=select.EPOLL_CLOEXEC):
                pass
        else:
            select.epoll().close()
    middle = time.monotonic()
    for i in range(timer_cycles):
        flags = os.TFD_CLOEXEC if i % 2 else os.TFD_NONBLOCK
        os.close(os.timerfd_create(time.CLOCK_MONOTONIC, flags=flags))
    end = time.monotonic()
    fds_after, inodes_after = open_fds(), anon_inodes()
    print("\n%d epoll create/close cycles in %.1f s, %d timerfd cycles in %.1f s; "
          "open descriptors before %d, after %d; epoll/timerfd before %s, after %s"
          % (epoll_cycles, middle - start, timer_cycles, end - middle,
             fds_before, fds_after, inodes_before, inodes_after))
    assert inodes_after == inodes_before
    assert fds_after == fds_before


def inode(fd):
    try:
        return os.stat("/proc/self/fd/%d" % fd).st_ino
    except FileNotFoundError:
        return None


@pytest.mark.parametrize("make", [select.epoll, lambda: select.epoll.fromfd(-1)],
                         ids=["epoll()", "epoll.fromfd(-1)"])
def test_unreferenced_epoll_releases_its_descriptor(make):
    kept = make()  # referenced: must stay open
    dropped = make()
    kept_fd, dropped_fd = kept.fileno(), dropped.fileno()
    kept_inode, dropped_inode = inode(kept_fd), inode(dropped_fd)
    assert dropped_inode is not None
    del dropped
    # CPython frees it at once; a tracing collector needs a few rounds.
    start = time.monotonic()
    rounds = 0
    while inode(dropped_fd) == dropped_inode and rounds < 20:
        gc.collect()
        rounds += 1
        if inode(dropped_fd) == dropped_inode:
            time.sleep(0.05)
    print("\nunreferenced epoll: descriptor released after %d gc.collect() rounds, %.2f s"
          % (rounds, time.monotonic() - start))
    try:
        assert inode(dropped_fd) != dropped_inode, "the unreferenced epoll kept its descriptor"
        assert inode(kept_fd) == kept_inode and not kept.closed
    finally:
        kept.close()
