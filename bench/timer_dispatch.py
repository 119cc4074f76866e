"""Timer dispatch: many periodic timerfds in one epoll, served by a poll-then-read loop.

The timers fire faster than the loop can serve them (saturated), so every
epoll.poll returns a full batch. One event = one ready timerfd read with os.read.
Reports events per second, expirations per second (a read may collect several)
and CPU seconds per event.

Then, as a reference (benchmark timer_dispatch_reference), the same reads
without a poll: as many semaphore eventfds as timers, each holding a huge count, read in turn with
os.read and int.from_bytes, so that every read finds 8 bytes: the
interpreter's own cost of serving an event, where pyselect4j plays no part.
"""
import os
import select
import time

import harness


def add_arguments(parser):
    parser.add_argument("--timers", type=int, default=2000, help="number of periodic timerfds")
    parser.add_argument("--interval", type=float, default=0.001, help="timer period in seconds")
    harness.add_no_reference(parser)


class TimerDispatchLoop:
    def __init__(self, timer_count, interval):
        self.epoll = select.epoll()
        self.timer_fds = []
        for _ in range(timer_count):
            timer_fd = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)
            os.timerfd_settime(timer_fd, initial=interval, interval=interval)
            self.epoll.register(timer_fd, select.EPOLLIN)
            self.timer_fds.append(timer_fd)
        self.max_events = timer_count
        self.expirations = 0

    def run_batch(self, poll_count):
        """Does poll_count poll() calls, reading every ready timer; returns the events served."""
        poll, read, max_events = self.epoll.poll, os.read, self.max_events
        events_served = 0
        expirations = 0
        for _ in range(poll_count):
            for timer_fd, _ in poll(1.0, max_events):
                expirations += int.from_bytes(read(timer_fd, 8), "little")
                events_served += 1
        self.expirations += expirations
        return events_served

    def close(self):
        for timer_fd in self.timer_fds:
            os.close(timer_fd)
        self.epoll.close()


class ReadsOnly:
    """The dispatch's reads alone: semaphore eventfds that never run dry."""

    def __init__(self, count):
        self.fds = [os.eventfd(2 ** 32 - 1, os.EFD_SEMAPHORE | os.EFD_NONBLOCK) for _ in range(count)]

    def run_batch(self, turns):
        """Reads every eventfd `turns` times, in turn; returns the reads."""
        read = os.read
        total = 0
        for _ in range(turns):
            for fd in self.fds:
                total += int.from_bytes(read(fd, 8), "little")
        return total  # each read of a semaphore eventfd gives 1

    def close(self):
        for fd in self.fds:
            os.close(fd)


def main():
    options = harness.parse_options(__doc__, add_arguments)
    loop = TimerDispatchLoop(options.timers, options.interval)
    expirations_before = loop.expirations
    measure_start = time.perf_counter()
    result = harness.measure_throughput(loop.run_batch, options)
    elapsed = time.perf_counter() - measure_start
    loop.close()
    harness.emit("timer_dispatch", "timers_%d" % options.timers,
                 timers=options.timers, interval_seconds=options.interval,
                 events_per_second=result["ops_per_second"],
                 expirations_per_second_overall=(loop.expirations - expirations_before) / elapsed,
                 **result)
    if options.no_reference:
        return
    reference = ReadsOnly(options.timers)
    result = harness.measure_throughput(reference.run_batch, options)
    reference.close()
    harness.emit("timer_dispatch_reference", "timers_%d" % options.timers, timers=options.timers, **result)


if __name__ == "__main__":
    main()
