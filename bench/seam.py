"""The same core calls through the host-call bridge and through the Truffle seam
(java/seam), in one process, beside the full functions (CPython runs those only).

Cases (ops/s, one JSON line each):
  full_epoll_poll_idle       ep.poll(0), nothing registered (both interpreters)
  full_epoll_poll_ready100   ep.poll(0), 100 readable pipes registered (both)
  bridge_epoll_poll_idle     bridge.epollPollNs(core, 0, 1023): a host call, returns None
  seam_epoll_poll_idle       the same call through the seam
  bridge_epoll_poll_ready100 list(bridge.epollPollNs(core, 0, 1023)): 200 numbers out of a host array
  seam_epoll_poll_ready100   the same through the seam, a tuple the glue made of them
The bridge and seam cases run only under bin/pyselect4j (with the launcher's
context, which permits the seam).
"""
import os
import select

import harness

READY = 100


def repeat(call):
    def run_batch(count):
        for _ in range(count):
            call()
        return count
    return run_batch


def main():
    options = harness.parse_options(__doc__)
    idle = select.epoll()
    ready = select.epoll()
    pipes = [os.pipe() for _ in range(READY)]
    for read_end, write_end in pipes:
        ready.register(read_end, select.EPOLLIN)
        os.write(write_end, b"x")
    cases = {
        "full_epoll_poll_idle": repeat(lambda: idle.poll(0)),
        "full_epoll_poll_ready100": repeat(lambda: ready.poll(0)),
    }
    try:
        import _pyselect4j
        from _pyselect4j import _select
    except ImportError:
        _pyselect4j = None
    if _pyselect4j is not None:
        problem = _pyselect4j.seam_status()
        if problem:
            raise SystemExit(f"seam.py: the seam is off in this context: {problem}")
        # Each function read once, as the glue reads them.
        bridge_poll, seam_poll = _select.bridge.epollPollNs, _select.calls.epollPollNs
        idle_core, ready_core = idle._core, ready._core
        assert list(bridge_poll(ready_core, 0, 1023)) == list(seam_poll(ready_core, 0, 1023))
        cases.update({
            "bridge_epoll_poll_idle": repeat(lambda: bridge_poll(idle_core, 0, 1023)),
            "seam_epoll_poll_idle": repeat(lambda: seam_poll(idle_core, 0, 1023)),
            "bridge_epoll_poll_ready100": repeat(lambda: list(bridge_poll(ready_core, 0, 1023))),
            "seam_epoll_poll_ready100": repeat(lambda: list(seam_poll(ready_core, 0, 1023))),
        })
    for case_name, run_batch in cases.items():
        harness.emit("seam", case_name, **harness.measure_throughput(run_batch, options))


if __name__ == "__main__":
    main()
