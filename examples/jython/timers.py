"""Three periodic timers and one epoll: the timerfd HOWTO's loop, in Python 2.

The twin of examples/timers.py (Python 3): timer 1 fires every 0.2 s, timer 2
every 0.4 s, timer 3 every 0.6 s; the loop reads each expired timer and
reports how often it fired, for about 2 seconds. Prints what its twin prints
on CPython 3.13. Run it with bin/pyselect4j-jython (CPython 2.7 has no timerfd).
"""

import os
import select
import struct
import time

PERIOD_NS = 200000000
# Half a period past the last expirations (2.0 s): none falls on the deadline, where
# whether the loop still sees it would depend on scheduling.
RUN_SECONDS = 2.1
# The kernel writes the expiration count in the CPU's byte order: little-endian
# on x86-64 and aarch64, the platforms pyselect4j supports. Not "=Q": Jython's
# struct and sys.byteorder say big-endian whatever the CPU.
COUNTER_FORMAT = "<Q"


def main():
    timers = {}
    with select.epoll() as ep:
        for number in (1, 2, 3):
            fd = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)
            os.timerfd_settime_ns(fd, initial=number * PERIOD_NS, interval=number * PERIOD_NS)
            ep.register(fd, select.EPOLLIN)
            timers[fd] = number
        deadline = time.clock_gettime(time.CLOCK_MONOTONIC) + RUN_SECONDS
        try:
            while True:
                remaining = deadline - time.clock_gettime(time.CLOCK_MONOTONIC)
                if remaining <= 0:
                    break
                for fd, _events in ep.poll(remaining):
                    (count,) = struct.unpack(COUNTER_FORMAT, os.read(fd, 8))
                    print "timer %d expired %d time(s)" % (timers[fd], count)
        finally:
            for fd in timers:
                os.close(fd)


if __name__ == "__main__":
    main()
