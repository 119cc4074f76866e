"""Shared timing harness for the pyselect4j benchmark scripts.

Every benchmark script runs unchanged under CPython 3.13 and under bin/pyselect4j
(GraalPy). It parses the common options, warms up, measures several timed rounds,
and prints one JSON object per measured case on stdout (lines starting with '{').
"""
import argparse
import json
import os
import statistics
import sys
import time


def seconds_since_process_start():
    """Wall seconds since the kernel started this process (from /proc), or None.

    Taken when the harness is imported, it is the interpreter's start-up time:
    everything that ran before the first line of the benchmark script.
    """
    try:
        with open("/proc/self/stat") as stat_file:
            after_command = stat_file.read().rsplit(")", 1)[1].split()
        start_ticks = int(after_command[19])  # field 22 of proc(5)
        with open("/proc/uptime") as uptime_file:
            uptime = float(uptime_file.read().split()[0])
        return round(uptime - start_ticks / os.sysconf("SC_CLK_TCK"), 3)
    except (OSError, ValueError, IndexError):
        return None


STARTUP_SECONDS = seconds_since_process_start()


def interpreter_name():
    return "%s %s" % (sys.implementation.name, ".".join(map(str, sys.version_info[:3])))


def parse_options(description, add_arguments=None):
    """Common options: --warmup-seconds, --max-warmup-seconds, --rounds, --round-seconds, plus script ones."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--warmup-seconds", type=float, default=2.0,
                        help="warm up this long before measuring (lets a JIT compile)")
    parser.add_argument("--max-warmup-seconds", type=float, default=None,
                        help="go on warming up, up to this long, while the rate still climbs (%s)"
                             % CLIMBING.replace("%", "%%"))
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds; the median is reported")
    parser.add_argument("--round-seconds", type=float, default=0.5, help="length of one measured round")
    if add_arguments:
        add_arguments(parser)
    return parser.parse_args()


def add_no_reference(parser):
    """--no-reference, for the scripts that run a reference case after their own
    (the same work done by the interpreter's own calls alone): leaves it out."""
    parser.add_argument("--no-reference", action="store_true",
                        help="leave out the reference case (the interpreter's own calls alone)")


def emit(benchmark, case, **fields):
    """Print one result line: a JSON object the bench/run driver collects."""
    record = {"benchmark": benchmark, "case": case, "interpreter": interpreter_name(),
              "startup_seconds": STARTUP_SECONDS}
    record.update(fields)
    print(json.dumps(record), flush=True)


def _run_for(run_batch, batch_size, seconds):
    """Calls run_batch(batch_size) until `seconds` passed.

    Returns (operations, wall seconds, process CPU seconds, this thread's CPU seconds).
    Process CPU includes other threads (on the JVM: JIT compilers and the GC).
    """
    operations = 0
    process_cpu_start, thread_cpu_start = time.process_time(), time.thread_time()
    start = time.perf_counter()
    deadline = start + seconds
    now = start
    while now < deadline:
        operations += run_batch(batch_size)
        now = time.perf_counter()
    return (operations, now - start, time.process_time() - process_cpu_start,
            time.thread_time() - thread_cpu_start)


def _batch_size_for(run_batch, target_seconds=0.005):
    """Doubles the batch until one batch takes about target_seconds (keeps clock reads rare)."""
    batch_size = 1
    while True:
        start = time.perf_counter()
        run_batch(batch_size)
        if time.perf_counter() - start >= target_seconds or batch_size >= 1 << 20:
            return batch_size
        batch_size *= 2


# Warming up beyond --warmup-seconds (up to --max-warmup-seconds) lasts while the
# best window of the last CLIMB_SPAN_SECONDS beats the best of the span before
# it by more than CLIMB_MARGIN: the JIT is still making the code faster.
CLIMB_SPAN_SECONDS = 10.0
CLIMB_MARGIN = 0.05
CLIMBING = "its best over %g s more than %g%% above the %g s before" % (
    CLIMB_SPAN_SECONDS, CLIMB_MARGIN * 100, CLIMB_SPAN_SECONDS)


class WarmupRule:
    """When a throughput case's warm-up ends, counted in windows of `window_seconds`.

    At least `minimum_seconds` of windows, all of them spent whatever the rates
    do: GraalPy's JIT can leave the rate flat for seconds (still interpreted)
    before it jumps, so a plateau is no sign of steady state (stopping at the
    first one measured interpreted code: 9k calls/s, against 445k/s later).
    Beyond that, up to `maximum_seconds`, while the rate still climbs.
    """

    def __init__(self, window_seconds, minimum_seconds, maximum_seconds):
        self.minimum = round(minimum_seconds / window_seconds)
        self.maximum = max(self.minimum, round(maximum_seconds / window_seconds))
        self.span = max(1, round(CLIMB_SPAN_SECONDS / window_seconds))

    def climbing(self, rates):
        """Whether the rates, window by window, still climb (too few windows to tell: yes)."""
        span = self.span
        return len(rates) < 2 * span or max(rates[-span:]) > (1 + CLIMB_MARGIN) * max(rates[-2 * span:-span])

    def ended(self, rates):
        """Whether the warm-up is over after the windows whose rates are `rates`."""
        count = len(rates)
        return count >= self.maximum or (count >= self.minimum and not self.climbing(rates))


def measure_throughput(run_batch, options):
    """Throughput of run_batch(n), which does n operations and returns how many it did.

    Runs windows of options.round_seconds: first the warm-up (see
    WarmupRule), then options.rounds measured ones. Both are windows of
    one loop, so that the rounds run the very code the warm-up made hot: timed
    by a loop of their own (a new call site), GraalPy's JIT ran the first one
    or two rounds after a 30 s warm-up at 55-60% of its rate before and after.
    Returns a dict with the median operations per second, every round's rate,
    the warm-up windows' rates and seconds, whether it ended at its maximum
    with the rate still climbing, and the median process and thread CPU
    seconds per operation.
    """
    batch_size = _batch_size_for(run_batch)
    rule = WarmupRule(options.round_seconds, options.warmup_seconds,
                      max(options.warmup_seconds, options.max_warmup_seconds or 0))
    windows, rates = [], []
    warm = 0 if rule.ended(rates) else None  # the warm-up's windows, once it has ended
    while warm is None or len(windows) < warm + options.rounds:
        window = _run_for(run_batch, batch_size, options.round_seconds)
        windows.append(window)
        rates.append(window[0] / window[1])
        if warm is None and rule.ended(rates):
            warm = len(windows)
    per_operation = [(process_cpu / operations, thread_cpu / operations)
                     for operations, _, process_cpu, thread_cpu in windows[warm:] if operations]
    return {
        "ops_per_second": statistics.median(rates[warm:]),
        "round_ops_per_second": [round(rate, 1) for rate in rates[warm:]],
        "warmup_ops_per_second": [round(rate, 1) for rate in rates[:warm]],
        "warmup_seconds": round(sum(wall for _, wall, _, _ in windows[:warm]), 1),
        # Ended at --max-warmup-seconds with the rate still climbing: not yet steady.
        "warmup_still_climbing": warm == rule.maximum > rule.minimum and rule.climbing(rates[:warm]),
        "process_cpu_seconds_per_op": _median_or_none([process for process, _ in per_operation]),
        "thread_cpu_seconds_per_op": _median_or_none([thread for _, thread in per_operation]),
        "batch_size": batch_size,
    }


def _median_or_none(values):
    return statistics.median(values) if values else None


def median_of_rounds(run_once, rounds):
    """Runs run_once() `rounds` times; each returns a dict of numbers. Returns per-key medians."""
    results = [run_once() for _ in range(rounds)]
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def max_rss_kib():
    """Peak resident set size of this process in KiB (ru_maxrss), or None."""
    try:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except (ImportError, AttributeError, OSError):
        return None
