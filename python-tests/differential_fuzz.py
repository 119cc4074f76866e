"""Random calls for the differential comparison (issue 4's fuzz).

``differential_runner.py --fuzz SEED COUNT`` runs COUNT calls drawn from
random.Random(SEED) on the functions and methods of select.epoll,
select.poll, select.select, os.timerfd_* and time.clock_*, with good and bad
arguments: huge and negative ints, floats including NaN and infinities, wrong
types, objects whose fileno() raises or returns junk, closed and reused fds.
The same seed gives the same calls in every interpreter, so the outcomes can
be compared call by call.

Rules that keep the outcomes comparable:
  * nothing blocks: every wait gets a timeout that is 0 (or rounds to at most
    1 ms), or one that is refused before waiting;
  * no timer is armed to expire between 1 ms and 1000 s from now, so whether
    it has fired by a later call never depends on the interpreter's speed;
  * results go through the runner's fd naming, and times are reduced to what
    does not depend on when the call ran (see normalise()).
"""

import random

from differential_cases import Junk

BATCH = 500  # calls sharing one set of resources (the runner's CaseResources)

# Argument pools: source text, evaluated once per batch in the runner's
# namespace (its r, w, qr, qw, tfd, lr, lw, closed_fd... and the junk classes).
JUNK_CLASSES = Junk.definitions + """
class FilenoClosed:
    def fileno(self): return closed_fd
class FilenoW:
    def fileno(self): return w
class IndexInt:
    def __index__(self): return 5000
class IndexZero:
    def __index__(self): return 0
class IntOnly:
    def __int__(self): return 1
class FloatOnly:
    def __float__(self): return 0.0
"""
JUNK_OBJECTS = ["FilenoRaises()", "FilenoStr()", "FilenoFloat()", "FilenoNegative()",
                "FilenoHuge()", "FilenoClosed()", "IndexInt()", "IntOnly()", "FloatOnly()", "object()"]
WRONG_TYPES = ["'3'", "b'3'", "None", "[]", "()", "{}", "1j", "3.0", "-0.0", "float('nan')",
               "float('inf')", "float('-inf')", "1e300", "-1e300"]
HUGE_INTS = ["-1", "-2", "-2**31", "-2**31-1", "2**31-1", "2**31", "2**32", "2**32-1", "2**63-1",
             "2**63", "-2**63", "-2**63-1", "2**64", "-2**64", "10**30", "-10**30"]

# File descriptors for epoll and poll: high-numbered ones only (named in
# results), never 0, 1 or 2, whose readiness depends on the parent; pipes, not
# sockets (GraalPy's socketpair() is a TCP pair, whose poll bits differ).
FDS = ["r", "w", "qr", "qw", "tfd", "closed_fd", "FilenoW()"] * 3 + JUNK_OBJECTS + WRONG_TYPES + HUGE_INTS
EPOLL_MASKS = (["select.EPOLLIN", "select.EPOLLOUT", "select.EPOLLIN|select.EPOLLOUT", "0",
                "select.EPOLLIN|select.EPOLLET", "select.EPOLLOUT|select.EPOLLONESHOT",
                "select.EPOLLIN|select.EPOLLEXCLUSIVE", "select.EPOLLRDHUP|select.EPOLLIN",
                "select.EPOLLPRI", "select.EPOLLERR|select.EPOLLHUP", "select.EPOLLMSG"] * 2
               + HUGE_INTS + WRONG_TYPES + JUNK_OBJECTS)
POLL_MASKS = (["select.POLLIN", "select.POLLOUT", "select.POLLIN|select.POLLOUT", "0",
               "select.POLLPRI", "select.POLLRDHUP", "select.POLLNVAL", "65535", "65536"] * 2
              + HUGE_INTS + WRONG_TYPES + JUNK_OBJECTS)
# Not 2**31-1 and the like: CPython allocates maxevents events before the
# kernel refuses more than INT_MAX / 12, so its outcome depends on whether
# malloc() gives it 24 GB (MemoryError here, EINVAL on a bigger machine).
MAXEVENTS = (["-1", "1", "2", "3", "1000", "0"] * 2 + [n for n in HUGE_INTS if n not in ("2**31-1", "2**32-1")]
             + WRONG_TYPES + JUNK_OBJECTS)
# Timeouts that do not block: zero, at most 1 ms once rounded, or refused.
REFUSED_TIMEOUTS = ["float('nan')", "float('inf')", "float('-inf')", "1e300", "-1e300", "2**63",
                    "-2**63", "2**64", "-2**64", "'1'", "[]", "1j", "b'0'", "object()", "IntOnly()"]
EPOLL_TIMEOUTS = ["0", "0.0", "-0.0", "1e-9", "0.0001", "False", "IndexZero()"] * 2 + \
    REFUSED_TIMEOUTS + ["2**31", "10**10", "1e10"]
POLL_TIMEOUTS = ["0", "0.0", "-0.0", "0.5", "1e-9", "False", "IndexZero()"] * 2 + \
    REFUSED_TIMEOUTS + ["2**31", "2**40", "1e10"]
SELECT_TIMEOUTS = ["0", "0.0", "-0.0", "1e-9", "0.0001", "False", "IndexZero()"] * 2 + \
    REFUSED_TIMEOUTS + ["-1", "-0.5", "-1e-9", "FloatOnly()"]
SELECT_LISTS = ["[]", "()", "[lr]", "[lw]", "[lr, lw]", "(lw, lw)", "[closed_low_fd]", "[lr, closed_low_fd]",
                "[-1]", "[2**31]", "[1024]", "[4096]", "['3']", "[None]", "[3.0]", "[FilenoRaises()]",
                "[FilenoNegative()]", "[FilenoHuge()]", "[FilenoStr()]", "None", "1", "'ab'", "b'ab'",
                "iter([lw])", "{lw: 0}", "set()", "object()"]
CLOCKS = (["time.CLOCK_REALTIME", "time.CLOCK_MONOTONIC", "time.CLOCK_MONOTONIC_RAW",
           "time.CLOCK_BOOTTIME", "time.CLOCK_PROCESS_CPUTIME_ID", "time.CLOCK_THREAD_CPUTIME_ID",
           "time.CLOCK_TAI", "True", "8", "9", "11", "12", "100", "-2", "-6"] * 2
          + HUGE_INTS + WRONG_TYPES + JUNK_OBJECTS)
TIMERFD_FLAGS = (["0", "os.TFD_NONBLOCK", "os.TFD_CLOEXEC", "os.TFD_NONBLOCK|os.TFD_CLOEXEC", "1",
                  "os.TFD_TIMER_ABSTIME"] * 2 + HUGE_INTS + WRONG_TYPES + JUNK_OBJECTS)
SETTIME_FLAGS = (["0", "os.TFD_TIMER_ABSTIME", "os.TFD_TIMER_CANCEL_ON_SET",
                  "os.TFD_TIMER_ABSTIME|os.TFD_TIMER_CANCEL_ON_SET", "4", "os.TFD_NONBLOCK"] * 2
                 + HUGE_INTS + WRONG_TYPES + JUNK_OBJECTS)
# Timer values: expired at once (at most 1 ns), disarmed, or 10**6 s and more
# (also as absolute CLOCK_MONOTONIC times: 11 days of uptime).
TIMER_SECONDS = (["0", "0.0", "-0.0", "1e-9", "5e-10", "1e9", "10**6", "False"] * 2
                 + ["-1", "-1e-9", "-0.5", "2**31", "2**63", "-2**63", "2**64", "1e300", "float('nan')",
                    "float('inf')", "float('-inf')", "'1'", "None", "[]", "1j", "IndexInt()", "FloatOnly()"])
TIMER_NS = (["0", "1", "10**15", "10**18", "2**63-1", "False"] * 2
            + ["-1", "-2**63", "2**63", "2**64", "1.0", "0.0", "'1'", "None", "[]", "IndexZero()", "IntOnly()"])
TIMER_FDS = ["tfd"] * 8 + FDS

ALWAYS = "always"  # a parameter the generator never leaves out (e.g. a timeout)


class Target:
    """One function or method: label, how to reach it, its parameters."""

    def __init__(self, label, path, params, kind="plain", weight=1, keywords=True):
        self.label, self.path, self.params = label, path, params
        self.kind, self.weight, self.keywords = kind, weight, keywords


def p(name, pool, always=False):
    return (name, pool, always)


TARGETS = [
    Target("select.epoll", "select.epoll", [p("sizehint", ["-1", "1", "8"] + HUGE_INTS + WRONG_TYPES),
                                            p("flags", ["0", "select.EPOLL_CLOEXEC", "1"] + HUGE_INTS + WRONG_TYPES)],
           kind="epoll-object"),
    Target("select.epoll.fromfd", "select.epoll.fromfd",
           [p("fd", ["-1", "-1", "-2", "closed_fd", "r", "tfd"] + HUGE_INTS + WRONG_TYPES + JUNK_OBJECTS, True)],
           kind="epoll-object", keywords=False),
    Target("ep.register", "ep.register", [p("fd", FDS, True), p("eventmask", EPOLL_MASKS)], weight=4),
    Target("ep.modify", "ep.modify", [p("fd", FDS, True), p("eventmask", EPOLL_MASKS)], weight=3),
    Target("ep.unregister", "ep.unregister", [p("fd", FDS, True)], weight=2),
    Target("ep.poll", "ep.poll", [p("timeout", EPOLL_TIMEOUTS, True), p("maxevents", MAXEVENTS)], weight=4),
    Target("ep.fileno", "ep.fileno", [], kind="fileno"),
    Target("ep.closed", "ep_closed", []),
    Target("ep.__enter__", "ep_enter", []),
    Target("poll.register", "pl.register", [p("fd", FDS, True), p("eventmask", POLL_MASKS)], weight=4, keywords=False),
    Target("poll.modify", "pl.modify", [p("fd", FDS, True), p("eventmask", POLL_MASKS, True)], weight=3, keywords=False),
    Target("poll.unregister", "pl.unregister", [p("fd", FDS, True)], weight=2, keywords=False),
    Target("poll.poll", "pl.poll", [p("timeout", POLL_TIMEOUTS, True)], weight=4, keywords=False),
    Target("select.select", "select.select",
           [p("rlist", SELECT_LISTS, True), p("wlist", SELECT_LISTS, True), p("xlist", SELECT_LISTS, True),
            p("timeout", SELECT_TIMEOUTS, True)], kind="select", weight=4, keywords=False),
    Target("os.timerfd_create", "os.timerfd_create", [p("clockid", CLOCKS, True), p("flags", TIMERFD_FLAGS)],
           kind="new-fd", weight=2),
    Target("os.timerfd_settime", "os.timerfd_settime",
           [p("fd", TIMER_FDS, True), p("flags", SETTIME_FLAGS), p("initial", TIMER_SECONDS),
            p("interval", TIMER_SECONDS)], kind="timer", weight=3),
    Target("os.timerfd_settime_ns", "os.timerfd_settime_ns",
           [p("fd", TIMER_FDS, True), p("flags", SETTIME_FLAGS), p("initial", TIMER_NS), p("interval", TIMER_NS)],
           kind="timer", weight=3),
    Target("os.timerfd_gettime", "os.timerfd_gettime", [p("fd", TIMER_FDS, True)], kind="timer", weight=2),
    Target("os.timerfd_gettime_ns", "os.timerfd_gettime_ns", [p("fd", TIMER_FDS, True)], kind="timer", weight=2),
    Target("time.clock_gettime", "time.clock_gettime", [p("clk_id", CLOCKS, True)], kind="type"),
    Target("time.clock_gettime_ns", "time.clock_gettime_ns", [p("clk_id", CLOCKS, True)], kind="type"),
    Target("time.clock_getres", "time.clock_getres", [p("clk_id", CLOCKS, True)]),
    # Descriptor churn: readiness changes, closed and reused fd numbers.
    Target("os.write(w, b'x')", "write_w", [], kind="action"),
    Target("os.close(qr)", "close_qr", [], kind="action"),
    Target("os.dup2(w, qr)", "reuse_qr", [], kind="action"),
    Target("os.close(w)", "close_w", [], kind="action", weight=0.2),
    Target("ep.close", "ep.close", [], weight=0.2),
]


def all_sources():
    """Every argument and target source text, to compile once."""
    sources = set()
    for target in TARGETS:
        for _, pool, _ in target.params:
            sources.update(pool)
    sources.update(JUNK_OBJECTS)
    return sorted(sources)


def calls(seed, count):
    """The calls, in order: (index, label, target, [(keyword or None, source), ...]).

    Only random.Random's integer methods are used, so every interpreter draws
    the same calls from the same seed.
    """
    rng = random.Random(seed)
    weighted = []
    for target in TARGETS:
        weighted += [target] * int(target.weight * 5)
    extras = WRONG_TYPES + HUGE_INTS + ["0"]
    for index in range(count):
        target = weighted[rng.randrange(len(weighted))]
        if target.kind == "action":
            yield index, target.label, target, []
            continue
        params = target.params
        mode = rng.randrange(20)
        if mode == 0 and params and not params[-1][2]:
            params = params[:-1]  # leave an optional argument out
        args = []
        for name, pool, _ in params:
            source = pool[rng.randrange(len(pool))]
            keyword = name if target.keywords and rng.randrange(3) == 0 else None
            if keyword is None and args and args[-1][0] is not None:
                keyword = name  # no positional argument after a keyword one
            args.append((keyword, source))
        if mode == 1:
            args.append((None if not args or args[-1][0] is None else "extra", extras[rng.randrange(len(extras))]))
        elif mode == 2:
            args.append(("bogus", "0"))
        label = "%s(%s)" % (target.label, ", ".join(
            source if keyword is None else "%s=%s" % (keyword, source) for keyword, source in args))
        yield index, label, target, args
