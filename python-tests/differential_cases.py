"""The call snippets compared between the reference CPython and pyselect4j.

Each case is (name, code).  The code runs in a fresh namespace holding the
modules os, select, socket, time, errno, sys and these resources:

  r, w       a pipe (high fd numbers, for epoll and poll)
  a, b       a connected socketpair (socket objects)
  fa, fb     high-numbered duplicates of a's and b's fds
  lr, lw     a pipe with low fd numbers (usable by select)
  tfd        a CLOCK_MONOTONIC timerfd, not armed (high fd number)
  closed_fd  a high fd number that is not open
  closed_low_fd  a low fd number (< FD_SETSIZE) that is not open
  names(x)   replaces the high fd numbers inside x by their names
  lnames(x)  same, also naming lr, lw and closed_low_fd (for select results)
  full(fd)   makes fd non-blocking and writes until its pipe is full

If the last statement is an expression its repr is the result.  Results
holding fds go through names() or lnames() so fd numbers, which differ
between interpreters, do not appear.
"""

CASES = []


def case(name, code):
    assert name not in {n for n, _ in CASES}, name
    CASES.append((name, code.strip()))


def cases(prefix, template, variants):
    """Adds one case per variant: template with %s replaced by the variant."""
    for variant in dict.fromkeys(variants):
        case("%s[%s]" % (prefix, variant), template.replace("%s", variant))


class Junk:
    """Source of objects passed where an fd is expected."""
    definitions = """
class FilenoRaises:
    def fileno(self): raise ZeroDivisionError("no fileno here")
class FilenoStr:
    def fileno(self): return "3"
class FilenoFloat:
    def fileno(self): return 3.0
class FilenoNegative:
    def fileno(self): return -7
class FilenoHuge:
    def fileno(self): return 2**40
class FilenoBool:
    def fileno(self): return True
class HasFileno:
    def __init__(self, fd): self.fd = fd
    def fileno(self): return self.fd
    def __repr__(self): return "HasFileno(%r)" % names(self.fd)
"""
    objects = ["FilenoRaises()", "FilenoStr()", "FilenoFloat()",
               "FilenoNegative()", "FilenoHuge()"]
    values = ["-1", "-2**31", "2**31", "2**40", "2**64", "-2**64", "'3'",
              "b'3'", "3.0", "None", "[]", "closed_fd", "True"]


BAD_FDS = Junk.objects + Junk.values
BAD_TIMEOUTS = ["float('nan')", "float('inf')", "float('-inf')", "-1", "-1.5",
                "-0.0001", "1e300", "2**64", "-2**64", "2**63", "'1'", "[]",
                "1j", "True"]
BAD_INTS = ["1.5", "'1'", "None", "2**31", "-2**31-1", "2**63", "2**64",
            "-2**64", "[]"]

# ---------------------------------------------------------------- module
case("select.constants", """
{n: getattr(select, n) for n in dir(select) if n.isupper()}
""")
case("os.tfd-constants", "{n: getattr(os, n) for n in dir(os) if n.startswith('TFD_')}")
case("os.efd-constants", "{n: getattr(os, n) for n in dir(os) if n.startswith('EFD_')}")
case("os.descriptor-functions", """
import inspect
[(n, str(inspect.signature(getattr(os, n))), getattr(os, n).__module__)
 for n in ("eventfd", "eventfd_read", "eventfd_write", "pidfd_open", "pipe2")]
""")
case("time.clock-constants", "{n: getattr(time, n) for n in dir(time) if n.startswith('CLOCK_')}")
case("select.names", "sorted(n for n in dir(select) if not n.startswith('_'))")
case("select.error", "select.error is OSError")
case("selectors.default", "import selectors; selectors.DefaultSelector.__name__")
case("select.epoll-type", "(select.epoll.__name__, select.epoll.__module__, select.epoll.__qualname__)")
case("select.poll-type", "type(select.poll()).__name__, type(select.poll()).__module__")
case("select.poll-instantiate-type", "type(select.poll())()")
case("select.poll-subclass", "class X(type(select.poll())): pass")
case("select.epoll-subclass", """
class MyEpoll(select.epoll):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = 1
e = MyEpoll()
isinstance(e, select.epoll), type(e).__name__, e.extra, e.closed
""")
case("select.epoll-subclass-fromfd", """
class MyEpoll(select.epoll): pass
e = MyEpoll.fromfd(os.dup(select.epoll().fileno()))
type(e).__name__
""")
cases("select.pickle", "import pickle, copy; %s",
      ["pickle.dumps(select.epoll())", "pickle.dumps(select.epoll(), 0)", "pickle.dumps(select.epoll(), 1)",
       "copy.copy(select.epoll())", "copy.deepcopy(select.epoll())", "pickle.dumps(select.poll())",
       "pickle.dumps(select.poll(), 1)", "copy.copy(select.poll())", "copy.deepcopy(select.poll())"])

# ---------------------------------------------------------------- epoll()
case("epoll.defaults", "e = select.epoll(); e.closed, type(e.fileno()).__name__, os.get_inheritable(e.fileno())")
case("epoll.cloexec-flag", "e = select.epoll(flags=select.EPOLL_CLOEXEC); os.get_inheritable(e.fileno())")
cases("epoll.sizehint", "select.epoll(sizehint=%s).closed",
      ["-1", "0", "1", "-2", "1000", "2**31-1"] + BAD_INTS)
cases("epoll.flags", "select.epoll(flags=%s).closed",
      ["0", "1", "-1", "select.EPOLL_CLOEXEC|1", "select.EPOLLIN"] + BAD_INTS)
case("epoll.positional", "select.epoll(5, 0).closed")
case("epoll.too-many-args", "select.epoll(1, 0, 3)")
case("epoll.unknown-keyword", "select.epoll(size=1)")
case("epoll.repr", "repr(select.epoll())")
case("epoll.fromfd", "e = select.epoll(); f = select.epoll.fromfd(os.dup(e.fileno())); f.closed, type(f).__name__")
case("epoll.fromfd-pipe", "f = select.epoll.fromfd(os.dup(r)); f.closed")
case("epoll.fromfd-negative", "f = select.epoll.fromfd(-1); f.closed, f.fileno() >= 0, names(f.poll(0))")
case("epoll.fromfd-negative-poll", "select.epoll.fromfd(-1).poll(0)")
case("epoll.fromfd-pipe-poll", "select.epoll.fromfd(os.dup(r)).poll(0)")
case("epoll.fromfd-pipe-register", "select.epoll.fromfd(os.dup(r)).register(fa)")
cases("epoll.fromfd-bad", "select.epoll.fromfd(%s)", ["'x'", "1.5", "None", "2**40", "-2**40"])
case("epoll.fromfd-keyword", "select.epoll.fromfd(fd=3)")
case("epoll.context", """
with select.epoll() as e:
    inside = e.closed
inside, e.closed
""")
case("epoll.context-returns-self", "e = select.epoll()\nwith e as f: pass\nf is e")
case("epoll.context-closed", "e = select.epoll(); e.close()\nwith e: pass")
case("epoll.close-twice", "e = select.epoll(); e.close(); e.close(); e.closed")
case("epoll.fileno-closed", "e = select.epoll(); e.close(); e.fileno()")
case("epoll.closed-readonly", "e = select.epoll(); e.closed = True")
for call in ["poll()", "poll(0)", "register(r)", "modify(r, 1)", "unregister(r)",
             "__enter__()", "__exit__(None, None, None)"]:
    case("epoll.closed-" + call, "e = select.epoll(); e.close(); e." + call)

# ---------------------------------------------------------------- epoll register/modify/unregister
case("epoll.register-default-mask", "ep = select.epoll(); ep.register(w); names(ep.poll(0))")
case("epoll.register-returns", "ep = select.epoll(); ep.register(r, select.EPOLLIN)")
case("epoll.register-keywords", "ep = select.epoll(); ep.register(fd=w, eventmask=select.EPOLLOUT); names(ep.poll(0))")
case("epoll.register-twice", "ep = select.epoll(); ep.register(r); ep.register(r)")
case("epoll.register-self", "ep = select.epoll(); ep.register(ep)")
case("epoll.register-other-epoll", "ep = select.epoll(); ep2 = select.epoll(); ep.register(ep2); names(ep.poll(0))")
case("epoll.register-regular-file", "ep = select.epoll(); ep.register(os.open(sys.executable, os.O_RDONLY))")
case("epoll.register-dev-null", "ep = select.epoll(); ep.register(os.open(os.devnull, os.O_RDONLY))")
case("epoll.register-socket-object", "ep = select.epoll(); ep.register(a, select.EPOLLOUT); ep.poll(0) == [(a.fileno(), select.EPOLLOUT)]")
case("epoll.register-closed-socket", "ep = select.epoll(); a.close(); ep.register(a)")
cases("epoll.register-bad-fd", Junk.definitions + "select.epoll().register(%s)", BAD_FDS)
cases("epoll.unregister-bad-fd", Junk.definitions + "select.epoll().unregister(%s)", BAD_FDS)
cases("epoll.modify-bad-fd", Junk.definitions + "select.epoll().modify(%s, 1)", BAD_FDS)
cases("epoll.register-mask", "ep = select.epoll(); ep.register(w, %s); names(ep.poll(0))",
      ["0", "-1", "2**31", "2**32-1", "2**32", "-2**31", "select.EPOLLET|select.EPOLLOUT",
       "select.EPOLLONESHOT|select.EPOLLOUT", "select.EPOLLEXCLUSIVE|select.EPOLLOUT",
       "select.EPOLLRDHUP", "select.EPOLLMSG|select.EPOLLOUT"] + BAD_INTS)
cases("epoll.modify-mask", "ep = select.epoll(); ep.register(w, 0); ep.modify(w, %s); names(ep.poll(0))",
      ["0", "-1", "2**32", "select.EPOLLOUT", "select.EPOLLEXCLUSIVE|select.EPOLLOUT", "1.5", "None"])
case("epoll.modify-exclusive-registered", "ep = select.epoll(); ep.register(w, select.EPOLLEXCLUSIVE|select.EPOLLOUT); ep.modify(w, select.EPOLLOUT)")
case("epoll.modify-unknown", "ep = select.epoll(); ep.modify(w, select.EPOLLOUT)")
case("epoll.modify-missing-mask", "ep = select.epoll(); ep.register(w); ep.modify(w)")
case("epoll.modify-keywords", "ep = select.epoll(); ep.register(w, 0); ep.modify(fd=w, eventmask=select.EPOLLOUT); names(ep.poll(0))")
case("epoll.unregister-unknown", "ep = select.epoll(); ep.unregister(w)")
case("epoll.unregister-twice", "ep = select.epoll(); ep.register(w); ep.unregister(w); ep.unregister(w)")
case("epoll.unregister-keyword", "ep = select.epoll(); ep.register(w); ep.unregister(fd=w); ep.poll(0)")
case("epoll.unregister-closed-fd", "ep = select.epoll(); ep.register(fa); os.close(fa); ep.unregister(fa)")
case("epoll.unregister-returns", "ep = select.epoll(); ep.register(w); ep.unregister(w)")
case("epoll.register-missing", "select.epoll().register()")
case("epoll.register-too-many", "select.epoll().register(r, 1, 2)")
case("epoll.register-unknown-keyword", "select.epoll().register(r, mask=1)")

# ---------------------------------------------------------------- epoll.poll
case("epoll.poll-empty", "select.epoll().poll(0)")
case("epoll.poll-result-types", "ep = select.epoll(); ep.register(w, select.EPOLLOUT); res = ep.poll(0); type(res).__name__, [tuple(type(x).__name__ for x in item) for item in res]")
case("epoll.poll-pipe-readable", "ep = select.epoll(); ep.register(r); os.write(w, b'x'); names(ep.poll(1))")
case("epoll.poll-pipe-writer-closed", "ep = select.epoll(); ep.register(r); os.close(w); names(ep.poll(1))")
case("epoll.poll-pipe-reader-closed", "ep = select.epoll(); ep.register(w); os.close(r); names(ep.poll(1))")
case("epoll.poll-pipe-full", "ep = select.epoll(); ep.register(full(w)); names(ep.poll(0))")
case("epoll.poll-socketpair", "ep = select.epoll(); ep.register(fa); ep.register(fb, select.EPOLLIN); b.send(b'x'); sorted(names(ep.poll(1)))")
case("epoll.poll-socket-shutdown-rdhup", "ep = select.epoll(); ep.register(fa, select.EPOLLIN|select.EPOLLRDHUP); b.shutdown(socket.SHUT_WR); names(ep.poll(1))")
case("epoll.poll-oneshot", "ep = select.epoll(); ep.register(w, select.EPOLLOUT|select.EPOLLONESHOT); names(ep.poll(0)), ep.poll(0)")
case("epoll.poll-oneshot-rearm", "ep = select.epoll(); ep.register(w, select.EPOLLOUT|select.EPOLLONESHOT); ep.poll(0); ep.modify(w, select.EPOLLOUT); names(ep.poll(0))")
case("epoll.poll-edge-triggered", "ep = select.epoll(); ep.register(r, select.EPOLLIN|select.EPOLLET); os.write(w, b'x'); names(ep.poll(1)), ep.poll(0)")
case("epoll.poll-level-triggered", "ep = select.epoll(); ep.register(r, select.EPOLLIN); os.write(w, b'x'); names(ep.poll(1)), names(ep.poll(0))")
case("epoll.poll-timerfd", "ep = select.epoll(); ep.register(tfd, select.EPOLLIN); os.timerfd_settime_ns(tfd, initial=1000); names(ep.poll(2))")
case("epoll.poll-closed-registered-fd", "ep = select.epoll(); ep.register(fa, select.EPOLLOUT); os.close(fa); names(ep.poll(0))")
cases("epoll.poll-maxevents", "ep = select.epoll(); ep.register(r, select.EPOLLOUT); ep.register(w, select.EPOLLOUT); len(ep.poll(0, %s))",
      ["-1", "1", "2", "3", "2**20", "0", "-2", "-2**31", "2**31", "2**63", "2**64", "1.0", "'1'", "None"])
# The timeout cases have a ready fd, so a timeout meaning "forever" returns.
cases("epoll.poll-timeout", "ep = select.epoll(); ep.register(w, select.EPOLLOUT); names(ep.poll(%s))",
      ["0", "0.0", "0.001", "-0.0", "None", "1e-9", "0.0009", "-1e-9"] + BAD_TIMEOUTS)
cases("epoll.poll-timeout-empty", "select.epoll().poll(%s)", ["0", "0.0", "0.001", "1e-9", "-0.0"])
case("epoll.poll-keywords", "ep = select.epoll(); ep.register(w, select.EPOLLOUT); names(ep.poll(timeout=0, maxevents=1))")
case("epoll.poll-unknown-keyword", "select.epoll().poll(timeout=0, max=1)")
case("epoll.poll-too-many", "select.epoll().poll(0, 1, 2)")
case("epoll.poll-timeout-waits", "t0 = time.monotonic(); res = select.epoll().poll(0.05); res, time.monotonic() - t0 >= 0.04")

# ---------------------------------------------------------------- poll
case("poll.empty", "select.poll().poll(0)")
case("poll.args", "select.poll(1)")
case("poll.kwargs", "select.poll(a=1)")
case("poll.register-default-mask", "p = select.poll(); p.register(w); names(p.poll(0))")
case("poll.register-returns", "p = select.poll(); p.register(r)")
case("poll.register-twice-modifies", "p = select.poll(); p.register(w, select.POLLIN); p.register(w, select.POLLOUT); names(p.poll(0))")
case("poll.register-keyword", "select.poll().register(fd=r)")
case("poll.register-keyword-mask", "select.poll().register(r, eventmask=1)")
case("poll.register-socket-object", "p = select.poll(); p.register(a, select.POLLOUT); p.poll(0) == [(a.fileno(), select.POLLOUT)]")
cases("poll.register-bad-fd", Junk.definitions + "p = select.poll(); p.register(%s); names(p.poll(0))", BAD_FDS)
cases("poll.modify-bad-fd", Junk.definitions + "select.poll().modify(%s, 1)", BAD_FDS)
cases("poll.unregister-bad-fd", Junk.definitions + "select.poll().unregister(%s)", BAD_FDS)
cases("poll.register-mask", "p = select.poll(); p.register(w, %s); names(p.poll(0))",
      ["0", "-1", "65535", "65536", "2**31", "-2**15", "select.POLLIN", "select.POLLOUT|select.POLLIN",
       "select.POLLRDHUP", "select.POLLNVAL"] + BAD_INTS)
cases("poll.modify-mask", "p = select.poll(); p.register(w, 0); p.modify(w, %s); names(p.poll(0))",
      ["select.POLLOUT", "-1", "65536", "1.5", "None"])
case("poll.modify-unknown", "select.poll().modify(w, select.POLLOUT)")
case("poll.modify-missing-mask", "p = select.poll(); p.register(w); p.modify(w)")
case("poll.unregister-unknown", "select.poll().unregister(w)")
case("poll.unregister-twice", "p = select.poll(); p.register(w); p.unregister(w); p.unregister(w)")
case("poll.unregister-returns", "p = select.poll(); p.register(w); p.unregister(w), p.poll(0)")
case("poll.closed-fd-nval", "p = select.poll(); p.register(closed_fd); names(p.poll(0))")
case("poll.closed-registered-fd", "p = select.poll(); p.register(fa); os.close(fa); names(p.poll(0))")
case("poll.pipe-readable", "p = select.poll(); p.register(r, select.POLLIN); os.write(w, b'xy'); names(p.poll(1000))")
case("poll.pipe-writer-closed", "p = select.poll(); p.register(r, select.POLLIN); os.close(w); names(p.poll(1000))")
case("poll.pipe-reader-closed", "p = select.poll(); p.register(w, select.POLLOUT); os.close(r); names(p.poll(1000))")
case("poll.pipe-full", "p = select.poll(); p.register(full(w), select.POLLOUT); names(p.poll(0))")
case("poll.socket-rdhup", "p = select.poll(); p.register(fa, select.POLLIN|select.POLLRDHUP); b.shutdown(socket.SHUT_WR); names(p.poll(1000))")
case("poll.timerfd", "p = select.poll(); p.register(tfd); os.timerfd_settime_ns(tfd, initial=1000); names(p.poll(2000))")
case("poll.order", "p = select.poll(); p.register(w, select.POLLOUT); p.register(fb, select.POLLOUT); p.register(fa, select.POLLOUT); sorted(names(p.poll(0)))")
case("poll.result-types", "p = select.poll(); p.register(w, select.POLLOUT); res = p.poll(0); type(res).__name__, [tuple(type(x).__name__ for x in item) for item in res]")
cases("poll.timeout", "p = select.poll(); p.register(w, select.POLLOUT); names(p.poll(%s))",
      ["0", "0.0", "1", "0.5", "None", "-0.5", "1e-9", "-12345", "2**31-1"]
      + BAD_TIMEOUTS + ["2**31", "2**63", "-2**63"])
cases("poll.timeout-empty", "select.poll().poll(%s)", ["0", "0.0", "1", "0.5", "1e-9"])
case("poll.timeout-keyword", "select.poll().poll(timeout=0)")
case("poll.too-many", "select.poll().poll(0, 1)")
case("poll.timeout-waits-ms", "t0 = time.monotonic(); res = select.poll().poll(50); res, time.monotonic() - t0 >= 0.04")
case("poll.modify-during-result", "p = select.poll(); p.register(w, select.POLLOUT); p.register(r, select.POLLIN); p.unregister(r); names(p.poll(0))")

# ---------------------------------------------------------------- select
case("select.empty", "select.select([], [], [], 0)")
case("select.pipe", "os.write(lw, b'x'); lnames(select.select([lr], [lw], [lr, lw], 0))")
case("select.same-objects", Junk.definitions + """
x, y = HasFileno(lr), HasFileno(lw)
os.write(lw, b'x')
res = select.select([x], [y], [], 0)
res[0][0] is x, res[1][0] is y
""")
case("select.duplicates", "lnames(select.select([lw, lw], [lw, lw], [], 0))")
case("select.tuples", "lnames(select.select((lr,), (lw,), (), 0))")
case("select.result-types", "res = select.select([], (lw,), [], 0); type(res).__name__, [type(x).__name__ for x in res]")
case("select.socket-objects", "res = select.select([a], [a], [a], 0); res == ([], [a], [])")
case("select.iterables", "lnames(select.select(iter([lr]), {lw: 1}, set(), 0))")
case("select.generator", "lnames(select.select((x for x in [lw]), [lw], [], 0))")
case("select.string-list", "select.select('ab', [], [], 0)")
cases("select.not-iterable", "select.select(%s, [], [], 0)", ["1", "None", "1.5"])
cases("select.bad-fd", Junk.definitions + "select.select([%s], [], [], 0)", BAD_FDS + ["4096", "1024", "2**31-1"])
case("select.fd-setsize", "fd = os.dup2(lw, 1100); lnames(select.select([], [fd], [], 0))")
case("select.fd-setsize-minus-one", "fd = os.dup2(lw, 1023); select.select([], [fd], [], 0) == ([], [1023], [])")
cases("select.timeout", "lnames(select.select([], [lw], [], %s))",
      ["0", "0.0", "None", "0.001", "1e-9", "-0.0"] + BAD_TIMEOUTS + ["2**31"])
case("select.timeout-keyword", "select.select([], [], [], timeout=0)")
case("select.too-few", "select.select([], [])")
case("select.too-many", "select.select([], [], [], 0, 1)")
case("select.error-raised", "select.select([closed_fd], [], [], 0)")
case("select.timeout-waits", "t0 = time.monotonic(); res = select.select([lr], [], [], 0.05); res, time.monotonic() - t0 >= 0.04")
case("select.closed-fd-in-write", "select.select([], [closed_fd], [], 0)")
cases("select.closed-low-fd", "select.select(%s, 0)",
      ["[closed_low_fd], [], []", "[], [closed_low_fd], []", "[], [], [closed_low_fd]", "[lr, closed_low_fd], [lw], []"])
case("select.writer-closed", "os.close(lw); lnames(select.select([lr], [], [lr], 0))")
case("select.timerfd", "fd = os.timerfd_create(time.CLOCK_MONOTONIC); os.timerfd_settime_ns(fd, initial=1000); res = select.select([fd], [], [], 2); res == ([fd], [], [])")

# ---------------------------------------------------------------- timerfd
case("timerfd.create", "fd = os.timerfd_create(time.CLOCK_REALTIME); type(fd).__name__, os.get_inheritable(fd), os.get_blocking(fd), os.timerfd_gettime(fd)")
cases("timerfd.create-clock", "fd = os.timerfd_create(%s); os.timerfd_gettime_ns(fd)",
      ["time.CLOCK_REALTIME", "time.CLOCK_MONOTONIC", "time.CLOCK_BOOTTIME",
       "time.CLOCK_PROCESS_CPUTIME_ID", "time.CLOCK_THREAD_CPUTIME_ID", "time.CLOCK_MONOTONIC_RAW",
       "time.CLOCK_TAI", "8", "9", "-1", "100"] + BAD_INTS)
cases("timerfd.create-flags", "fd = os.timerfd_create(time.CLOCK_MONOTONIC, flags=%s); os.get_blocking(fd), os.get_inheritable(fd)",
      ["0", "os.TFD_NONBLOCK", "os.TFD_CLOEXEC", "os.TFD_NONBLOCK|os.TFD_CLOEXEC", "1", "-1",
       "os.TFD_TIMER_ABSTIME"] + BAD_INTS)
case("timerfd.create-flags-positional", "os.timerfd_create(time.CLOCK_MONOTONIC, 0)")
case("timerfd.create-clockid-keyword", "os.timerfd_create(clockid=time.CLOCK_MONOTONIC)")
case("timerfd.create-missing", "os.timerfd_create()")
case("timerfd.create-unknown-keyword", "os.timerfd_create(1, flag=0)")
case("timerfd.settime-returns", "os.timerfd_settime(tfd, initial=10, interval=2)")
case("timerfd.settime-returns-previous", "os.timerfd_settime(tfd, initial=10, interval=2); os.timerfd_settime(tfd, initial=0)[1]")
case("timerfd.settime_ns-returns", "os.timerfd_settime_ns(tfd, initial=10**10, interval=3); os.timerfd_settime_ns(tfd, initial=0)[1]")
case("timerfd.settime-disarm", "os.timerfd_settime(tfd, initial=5); os.timerfd_settime(tfd); os.timerfd_gettime(tfd)")
case("timerfd.settime-interval-only", "os.timerfd_settime(tfd, interval=1); os.timerfd_gettime(tfd)")
case("timerfd.settime-positional", "os.timerfd_settime(tfd, 0, 1.0)")
case("timerfd.settime-fd-keyword", "os.timerfd_settime(fd=tfd)")
case("timerfd.settime_ns-positional", "os.timerfd_settime_ns(tfd, 0, 1)")
case("timerfd.gettime-keyword", "os.timerfd_gettime(fd=tfd)")
case("timerfd.gettime-types", "res = os.timerfd_gettime(tfd); type(res).__name__, [type(x).__name__ for x in res]")
case("timerfd.gettime_ns-types", "res = os.timerfd_gettime_ns(tfd); type(res).__name__, [type(x).__name__ for x in res]")
case("timerfd.gettime-interval", "os.timerfd_settime(tfd, initial=100, interval=0.25); os.timerfd_gettime(tfd)[1]")
case("timerfd.gettime_ns-interval", "os.timerfd_settime_ns(tfd, initial=10**11, interval=123456789); os.timerfd_gettime_ns(tfd)[1]")
case("timerfd.settime-ns-precision", "os.timerfd_settime_ns(tfd, initial=10**11, interval=10**9+1); os.timerfd_gettime_ns(tfd)[1], os.timerfd_gettime(tfd)[1]")
case("timerfd.settime-float-rounding", "os.timerfd_settime(tfd, initial=100, interval=1e-9); os.timerfd_gettime_ns(tfd)[1]")
case("timerfd.settime-float-tiny", "os.timerfd_settime(tfd, initial=100, interval=1e-10); os.timerfd_gettime_ns(tfd)[1]")
case("timerfd.settime-float-half-ns", "os.timerfd_settime(tfd, initial=100, interval=1.5e-9); os.timerfd_gettime_ns(tfd)[1]")
cases("timerfd.settime-initial", "os.timerfd_settime(tfd, initial=%s); os.timerfd_gettime(tfd)[0] > 0",
      ["1", "1.5", "True", "10**6"] + BAD_TIMEOUTS + ["10**10", "1e10", "2**62", "-0.0"])
cases("timerfd.settime-interval", "os.timerfd_settime(tfd, initial=1, interval=%s); os.timerfd_gettime(tfd)[1]",
      ["0", "0.5", "2", "True"] + BAD_TIMEOUTS)
cases("timerfd.settime_ns-initial", "os.timerfd_settime_ns(tfd, initial=%s); os.timerfd_gettime_ns(tfd)[0] > 0",
      ["1", "10**9", "True", "-1", "1.0", "'1'", "None", "2**63", "2**63-1", "2**64", "-2**63",
       "10**18", "10**19"])
cases("timerfd.settime_ns-interval", "os.timerfd_settime_ns(tfd, initial=10**10, interval=%s); os.timerfd_gettime_ns(tfd)[1]",
      ["1", "999999999", "10**9", "-1", "1.0", "2**63", "2**64"])
cases("timerfd.settime-flags", "os.timerfd_settime(tfd, flags=%s, initial=1); os.timerfd_gettime(tfd)[0] > 0",
      ["0", "os.TFD_TIMER_ABSTIME", "os.TFD_TIMER_CANCEL_ON_SET", "4", "-1", "os.TFD_NONBLOCK"] + BAD_INTS)
case("timerfd.settime-cancel-on-set-realtime", """
fd = os.timerfd_create(time.CLOCK_REALTIME)
os.timerfd_settime(fd, flags=os.TFD_TIMER_ABSTIME | os.TFD_TIMER_CANCEL_ON_SET, initial=time.time() + 100)
os.timerfd_gettime(fd)[0] > 90
""")
case("timerfd.abstime-past", "os.timerfd_settime(tfd, flags=os.TFD_TIMER_ABSTIME, initial=1); int.from_bytes(os.read(tfd, 8), sys.byteorder), os.timerfd_gettime(tfd)")
case("timerfd.abstime-future", "os.timerfd_settime_ns(tfd, flags=os.TFD_TIMER_ABSTIME, initial=time.clock_gettime_ns(time.CLOCK_MONOTONIC) + 10**10); 9.0 < os.timerfd_gettime(tfd)[0] <= 10.0")
case("timerfd.read-count", "os.timerfd_settime_ns(tfd, initial=1, interval=10**6); time.sleep(0.05); int.from_bytes(os.read(tfd, 8), sys.byteorder) >= 40")
case("timerfd.read-unarmed-nonblocking", "fd = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK); os.read(fd, 8)")
case("timerfd.read-small-buffer", "os.timerfd_settime_ns(tfd, initial=1); time.sleep(0.01); os.read(tfd, 4)")
case("timerfd.read-large-buffer", "os.timerfd_settime_ns(tfd, initial=1); time.sleep(0.01); os.read(tfd, 100)")
case("timerfd.write", "os.write(tfd, b'12345678')")
for func in ["timerfd_settime(%s)", "timerfd_settime_ns(%s)", "timerfd_gettime(%s)", "timerfd_gettime_ns(%s)"]:
    name = func.split("(")[0]
    cases("timerfd.%s-bad-fd" % name, Junk.definitions + "os." + func,
          BAD_FDS + ["r", "fa", "(ep := select.epoll()).fileno()"])
case("timerfd.settime-missing-fd", "os.timerfd_settime()")
case("timerfd.settime-unknown-keyword", "os.timerfd_settime(tfd, start=1)")
case("timerfd.gettime-too-many", "os.timerfd_gettime(tfd, 1)")
case("timerfd.closed-fd-settime", "os.close(tfd); os.timerfd_settime(tfd, initial=1)")

# ---------------------------------------------------------------- clocks
CLOCKS = ["time.CLOCK_REALTIME", "time.CLOCK_MONOTONIC", "time.CLOCK_MONOTONIC_RAW",
          "time.CLOCK_BOOTTIME", "time.CLOCK_PROCESS_CPUTIME_ID",
          "time.CLOCK_THREAD_CPUTIME_ID", "time.CLOCK_TAI"]
cases("clock.gettime-type", "type(time.clock_gettime(%s)).__name__", CLOCKS)
cases("clock.gettime_ns-type", "type(time.clock_gettime_ns(%s)).__name__", CLOCKS)
cases("clock.getres", "time.clock_getres(%s)", CLOCKS)
BAD_CLOCKS = ["-1", "8", "12", "100", "2**31", "2**64", "-2**31-1", "1.0", "'0'", "None"]
cases("clock.gettime-bad", "time.clock_gettime(%s)", BAD_CLOCKS)
cases("clock.gettime_ns-bad", "time.clock_gettime_ns(%s)", BAD_CLOCKS)
cases("clock.getres-bad", "time.clock_getres(%s)", BAD_CLOCKS)
case("clock.gettime-keyword", "time.clock_gettime(clk_id=0)")
case("clock.getres-keyword", "time.clock_getres(clk_id=0)")
case("clock.gettime-missing", "time.clock_gettime()")
cases("clock.bool-id", "type(time.%s(True)).__name__", ["clock_gettime", "clock_gettime_ns", "clock_getres"])
case("clock.monotonic-matches", "a = time.clock_gettime(time.CLOCK_MONOTONIC); b = time.monotonic(); 0 <= b - a < 5")
case("clock.realtime-matches", "abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 5")
case("clock.ns-matches", "a = time.clock_gettime_ns(time.CLOCK_MONOTONIC); b = time.clock_gettime(time.CLOCK_MONOTONIC); abs(b - a / 1e9) < 5")

# clock_settime and clock_settime_ns: refusals only. Bad input goes to
# CLOCK_MONOTONIC, which nothing can set; CLOCK_REALTIME gets only times the
# kernel refuses whatever the privilege (before the epoch, past its limit).
SETTABLE_NEVER = [c for c in CLOCKS if c != "time.CLOCK_REALTIME"]
cases("clock.settime-unsettable", "time.clock_settime(%s, 0)", SETTABLE_NEVER)
cases("clock.settime_ns-unsettable", "time.clock_settime_ns(%s, 0)", SETTABLE_NEVER)
cases("clock.settime-bad-clock", "time.clock_settime(%s, 0)", BAD_CLOCKS + ["True"])
cases("clock.settime_ns-bad-clock", "time.clock_settime_ns(%s, 0)", BAD_CLOCKS + ["True"])
BAD_SETTIMES = BAD_TIMEOUTS + ["0.5", "-0.5", "9.2e9", "9.3e9", "-9.3e9", "9223372036", "9223372037",
                               "-9223372037", "2**63-1", "-2**63", "-2**63-1", "None", "b'1'"]
cases("clock.settime-bad-time", "time.clock_settime(time.CLOCK_MONOTONIC, %s)", BAD_SETTIMES)
cases("clock.settime_ns-bad-time", "time.clock_settime_ns(time.CLOCK_MONOTONIC, %s)", BAD_SETTIMES)
cases("clock.settime-realtime-out-of-range", "time.clock_settime(time.CLOCK_REALTIME, %s)",
      ["-1", "-1e-9", "9e9"])
cases("clock.settime_ns-realtime-out-of-range", "time.clock_settime_ns(time.CLOCK_REALTIME, %s)",
      ["-1", "2**63-1"])
case("clock.settime-clock-checked-first", "time.clock_settime('0', None)")
case("clock.settime-keyword", "time.clock_settime(time.CLOCK_MONOTONIC, time=0)")
case("clock.settime_ns-keyword", "time.clock_settime_ns(clk_id=time.CLOCK_MONOTONIC, time=0)")
case("clock.settime-missing", "time.clock_settime(time.CLOCK_MONOTONIC)")
case("clock.settime_ns-too-many", "time.clock_settime_ns(time.CLOCK_MONOTONIC, 0, 0)")
case("clock.settime-thread-clock", """
import threading
time.clock_settime(time.pthread_getcpuclockid(threading.get_ident()), 0)
""")

# pthread_getcpuclockid: CPython crashes on an id that is neither a live thread's
# nor one that just ended, so only those and bad types are compared.
case("clock.getcpuclockid-own", """
import threading
clock = time.pthread_getcpuclockid(threading.get_ident())
type(clock).__name__, clock != time.CLOCK_THREAD_CPUTIME_ID, time.clock_gettime(clock) > 0
""")
case("clock.getcpuclockid-modulo", """
import threading
me = threading.get_ident()
time.pthread_getcpuclockid(me + 2**64) == time.pthread_getcpuclockid(me - 2**64) == time.pthread_getcpuclockid(me)
""")
case("clock.getcpuclockid-ended-thread", """
import threading
thread = threading.Thread(target=lambda: None)
thread.start()
thread.join()
time.pthread_getcpuclockid(thread.ident)
""")
cases("clock.getcpuclockid-bad", "time.pthread_getcpuclockid(%s)", ["'1'", "1.0", "None", "b'1'", "[]"])
case("clock.getcpuclockid-keyword", "import threading; time.pthread_getcpuclockid(thread_id=threading.get_ident())")
case("clock.getcpuclockid-missing", "time.pthread_getcpuclockid()")

# ---------------------------------------------------------------- eventfd, pidfd_open, pipe2
UNSIGNED = ["0", "1", "-1", "2**32-1", "2**32", "2**64", "2**70", "1.5", "'1'", "None", "True"]
case("eventfd.create", "fd = os.eventfd(3); type(fd).__name__, os.get_inheritable(fd), os.get_blocking(fd), os.eventfd_read(fd)")
cases("eventfd.initval", "fd = os.eventfd(%s, os.EFD_NONBLOCK); os.eventfd_read(fd)", UNSIGNED)
cases("eventfd.flags", "fd = os.eventfd(1, flags=%s); os.get_blocking(fd), os.get_inheritable(fd)",
      ["0", "os.EFD_NONBLOCK", "os.EFD_CLOEXEC", "os.EFD_SEMAPHORE", "os.EFD_NONBLOCK|os.EFD_CLOEXEC", "-1", "4"]
      + BAD_INTS)
case("eventfd.keywords", "fd = os.eventfd(initval=2, flags=os.EFD_NONBLOCK); os.eventfd_read(fd=fd)")
case("eventfd.missing", "os.eventfd()")
case("eventfd.too-many", "os.eventfd(0, 0, 0)")
case("eventfd.unknown-keyword", "os.eventfd(0, flag=0)")
case("eventfd.semaphore", "fd = os.eventfd(2, os.EFD_SEMAPHORE|os.EFD_NONBLOCK); [os.eventfd_read(fd) for _ in range(2)], os.eventfd_read(fd)")
case("eventfd.read-empty-nonblocking", "os.eventfd_read(os.eventfd(0, os.EFD_NONBLOCK))")
# Never fd 1 (True) or a pipe: a read could block, a write would reach the runner's output.
EVENTFD_BAD_FDS = [v for v in Junk.values if v != "True"] + Junk.objects
cases("eventfd.read-fd", "os.eventfd_read(%s)", EVENTFD_BAD_FDS)
cases("eventfd.write-value", "fd = os.eventfd(0, os.EFD_NONBLOCK); os.eventfd_write(fd, %s); os.eventfd_read(fd)",
      UNSIGNED + ["2**64-2", "2**64-1", "2**63", "1.0"])
case("eventfd.write-full-nonblocking", "fd = os.eventfd(0, os.EFD_NONBLOCK); os.eventfd_write(fd, 2**64-2); os.eventfd_write(fd, 1)")
cases("eventfd.write-fd", "os.eventfd_write(%s, 1)", EVENTFD_BAD_FDS + ["r"])
case("eventfd.write-keywords", "fd = os.eventfd(0, os.EFD_NONBLOCK); os.eventfd_write(value=5, fd=fd); os.eventfd_read(fd)")
case("eventfd.write-missing", "os.eventfd_write(1)")
case("eventfd.epoll", "fd = os.eventfd(0, os.EFD_NONBLOCK); ep = select.epoll(); ep.register(fd); before = ep.poll(0); os.eventfd_write(fd, 1); [[(f == fd, e) for f, e in ready] for ready in (before, ep.poll(0))]")
case("pidfd.own", "fd = os.pidfd_open(os.getpid()); type(fd).__name__, os.get_inheritable(fd), os.get_blocking(fd), select.select([fd], [], [], 0)[0]")
cases("pidfd.pid", "os.pidfd_open(%s)", ["0", "-1", "2**22+1"] + BAD_INTS)
cases("pidfd.flags", "fd = os.pidfd_open(os.getpid(), %s); os.get_blocking(fd)", UNSIGNED)
case("pidfd.keywords", "fd = os.pidfd_open(pid=os.getpid(), flags=0); os.get_inheritable(fd)")
case("pidfd.missing", "os.pidfd_open()")
case("pipe2.default", "r2, w2 = os.pipe2(0); os.get_inheritable(r2), os.get_inheritable(w2), os.get_blocking(r2), os.write(w2, b'x'), os.read(r2, 1)")
cases("pipe2.flags", "r2, w2 = os.pipe2(%s); os.get_inheritable(r2), os.get_blocking(w2)",
      ["os.O_CLOEXEC", "os.O_NONBLOCK", "os.O_CLOEXEC|os.O_NONBLOCK", "-1", "1", "os.O_DIRECT"] + BAD_INTS)
case("pipe2.missing", "os.pipe2()")
case("pipe2.keyword", "os.pipe2(flags=0)")
case("pipe2.too-many", "os.pipe2(0, 0)")

# ---------------------------------------------------------------- signal (issue 10): set_wakeup_fd and handlers
SIGNAL_BAD_NUMBERS = ["0", "-1", "65", "signal.NSIG"] + BAD_INTS
cases("signal.set_wakeup_fd-fd", "import signal; old = signal.set_wakeup_fd(%s); signal.set_wakeup_fd(-1), old",
      ["-1", "-2", "closed_fd"] + BAD_INTS)
case("signal.set_wakeup_fd-result", """
import signal
os.set_blocking(w, False)
first = signal.set_wakeup_fd(w)
second = signal.set_wakeup_fd(w, warn_on_full_buffer=False)
names((first, second, signal.set_wakeup_fd(-1), signal.set_wakeup_fd(-1)))
""")
cases("signal.set_wakeup_fd-call", "import signal; signal.set_wakeup_fd(%s)",
      ["", "-1, True", "-1, True, 3", "fd=-1", "-1, x=1", "-1, warn_on_full_buffer=[]"])
cases("signal.signal-number", "import signal; signal.signal(%s, signal.SIG_DFL)", SIGNAL_BAD_NUMBERS)
cases("signal.signal-handler", "import signal; signal.signal(signal.SIGUSR1, %s); signal.getsignal(signal.SIGUSR1)",
      ["5", "None", "True", "1.0", "'x'", "signal.SIG_IGN", "signal.SIG_DFL", "0", "1"])
cases("signal.signal-call", "import signal, _signal; _signal.signal(%s)",
      ["", "10", "10, 0, 1", "signalnum=10, handler=0"])
case("signal.signal-sigkill", "import signal; signal.signal(signal.SIGKILL, print)")
case("signal.signal-previous", """
import signal
def h(signum, frame): pass
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
result = [signal.signal(signal.SIGUSR1, h) is signal.SIG_DFL, signal.signal(signal.SIGUSR1, signal.SIG_IGN) is h,
          signal.getsignal(signal.SIGUSR1)]
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
result
""")
case("signal.raise-handled", """
import signal
calls = []
os.set_blocking(r, False); os.set_blocking(w, False)
signal.set_wakeup_fd(w)
signal.signal(signal.SIGUSR1, lambda signum, frame: calls.append(signum))
signal.raise_signal(signal.SIGUSR1)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
signal.set_wakeup_fd(-1)
calls, os.read(r, 10)
""")
cases("signal.getsignal", "import signal; signal.getsignal(%s)", SIGNAL_BAD_NUMBERS + ["", "1, 2"])
cases("signal.siginterrupt", "import signal; signal.siginterrupt(%s)", ["0, 1", "65, 1", "10, 'x'", "10, 2**40", "10"])
cases("signal.raise_signal", "import signal; signal.raise_signal(%s)", ["65", "-1", "'x'", "2**40", ""])
cases("thread.interrupt_main", "import _thread; _thread.interrupt_main(%s)",
      ["0", "65", "'x'", "2**40", "1, 2", "signum=2", "10"])
cases("os.kill-self", "import signal; os.kill(os.getpid(), %s)", ["[]", "'x'", "1.5", "-1"])
