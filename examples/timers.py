"""Three periodic timers and one epoll: the loop of the timerfd HOWTO, in small.

Timer 1 fires every 0.2 s, timer 2 every 0.4 s, timer 3 every 0.6 s; the loop
reads each expired timer and reports how often it fired, for about 2 seconds.
Runs the same on CPython 3.13 and under bin/pyselect4j.
"""

import os
import select
import sys
import time

PERIOD_NS = 200_000_000
# Half a period past the last expirations (2.0 s): none falls on the deadline, where
# whether the loop still sees it would depend on scheduling.
RUN_SECONDS = 2.1


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
            while (remaining := deadline - time.clock_gettime(time.CLOCK_MONOTONIC)) > 0:
                for fd, _events in ep.poll(remaining):
                    count = int.from_bytes(os.read(fd, 8), sys.byteorder)
                    print(f"timer {timers[fd]} expired {count} time(s)")
        finally:
            for fd in timers:
                os.close(fd)


if __name__ == "__main__":
    main()
