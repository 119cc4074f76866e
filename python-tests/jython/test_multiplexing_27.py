"""select.epoll, select.poll and select.select on real pipes, as CPython 2.7 has them."""

import select
import threading
import unittest

from support import Pipe


class PipeTest(unittest.TestCase):
    def setUp(self):
        self.pipe = Pipe()
        self.addCleanup(self.pipe.close)


class EpollTest(PipeTest):
    def setUp(self):
        PipeTest.setUp(self)
        self.ep = select.epoll()
        self.addCleanup(self.ep.close)

    def test_reports_readable_once_written(self):
        self.ep.register(self.pipe.r, select.EPOLLIN)
        self.assertEqual([], self.ep.poll(0))
        self.pipe.write("x")
        self.assertEqual([(self.pipe.r, select.EPOLLIN)], self.ep.poll(5))
        self.assertEqual("x", self.pipe.read(1))
        self.assertEqual([], self.ep.poll(0.01))

    def test_default_mask_reports_writable(self):
        self.ep.register(self.pipe.w)
        self.assertEqual([(self.pipe.w, select.EPOLLOUT)], self.ep.poll(0))

    def test_oneshot_reports_once_until_modified(self):
        self.pipe.write("x")
        self.ep.register(self.pipe.r, select.EPOLLIN | select.EPOLLONESHOT)
        self.assertEqual([(self.pipe.r, select.EPOLLIN)], self.ep.poll(0))
        self.assertEqual([], self.ep.poll(0))
        self.ep.modify(self.pipe.r, select.EPOLLIN)
        self.assertEqual([(self.pipe.r, select.EPOLLIN)], self.ep.poll(0))

    def test_hang_up_when_the_writer_closes(self):
        self.ep.register(self.pipe.r, select.EPOLLIN)
        self.pipe.close()
        pipe = Pipe()
        self.addCleanup(pipe.close)
        self.ep.register(pipe.r, select.EPOLLIN)
        import os
        os.close(pipe.write_end)
        self.assertEqual([(pipe.r, select.EPOLLHUP)], self.ep.poll(5))

    def test_maxevents_limits_one_poll(self):
        other = Pipe()
        self.addCleanup(other.close)
        self.ep.register(self.pipe.w, select.EPOLLOUT)
        self.ep.register(other.w, select.EPOLLOUT)
        self.assertEqual(1, len(self.ep.poll(0, 1)))
        self.assertEqual(2, len(self.ep.poll(0, 2)))

    def test_wait_ends_when_another_thread_writes(self):
        self.ep.register(self.pipe.r, select.EPOLLIN)
        writer = threading.Timer(0.1, self.pipe.write, ["x"])
        writer.start()
        self.addCleanup(writer.join)
        self.assertEqual([(self.pipe.r, select.EPOLLIN)], self.ep.poll(30))

    def test_close_makes_it_closed_and_unusable(self):
        self.assertFalse(self.ep.closed)
        self.ep.close()
        self.assertTrue(self.ep.closed)
        self.ep.close()
        for operation in (self.ep.fileno, lambda: self.ep.poll(0), lambda: self.ep.register(self.pipe.r),
                          lambda: self.ep.modify(self.pipe.r, 1), lambda: self.ep.unregister(self.pipe.r)):
            self.assertRaises(ValueError, operation)

    def test_constants_are_the_kernel_bits(self):
        self.assertEqual((1, 2, 4, 8, 16), (select.EPOLLIN, select.EPOLLPRI, select.EPOLLOUT, select.EPOLLERR,
                                            select.EPOLLHUP))
        self.assertEqual((2**30, 2**31), (select.EPOLLONESHOT, select.EPOLLET))

    def test_repr_and_type(self):
        self.assertTrue(repr(self.ep).startswith("<select.epoll object at "))
        self.assertTrue(isinstance(self.ep, select.epoll))


class PollTest(PipeTest):
    def test_reports_in_registration_order_with_revents(self):
        poller = select.poll()
        poller.register(self.pipe.r, select.POLLIN)
        poller.register(self.pipe.w, select.POLLOUT)
        self.assertEqual([(self.pipe.w, select.POLLOUT)], poller.poll(0))
        self.pipe.write("x")
        self.assertEqual(sorted([(self.pipe.r, select.POLLIN), (self.pipe.w, select.POLLOUT)]),
                         sorted(poller.poll(1000)))

    def test_unregistered_descriptor_is_gone(self):
        poller = select.poll()
        poller.register(self.pipe.w, select.POLLOUT)
        poller.unregister(self.pipe.w)
        self.assertEqual([], poller.poll(0))
        self.assertRaises(KeyError, poller.unregister, self.pipe.w)

    def test_error_is_select_error_not_ioerror(self):
        self.assertTrue(issubclass(select.error, Exception))
        self.assertFalse(issubclass(select.error, EnvironmentError))


class SelectTest(PipeTest):
    def test_returns_the_objects_given(self):
        class Wrapper(object):
            def __init__(self, fd):
                self.fd = fd

            def fileno(self):
                return self.fd
        writable = Wrapper(self.pipe.w)
        self.assertEqual(([], [writable], []), select.select([self.pipe.r], [writable], [], 0))

    def test_readable_after_write(self):
        self.pipe.write("x")
        self.assertEqual(([self.pipe.r], [], []), select.select([self.pipe.r], [], [], 5))

    def test_timeout_with_nothing_ready(self):
        self.assertEqual(([], [], []), select.select([self.pipe.r], [], [], 0.01))

    def test_error_for_a_closed_descriptor(self):
        spare = Pipe()
        spare.close()
        try:
            select.select([spare.r], [], [], 0)
        except select.error, error:
            self.assertEqual(9, error.args[0])
        else:
            self.fail("no select.error")


if __name__ == "__main__":
    unittest.main()
