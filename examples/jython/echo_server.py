"""A selectors-style echo server on select.epoll, in Python 2 for Jython.

Run with bin/pyselect4j-jython. The server listens on 127.0.0.1, and one
epoll loop accepts connections, reads what each client sends and writes it
back (waiting for EPOLLOUT when the socket cannot take it all), until it has
served the clients it was asked for (default 3), which run in threads here.

Jython's own sockets cannot be waited on at the kernel: Netty reads them on
its own threads. The server's sockets are therefore java.nio channels in
non-blocking mode, whose kernel descriptors pyselect4j reads; the clients
are ordinary Jython sockets.
"""

import select
import socket
import sys
import threading

from java.net import InetSocketAddress
from java.nio import ByteBuffer
from java.nio.channels import ServerSocketChannel

import pyselect4j_jython

READ_SIZE = 4096


class Connection(object):
    """One accepted client: what it sent that is not yet written back."""

    def __init__(self, channel):
        self.channel = channel
        self.pending = ByteBuffer.allocate(0)

    def on_readable(self, ep, fd):
        data = ByteBuffer.allocate(READ_SIZE)
        count = self.channel.read(data)
        if count < 0:  # the client closed its end
            return self.close(ep, fd)
        data.flip()
        self.pending = data
        self.on_writable(ep, fd)
        return False

    def on_writable(self, ep, fd):
        self.channel.write(self.pending)
        # Wait for room when the kernel took only part of it, else for more input.
        ep.modify(fd, select.EPOLLOUT if self.pending.hasRemaining() else select.EPOLLIN)
        return False

    def close(self, ep, fd):
        ep.unregister(fd)
        self.channel.close()
        return True


def serve(server, clients):
    """Serves until `clients` connections have come and gone."""
    listen_fd = pyselect4j_jython.fileno(server)
    connections = {}
    served = 0
    with select.epoll() as ep:
        ep.register(listen_fd, select.EPOLLIN)
        while served < clients:
            for fd, events in ep.poll():
                if fd == listen_fd:
                    channel = server.accept()
                    if channel is None:
                        continue  # another wake-up took it
                    channel.configureBlocking(False)
                    connection_fd = pyselect4j_jython.fileno(channel)
                    connections[connection_fd] = Connection(channel)
                    ep.register(connection_fd, select.EPOLLIN)
                    continue
                connection = connections[fd]
                if events & select.EPOLLOUT:
                    done = connection.on_writable(ep, fd)
                else:
                    done = connection.on_readable(ep, fd)
                if done:
                    del connections[fd]
                    served += 1


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
    server = ServerSocketChannel.open()
    server.bind(InetSocketAddress("127.0.0.1", 0))
    server.configureBlocking(False)
    port = server.socket().getLocalPort()
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
