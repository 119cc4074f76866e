"""Standard library modules that wait with selectors work on select.poll:
socketserver's ThreadingTCPServer and http.server's ThreadingHTTPServer answer
concurrent requests on 127.0.0.1, and subprocess.run captures output and
enforces its timeout.  (asyncio: test_stdlib_asyncio.py; selectors itself:
test_selectors.py.)"""

import contextlib
import http.client
import http.server
import os
import selectors
import socket
import socketserver
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

# Generous: GraalPy is slow on these 2-core machines; never a speed assertion.
TIMEOUT = 60
CONCURRENT_CLIENTS = 4


def test_servers_and_subprocess_wait_with_poll_selectors():
    assert socketserver._ServerSelector is selectors.PollSelector
    assert subprocess._PopenSelector is selectors.PollSelector


@contextlib.contextmanager
def serving(server):
    """Runs server.serve_forever in a thread; shuts it down, closes it and
    joins every thread afterwards (breaking server.barrier frees stuck handlers)."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.barrier.abort()
        server.shutdown()
        server.server_close()  # joins the handler threads
        thread.join(TIMEOUT)
        assert not thread.is_alive()


def run_clients(client, count):
    """Runs client(i) for i in range(count) at the same time; their results."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(client, i) for i in range(count)]
        return [future.result(timeout=2 * TIMEOUT) for future in futures]


# ----------------------------------------------------------------- socketserver

class ShoutingHandler(socketserver.StreamRequestHandler):
    """Answers one line in upper case, once every client's line has arrived
    (so the replies prove the requests were served at the same time)."""

    def handle(self):
        line = self.rfile.readline()
        self.server.barrier.wait(TIMEOUT)
        self.wfile.write(line.upper())


def test_threading_tcp_server_serves_concurrent_clients():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), ShoutingHandler)
    server.barrier = threading.Barrier(CONCURRENT_CLIENTS)

    def client(index):
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
            sock.sendall(b"client %d\n" % index)
            with sock.makefile("rb") as replies:
                return replies.readline()

    with serving(server) as port:
        replies = run_clients(client, CONCURRENT_CLIENTS)
    assert replies == [b"CLIENT %d\n" % i for i in range(CONCURRENT_CLIENTS)]


# ----------------------------------------------------------------- http.server

class GreetingHandler(http.server.BaseHTTPRequestHandler):
    """GET answers with a body naming the path, once every client's request has
    arrived; POST answers with the request body reversed."""

    def do_GET(self):
        self.server.barrier.wait(TIMEOUT)
        self.reply(b"hello from " + self.path.encode())

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.reply(body[::-1])

    def reply(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), GreetingHandler)
    server.barrier = threading.Barrier(CONCURRENT_CLIENTS)
    with serving(server) as port:
        yield port


def http_request(port, method, path, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        connection.close()


def test_threading_http_server_answers_concurrent_gets(http_server):
    responses = run_clients(lambda i: http_request(http_server, "GET", "/page/%d" % i),
                            CONCURRENT_CLIENTS)
    assert responses == [(200, "text/plain", b"hello from /page/%d" % i)
                         for i in range(CONCURRENT_CLIENTS)]


def test_threading_http_server_reads_a_post_body(http_server):
    body = b"0123456789" * 10000
    assert http_request(http_server, "POST", "/upload", body) == (200, "text/plain", body[::-1])


# ----------------------------------------------------------------- subprocess

def test_run_captures_stdout_stderr_and_exit_status():
    result = subprocess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 2"],
                            capture_output=True, timeout=TIMEOUT)
    assert (result.returncode, result.stdout, result.stderr) == (2, b"out\n", b"err\n")


def test_run_feeds_large_input_while_reading_output():
    data = os.urandom(1024 * 1024)  # far more than a pipe holds, both ways
    result = subprocess.run(["/bin/cat"], input=data, capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 0
    assert result.stdout == data


def test_run_timeout_kills_the_child():
    start = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired) as info:
        subprocess.run(["/bin/sh", "-c", "echo $$; exec sleep 600"],
                       capture_output=True, timeout=3)
    assert time.monotonic() - start >= 3
    assert info.value.timeout == 3
    # The output read before the timeout is kept: the child's pid.
    pid = int(info.value.stdout)
    # run() killed and reaped it.
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
