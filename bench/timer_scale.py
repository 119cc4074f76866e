"""Scale: N timerfds created, armed and registered in one epoll, then one poll for all.

Raises the RLIMIT_NOFILE soft limit towards what N needs when the interpreter's
`resource` module allows it; otherwise N is capped to what the limit allows and
the cap is reported. Reports the seconds (and microseconds per timer) of each
phase, the events one epoll.poll returns once every timer expired, and the peak
resident memory (ru_maxrss) before and after; then, as a reference, the
microseconds per call of the interpreter's own os.dup and os.close in loops of
the same length, and the seconds it takes to make as many pairs as the poll
returned from a list of its own ints.
"""
import os
import select
import time

import harness

FDS_KEPT_FREE = 64  # for the interpreter's own files, the epoll fd and stdio


def add_arguments(parser):
    parser.add_argument("--timers", type=int, default=100_000, help="timerfds wanted")


def open_files_limit_from_proc():
    """The soft RLIMIT_NOFILE the kernel enforces, read from /proc/self/limits."""
    with open("/proc/self/limits") as limits:
        for line in limits:
            if line.startswith("Max open files"):
                return int(line.split()[3])
    raise RuntimeError("no 'Max open files' line in /proc/self/limits")


def raise_open_files_limit(wanted):
    """Tries to raise the soft open-files limit to `wanted` (capped to the hard limit).

    Returns a short note on what happened. The kernel's view in /proc is the
    authority: an interpreter's resource.getrlimit may not report the real value.
    """
    if open_files_limit_from_proc() >= wanted:
        return "soft limit already allows them"
    try:
        import resource
        _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        capped = hard != resource.RLIM_INFINITY and hard < wanted
        target = hard if capped else wanted
        if open_files_limit_from_proc() < target:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        note = "soft limit now %d" % open_files_limit_from_proc()
        return note + ("; the hard limit %d caps it" % hard if capped else "")
    except ImportError:
        return "no resource module"
    except AttributeError as error:
        return "cannot raise the limit (%s); getrlimit says %s" % (error, _soft_hard_reported())
    except (OSError, ValueError) as error:
        return "setrlimit failed: %s" % error


def _soft_hard_reported():
    import resource
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def open_fd_count():
    return len(os.listdir("/proc/self/fd"))


def create_arm_register_poll(timer_count):
    """One round: returns the seconds of each phase and the events of one poll."""
    clock_start = time.perf_counter()
    timer_fds = [os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)
                 for _ in range(timer_count)]
    created = time.perf_counter()
    for timer_fd in timer_fds:
        os.timerfd_settime(timer_fd, initial=0.001, interval=0.0)
    armed = time.perf_counter()
    epoll = select.epoll()
    for timer_fd in timer_fds:
        epoll.register(timer_fd, select.EPOLLIN)
    registered = time.perf_counter()
    time.sleep(0.01)  # every one-shot timer has expired now
    poll_start = time.perf_counter()
    events = epoll.poll(0, timer_count)
    poll_end = time.perf_counter()
    epoll.close()
    for timer_fd in timer_fds:
        os.close(timer_fd)
    closed = time.perf_counter()
    return {
        "create_seconds": created - clock_start,
        "arm_seconds": armed - created,
        "register_seconds": registered - armed,
        "poll_seconds": poll_end - poll_start,
        "poll_events": len(events),
        "close_seconds": closed - poll_end,
    }


def interpreter_own_calls(count):
    """The interpreter's own os.dup and os.close, ``count`` of each, in loops
    shaped like the timers' phases, and ``count`` (fd, events) pairs made from
    a list of its own ints as the glue makes a poll's: where pyselect4j plays
    no part, what the interpreter itself makes of such work. Run after the
    timers' round, in a process that has run loops like it already."""
    numbers = list(range(2 * count))
    pairing = time.perf_counter()
    values = iter(numbers)
    pairs = list(zip(values, values))
    paired = time.perf_counter()
    assert len(pairs) == count
    read_end, write_end = os.pipe()
    try:
        start = time.perf_counter()
        fds = [os.dup(read_end) for _ in range(count)]
        duplicated = time.perf_counter()
        for fd in fds:
            os.close(fd)
        closed = time.perf_counter()
    finally:
        os.close(read_end)
        os.close(write_end)
    return {"own_pairs_seconds": paired - pairing,
            "own_dup_us_per_fd": (duplicated - start) / count * 1e6,
            "own_close_us_per_fd": (closed - duplicated) / count * 1e6}


def main():
    options = harness.parse_options(__doc__, add_arguments)
    limit_note = raise_open_files_limit(options.timers + open_fd_count() + FDS_KEPT_FREE)
    allowed = open_files_limit_from_proc() - open_fd_count() - FDS_KEPT_FREE
    timer_count = min(options.timers, allowed)
    max_rss_before = harness.max_rss_kib()
    first_round = create_arm_register_poll(timer_count)
    max_rss_after_first_round = harness.max_rss_kib()
    if options.rounds > 1:
        result = harness.median_of_rounds(lambda: create_arm_register_poll(timer_count), options.rounds)
    else:
        result = first_round
    own_calls = interpreter_own_calls(timer_count)
    per_timer_microseconds = {
        key.replace("_seconds", "_us_per_timer"): value / timer_count * 1e6
        for key, value in result.items() if key.endswith("_seconds") and key != "poll_seconds"}
    harness.emit("timer_scale", "timers_%d" % timer_count,
                 timers_wanted=options.timers, timers=timer_count,
                 open_files_limit=open_files_limit_from_proc(), limit_note=limit_note,
                 max_rss_kib_before=max_rss_before, max_rss_kib_after=max_rss_after_first_round,
                 setup_seconds=result["create_seconds"] + result["arm_seconds"] + result["register_seconds"],
                 **result, **per_timer_microseconds, **own_calls)


if __name__ == "__main__":
    main()
