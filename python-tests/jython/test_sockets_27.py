"""select.epoll with sockets on 127.0.0.1, as CPython 2.7 reports them. Under
Jython these are Jython's own sockets (Netty's): what epoll.poll() reports for
one is its fileno(), as the number is on CPython."""

import errno
import select
import socket
import unittest


class EpollSocketTest(unittest.TestCase):
    def setUp(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.addCleanup(self.server.close)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(5)
        self.ep = select.epoll()
        self.addCleanup(self.ep.close)

    def connect(self):
        """A connected (client, server side) pair; the server side non-blocking."""
        client = socket.create_connection(self.server.getsockname())
        self.addCleanup(client.close)
        self.ep.register(self.server, select.EPOLLIN)
        self.assertEqual([(self.server.fileno(), select.EPOLLIN)], self.ep.poll(10))
        conn, _ = self.server.accept()
        self.addCleanup(conn.close)
        conn.setblocking(False)
        self.ep.unregister(self.server)
        return client, conn

    def test_listening_socket_is_readable_with_a_connection_to_accept(self):
        self.server.setblocking(False)
        self.ep.register(self.server, select.EPOLLIN)
        self.assertEqual([], self.ep.poll(0))
        client = socket.create_connection(self.server.getsockname())
        self.addCleanup(client.close)
        self.assertEqual([(self.server.fileno(), select.EPOLLIN)], self.ep.poll(10))
        conn, _ = self.server.accept()
        conn.close()
        self.assertEqual([], self.ep.poll(0))

    def test_connection_is_readable_once_data_arrives(self):
        client, conn = self.connect()
        self.ep.register(conn, select.EPOLLIN)
        self.assertEqual([], self.ep.poll(0))
        client.sendall("ping")
        self.assertEqual([(conn.fileno(), select.EPOLLIN)], self.ep.poll(10))
        received = ""
        while len(received) < 4:
            received += conn.recv(10)
        self.assertEqual("ping", received)
        self.assertEqual([], self.ep.poll(0.05))

    def test_connection_is_writable(self):
        _, conn = self.connect()
        self.ep.register(conn, select.EPOLLOUT)
        self.assertEqual([(conn.fileno(), select.EPOLLOUT)], self.ep.poll(10))

    def test_peer_close_is_readable_and_recv_gives_nothing(self):
        client, conn = self.connect()
        self.ep.register(conn, select.EPOLLIN)
        client.close()
        ready = self.ep.poll(10)
        self.assertEqual([conn.fileno()], [fd for fd, _ in ready])
        self.assertTrue(ready[0][1] & select.EPOLLIN)
        self.assertEqual("", conn.recv(10))

    def test_oneshot_reports_once_until_modified(self):
        _, conn = self.connect()
        self.ep.register(conn, select.EPOLLOUT | select.EPOLLONESHOT)
        self.assertEqual([(conn.fileno(), select.EPOLLOUT)], self.ep.poll(10))
        self.assertEqual([], self.ep.poll(0))
        self.ep.modify(conn, select.EPOLLOUT)
        self.assertEqual([(conn.fileno(), select.EPOLLOUT)], self.ep.poll(10))

    def test_registration_errors(self):
        _, conn = self.connect()
        self.ep.register(conn, select.EPOLLIN)
        for call, number in ((lambda: self.ep.register(conn, select.EPOLLIN), errno.EEXIST),
                             (lambda: self.ep.modify(self.server, select.EPOLLIN), errno.ENOENT),
                             (lambda: self.ep.unregister(self.server), errno.ENOENT)):
            try:
                call()
            except IOError, error:
                self.assertEqual(number, error.errno)
            else:
                self.fail("no IOError")
        self.ep.unregister(conn)
        self.assertEqual([], self.ep.poll(0))


if __name__ == "__main__":
    unittest.main()
