"""Echo over loopback: a selectors server and many concurrent clients in one event loop.

The server and the clients share one selectors.DefaultSelector (epoll where the
interpreter has it), so the whole round trip runs in the interpreter under test.
Each client sends a fixed-size message, waits for its full echo, then sends the
next. Reports completed round trips (messages) per second.

Then, as a reference (benchmark echo_server_reference), the same messages
without a selector: each client in turn sends, its server side echoes, the client
reads the echo, with the echo's calls: non-blocking connections, recv of up
to RECV_BYTES (GraalPy 25's recv(65536) costs several microseconds more than a
recv(64), CPython's the same). That is the interpreter's own socket calls for
the same round trips, where pyselect4j plays no part; it runs second, in a
process that the echo above has warmed.
"""
import selectors
import socket

import harness

RECV_BYTES = 65536  # what every recv asks for, as servers commonly do


def add_arguments(parser):
    parser.add_argument("--clients", type=int, default=200, help="concurrent client connections")
    parser.add_argument("--message-bytes", type=int, default=64)
    harness.add_no_reference(parser)


def connected_pair(listener):
    """(client, server side) of a new loopback connection, both non-blocking, Nagle off."""
    client = socket.create_connection(listener.getsockname())
    server_side, _ = listener.accept()
    for connection in (client, server_side):
        connection.setblocking(False)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return client, server_side


def loopback_listener(backlog):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(backlog)
    return listener


class EchoLoop:
    def __init__(self, client_count, message_bytes):
        self.selector = selectors.DefaultSelector()
        self.message = b"m" * message_bytes
        self.listener = loopback_listener(client_count)
        self.server_connections = []
        self.clients = []
        for _ in range(client_count):
            self._connect_one()
        self.received_bytes = {client: 0 for client in self.clients}

    def _connect_one(self):
        client, server_side = connected_pair(self.listener)
        self.selector.register(server_side, selectors.EVENT_READ, self._echo)
        self.selector.register(client, selectors.EVENT_READ, self._client_received)
        self.server_connections.append(server_side)
        self.clients.append(client)

    def _echo(self, server_side):
        data = server_side.recv(RECV_BYTES)
        if data:
            server_side.sendall(data)  # loopback buffers hold these small replies
        return 0

    def _client_received(self, client):
        received = self.received_bytes[client] + len(client.recv(RECV_BYTES))
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


class SocketsOnly:
    """The echo's round trips without a selector, on non-blocking connections."""

    def __init__(self, client_count, message_bytes):
        self.message = b"m" * message_bytes
        self.listener = loopback_listener(client_count)
        self.pairs = [connected_pair(self.listener) for _ in range(client_count)]

    def run_batch(self, turns):
        """Runs `turns` turns over all clients; returns the round trips completed."""
        message = self.message
        for _ in range(turns):
            for client, server_side in self.pairs:
                client.sendall(message)
                server_side.sendall(receive_exactly(server_side, len(message)))
                receive_exactly(client, len(message))
        return turns * len(self.pairs)

    def close(self):
        for pair in self.pairs:
            for connection in pair:
                connection.close()
        self.listener.close()


def receive_exactly(connection, size):
    """The next `size` bytes, the peer sending no more meanwhile. On loopback a
    send has queued its bytes at the peer by the time it returns, so a read
    that finds none (or a part: TCP may split even a small message) is rare:
    it tries again."""
    data = b""
    while len(data) < size:
        try:
            more = connection.recv(RECV_BYTES)
        except BlockingIOError:
            continue
        if not more:
            raise ConnectionError("the echo's peer closed the connection")
        data += more
    return data


def main():
    options = harness.parse_options(__doc__, add_arguments)
    loop = EchoLoop(options.clients, options.message_bytes)
    loop.start()
    result = harness.measure_throughput(loop.run_batch, options)
    loop.close()
    harness.emit("echo_server", "clients_%d" % options.clients, clients=options.clients,
                 message_bytes=options.message_bytes, selector=type(loop.selector).__name__,
                 messages_per_second=result["ops_per_second"], **result)
    if options.no_reference:
        return
    reference = SocketsOnly(options.clients, options.message_bytes)
    result = harness.measure_throughput(reference.run_batch, options)
    reference.close()
    harness.emit("echo_server_reference", "clients_%d" % options.clients, clients=options.clients,
                 message_bytes=options.message_bytes, messages_per_second=result["ops_per_second"], **result)


if __name__ == "__main__":
    main()
