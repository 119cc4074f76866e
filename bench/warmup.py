#!/usr/bin/env python3
"""Time to result of short real workloads, from a cold process: what a user
meets before the JIT has warmed up. Compares engine settings of bin/pyselect4j
(and CPython 3.13) in the same run, interleaved; each cell is a fresh process.

Workloads (no warm-up, one measured window that starts at the script's first line):
  echo      bench/echo_server.py, 50 clients, 10 s: messages/s
  asyncio   bench/asyncio_exchange.py, 20 clients, 10 s: round trips/s
  dispatch  bench/timer_dispatch.py, 500 timerfds, 5 s: events/s
Reported: the rate over the window and the wall seconds of the whole process.

With --curve SECONDS, each workload runs that long instead, measured in rounds
of 2.5 s, and the report gives the work done (messages, round trips, events)
by 10, 20, 30... seconds after the process started: what a program that must
do a fixed amount of work meets, start-up included.

  bench/warmup.py                     CPython, the launcher's JIT (its shipped settings), no JIT
  bench/warmup.py --only jit --variant stock PYSELECT4J_JAVA_OPTS='-Dpolyglot.engine.CompilerThreads=-1'
  bench/warmup.py --curve 40 --only jit --variant background PYSELECT4J_JIT=background
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
    "echo": ["echo_server.py", "--clients", "50", "--no-reference"],
    "asyncio": ["asyncio_exchange.py", "--clients", "20"],
    "dispatch": ["timer_dispatch.py", "--timers", "500", "--interval", "0.001", "--no-reference"],
}
WINDOW_SECONDS = {"echo": 10, "asyncio": 10, "dispatch": 5}
CURVE_ROUND_SECONDS = 2.5
CURVE_CHECKPOINT_SECONDS = 10


def window_arguments(workload, curve_seconds):
    """No warm-up; one window, or curve_seconds in rounds of CURVE_ROUND_SECONDS."""
    if curve_seconds:
        rounds, seconds = max(1, round(curve_seconds / CURVE_ROUND_SECONDS)), CURVE_ROUND_SECONDS
    else:
        rounds, seconds = 1, WINDOW_SECONDS[workload]
    return WORKLOADS[workload] + ["--warmup-seconds", "0", "--rounds", str(rounds), "--round-seconds", str(seconds)]


def work_by_checkpoints(record):
    """Work done by each CURVE_CHECKPOINT_SECONDS step after the process started, from the rounds' rates
    (linear within a round); the last checkpoint is the last one the run reached."""
    curve = [(record["startup_seconds"], 0.0)]
    for rate in record["round_ops_per_second"]:
        at, done = curve[-1]
        curve.append((at + CURVE_ROUND_SECONDS, done + rate * CURVE_ROUND_SECONDS))
    work = []
    checkpoint = CURVE_CHECKPOINT_SECONDS
    while checkpoint <= curve[-1][0]:
        later = next(index for index, (at, _) in enumerate(curve) if at >= checkpoint)
        if later == 0:
            work.append(0.0)
        else:
            (at0, done0), (at1, done1) = curve[later - 1], curve[later]
            work.append(done0 + (done1 - done0) * (checkpoint - at0) / (at1 - at0))
        checkpoint += CURVE_CHECKPOINT_SECONDS
    return work


def run_workload(command, environment, arguments):
    """Runs one workload in a fresh process: (its JSON record, wall seconds of the process)."""
    start = time.perf_counter()
    completed = subprocess.run(command + arguments, capture_output=True, text=True, cwd=BENCH_DIR,
                               env=dict(os.environ, **environment), timeout=900)
    wall = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (arguments[0], completed.returncode, completed.stderr[-2000:]))
    return [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")][0], wall


def measure(interpreters, rounds, workloads=tuple(WORKLOADS), log=lambda message: None, curve_seconds=0):
    samples = {(workload, key): [] for workload in workloads for key, _, _, _ in interpreters}
    loads = []
    for round_number in range(rounds):
        for workload in workloads:
            for key, _, command, environment in interpreters:
                loads.append(os.getloadavg()[0])
                record, wall = run_workload(command, environment, window_arguments(workload, curve_seconds))
                samples[workload, key].append((record, wall))
                log("%s under %s: %.0f/s, %.1f s (load %.1f)" % (workload, key, record["ops_per_second"], wall,
                                                                 loads[-1]))
    results = []
    for (workload, key), values in samples.items():
        result = {"benchmark": "warmup", "case": workload, "interpreter_key": key,
                  "ops_per_second_median": statistics.median(record["ops_per_second"] for record, _ in values),
                  "wall_seconds_median": statistics.median(wall for _, wall in values),
                  "samples": [[round(record["ops_per_second"], 1), round(wall, 2)] for record, wall in values],
                  "load_average_median": statistics.median(loads)}
        if curve_seconds:
            curves = [work_by_checkpoints(record) for record, _ in values]
            reached = min(len(curve) for curve in curves)
            result["checkpoint_seconds"] = [CURVE_CHECKPOINT_SECONDS * (index + 1) for index in range(reached)]
            result["work_by_checkpoint_median"] = [statistics.median(curve[index] for curve in curves)
                                                   for index in range(reached)]
        results.append(result)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    variants.add_arguments(parser)
    parser.add_argument("--workloads", nargs="*", default=list(WORKLOADS), choices=list(WORKLOADS))
    parser.add_argument("--curve", type=float, default=0, metavar="SECONDS",
                        help="run each workload this long and report the work done by every 10 s since launch")
    options = parser.parse_args()
    interpreters = variants.chosen(options)
    records = measure(interpreters, options.rounds, options.workloads,
                      lambda message: print(message, file=sys.stderr, flush=True), options.curve)
    for record in records:
        print(json.dumps(record))
    keys = [key for key, _, _, _ in interpreters]
    by = {(record["case"], record["interpreter_key"]): record for record in records}
    if options.curve:
        print("Cold workloads: median work done by each 10 s since the process started, %d rounds, load %.1f"
              % (options.rounds, records[0]["load_average_median"]))
        print("\t".join(["workload"] + keys))
        for workload in options.workloads:
            print("\t".join([workload] + [" / ".join("%.0fk" % (work / 1000)
                                                     for work in by[workload, key]["work_by_checkpoint_median"])
                                          for key in keys]))
        return
    print("Cold workloads: median rate over the window (median wall s of the process), %d rounds, load %.1f"
          % (options.rounds, records[0]["load_average_median"]))
    print("\t".join(["workload"] + keys))
    for workload in options.workloads:
        print("\t".join([workload] + ["%.0f/s (%.1f s)" % (by[workload, key]["ops_per_second_median"],
                                                          by[workload, key]["wall_seconds_median"]) for key in keys]))


if __name__ == "__main__":
    main()
