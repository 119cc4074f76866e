#!/usr/bin/env python3
"""Time to result of short real workloads, from a cold process: what a user
meets before the JIT has warmed up. Compares engine settings of bin/pyselect4j
(and CPython 3.13) in the same run, interleaved; each cell is a fresh process.

Workloads (no warm-up, one measured window that starts at the script's first line):
  echo      bench/echo_server.py, 50 clients, 10 s: messages/s
  asyncio   bench/asyncio_exchange.py, 20 clients, 10 s: round trips/s
  dispatch  bench/timer_dispatch.py, 500 timerfds, 5 s: events/s
Reported: the rate over the window and the wall seconds of the whole process.

  bench/warmup.py                     CPython, the launcher's JIT (its shipped settings), no JIT
  bench/warmup.py --only jit --variant stock PYSELECT4J_JAVA_OPTS='-Dpolyglot.engine.CompilerThreads=-1'
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import variants  # bench/variants.py: --only and --variant

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = {
    "echo": ["echo_server.py", "--clients", "50", "--round-seconds", "10"],
    "asyncio": ["asyncio_exchange.py", "--clients", "20", "--round-seconds", "10"],
    "dispatch": ["timer_dispatch.py", "--timers", "500", "--interval", "0.001", "--round-seconds", "5"],
}
COLD = ["--warmup-seconds", "0", "--rounds", "1"]


def run_workload(command, environment, arguments):
    """Runs one workload in a fresh process: (its rate, wall seconds of the process)."""
    start = time.perf_counter()
    completed = subprocess.run(command + arguments + COLD, capture_output=True, text=True, cwd=BENCH_DIR,
                               env=dict(os.environ, **environment), timeout=900)
    wall = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (arguments[0], completed.returncode, completed.stderr[-2000:]))
    record = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")][0]
    return record["ops_per_second"], wall


def measure(interpreters, rounds, workloads=tuple(WORKLOADS), log=lambda message: None):
    samples = {(workload, key): [] for workload in workloads for key, _, _, _ in interpreters}
    loads = []
    for round_number in range(rounds):
        for workload in workloads:
            for key, _, command, environment in interpreters:
                loads.append(os.getloadavg()[0])
                samples[workload, key].append(run_workload(command, environment, WORKLOADS[workload]))
                log("%s under %s: %.0f/s, %.1f s (load %.1f)" % ((workload, key) + samples[workload, key][-1]
                                                                 + (loads[-1],)))
    return [{"benchmark": "warmup", "case": workload, "interpreter_key": key,
             "ops_per_second_median": statistics.median(rate for rate, _ in values),
             "wall_seconds_median": statistics.median(wall for _, wall in values),
             "samples": [[round(rate, 1), round(wall, 2)] for rate, wall in values],
             "load_average_median": statistics.median(loads)}
            for (workload, key), values in samples.items()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    variants.add_arguments(parser)
    parser.add_argument("--workloads", nargs="*", default=list(WORKLOADS), choices=list(WORKLOADS))
    options = parser.parse_args()
    interpreters = variants.chosen(options)
    records = measure(interpreters, options.rounds, options.workloads,
                      lambda message: print(message, file=sys.stderr, flush=True))
    for record in records:
        print(json.dumps(record))
    print("Cold workloads: median rate over the window (median wall s of the process), %d rounds, load %.1f"
          % (options.rounds, records[0]["load_average_median"]))
    keys = [key for key, _, _, _ in interpreters]
    by = {(record["case"], record["interpreter_key"]): record for record in records}
    print("\t".join(["workload"] + keys))
    for workload in options.workloads:
        print("\t".join([workload] + ["%.0f/s (%.1f s)" % (by[workload, key]["ops_per_second_median"],
                                                          by[workload, key]["wall_seconds_median"]) for key in keys]))


if __name__ == "__main__":
    main()
