#!/usr/bin/env python3
"""Start-up of bin/pyselect4j (JIT on and off) and CPython 3.13, measured from outside.

Four cases, each a fresh process, interleaved (every interpreter once per case
per round, so load from elsewhere hits all of them alike); medians reported:
  first line      process start to the script's first line printed on its stdout
  empty script    process start to exit, for an empty script
  import asyncio  process start to exit, for a script that imports asyncio
  daemon thread   process start to exit, for a script that leaves a daemon thread
                  waiting in epoll.poll() (CPython does not wait for it)
Each cell: median wall seconds (median CPU seconds of all the process's threads)
and the median of the processes' peak resident memory (ru_maxrss).

  bench/startup.py                  5 rounds, CPython, JIT, no-JIT
  bench/startup.py --rounds 3 --variant tuned PYSELECT4J_JAVA_OPTS='-XX:TieredStopAtLevel=1'
bench/run runs it too (measure() below).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import variants  # bench/variants.py: --only and --variant

CASES = {
    "first line": 'print("first line", flush=True)\nimport time\ntime.sleep(0)\n',
    "empty script": "",
    "import asyncio": "import asyncio\n",
    "daemon thread": ("import select, threading\n"
                      "started = threading.Event()\n"
                      "def wait_forever():\n"
                      "    started.set()\n"
                      "    select.epoll().poll()\n"
                      "threading.Thread(target=wait_forever, daemon=True).start()\n"
                      "started.wait()\n"),
}


def time_one(command, environment, script_path, wait_for_first_line):
    """(Seconds from spawning command + [script_path] to its first stdout line, or to its exit;
    CPU seconds of the whole process, all its threads; its peak resident memory in MiB.)"""
    with tempfile.TemporaryFile() as error_file:
        start = time.perf_counter()
        process = subprocess.Popen(command + [script_path], stdout=subprocess.PIPE, stderr=error_file,
                                   env=dict(os.environ, **environment))
        if wait_for_first_line:
            process.stdout.readline()
            seconds = time.perf_counter() - start
        process.stdout.read()
        # Reaped here, not by Popen: wait4 gives this one process's resource usage.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        if not wait_for_first_line:
            seconds = time.perf_counter() - start
        if process.returncode != 0:
            error_file.seek(0)
            raise RuntimeError("%s exited with status %d: %s" % (" ".join(command), process.returncode,
                                                                 error_file.read().decode(errors="replace")[-2000:]))
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(interpreters, rounds, log=lambda message: None, cases=tuple(CASES)):
    """interpreters: (key, label, command, environment) tuples. Returns one record per case and interpreter."""
    samples = {(case, key): [] for case in cases for key, _, _, _ in interpreters}
    cpu_samples = {(case, key): [] for case in cases for key, _, _, _ in interpreters}
    rss_samples = {(case, key): [] for case in cases for key, _, _, _ in interpreters}
    loads = []
    with tempfile.TemporaryDirectory(prefix="pyselect4j-startup-") as directory:
        scripts = {}
        for number, (case, text) in enumerate(CASES.items()):
            scripts[case] = os.path.join(directory, "case%d.py" % number)
            with open(scripts[case], "w") as script_file:
                script_file.write(text)
        for round_number in range(rounds):
            loads.append(os.getloadavg()[0])
            for case in cases:
                for key, _, command, environment in interpreters:
                    seconds, cpu_seconds, rss_mib = time_one(command, environment, scripts[case],
                                                             case == "first line")
                    samples[case, key].append(seconds)
                    cpu_samples[case, key].append(cpu_seconds)
                    rss_samples[case, key].append(rss_mib)
            log("start-up round %d/%d done (load %.1f)" % (round_number + 1, rounds, loads[-1]))
    return [{"benchmark": "startup", "case": case, "interpreter_key": key,
             "seconds_median": statistics.median(values), "seconds": [round(value, 3) for value in values],
             "cpu_seconds_median": statistics.median(cpu_samples[case, key]),
             "max_rss_mib_median": statistics.median(rss_samples[case, key]),
             "load_average_median": statistics.median(loads)}
            for (case, key), values in samples.items()]


def format_table(records, labels):
    keys = list(dict.fromkeys(record["interpreter_key"] for record in records))
    by = {(record["case"], record["interpreter_key"]): record["seconds_median"] for record in records}
    header = ["case"] + [labels.get(key, key) for key in keys]
    cpu = {(record["case"], record["interpreter_key"]): record["cpu_seconds_median"] for record in records}
    # Records of runs from before the peak memory was measured have none.
    rss = {(record["case"], record["interpreter_key"]): record.get("max_rss_mib_median") for record in records}
    cases = list(dict.fromkeys(record["case"] for record in records))
    lines = [[case] + ["%.2f (%.1f)%s" % (by[case, key], cpu[case, key],
                                          "" if rss[case, key] is None else " %d MiB" % rss[case, key])
                       for key in keys] for case in cases]
    widths = [max(len(str(row[column])) for row in [header] + lines) for column in range(len(header))]
    return "\n".join("  ".join(str(cell).rjust(width) if column else str(cell).ljust(width)
                               for column, (cell, width) in enumerate(zip(row, widths)))
                     for row in [header] + lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    variants.add_arguments(parser)
    parser.add_argument("--cases", nargs="*", default=list(CASES), choices=list(CASES))
    options = parser.parse_args()
    interpreters = variants.chosen(options)
    records = measure(interpreters, options.rounds,
                      lambda message: print(message, file=sys.stderr, flush=True), options.cases)
    for record in records:
        print(json.dumps(record))
    print("Start-up, median of %d rounds: wall seconds (CPU seconds of all threads) peak resident memory, "
          "load average %.1f" % (options.rounds, records[0]["load_average_median"]))
    print(format_table(records, {key: label for key, label, _, _ in interpreters}))


if __name__ == "__main__":
    main()
