"""How promptly a blocked wait ends, and what it costs while blocked.

- signal: a SIGALRM handler that raises, armed while epoll.poll(), poll.poll()
  or select.select() waits on an idle pipe; latency is from the timer's expiry
  to the wait's end (median of --samples, after --warmup-samples unmeasured).
- idle CPU: one thread blocked --idle-seconds in ep.poll(); its own CPU time
  (CLOCK_THREAD_CPUTIME_ID) and the whole process's over that time.

Runs unchanged on CPython 3.13 and under bin/pyselect4j.
"""
import os
import select
import signal
import statistics
import threading
import time

import harness

TIMER_DELAY_S = 0.02


class _Stop(Exception):
    pass


class _Handler:
    """Raises during a measured wait; counts runs outside one (GraalPy was seen
    running a handler a second time, after its wait had ended)."""

    def __init__(self):
        self.armed = False
        self.stray_runs = 0

    def __call__(self, signum, frame):
        if self.armed:
            self.armed = False
            raise _Stop
        self.stray_runs += 1


_handler = _Handler()


def _waits(read_end):
    ep = select.epoll()
    ep.register(read_end, select.EPOLLIN)
    poll = select.poll()
    poll.register(read_end, select.POLLIN)
    return {
        "epoll": lambda: ep.poll(5.0),
        "poll": lambda: poll.poll(5000),
        "select": lambda: select.select([read_end], [], [], 5.0),
    }


def signal_latency_ms(wait):
    """From the timer's expiry to the end of the wait the raising handler ends."""
    while True:
        _handler.armed = True
        start = time.monotonic()
        try:
            signal.setitimer(signal.ITIMER_REAL, TIMER_DELAY_S)
            break
        except _Stop:  # a late run from the last sample, which found the handler armed again
            _handler.stray_runs += 1
    try:
        wait()
    except _Stop:
        return (time.monotonic() - start - TIMER_DELAY_S) * 1e3
    finally:
        _handler.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
    raise AssertionError("the wait ended without the handler's exception")


def idle_cpu(seconds):
    """CPU seconds of a thread blocked `seconds` in ep.poll(), and of the whole process meanwhile."""
    read_end, write_end = os.pipe()
    ep = select.epoll()
    ep.register(read_end, select.EPOLLIN)
    result = {}

    def blocked():
        thread_clock = time.CLOCK_THREAD_CPUTIME_ID
        cpu_before = time.clock_gettime(thread_clock)
        result["events"] = ep.poll(seconds)
        result["thread_cpu"] = time.clock_gettime(thread_clock) - cpu_before

    process_before, wall_before = time.process_time(), time.monotonic()
    thread = threading.Thread(target=blocked)
    thread.start()
    thread.join()
    process_cpu, wall = time.process_time() - process_before, time.monotonic() - wall_before
    ep.close()
    os.close(read_end)
    os.close(write_end)
    assert result["events"] == [], result
    return result["thread_cpu"], process_cpu, wall


def main():
    options = harness.parse_options(__doc__, lambda parser: (
        parser.add_argument("--samples", type=int, default=20),
        parser.add_argument("--warmup-samples", type=int, default=20),
        parser.add_argument("--idle-seconds", type=float, default=10.0)))
    read_end, write_end = os.pipe()
    previous = signal.signal(signal.SIGALRM, _handler)
    try:
        for name, wait in _waits(read_end).items():
            for _ in range(options.warmup_samples):
                signal_latency_ms(wait)
            _handler.stray_runs = 0
            latencies = sorted(signal_latency_ms(wait) for _ in range(options.samples))
            harness.emit("wake_latency", "signal_" + name, samples=len(latencies),
                         median_ms=statistics.median(latencies), min_ms=latencies[0], max_ms=latencies[-1],
                         stray_handler_runs=_handler.stray_runs)
    finally:
        signal.signal(signal.SIGALRM, previous)
    thread_cpu, process_cpu, wall = idle_cpu(options.idle_seconds)
    harness.emit("wake_latency", "idle_epoll_poll", seconds=wall, thread_cpu_ms=thread_cpu * 1e3,
                 process_cpu_ms=process_cpu * 1e3)


if __name__ == "__main__":
    main()
