"""Cold calls: the latency of the first, second and a warm call of each function
pyselect4j provides, in a fresh process (what CPython's TimerfdTests time, with
0.5 ms to spare between two calls). For comparison, two of the interpreter's
own builtins that those tests call between two timed calls come first, timed
before anything else in the process has called them: round(float, 3) (how
unittest's assertAlmostEqual compares two floats) and abs(int).

Each function is called in the order below, once per process: the first call
of a function also pays for the glue it shares with the functions timed before
it. One JSON line per function: first_us, second_us, warm_us (median of
--warm-calls calls after them), and how many of those warm calls took over
1 ms and over 3 ms (stalls). Nothing sets CLOCK_REALTIME: clock_settime is
timed on a refusal (an invalid clock id, EINVAL).
"""
import time

BUILTIN_CALLS = 22  # the first, the second, then the warm ones


def microseconds_of(prepare, call):
    argument = prepare() if prepare else None
    clock = time.perf_counter_ns
    start = clock()
    call(argument)
    return (clock() - start) / 1000


def time_builtins():
    """[(name, microseconds of each call)] of the builtins, before the imports below call them."""
    return [(name, [microseconds_of(None, call) for _ in range(BUILTIN_CALLS)])
            for name, call in (("builtin round(float, 3)", lambda _: round(0.245693139, 3)),
                               ("builtin abs(int)", lambda _: abs(-4306861)))]


BUILTIN_TIMES = time_builtins()

import errno  # noqa: E402  (after the builtins' first calls: harness calls round)
import os  # noqa: E402
import select  # noqa: E402
import statistics  # noqa: E402

import harness  # noqa: E402

INVALID_CLOCK = -1  # clock_settime on it fails with EINVAL, before any privilege check


def expect_einval(call):
    def refused(_):
        try:
            call()
        except OSError as error:
            if error.errno != errno.EINVAL:
                raise
        else:
            raise AssertionError("clock_settime(-1, ...) did not fail")
    return refused


def cases(warm_calls):
    """(name, prepare, call) in the order they are timed. prepare (untimed, may be
    None) runs before every call and returns its argument; it uses only
    functions timed earlier, so that no first call is warmed in advance."""
    read_fd, write_fd = os.pipe()
    os.write(write_fd, b"x")
    idle_fd, _ = os.pipe()
    fresh_fds = [os.dup(idle_fd) for _ in range(warm_calls + 2)]  # epoll.register refuses a watched fd
    # The objects the methods need come from the constructors' own timed calls.
    timers, epolls, pollers = [], [], []
    watched_fds = []

    def next_fresh_fd():
        watched_fds.append(fresh_fds.pop())
        return watched_fds[-1]

    def registered_in_epoll():
        epolls[0].register(read_fd, select.EPOLLIN)
        return read_fd

    def registered_in_poll():
        pollers[0].register(read_fd, select.POLLIN)
        return read_fd

    return [
        ("os.timerfd_create", None, lambda _: timers.append(os.timerfd_create(time.CLOCK_MONOTONIC))),
        ("time.clock_gettime", None, lambda _: time.clock_gettime(time.CLOCK_REALTIME)),
        ("os.timerfd_settime", None, lambda _: os.timerfd_settime(timers[0], flags=0, initial=10.0, interval=0.5)),
        ("os.timerfd_gettime", None, lambda _: os.timerfd_gettime(timers[0])),
        ("time.clock_gettime_ns", None, lambda _: time.clock_gettime_ns(time.CLOCK_REALTIME)),
        ("os.timerfd_settime_ns", None, lambda _: os.timerfd_settime_ns(timers[0], flags=0, initial=10**10, interval=0)),
        ("os.timerfd_gettime_ns", None, lambda _: os.timerfd_gettime_ns(timers[0])),
        ("time.clock_getres", None, lambda _: time.clock_getres(time.CLOCK_MONOTONIC)),
        ("time.clock_settime", None, expect_einval(lambda: time.clock_settime(INVALID_CLOCK, 0.0))),
        ("time.clock_settime_ns", None, expect_einval(lambda: time.clock_settime_ns(INVALID_CLOCK, 0))),
        ("select.epoll", None, lambda _: epolls.append(select.epoll())),
        ("epoll.register", next_fresh_fd, lambda fresh_fd: epolls[0].register(fresh_fd, select.EPOLLIN)),
        ("epoll.modify", None, lambda _: epolls[0].modify(watched_fds[0], select.EPOLLIN | select.EPOLLPRI)),
        ("epoll.poll", None, lambda _: epolls[0].poll(0)),
        ("epoll.unregister", registered_in_epoll, lambda watched_fd: epolls[0].unregister(watched_fd)),
        ("epoll.fileno", None, lambda _: epolls[0].fileno()),
        ("epoll.close", select.epoll, lambda other: other.close()),
        ("select.poll", None, lambda _: pollers.append(select.poll())),
        ("poll.register", None, lambda _: pollers[0].register(read_fd, select.POLLIN)),
        ("poll.modify", None, lambda _: pollers[0].modify(read_fd, select.POLLIN | select.POLLOUT)),
        ("poll.poll", None, lambda _: pollers[0].poll(0)),
        ("poll.unregister", registered_in_poll, lambda watched_fd: pollers[0].unregister(watched_fd)),
        ("select.select", None, lambda _: select.select([read_fd], [write_fd], [], 0)),
    ]


def main():
    options = harness.parse_options(__doc__, lambda parser: parser.add_argument(
        "--warm-calls", type=int, default=200, help="calls after the second; the median is the warm figure"))
    for _ in range(3):  # the clock itself, warmed
        microseconds_of(None, lambda _: None)
    for name, (first, second, *warm) in BUILTIN_TIMES:
        emit(name, first, second, warm)
    for name, prepare, call in cases(options.warm_calls):
        first = microseconds_of(prepare, call)
        second = microseconds_of(prepare, call)
        emit(name, first, second, [microseconds_of(prepare, call) for _ in range(options.warm_calls)])


def emit(name, first, second, warm):
    harness.emit("cold_calls", name, first_us=round(first, 1), second_us=round(second, 1),
                 warm_us=round(statistics.median(warm), 2),
                 # Stalls: a warm call this slow waited for something else (a core, a GC pause).
                 warm_over_1ms=sum(1 for us in warm if us > 1000), warm_over_3ms=sum(1 for us in warm if us > 3000))


if __name__ == "__main__":
    main()
