"""Spike: one core call through today's host-call bridge and through the Truffle
seam (java/seam), side by side, with CPython's full function for reference.

Cases (ops/s, one JSON line each):
  full_epoll_poll_idle       select.epoll().poll(0), nothing registered (both interpreters)
  full_timerfd_gettime       os.timerfd_gettime(fd) of an armed timer (both)
  bridge_epoll_poll_idle     bridge.epollPoll(core, 0, 1023): the host call the glue makes
  seam_epoll_poll_idle       seam.epollPoll(epoll, 0, 1023): the same core call through the seam
  bridge_timerfd_gettime     a, b, c, d = bridge.timerfdGetTime(fd)
  seam_timerfd_gettime       a, b, c, d = seam.timerfdGettime(fd)
The bridge and seam cases run only under bin/pyselect4j.
"""
import os
import select
import time

import harness


def repeat(call):
    def run_batch(count):
        for _ in range(count):
            call()
        return count
    return run_batch


def main():
    options = harness.parse_options(__doc__)
    timer_fd = os.timerfd_create(time.CLOCK_MONOTONIC)
    os.timerfd_settime(timer_fd, initial=1000.0)
    epoll = select.epoll()
    cases = {
        "full_epoll_poll_idle": lambda: repeat(lambda: epoll.poll(0)),
        "full_timerfd_gettime": lambda: repeat(lambda: os.timerfd_gettime(timer_fd)),
    }
    try:
        import polyglot
        from _pyselect4j import _select
    except ImportError:
        polyglot = None
    if polyglot is not None:
        bridge, core = _select.bridge, epoll._core
        seam = polyglot.eval(language="pyselect4j", string="")
        seam_poll, seam_gettime = seam.epollPoll, seam.timerfdGettime
        seam_epoll = seam.epollCreate()
        assert bridge.epollPoll(core, 0, 1023) is None and seam_poll(seam_epoll, 0, 1023) is None

        def bridge_gettime():
            a, b, c, d = bridge.timerfdGetTime(timer_fd)

        def seam_gettime_call():
            a, b, c, d = seam_gettime(timer_fd)

        assert list(bridge.timerfdGetTime(timer_fd))[2:] == list(seam_gettime(timer_fd))[2:]
        cases.update({
            "bridge_epoll_poll_idle": lambda: repeat(lambda: bridge.epollPoll(core, 0, 1023)),
            "seam_epoll_poll_idle": lambda: repeat(lambda: seam_poll(seam_epoll, 0, 1023)),
            "bridge_timerfd_gettime": lambda: repeat(bridge_gettime),
            "seam_timerfd_gettime": lambda: repeat(seam_gettime_call),
        })
    for case_name, make_run_batch in cases.items():
        harness.emit("seam_spike", case_name, **harness.measure_throughput(make_run_batch(), options))


if __name__ == "__main__":
    main()
