"""Runs every case of differential_cases.CASES and prints one JSON line per case;
with --fuzz SEED COUNT, runs COUNT random calls of differential_fuzz instead.

Run by test_differential.py under both the reference CPython and the
pyselect4j launcher; the two outputs are compared case by case.  The output
must not depend on the interpreter apart from the behaviour under test, so
file descriptor numbers are replaced by their names and object addresses are
stripped.
"""

import ast
import errno
import json
import os
import re
import select
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from differential_cases import CASES  # noqa: E402

# File descriptors the cases poll with epoll/poll are moved up to this range,
# which cannot collide with event masks: no event bit lies between 4096 and
# 8191, so an int there in a result can only be one of our fds.
HIGH_FD_BASE = 4200
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def is_open(fd):
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


class CaseResources:
    """The objects every case can use; all closed after the case."""

    def __init__(self):
        self.names = {}
        self.to_close = []
        self.next_high = HIGH_FD_BASE

    def high(self, fd, name):
        """Moves fd to an unused high number (if the fd limit allows it)."""
        while is_open(self.next_high):
            self.next_high += 1
        try:
            moved = os.dup2(fd, self.next_high)
        except OSError:
            moved = fd
        else:
            os.close(fd)
        self.next_high += 1
        return self.fd(moved, name)

    def fd(self, fd, name):
        self.names[fd] = name
        self.to_close.append(fd)
        return fd

    def namespace(self):
        ns = {"os": os, "select": select, "socket": socket, "time": time,
              "errno": errno, "sys": sys}
        r, w = os.pipe()
        ns["r"], ns["w"] = self.high(r, "r"), self.high(w, "w")
        a, b = socket.socketpair()
        self.sockets = (a, b)
        ns["a"], ns["b"] = a, b
        ns["fa"] = self.high(os.dup(a.fileno()), "fa")
        ns["fb"] = self.high(os.dup(b.fileno()), "fb")
        lr, lw = os.pipe()  # low numbers, usable by select()
        ns["lr"], ns["lw"] = lr, lw
        self.to_close += [lr, lw]
        self.low_names = {lr: "lr", lw: "lw"}
        ns["closed_fd"] = self.unused_high_fd()
        self.names[ns["closed_fd"]] = "closed_fd"
        ns["closed_low_fd"] = self.unused_low_fd()
        self.low_names[ns["closed_low_fd"]] = "closed_low_fd"
        ns["names"] = self.named
        ns["lnames"] = self.low_named
        ns["full"] = self.fill_pipe
        try:
            tfd = os.timerfd_create(time.CLOCK_MONOTONIC)
        except Exception:  # reported by the cases that use it
            pass
        else:
            ns["tfd"] = self.high(tfd, "tfd")
        return ns

    def unused_high_fd(self):
        while is_open(self.next_high):
            self.next_high += 1
        self.next_high += 1
        return self.next_high - 1

    def unused_low_fd(self):
        """An fd number below select's FD_SETSIZE that is not open."""
        fd = 1000
        while is_open(fd):
            fd -= 1
        return fd

    def fill_pipe(self, fd):
        os.set_blocking(fd, False)
        try:
            while True:
                os.write(fd, b"x" * 65536)
        except BlockingIOError:
            pass
        return fd

    def named(self, value, names=None):
        """Replaces our (high) fd numbers inside value by their names."""
        names = self.names if names is None else names
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return "<%s>" % names[value] if value in names else value
        if isinstance(value, (list, tuple)):
            return type(value)(self.named(v, names) for v in value)
        if isinstance(value, dict):
            return {self.named(k, names): self.named(v, names)
                    for k, v in value.items()}
        return value

    def low_named(self, value):
        """Like named(), also naming the low fds (only for select results,
        where no event mask can be mistaken for an fd)."""
        return self.named(value, dict(self.names, **self.low_names))

    def close(self):
        for sock in self.sockets:
            sock.close()
        for fd in self.to_close:
            try:
                os.close(fd)
            except OSError:
                pass


def run_code(code, ns):
    """exec's code; if its last statement is an expression, returns its value."""
    tree = ast.parse(code, mode="exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, "<case>", "exec"), ns)
    if last is not None:
        return eval(compile(last, "<case>", "eval"), ns)
    return None


def describe(exc, resources=None):
    message = str(exc)
    if resources is not None and isinstance(exc, KeyError) and exc.args:
        message = repr(resources.named(exc.args[0]))  # poll's unknown fd
    outcome = {"raises": type(exc).__name__,
               "errno": getattr(exc, "errno", None),
               "message": ADDRESS.sub("", message)}
    if type(exc).__module__ != "builtins":
        outcome["module"] = type(exc).__module__  # e.g. a host (Java) exception
    return outcome


def run_case(code):
    resources = CaseResources()
    try:
        ns = resources.namespace()
        try:
            value = run_code(code, ns)
        except Exception as exc:
            return describe(exc, resources)
        return {"value": ADDRESS.sub("", repr(resources.named(value)))}
    finally:
        resources.close()


# ---------------------------------------------------------------- fuzz

class FuzzBatch:
    """The namespace of BATCH fuzz calls: the resources of a case, plus a
    second pipe (qr, qw), an epoll object `ep`, a poll object `pl`, the junk
    classes and the actions that close and reuse descriptors."""

    def __init__(self, junk_classes):
        self.resources = CaseResources()
        ns = self.ns = self.resources.namespace()
        exec(junk_classes, ns)
        ns["ep"] = select.epoll()
        ns["pl"] = select.poll()
        ns["ep_closed"] = lambda: ns["ep"].closed
        ns["ep_enter"] = lambda: ns["ep"].__enter__() is ns["ep"]
        ns["write_w"] = lambda: os.write(ns["w"], b"x")
        qr, qw = os.pipe()
        ns["qr"], ns["qw"] = self.resources.high(qr, "qr"), self.resources.high(qw, "qw")
        ns["close_qr"] = lambda: os.close(ns["qr"])
        ns["reuse_qr"] = lambda: os.dup2(ns["w"], ns["qr"])  # qr's number, another file
        ns["close_w"] = lambda: os.close(ns["w"])

    def close(self):
        try:
            self.ns["ep"].close()
        finally:
            self.resources.close()


def fuzz_value(kind, value, resources):
    """The part of a fuzz call's result that does not depend on fd numbers,
    timing or the interpreter's own objects."""
    if kind == "epoll-object":
        try:
            value.close()
            closed = "closed"
        except Exception as exc:
            closed = "close raises %s" % describe(exc, resources)
        return "<%s, %s>" % (type(value).__name__, closed)
    if kind == "new-fd":
        os.close(value)
        return "<new fd, %s>" % type(value).__name__
    if kind == "fileno" or kind == "type":
        return "<%s>" % type(value).__name__
    if kind == "timer":
        # (time to the next expiration, interval): the first depends on when
        # the call ran; only whether it is under a second does not.
        initial, interval = value
        second = 10**9 if isinstance(initial, int) else 1.0
        return "(%s %s, %r)" % (type(initial).__name__, "<1s" if initial < second else ">=1s", interval)
    if kind == "select":
        return repr(resources.low_named(value))
    return repr(resources.named(value))


def fuzz(seed, count):
    from differential_fuzz import BATCH, JUNK_CLASSES, all_sources, calls
    code = {source: compile(source, "<fuzz>", "eval") for source in all_sources()}
    paths = {}
    batch = None
    try:
        for index, label, target, args in calls(seed, count):
            if index % BATCH == 0:
                if batch is not None:
                    batch.close()
                batch = FuzzBatch(JUNK_CLASSES)
            ns = batch.ns
            try:
                path = paths.get(target.path)
                if path is None:
                    path = paths[target.path] = compile(target.path, "<fuzz>", "eval")
                function = eval(path, ns)
                positional, keywords = [], {}
                for keyword, source in args:
                    value = eval(code[source], ns)
                    if keyword is None:
                        positional.append(value)
                    else:
                        keywords[keyword] = value
                try:
                    outcome = {"value": ADDRESS.sub("", fuzz_value(
                        target.kind, function(*positional, **keywords), batch.resources))}
                except Exception as exc:
                    outcome = describe(exc, batch.resources)
            except Exception as exc:  # the harness itself failed
                outcome = {"harness_error": describe(exc)}
            outcome["case"] = "%d %s" % (index, label)
            print(json.dumps(outcome, sort_keys=True))
    finally:
        if batch is not None:
            batch.close()
    sys.stdout.flush()
    print(json.dumps({"done": count}), flush=True)


def main():
    if sys.argv[1:2] == ["--fuzz"]:
        fuzz(int(sys.argv[2]), int(sys.argv[3]))
        return
    only = set(sys.argv[1:])
    for name, code in CASES:
        if only and name not in only:
            continue
        try:
            outcome = run_case(code)
        except Exception as exc:  # the harness itself failed
            outcome = {"harness_error": describe(exc)}
        outcome["case"] = name
        print(json.dumps(outcome, sort_keys=True), flush=True)
    print(json.dumps({"done": len(CASES)}), flush=True)


if __name__ == "__main__":
    main()
