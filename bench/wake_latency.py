"""How promptly a blocked wait ends, and what it costs while blocked.

- ready: epoll.poll(), poll.poll() or select.select() waiting on an idle pipe
  that another thread writes; latency from the write to the wait's end, and
  the waiting thread's CPU time (CLOCK_THREAD_CPUTIME_ID) over the whole wait.
- signal: a SIGALRM handler that raises, armed while epoll.poll(), poll.poll()
  or select.select() waits on an idle pipe; latency is from the timer's expiry
  to the wait's end (median of --samples, after --warmup-samples unmeasured).
- signal_kill: the same waits ended by a raising SIGUSR1 handler, the signal
  sent by another thread with os.kill; latency from the send to the wait's end.
- asyncio_signal: loop.add_signal_handler's callback while the loop idles in
  epoll.poll; latency from os.kill (another thread) to the callback.
- storm: SIGALRM every 5 ms during a 0.5 s epoll.poll: handler runs during the
  wait, runs of the replaced handler after it was replaced (CPython: 0), and
  a raising handler armed next: timer expiry to the wait's end.
- timeout: the waiting thread's CPU for one 10 ms ep.poll(0.01) that times
  out, and for the interpreter's own time.sleep(0.01): what blocking costs,
  apart from what wakes it.
- idle CPU: one thread blocked --idle-seconds in ep.poll(); its own CPU time
  (CLOCK_THREAD_CPUTIME_ID) and the whole process's over that time.
- steady state (--steady-seconds S): the ready, signal and signal_kill cases
  measured again as *_steady, after S seconds of the same wake-ups made
  quickly (2 ms apart) so that the JIT has compiled their paths; the cases
  above measure a fresh process's first waits.

Runs unchanged on CPython 3.13 and under bin/pyselect4j.
"""
import asyncio
import contextlib
import os
import select
import signal
import statistics
import threading
import time

import harness

TIMER_DELAY_S = 0.02
# The delay of the wake-ups that warm up the steady-state cases: short, as only their number matters.
WARMUP_DELAY_S = 0.002


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


def _acting_thread(action, delay):
    """A thread, started at once (starting one can take longer than the delay),
    that calls `action` `delay` seconds after the returned event is set; returns
    (thread, event, list that gets the time of the action)."""
    acted_at = []
    waiting = threading.Event()

    def act():
        waiting.wait()
        time.sleep(delay)
        acted_at.append(time.monotonic())
        action()
    thread = threading.Thread(target=act)
    thread.start()
    return thread, waiting, acted_at


def ready_latency_ms(wait, read_end, write_end, delay=TIMER_DELAY_S):
    """From another thread's write to the end of the wait it ends, and the waiting thread's CPU (ms both)."""
    writer, waiting, written = _acting_thread(lambda: os.write(write_end, b"x"), delay)
    cpu_before = time.clock_gettime(time.CLOCK_THREAD_CPUTIME_ID)
    waiting.set()
    wait()
    ended = time.monotonic()
    cpu = time.clock_gettime(time.CLOCK_THREAD_CPUTIME_ID) - cpu_before
    writer.join()
    os.read(read_end, 1)
    return (ended - written[0]) * 1e3, cpu * 1e3


def signal_latency_ms(wait, delay=TIMER_DELAY_S):
    """From the timer's expiry to the end of the wait the raising handler ends."""
    while True:
        _handler.armed = True
        start = time.monotonic()
        try:
            signal.setitimer(signal.ITIMER_REAL, delay)
            break
        except _Stop:  # a late run from the last sample, which found the handler armed again
            _handler.stray_runs += 1
    try:
        wait()
    except _Stop:
        return (time.monotonic() - start - delay) * 1e3
    finally:
        _handler.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
    raise AssertionError("the wait ended without the handler's exception")


def _later(seconds, action):
    thread = threading.Timer(seconds, action)
    thread.start()
    return thread


def kill_latency_ms(wait, delay=TIMER_DELAY_S):
    """From another thread's os.kill(SIGUSR1) to the end of the wait its raising handler ends."""
    sender, waiting, sent = _acting_thread(lambda: os.kill(os.getpid(), signal.SIGUSR1), delay)
    _handler.armed = True
    try:
        waiting.set()
        wait()
    except _Stop:
        ended = time.monotonic()
        sender.join()
        return (ended - sent[0]) * 1e3
    finally:
        _handler.armed = False
    raise AssertionError("the wait ended without the handler's exception")


async def _asyncio_latencies_ms(samples):
    loop = asyncio.get_running_loop()
    latencies = []
    for _ in range(samples):
        called = loop.create_future()
        loop.add_signal_handler(signal.SIGUSR1, lambda: called.set_result(time.monotonic()))
        sent = []

        def send():
            sent.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGUSR1)
        sender = _later(TIMER_DELAY_S, send)
        called_at = await called
        sender.join()
        loop.remove_signal_handler(signal.SIGUSR1)
        latencies.append((called_at - sent[0]) * 1e3)
    return latencies


def storm():
    """Handler runs during a 0.5 s SIGALRM storm (every 5 ms), runs of the replaced handler
    within 0.2 s after, and a raising handler's latency armed next."""
    counts = {"in_wait": 0, "after_replacement": 0}

    def old_handler(signum, frame):
        counts["in_wait"] += 1
    previous = signal.signal(signal.SIGALRM, old_handler)
    read_end, write_end = os.pipe()
    ep = select.epoll()
    ep.register(read_end, select.EPOLLIN)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.005, 0.005)
        ep.poll(0.5)
        signal.setitimer(signal.ITIMER_REAL, 0)
        in_wait = counts["in_wait"]
        signal.signal(signal.SIGALRM, lambda signum, frame: None)
        ep.poll(0.2)
        counts["after_replacement"] = counts["in_wait"] - in_wait
        counts["in_wait"] = in_wait
        signal.signal(signal.SIGALRM, _handler)
        counts["raise_ms"] = signal_latency_ms(lambda: ep.poll(5.0))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        ep.close()
        os.close(read_end)
        os.close(write_end)
    return counts


def _emit_latencies(case, latencies, **fields):
    latencies = sorted(latencies)
    harness.emit("wake_latency", case, samples=len(latencies), median_ms=statistics.median(latencies),
                 min_ms=latencies[0], max_ms=latencies[-1], **fields)


def timeout_cpus_ms(block, samples):
    """The calling thread's CPU milliseconds for each of `samples` runs of block()."""
    thread_clock = time.CLOCK_THREAD_CPUTIME_ID
    cpus = []
    for _ in range(samples):
        cpu_before = time.clock_gettime(thread_clock)
        block()
        cpus.append((time.clock_gettime(thread_clock) - cpu_before) * 1e3)
    return cpus


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


def _emit_ready(case, measured):
    latencies, cpus = zip(*measured)
    _emit_latencies(case, latencies, thread_cpu_ms_median=statistics.median(cpus))


def _emit_signal(case, measured):
    _emit_latencies(case, measured, stray_handler_runs=_handler.stray_runs)


def _wake_cases(waits, read_end, write_end, delay):
    """(case, one sample, how its samples are reported) of the ready, signal and signal_kill
    cases, woken `delay` seconds in; a ready sample gives (latency, thread CPU), the others the latency."""
    for name, wait in waits.items():
        yield "ready_" + name, lambda wait=wait: ready_latency_ms(wait, read_end, write_end, delay), _emit_ready
    for name, wait in waits.items():
        yield "signal_" + name, lambda wait=wait: signal_latency_ms(wait, delay), _emit_signal
    for name, wait in waits.items():
        yield "signal_kill_" + name, lambda wait=wait: kill_latency_ms(wait, delay), _emit_latencies


def measure_wakes(waits, read_end, write_end, warmup_samples, samples, suffix=""):
    """Emits each wake-up case: the median of `samples` after `warmup_samples` unmeasured."""
    for case, sample, emit in _wake_cases(waits, read_end, write_end, TIMER_DELAY_S):
        for _ in range(warmup_samples):
            sample()
        _handler.stray_runs = 0
        emit(case + suffix, [sample() for _ in range(samples)])


def warm_up_wakes(waits, read_end, write_end, seconds):
    """Makes every wake-up case's wake-ups, WARMUP_DELAY_S apart, in turn for `seconds`."""
    samples = [sample for _case, sample, _emit in _wake_cases(waits, read_end, write_end, WARMUP_DELAY_S)]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for sample in samples:
            sample()


@contextlib.contextmanager
def _raising_handlers():
    """SIGALRM and SIGUSR1 go to _handler meanwhile (the signal and signal_kill cases)."""
    previous = {signum: signal.signal(signum, _handler) for signum in (signal.SIGALRM, signal.SIGUSR1)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main():
    options = harness.parse_options(__doc__, lambda parser: (
        parser.add_argument("--samples", type=int, default=20),
        parser.add_argument("--warmup-samples", type=int, default=20),
        parser.add_argument("--idle-seconds", type=float, default=10.0),
        parser.add_argument("--steady-seconds", type=float, default=0.0)))
    read_end, write_end = os.pipe()
    waits = _waits(read_end)
    with _raising_handlers():
        measure_wakes(waits, read_end, write_end, options.warmup_samples, options.samples)
    idle_epoll = select.epoll()
    idle_epoll.register(read_end, select.EPOLLIN)
    for name, block in (("epoll", lambda: idle_epoll.poll(0.01)), ("sleep", lambda: time.sleep(0.01))):
        cpus = timeout_cpus_ms(block, options.warmup_samples + options.samples)[options.warmup_samples:]
        harness.emit("wake_latency", "timeout_" + name, samples=len(cpus),
                     thread_cpu_ms_median=statistics.median(cpus))
    idle_epoll.close()
    latencies = asyncio.run(_asyncio_latencies_ms(options.warmup_samples + options.samples))
    _emit_latencies("asyncio_signal", latencies[options.warmup_samples:])
    harness.emit("wake_latency", "storm", **storm())
    thread_cpu, process_cpu, wall = idle_cpu(options.idle_seconds)
    harness.emit("wake_latency", "idle_epoll_poll", seconds=wall, thread_cpu_ms=thread_cpu * 1e3,
                 process_cpu_ms=process_cpu * 1e3)
    if options.steady_seconds > 0:
        with _raising_handlers():
            warm_up_wakes(waits, read_end, write_end, options.steady_seconds)
            measure_wakes(waits, read_end, write_end, options.warmup_samples, options.samples, "_steady")


if __name__ == "__main__":
    main()
