"""Threads (issue 4, "Embedding reliability"): a wait does not stop other
Python threads, a write from another thread wakes it at once, and many threads
sharing one epoll or one select.poll object see no crash, no deadlock, no lost
readiness and only the exceptions CPython raises.

PYSELECT4J_STRESS_SECONDS sets how long the stress tests run (default 30).
Run with -s to see the measured figures.
"""

import errno
import os
import random
import select
import threading
import time

import pytest

from conftest import Helper

STRESS_SECONDS = float(os.environ.get("PYSELECT4J_STRESS_SECONDS", "30"))
STRESS_THREADS = 8
WAKE_BOUND = 0.5  # seconds from another thread's write to the end of the wait
TRIALS = 3
GUARD = 60        # seconds after which a helper thread gives up and wakes the wait


def test_other_threads_run_during_an_unbounded_wait(pipe_fds):
    r, w = pipe_fds
    counter = [0]
    stop = threading.Event()
    waiting = threading.Event()
    progress = []

    def count():
        while not stop.is_set():
            counter[0] += 1

    def observe():
        # Once the main thread waits, the counter must advance; then wake it.
        waiting.wait(GUARD)
        time.sleep(0.5)
        before = counter[0]
        time.sleep(1.0)
        progress.append(counter[0] - before)
        os.write(w, b"x")

    with select.epoll() as ep:
        ep.register(r, select.EPOLLIN)
        threads = [threading.Thread(target=count, daemon=True), threading.Thread(target=observe, daemon=True)]
        for thread in threads:
            thread.start()
        try:
            waiting.set()
            events = ep.poll(None)
        finally:
            stop.set()
            for thread in threads:
                thread.join(GUARD)
    print("\nwhile the main thread waited in epoll.poll(None), another thread's counter "
          "advanced by %d in 1 s" % progress[0])
    assert events == [(r, select.EPOLLIN)]
    assert progress[0] > 100, "other Python threads stalled during the wait"


@pytest.mark.parametrize("kind", ["epoll", "poll", "select"])
def test_write_from_another_thread_wakes_the_wait(kind, pipe_fds):
    r, w = pipe_fds
    if kind == "epoll":
        ep = select.epoll()
        ep.register(r, select.EPOLLIN)
        wait, close = (lambda: ep.poll(None)), ep.close
    elif kind == "poll":
        p = select.poll()
        p.register(r, select.POLLIN)
        wait, close = (lambda: p.poll(None)), (lambda: None)
    else:
        wait, close = (lambda: select.select([r], [], [], None)), (lambda: None)
    latencies = []
    try:
        for _ in range(TRIALS):
            written = []

            def write_later():
                time.sleep(0.3)
                written.append(time.monotonic())
                os.write(w, b"x")

            writer = threading.Thread(target=write_later, daemon=True)
            writer.start()
            result = wait()
            woke = time.monotonic()
            writer.join(GUARD)
            assert result in ([(r, select.POLLIN)], ([r], [], []))
            latencies.append(woke - written[0])
            os.read(r, 1)
    finally:
        close()
    print("\n%s(None) woke %s ms after another thread's write"
          % (kind, ", ".join("%.1f" % (x * 1000) for x in latencies)))
    assert min(latencies) < WAKE_BOUND


# ----------------------------------------------------------------- concurrent poll()

def test_concurrent_poll_on_one_poll_object_raises_runtime_error(pipe_fds):
    r, w = pipe_fds
    p = select.poll()
    p.register(r, select.POLLIN)
    result = []

    def long_poll():
        deadline = time.monotonic() + GUARD
        while time.monotonic() < deadline:
            try:
                result.append(p.poll(GUARD * 1000))
                return
            except RuntimeError:  # the main thread's poll(0) was running: try again
                time.sleep(0.01)

    waiter = Helper(long_poll)
    waiter.start()
    error = None
    deadline = time.monotonic() + GUARD
    try:
        while error is None and time.monotonic() < deadline:
            try:
                assert p.poll(0) == []
            except RuntimeError as exc:
                error = exc
            else:
                # Its poll() ends only after the write below: had the waiter ended, no refusal would come.
                waiter.check_running("waiting in poll(), got %r" % result)
                time.sleep(0.01)
    finally:
        os.write(w, b"x")
        waiter.finish(GUARD)
    assert type(error) is RuntimeError and str(error) == "concurrent poll() invocation"
    assert result == [[(r, select.POLLIN)]]


# ----------------------------------------------------------------- stress

class Stress:
    """STRESS_THREADS threads hammering one epoll and one select.poll object.

    Every poll includes `always`, the read end of a pipe that is registered
    for the whole run and always readable: a poll that misses it lost
    readiness.  Each thread also owns a pipe it registers, checks and
    unregisters itself, and all threads fight over a few shared pipes.
    """

    def __init__(self, seconds):
        self.seconds = seconds
        self.ep = select.epoll()
        self.p = select.poll()
        self.pipes = []
        self.always = self.pipe(readable=True)
        self.ep.register(self.always, select.EPOLLIN)
        self.p.register(self.always, select.POLLIN)
        self.shared = [self.pipe(readable=i % 2 == 0) for i in range(4)]
        self.failures = []
        self.counts = {}
        self.lock = threading.Lock()

    def pipe(self, readable):
        r, w = os.pipe()
        self.pipes += [r, w]
        if readable:
            os.write(w, b"x")
        return r

    def close(self):
        self.ep.close()
        for fd in self.pipes:
            os.close(fd)

    def fail(self, text):
        with self.lock:
            if len(self.failures) < 20:
                self.failures.append(text)

    def count(self, name):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + 1

    # Exceptions CPython raises for the races of this test, by operation.
    def expect(self, exc, *allowed):
        for exc_type, err in allowed:
            if type(exc) is exc_type and (err is None or exc.errno == err):
                self.count(type(exc).__name__)
                return
        self.fail("unexpected %s: %r" % (type(exc).__name__, exc))

    def epoll_step(self, rng, own):
        ep, fd = self.ep, rng.choice(self.shared)
        action = rng.randrange(6)
        try:
            if action == 0:
                ep.register(fd, rng.choice([select.EPOLLIN, select.EPOLLIN | select.EPOLLOUT]))
            elif action == 1:
                ep.modify(fd, rng.choice([select.EPOLLIN, select.EPOLLOUT]))
            elif action == 2:
                ep.unregister(fd)
            else:
                ready = dict(ep.poll(rng.choice([0, 0.001])))
                if ready.get(self.always, 0) & select.EPOLLIN == 0:
                    self.fail("epoll.poll lost the always-readable pipe: %r" % ready)
            self.count("epoll ok")
        except OSError as exc:
            self.expect(exc, (FileExistsError, errno.EEXIST), (FileNotFoundError, errno.ENOENT))
        # The thread's own pipe: once registered, the next poll reports it.
        ep.register(own, select.EPOLLIN)
        ready = dict(ep.poll(0))
        if ready.get(own) != select.EPOLLIN or ready.get(self.always) != select.EPOLLIN:
            self.fail("epoll.poll missed a readable pipe just registered: %r" % ready)
        ep.unregister(own)

    def poll_step(self, rng, own):
        p, fd = self.p, rng.choice(self.shared)
        action = rng.randrange(6)
        try:
            if action == 0:
                p.register(fd, rng.choice([select.POLLIN, select.POLLIN | select.POLLOUT]))
            elif action == 1:
                p.modify(fd, rng.choice([select.POLLIN, select.POLLOUT]))
            elif action == 2:
                p.unregister(fd)
            else:
                ready = dict(p.poll(rng.choice([0, 1])))
                if ready.get(self.always, 0) & select.POLLIN == 0:
                    self.fail("poll.poll lost the always-readable pipe: %r" % ready)
            self.count("poll ok")
        except KeyError as exc:
            if exc.args != (fd,):
                self.fail("unexpected KeyError%r" % (exc.args,))
            self.count("KeyError")
        except RuntimeError as exc:
            if str(exc) != "concurrent poll() invocation":
                self.fail("unexpected RuntimeError: %s" % exc)
            self.count("RuntimeError(concurrent poll)")
        except OSError as exc:
            self.expect(exc, (FileNotFoundError, errno.ENOENT))
        p.register(own, select.POLLIN)
        try:
            ready = dict(p.poll(0))
        except RuntimeError:
            self.count("RuntimeError(concurrent poll)")
        else:
            if ready.get(own) != select.POLLIN or ready.get(self.always) != select.POLLIN:
                self.fail("poll.poll missed a readable pipe just registered: %r" % ready)
        p.unregister(own)

    def worker(self, index):
        rng = random.Random(index)
        own = self.pipe(readable=True)
        deadline = time.monotonic() + self.seconds
        try:
            while time.monotonic() < deadline:
                self.epoll_step(rng, own)
                self.poll_step(rng, own)
                self.count("rounds")
        except BaseException as exc:
            self.fail("thread %d died: %r" % (index, exc))

    def run(self):
        threads = [threading.Thread(target=self.worker, args=(i,), daemon=True)
                   for i in range(STRESS_THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(self.seconds + GUARD)
        hung = [t.name for t in threads if t.is_alive()]
        return hung


def test_stress_one_epoll_and_one_poll_object_shared_by_eight_threads():
    stress = Stress(STRESS_SECONDS)
    start = time.monotonic()
    hung = stress.run()
    elapsed = time.monotonic() - start
    if not hung:
        stress.close()
    print("\nstress: %d threads, %.1f s: %s" % (
        STRESS_THREADS, elapsed, ", ".join("%s %d" % item for item in sorted(stress.counts.items()))))
    assert not hung, "threads still running %d s after the end (deadlock?): %s" % (GUARD, hung)
    assert not stress.failures, "\n".join(stress.failures)
    assert stress.counts.get("rounds", 0) >= STRESS_THREADS
    # The races this test is for really happened.
    assert stress.counts.get("FileExistsError", 0) and stress.counts.get("FileNotFoundError", 0)
