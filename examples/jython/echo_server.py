"""A selectors-style echo server on select.epoll, in Python 2.

Listens on 127.0.0.1; one epoll loop accepts connections, reads what each
client sends and writes it back (waiting for EPOLLOUT when the socket does
not take it all), until it has served the clients asked for (default 3),
which run in threads here. Plain Python 2: it runs the same on CPython 2.7
and, with Jython's own sockets, under bin/pyselect4j-jython (where
sock.fileno() is the object epoll.poll() reports for the socket, as the
number is on CPython).
"""

import errno
import select
import socket
import sys
import threading

READ_SIZE = 4096


class Connection(object):
    """One accepted client, and what it sent that is not yet written back."""

    def __init__(self, sock):
        self.sock = sock
        self.pending = ""

    def on_event(self, ep, events):
        """Returns True once the client has gone."""
        if events & select.EPOLLIN:
            data = self.sock.recv(READ_SIZE)
            if not data:  # the client closed its end
                ep.unregister(self.sock)
                self.sock.close()
                return True
            self.pending += data
        try:
            self.pending = self.pending[self.sock.send(self.pending):]
        except socket.error, error:
            if error.args[0] not in (errno.EAGAIN, errno.EWOULDBLOCK):
                raise
        # Wait for room while some is left, else for more input.
        ep.modify(self.sock, select.EPOLLOUT if self.pending else select.EPOLLIN)
        return False


def serve(server, clients):
    """Serves until `clients` connections have come and gone."""
    connections = {}  # sock.fileno() -> Connection
    served = 0
    ep = select.epoll()
    try:
        ep.register(server, select.EPOLLIN)
        while served < clients:
            for fd, events in ep.poll():
                if fd == server.fileno():
                    try:
                        sock, _ = server.accept()
                    except socket.error, error:
                        if error.args[0] in (errno.EAGAIN, errno.EWOULDBLOCK):
                            continue  # nothing to accept after all
                        raise
                    sock.setblocking(False)
                    connections[sock.fileno()] = Connection(sock)
                    ep.register(sock, select.EPOLLIN)
                elif connections[fd].on_event(ep, events):
                    del connections[fd]
                    served += 1
    finally:
        ep.close()


def client(port, number, replies):
    sock = socket.create_connection(("127.0.0.1", port))
    try:
        message = "hello from client %d" % number
        sock.sendall(message)
        received = ""
        while len(received) < len(message):
            chunk = sock.recv(READ_SIZE)
            if not chunk:
                break
            received += chunk
        replies[number] = received
    finally:
        sock.close()


def main():
    clients = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(clients)
    server.setblocking(False)
    port = server.getsockname()[1]
    replies = {}
    threads = [threading.Thread(target=client, args=(port, number, replies)) for number in range(1, clients + 1)]
    for thread in threads:
        thread.start()
    try:
        serve(server, clients)
    finally:
        server.close()
    for thread in threads:
        thread.join()
    for number in sorted(replies):
        print "client %d got back %r" % (number, replies[number])
    print "served %d clients" % clients


if __name__ == "__main__":
    main()
