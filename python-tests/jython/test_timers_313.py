"""os.timerfd_*, time.clock_* and their constants, which CPython 2.7 lacks:
as CPython 3.13 has them (python-tests/test_timerfd.py and test_clocks.py
check the same there), with Python 2's int and long. os.read and os.close
take the timer's descriptor number."""

import os
import select
import struct
import time
import unittest


class TimerfdTest(unittest.TestCase):
    def setUp(self):
        self.fd = os.timerfd_create(time.CLOCK_MONOTONIC, flags=os.TFD_NONBLOCK)
        self.addCleanup(os.close, self.fd)

    def test_new_timer_is_disarmed(self):
        self.assertEqual((0.0, 0.0), os.timerfd_gettime(self.fd))
        self.assertEqual((0, 0), os.timerfd_gettime_ns(self.fd))

    def test_settime_returns_the_previous_setting(self):
        self.assertEqual((0.0, 0.0), os.timerfd_settime(self.fd, initial=100.0, interval=2.5))
        initial, interval = os.timerfd_settime_ns(self.fd, initial=0, interval=0)
        self.assertTrue(0 < initial <= 100 * 10**9)
        self.assertEqual(2500000000, interval)
        self.assertTrue(isinstance(interval, (int, long)))

    def test_expiry_count_is_read_as_8_bytes(self):
        os.timerfd_settime_ns(self.fd, initial=1000000)
        with select.epoll() as ep:
            ep.register(self.fd, select.EPOLLIN)
            self.assertEqual([(self.fd, select.EPOLLIN)], ep.poll(10))
        self.assertEqual((1,), struct.unpack("<Q", os.read(self.fd, 8)))

    def test_nonblocking_read_of_an_unexpired_timer_is_eagain(self):
        try:
            os.read(self.fd, 8)
        except OSError, error:
            self.assertEqual(11, error.errno)
        else:
            self.fail("no OSError")

    def test_bad_arguments_as_cpython_313(self):
        cases = [
            (lambda: os.timerfd_create(), TypeError, "timerfd_create() takes exactly 1 positional argument (0 given)"),
            (lambda: os.timerfd_create(time.CLOCK_MONOTONIC, 0), TypeError,
             "timerfd_create() takes exactly 1 positional argument (2 given)"),
            (lambda: os.timerfd_create(time.CLOCK_MONOTONIC, flag=0), TypeError,
             "timerfd_create() got an unexpected keyword argument 'flag'. Did you mean 'flags'?"),
            (lambda: os.timerfd_create(1.5), TypeError, "'float' object cannot be interpreted as an integer"),
            (lambda: os.timerfd_settime(self.fd, initial="a"), TypeError, "must be real number, not str"),
            (lambda: os.timerfd_settime(self.fd, initial=1e300), OverflowError,
             "timestamp out of range for platform time_t"),
            (lambda: os.timerfd_settime_ns(self.fd, initial=2**63), OverflowError, "int too big to convert"),
            (lambda: os.timerfd_gettime(-1), ValueError, "file descriptor cannot be a negative integer (-1)"),
            (lambda: os.timerfd_gettime("x"), TypeError, "argument must be an int, or have a fileno() method."),
            (lambda: time.clock_gettime("x"), TypeError, "clk_id should be integer, not str"),
            (lambda: time.clock_getres(), TypeError, "clock_getres() takes exactly 1 argument (0 given)"),
        ]
        for call, exception, message in cases:
            try:
                call()
            except exception, error:
                self.assertEqual(message, str(error))
            else:
                self.fail("no %s: %s" % (exception.__name__, message))

    def test_failed_calls_raise_oserror_with_errno(self):
        for call, number in ((lambda: os.timerfd_create(12345), 22),
                             (lambda: os.timerfd_settime(self.fd, initial=-1.0), 22),
                             (lambda: time.clock_gettime(12345), 22)):
            try:
                call()
            except OSError, error:
                self.assertEqual(number, error.errno)
            else:
                self.fail("no OSError")

    def test_closed_timer_is_ebadf(self):
        fd = os.timerfd_create(time.CLOCK_REALTIME)
        os.close(fd)
        try:
            os.timerfd_gettime(fd)
        except OSError, error:
            self.assertEqual(9, error.errno)
        else:
            self.fail("no OSError")


class ClockTest(unittest.TestCase):
    def test_constants(self):
        for name in ("CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_MONOTONIC_RAW", "CLOCK_PROCESS_CPUTIME_ID",
                     "CLOCK_THREAD_CPUTIME_ID", "CLOCK_BOOTTIME", "CLOCK_TAI"):
            self.assertTrue(isinstance(getattr(time, name), int), name)
        self.assertEqual((0, 1), (time.CLOCK_REALTIME, time.CLOCK_MONOTONIC))
        for name in ("TFD_NONBLOCK", "TFD_CLOEXEC", "TFD_TIMER_ABSTIME", "TFD_TIMER_CANCEL_ON_SET"):
            self.assertTrue(isinstance(getattr(os, name), int), name)

    def test_clock_values_and_types(self):
        seconds = time.clock_gettime(time.CLOCK_REALTIME)
        self.assertTrue(isinstance(seconds, float))
        self.assertTrue(abs(seconds - time.time()) < 60)
        first = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        self.assertTrue(isinstance(first, (int, long)))
        self.assertTrue(time.clock_gettime_ns(time.CLOCK_MONOTONIC) >= first)
        self.assertEqual(1e-09, time.clock_getres(time.CLOCK_MONOTONIC))


class EpollContextManagerTest(unittest.TestCase):
    """select.epoll's context manager came with Python 3.4."""

    def test_with_closes_it(self):
        with select.epoll() as ep:
            self.assertFalse(ep.closed)
        self.assertTrue(ep.closed)


if __name__ == "__main__":
    unittest.main()
