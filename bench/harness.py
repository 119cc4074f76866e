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
    """Common options: --warmup-seconds, --rounds, --round-seconds, plus script ones."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--warmup-seconds", type=float, default=2.0,
                        help="warm up this long before measuring (lets a JIT compile)")
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


def warm_up(run_batch, batch_size, seconds, window_seconds):
    """Runs the workload for `seconds`, in windows; returns every window's rate.

    The whole time is spent, whatever the rates do: GraalPy's JIT compiles in
    tiers and in the background, so the rate can stay flat for seconds (still
    interpreted) before it jumps. Stopping at the first plateau measured
    interpreted code (seen here: 9k calls/s while warming, 445k/s later).
    """
    window_rates = []
    spent = 0.0
    while spent < seconds:
        operations, wall, _, _ = _run_for(run_batch, batch_size, min(window_seconds, seconds - spent))
        spent += wall
        window_rates.append(round(operations / wall, 1))
    return window_rates


def measure_throughput(run_batch, options):
    """Throughput of run_batch(n), which does n operations and returns how many it did.

    Warms up (options.warmup_seconds, see warm_up), then measures
    options.rounds rounds of options.round_seconds each. Returns a dict with the
    median operations per second, every round's rate, the warm-up windows' rates,
    and the median process and thread CPU seconds per operation.
    """
    batch_size = _batch_size_for(run_batch)
    warmup_rates = warm_up(run_batch, batch_size, options.warmup_seconds, options.round_seconds)
    batch_size = _batch_size_for(run_batch)  # recalibrate: compiled code is faster
    rates, process_cpu_per_operation, thread_cpu_per_operation = [], [], []
    for _ in range(options.rounds):
        operations, wall, process_cpu, thread_cpu = _run_for(run_batch, batch_size, options.round_seconds)
        rates.append(operations / wall)
        if operations:
            process_cpu_per_operation.append(process_cpu / operations)
            thread_cpu_per_operation.append(thread_cpu / operations)
    return {
        "ops_per_second": statistics.median(rates),
        "round_ops_per_second": [round(rate, 1) for rate in rates],
        "warmup_ops_per_second": warmup_rates,
        "process_cpu_seconds_per_op": _median_or_none(process_cpu_per_operation),
        "thread_cpu_seconds_per_op": _median_or_none(thread_cpu_per_operation),
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
