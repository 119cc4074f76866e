"""Tables and charts for bench/run's results (no third-party packages needed)."""
import math
import statistics
from xml.sax.saxutils import escape

import harness
import startup

COMPARED = ("jit", "nojit")  # interpreter keys compared with "cpython"


def _records(results, benchmark):
    return [record for record in results["records"] if record["benchmark"] == benchmark]


def _by_interpreter(records, value_of):
    return {record["interpreter_key"]: value_of(record) for record in records}


def _row(label, unit, records, value_of):
    """A throughput row without a C floor: value_of(record) per interpreter."""
    row = {"label": label, "unit": unit, "floor_ns": None}
    row.update(_by_interpreter(records, value_of))
    return row


def table_rows(results):
    """One row per measured throughput: label, unit, value per interpreter key, C floor ns/op."""
    rows = []
    call_cost = _records(results, "call_cost")
    for case in dict.fromkeys(record["case"] for record in call_cost):
        case_records = [record for record in call_cost if record["case"] == case]
        row = {"label": case, "unit": "calls/s"}
        row.update(_by_interpreter(case_records, lambda record: record["ops_per_second"]))
        row.pop("floor", None)
        floor_ns = {record.get("threads", 1): record["ns_per_op"]
                    for record in case_records if record["interpreter_key"] == "floor"}
        row["floor_ns"], row["floor_threads_ns"] = floor_ns.get(1), floor_ns.get(2)
        rows.append(row)
    dispatch = _records(results, "timer_dispatch")
    if dispatch:
        timers = next((record["timers"] for record in dispatch if "timers" in record), "?")
        row = {"label": "timer dispatch, %s timerfds" % timers, "unit": "events/s"}
        row.update(_by_interpreter(dispatch, lambda record: record["ops_per_second"]))
        floor = row.pop("floor", None)
        row["floor_ns"] = 1e9 / floor if floor else None
        rows.append(row)
    reads_only = _records(results, "timer_dispatch_reference")
    if reads_only:
        rows.append(_row("dispatch's reads alone, %s fds (reference)" % reads_only[0]["timers"], "reads/s",
                         reads_only, lambda record: record["ops_per_second"]))
    scale = [record for record in _records(results, "timer_scale") if "timers" in record]
    if scale:
        count = "/".join(map(str, sorted({record["timers"] for record in scale})))
        rows += [
            _row("scale: create+arm+register %s" % count, "timers/s", scale,
                 lambda record: record["timers"] / record["setup_seconds"]),
            _row("scale: own dup+close %s (reference)" % count, "fds/s", scale,
                 lambda record: 1e6 / (record["own_dup_us_per_fd"] + record["own_close_us_per_fd"])),
            _row("scale: one poll of %s events" % count, "events/s", scale,
                 lambda record: record["poll_events"] / record["poll_seconds"]),
            _row("scale: own list of %s pairs (reference)" % count, "pairs/s", scale,
                 lambda record: record["timers"] / record["own_pairs_seconds"]),
        ]
    for label, records in (("selectors echo, %s clients", _records(results, "echo_server")),
                           ("echo without selector, %s clients (reference)",
                            _records(results, "echo_server_reference"))):
        if records:
            rows.append(_row(label % records[0].get("clients", "?"), "messages/s", records,
                             lambda record: record["ops_per_second"]))
    return rows


def si(value):
    """A rate in 3 significant digits with a k/M suffix; '-' when missing."""
    if value is None:
        return "-"
    for divisor, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= divisor:
            return "%.3g%s" % (value / divisor, suffix)
    return "%.3g" % value


def ratio(value, reference):
    if value is None or not reference:
        return None
    return value / reference


def ratio_text(value):
    if value is None:
        return "-"
    return "%.2fx" % value if value >= 0.01 else "%.2gx" % value


def _table(header, lines):
    widths = [max(len(str(cells[column])) for cells in [header] + lines) for column in range(len(header))]

    def line(cells):
        return "  ".join(str(cell).rjust(width) if column else str(cell).ljust(width)
                         for column, (cell, width) in enumerate(zip(cells, widths)))
    return "\n".join([line(header), line(["-" * width for width in widths])] + [line(cells) for cells in lines])


def format_tables(results, rows):
    throughput = _table(
        ["benchmark", "unit", "CPython 3.13", "JIT", "JIT/CPy", "no-JIT", "no-JIT/CPy",
         "CPy 2 threads", "JIT/CPy 2 thr", "C floor ns/op", "C 2 threads"],
        [[row["label"], row["unit"], si(row.get("cpython")),
          si(row.get("jit")), ratio_text(ratio(row.get("jit"), row.get("cpython"))),
          si(row.get("nojit")), ratio_text(ratio(row.get("nojit"), row.get("cpython"))),
          si(row.get("cpython_threads")), ratio_text(ratio(row.get("jit"), row.get("cpython_threads"))),
          _ns(row.get("floor_ns")), _ns(row.get("floor_threads_ns"))] for row in rows])
    sections = ["Throughput (median of rounds; ratio > 1 means faster than CPython; \"2 threads\": with a second "
                "thread asleep, as a JVM always has other threads)", throughput]
    labels = {key: value["label"] for key, value in results["interpreters"].items()}

    warmed = [record for record in results["records"] if "warmup_seconds" in record]
    if warmed:
        sections += ["", "Warm-up before the measured rounds, seconds: --warmup-seconds, then on while the rate "
                         "still climbed (%s), up to --max-warmup-seconds (\"still climbing\": stopped there)"
                     % harness.CLIMBING,
                     _case_table("case", warmed, labels, lambda record: record["benchmark"] + " " + record["case"],
                                 lambda record: "%.1f%s" % (record["warmup_seconds"],
                                                            " still climbing" if record["warmup_still_climbing"]
                                                            else ""))]

    startup_records = _records(results, "startup")
    if startup_records:
        sections += ["", "Start-up, measured from outside: median wall s (median CPU s of all threads) and peak "
                     "resident memory, load %.1f" % startup_records[0]["load_average_median"],
                     startup.format_table(startup_records, labels)]

    startup_lines = []
    for key, label in labels.items():
        runs = [run for run in results["runs"] if run["interpreter_key"] == key]
        startups = [run["startup_seconds"] for run in runs if run["startup_seconds"] is not None]
        if runs:
            startup_lines.append([label, len(runs), "%.2f" % statistics.median(startups) if startups else "-",
                                  "%.2f" % min(startups) if startups else "-",
                                  "%.1f" % statistics.median(run["load_average_before"] for run in runs)])
    sections += ["", "Start-up of each benchmark run (process start to first line of the benchmark script)",
                 _table(["interpreter", "runs", "median s", "min s", "load avg"], startup_lines)]

    dispatch_lines = [[labels.get(record["interpreter_key"], record["interpreter_key"]),
                       "%.2f" % (record["process_cpu_seconds_per_op"] * 1e6),
                       "%.2f" % (record["thread_cpu_seconds_per_op"] * 1e6),
                       "%.1f" % (record["expirations_per_second_overall"] / record["ops_per_second"])]
                      for record in _records(results, "timer_dispatch") if "process_cpu_seconds_per_op" in record]
    if dispatch_lines:
        sections += ["", "Timer dispatch CPU (process CPU counts JIT compiler and GC threads too)",
                     _table(["interpreter", "process CPU us/event", "thread CPU us/event",
                             "expirations/event"], dispatch_lines)]

    scale_lines = [[labels.get(record["interpreter_key"], record["interpreter_key"]), record["timers"],
                    "%.2f" % record["create_us_per_timer"], "%.2f" % record["arm_us_per_timer"],
                    "%.2f" % record["register_us_per_timer"], "%.2f" % record["close_us_per_timer"],
                    "%.1f" % (record["poll_seconds"] * 1e3), record["poll_events"],
                    "%.1f" % (record["own_pairs_seconds"] * 1e3),
                    "%.2f" % record["own_dup_us_per_fd"], "%.2f" % record["own_close_us_per_fd"],
                    _mib(record["max_rss_kib_before"]), _mib(record["max_rss_kib_after"])]
                   for record in _records(results, "timer_scale") if "timers" in record]
    if scale_lines:
        notes = sorted({"%s: wanted %d, open-files limit %d; %s" % (
            labels.get(record["interpreter_key"]), record["timers_wanted"], record["open_files_limit"],
            record["limit_note"]) for record in _records(results, "timer_scale") if "timers" in record})
        sections += ["", "Scale (median of rounds; max RSS before and after the first round)",
                     _table(["interpreter", "timers", "create us", "arm us", "register us", "close us",
                             "poll ms", "events", "own pairs ms", "own dup us", "own close us", "RSS before MiB",
                             "RSS after MiB"], scale_lines)] + notes

    cold = _records(results, "cold_calls")
    if cold:
        sections += ["", "Cold calls in a fresh process, microseconds: first / second / warm (median), "
                         "each function once, in this order",
                     _case_table("function", cold, labels, lambda record: record["case"],
                                 lambda record: "%s / %s / %s" % (_us(record["first_us"]), _us(record["second_us"]),
                                                                  _us(record["warm_us"])))]

    wake_lines = _latency_lines(results, "wake_latency", labels)
    wake_lines += [[labels.get(record["interpreter_key"], record["interpreter_key"]),
                    record["case"] + ": the waiting thread's CPU a wait", "%.2f" % record["thread_cpu_ms_median"], "", ""]
                   for record in _records(results, "wake_latency") if "thread_cpu_ms_median" in record]
    wake_lines += [[labels.get(record["interpreter_key"], record["interpreter_key"]),
                    "idle ep.poll() %.0f s: thread CPU ms" % record["seconds"], "%.2f" % record["thread_cpu_ms"],
                    "process CPU ms", "%.1f" % record["process_cpu_ms"]]
                   for record in _records(results, "wake_latency") if "thread_cpu_ms" in record]
    wake_lines += [[labels.get(record["interpreter_key"], record["interpreter_key"]),
                    "SIGALRM storm: handler runs in 0.5 s / after replacement", "%d" % record["in_wait"],
                    "%d" % record["after_replacement"], "raise %.2f ms" % record["raise_ms"]]
                   for record in _records(results, "wake_latency") if "in_wait" in record]
    if wake_lines:
        sections += ["", "Waits woken (ms): ready_*: another thread's write to the end of the wait; "
                         "signal_*: a raising SIGALRM handler, timer expiry to the end of the wait; "
                         "signal_kill_*: SIGUSR1 sent by os.kill from a thread; asyncio_signal: to the callback; "
                         "timeout_*: a 10 ms ep.poll() or time.sleep(); *_steady: the same wake-ups again once "
                         "warmed up (the full run makes them for 30 s first), the others a fresh process's first",
                     _table(["interpreter", "case", "median", "min", "max"], wake_lines)]

    cancellation_lines = _latency_lines(results, "cancellation", labels)
    if cancellation_lines:
        sections += ["", "Cancellation of an embedded context (ms from Context.close(true), Context.interrupt or "
                         "Thread.interrupt() to the end of the script's eval, blocked in a wait without timeout)",
                     _table(["interpreter", "case", "median", "min", "max"], cancellation_lines)]

    memory_lines = [[labels.get(record["interpreter_key"], record["interpreter_key"]), record["step"],
                     record["open_contexts"], "%.0f" % record["rss_mib"], "%.0f" % record["heap_used_mib"],
                     "%.0f" % record["non_heap_committed_mib"],
                     "-" if record["seconds"] is None else "%.2f" % record["seconds"]]
                    for record in _records(results, "context_memory")]
    if memory_lines:
        sections += ["", "Memory of an embedding application (MiB after a collection): the engine alone, then "
                         "each further context left open after a small asyncio program, then all closed",
                     _table(["interpreter", "step", "contexts", "RSS", "heap used", "non-heap", "s to make+run"],
                            memory_lines)]

    failures = [run for run in results["runs"] if run["error"]]
    if failures:
        sections += ["", "FAILED runs:"] + ["  %s under %s: %s" % (run["script"], run["interpreter_key"],
                                                                  run["error"].splitlines()[0]) for run in failures]
    return "\n".join(sections)


def _case_table(first_header, records, labels, case_of, cell):
    """A table of one line per case (case_of(record), in first-seen order) and one
    column per interpreter that has records: cell(record), or "-" where it has none."""
    keys = [key for key in labels if any(record["interpreter_key"] == key for record in records)]
    by_case = {}
    for record in records:
        by_case.setdefault(case_of(record), {})[record["interpreter_key"]] = cell(record)
    return _table([first_header] + [labels[key] for key in keys],
                  [[case] + [found.get(key, "-") for key in keys] for case, found in by_case.items()])


def _latency_lines(results, benchmark, labels):
    """[interpreter, case, median, min, max] of each latency record (ms) of `benchmark`."""
    return [[labels.get(record["interpreter_key"], record["interpreter_key"]), record["case"],
             "%.2f" % record["median_ms"], "%.2f" % record["min_ms"], "%.2f" % record["max_ms"]]
            for record in _records(results, benchmark) if "median_ms" in record]


def _ns(value):
    return "%.0f" % value if value else "-"


def _us(value):
    return "%.0f" % value if value >= 10 else "%.1f" % value


def _mib(kib):
    return "-" if kib is None else "%.0f" % (kib / 1024)


def text_chart(rows, width=40):
    """Bars of log10(ratio to CPython): the '|' is parity, each side spans 4 decades."""
    lines = ["", "Ratio to CPython, log scale: '|' = same speed, left edge 1/10000x, right edge 10000x"]
    label_width = max(len(row["label"]) for row in rows) if rows else 10
    for row in rows:
        for key in COMPARED:
            value = ratio(row.get(key), row.get("cpython"))
            bar = [" "] * (2 * width + 1)
            bar[width] = "|"
            if value:
                cells = max(-width, min(width, round(math.log10(value) / 4 * width)))
                for offset in range(min(0, cells), max(0, cells) + 1):
                    if offset:
                        bar[width + offset] = "#" if key == "jit" else "="
            lines.append("%s %-6s %s %s" % (row["label"].ljust(label_width), key, "".join(bar), ratio_text(value)))
    return "\n".join(lines)


def svg_chart(rows, title):
    """A horizontal bar chart of the ratio to CPython (log scale) for JIT and no-JIT."""
    colours = {"jit": "#2b6cb0", "nojit": "#dd8452"}
    label_width, plot_width, bar_height, gap, top = 330, 520, 12, 10, 60
    decades = (-4, 1)  # 1/10000x .. 10x
    height = top + len(rows) * (2 * bar_height + gap) + 40

    def x_of(value):
        log = max(decades[0], min(decades[1], math.log10(value)))
        return label_width + (log - decades[0]) / (decades[1] - decades[0]) * plot_width

    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
             'font-size="12">' % (label_width + plot_width + 80, height),
             '<rect width="100%" height="100%" fill="white"/>',
             '<text x="10" y="20" font-size="15">%s</text>' % escape(title),
             '<text x="10" y="38" fill="#444">throughput / CPython throughput, log scale; '
             '<tspan fill="%s">JIT</tspan>, <tspan fill="%s">no JIT</tspan></text>' % (colours["jit"], colours["nojit"])]
    for decade in range(decades[0], decades[1] + 1):
        x = x_of(10.0 ** decade)
        parts.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>'
                     % (x, top - 8, x, height - 30, "#000" if decade == 0 else "#ddd"))
        parts.append('<text x="%.1f" y="%d" text-anchor="middle">%sx</text>' % (x, height - 14, "%g" % 10.0 ** decade))
    y = top
    for row in rows:
        parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                     % (label_width - 8, y + bar_height + 4, escape(row["label"])))
        for key in COMPARED:
            value = ratio(row.get(key), row.get("cpython"))
            if value:
                start, end = sorted((x_of(1.0), x_of(value)))
                parts.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>'
                             % (start, y, max(end - start, 1), bar_height - 1, colours[key]))
                parts.append('<text x="%.1f" y="%d" font-size="10">%s</text>'
                             % (max(end, x_of(1.0)) + 4, y + bar_height - 2, ratio_text(value)))
            y += bar_height
        y += gap
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
