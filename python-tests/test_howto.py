"""Runs the example scripts of CPython's documentation, read at test time from
the docs checkout (never copied into this repository):

  howto/timerfd.rst      the three ``.. code-block:: python`` examples
  library/selectors.rst  the echo server after "Here is a simple echo server
                         implementation::"

Each script runs under sys.executable (the pyselect4j launcher when the suite
runs inside it).  The server examples listen on 127.0.0.1:1234 without
SO_REUSEADDR, so the tests run one after another and the client always closes
first, leaving no TIME_WAIT on the server's side of port 1234.

Environment: PYSELECT4J_CPYTHON_DOCS overrides the docs folder
(default: <repo>/../shared/cpython-docs).
"""

import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from conftest import REPO_ROOT

# Where the docs live: the environment's choice, else the shared folder beside
# this checkout, else the shared folder of these machines.
DOCS = os.environ.get("PYSELECT4J_CPYTHON_DOCS") or next(
    (path for path in (os.path.join(os.path.dirname(REPO_ROOT), "shared", "cpython-docs"),
                       "/work/shared/cpython-docs") if os.path.isdir(path)),
    os.path.join(os.path.dirname(REPO_ROOT), "shared", "cpython-docs"))
PORT = 1234
STARTUP_TIMEOUT = 180  # the launcher needs 25 s or more to start on 2 busy cores
STEP_TIMEOUT = 60
TIME_WAIT_SECONDS = 60  # Linux's fixed TIME_WAIT


# ----------------------------------------------------------------- extraction

def read_doc(relative):
    path = os.path.join(DOCS, relative)
    assert os.path.isfile(path), "CPython docs not found at %s (set PYSELECT4J_CPYTHON_DOCS)" % path
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def indented_block(lines, start):
    """The indented block starting at or after lines[start], dedented."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    block = []
    while i < len(lines) and (not lines[i].strip() or lines[i][:1] in " \t"):
        block.append(lines[i])
        i += 1
    return textwrap.dedent("\n".join(block).rstrip() + "\n")


def python_code_blocks(relative):
    lines = read_doc(relative)
    return [indented_block(lines, i + 1) for i, line in enumerate(lines)
            if line.strip() == ".. code-block:: python"]


def block_after(relative, marker):
    lines = read_doc(relative)
    for i, line in enumerate(lines):
        if line.rstrip().endswith(marker):
            return indented_block(lines, i + 1)
    raise AssertionError("%r not found in %s" % (marker, relative))


def timerfd_howto_block(index):
    blocks = python_code_blocks(os.path.join("howto", "timerfd.rst"))
    assert len(blocks) == 3, "expected 3 python code blocks in the timerfd HOWTO"
    return blocks[index]


# ----------------------------------------------------------------- running

class Script:
    """A doc example running under sys.executable, its output collected."""

    def __init__(self, source, tmp_path):
        path = tmp_path / "example.py"
        path.write_text(source, encoding="utf-8")
        env = dict(os.environ, PYTHONUNBUFFERED="1")  # lines arrive as printed
        self.proc = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, env=env, cwd=str(tmp_path),
                                     text=True)
        self.lines = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self):
        return "\n".join(self.lines)

    def wait_for_line(self, pattern, timeout=STEP_TIMEOUT):
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(regex.search(line) for line in list(self.lines)):
                return
            if self.proc.poll() is not None:
                self.reader.join(5)
                if any(regex.search(line) for line in self.lines):
                    return
                break
            time.sleep(0.05)
        raise AssertionError("no output line matches %r; output so far:\n%s"
                             % (pattern, self.output()))

    def wait_exit(self, timeout=STEP_TIMEOUT):
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError("script did not exit; output:\n" + self.output())
        self.reader.join(10)
        return code

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(10)


@pytest.fixture
def run_script(tmp_path):
    scripts = []

    def run(source):
        script = Script(source, tmp_path)
        scripts.append(script)
        return script

    yield run
    for script in scripts:
        script.stop()


@pytest.fixture
def free_port():
    """Waits until nothing holds 127.0.0.1:PORT (e.g. a previous server).

    When the client's close and the server's exit race, the server's side of
    the connection can be left in TIME_WAIT, which holds the port for 60 s on
    Linux (seen once in a fresh-clone run): wait past that.
    """
    deadline = time.monotonic() + TIME_WAIT_SECONDS + STEP_TIMEOUT
    while True:
        probe = socket.socket()
        try:
            probe.bind(("127.0.0.1", PORT))
            return PORT
        except OSError as exc:
            if time.monotonic() > deadline:
                raise AssertionError("port %d stays busy: %s" % (PORT, exc))
        finally:
            probe.close()
        time.sleep(0.5)


def connect(script):
    """Connects to the script's server, retrying while it starts up."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            return socket.create_connection(("127.0.0.1", PORT), timeout=STEP_TIMEOUT)
        except OSError:
            if script.proc.poll() is not None:
                script.reader.join(5)
                raise AssertionError("server exited with %s before accepting; output:\n%s"
                                     % (script.proc.returncode, script.output()))
            if time.monotonic() > deadline:
                raise AssertionError("server never listened on port %d; output:\n%s"
                                     % (PORT, script.output()))
            time.sleep(0.1)


# ----------------------------------------------------------------- tests

def test_blocking_timer_example(run_script):
    script = run_script(timerfd_howto_block(0))
    assert script.wait_exit(STARTUP_TIMEOUT + STEP_TIMEOUT) == 0, script.output()
    assert script.lines == ["Timer expired"] * 4


@pytest.mark.parametrize("index", [1, 2], ids=["epoll-server", "select-server"])
def test_timer_server_example(run_script, free_port, index):
    script = run_script(timerfd_howto_block(index))
    client = connect(script)
    try:
        script.wait_for_line(r"^Timer 2 expired \d+ times$")  # after 0.5 s
        client.sendall(b"hello")
        script.wait_for_line(r"^Unknown command: hello$")
        client.sendall(b"stop")
    finally:
        client.close()  # before the server exits: TIME_WAIT stays on our side
    assert script.wait_exit() == 0, script.output()
    assert "Stopping server" in script.lines
    timer_lines = [line for line in script.lines if re.match(r"^Timer [123] expired \d+ times$", line)]
    assert timer_lines, script.output()
    assert {line.split()[1] for line in timer_lines} >= {"1", "2"}


def test_selectors_echo_server_example(run_script, free_port):
    source = block_after(os.path.join("library", "selectors.rst"),
                         "Here is a simple echo server implementation::")
    script = run_script(source)
    message = b"pyselect4j says hello"
    client = connect(script)
    try:
        client.sendall(message)
        received = b""
        while len(received) < len(message):
            chunk = client.recv(1024)
            assert chunk, "server closed the connection early; output:\n" + script.output()
            received += chunk
        assert received == message
    finally:
        client.close()
    script.wait_for_line(r"^closing ")
    assert script.proc.poll() is None, "the echo server loops forever"
    script.stop()
    assert any(line.startswith("accepted ") for line in script.lines)
    assert any(line.startswith("echoing %r to " % message) for line in script.lines)
