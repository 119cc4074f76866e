"""Call cost: throughput of single select/epoll/poll/timerfd calls that return at once.

Cases (one JSON line each):
  epoll_poll_idle             epoll.poll(0) with one registered fd that is not ready
  epoll_poll_1_ready_waiting  epoll.poll(1.0) with one readable pipe: an event loop's wait that
                              finds work ready, so returns at once
  epoll_poll_100_ready        epoll.poll(0) with 100 readable pipes (returns 100 events)
  poll_poll_100_ready         poll.poll(0) over the same 100 readable pipes
  select_100_ready            select.select(100 readable pipes, [], [], 0)
  timerfd_settime_gettime     os.timerfd_settime + os.timerfd_gettime on one timerfd
  epoll_register_unregister   epoll.register + epoll.unregister of one pipe

With --sleeping-thread a second thread sleeps while the cases run, as a JVM
always has other threads: Linux looks descriptors up faster while no other
thread shares the descriptor table, so that alone makes the system calls that
look up descriptors dearer (bench/floor.c measures it too).
Each line's "threads" says which way it ran.
"""
import os
import select
import threading
import time

import harness

READY_FD_COUNT = 100


def readable_pipes(count):
    """`count` pipes with one byte waiting in each; returns [(read_fd, write_fd)]."""
    pipes = []
    for _ in range(count):
        read_fd, write_fd = os.pipe()
        os.write(write_fd, b"x")
        pipes.append((read_fd, write_fd))
    return pipes


def epoll_poll_idle():
    idle_read_fd, _ = os.pipe()
    epoll = select.epoll()
    epoll.register(idle_read_fd, select.EPOLLIN)

    return repeat_with_zero_timeout(epoll.poll)


def repeat_with_zero_timeout(wait):
    """A batch runner calling wait(0) count times."""
    def run_batch(count):
        for _ in range(count):
            wait(0)
        return count
    return run_batch


def epoll_poll_one_ready_waiting(read_fd):
    epoll = select.epoll()
    epoll.register(read_fd, select.EPOLLIN)
    assert epoll.poll(1.0) == [(read_fd, select.EPOLLIN)]

    def run_batch(count):
        poll = epoll.poll
        for _ in range(count):
            poll(1.0)
        return count
    return run_batch


def epoll_poll_ready(read_fds):
    epoll = select.epoll()
    for fd in read_fds:
        epoll.register(fd, select.EPOLLIN)
    assert len(epoll.poll(0)) == len(read_fds)
    return repeat_with_zero_timeout(epoll.poll)


def poll_poll_ready(read_fds):
    poller = select.poll()
    for fd in read_fds:
        poller.register(fd, select.POLLIN)
    assert len(poller.poll(0)) == len(read_fds)
    return repeat_with_zero_timeout(poller.poll)


def select_ready(read_fds):
    assert len(select.select(read_fds, [], [], 0)[0]) == len(read_fds)

    def run_batch(count):
        select_call = select.select
        for _ in range(count):
            select_call(read_fds, [], [], 0)
        return count
    return run_batch


def timerfd_settime_gettime():
    timer_fd = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)

    def run_batch(count):
        settime, gettime = os.timerfd_settime, os.timerfd_gettime
        for _ in range(count):
            settime(timer_fd, initial=10.0, interval=0.0)
            gettime(timer_fd)
        return count
    return run_batch


def epoll_register_unregister():
    read_fd, _ = os.pipe()
    epoll = select.epoll()

    def run_batch(count):
        register, unregister = epoll.register, epoll.unregister
        for _ in range(count):
            register(read_fd, select.EPOLLIN)
            unregister(read_fd)
        return count
    return run_batch


def add_arguments(parser):
    parser.add_argument("--sleeping-thread", action="store_true",
                        help="keep a second thread asleep while measuring")


def main():
    options = harness.parse_options(__doc__, add_arguments)
    if options.sleeping_thread:
        threading.Thread(target=threading.Event().wait, name="sleeper", daemon=True).start()
    ready_read_fds = [read_fd for read_fd, _ in readable_pipes(READY_FD_COUNT)]
    cases = {
        "epoll_poll_idle": epoll_poll_idle,
        "epoll_poll_1_ready_waiting": lambda: epoll_poll_one_ready_waiting(ready_read_fds[0]),
        "epoll_poll_100_ready": lambda: epoll_poll_ready(ready_read_fds),
        "poll_poll_100_ready": lambda: poll_poll_ready(ready_read_fds),
        "select_100_ready": lambda: select_ready(ready_read_fds),
        "timerfd_settime_gettime": timerfd_settime_gettime,
        "epoll_register_unregister": epoll_register_unregister,
    }
    for case_name, make_run_batch in cases.items():
        result = harness.measure_throughput(make_run_batch(), options)
        harness.emit("call_cost", case_name, threads=2 if options.sleeping_thread else 1, **result)


if __name__ == "__main__":
    main()
