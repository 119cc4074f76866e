"""Echo over loopback: a selectors server and many concurrent clients in one event loop.

The server and the clients share one selectors.DefaultSelector (epoll where the
interpreter has it), so the whole round trip runs in the interpreter under test.
Each client sends a fixed-size message, waits for its full echo, then sends the
next. Reports completed round trips (messages) per second.
"""
import selectors
import socket

import harness


def add_arguments(parser):
    parser.add_argument("--clients", type=int, default=200, help="concurrent client connections")
    parser.add_argument("--message-bytes", type=int, default=64)


class EchoLoop:
    def __init__(self, client_count, message_bytes):
        self.selector = selectors.DefaultSelector()
        self.message = b"m" * message_bytes
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(client_count)
        self.server_connections = []
        self.clients = []
        for _ in range(client_count):
            self._connect_one()
        self.received_bytes = {client: 0 for client in self.clients}

    def _connect_one(self):
        client = socket.create_connection(self.listener.getsockname())
        server_side, _ = self.listener.accept()
        for connection in (client, server_side):
            connection.setblocking(False)
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.selector.register(server_side, selectors.EVENT_READ, self._echo)
        self.selector.register(client, selectors.EVENT_READ, self._client_received)
        self.server_connections.append(server_side)
        self.clients.append(client)

    def _echo(self, server_side):
        data = server_side.recv(65536)
        if data:
            server_side.sendall(data)  # loopback buffers hold these small replies
        return 0

    def _client_received(self, client):
        received = self.received_bytes[client] + len(client.recv(65536))
        completed = 0
        while received >= len(self.message):
            received -= len(self.message)
            completed += 1
        if completed:
            client.send(self.message)
        self.received_bytes[client] = received
        return completed

    def start(self):
        for client in self.clients:
            client.send(self.message)

    def run_batch(self, select_count):
        """Runs select_count selector turns; returns the round trips completed."""
        select = self.selector.select
        completed = 0
        for _ in range(select_count):
            for key, _events in select(1.0):
                completed += key.data(key.fileobj)
        return completed

    def close(self):
        self.selector.close()
        for connection in self.clients + self.server_connections + [self.listener]:
            connection.close()


def main():
    options = harness.parse_options(__doc__, add_arguments)
    loop = EchoLoop(options.clients, options.message_bytes)
    loop.start()
    result = harness.measure_throughput(loop.run_batch, options)
    loop.close()
    harness.emit("echo_server", "clients_%d" % options.clients, clients=options.clients,
                 message_bytes=options.message_bytes, selector=type(loop.selector).__name__,
                 messages_per_second=result["ops_per_second"], **result)


if __name__ == "__main__":
    main()
