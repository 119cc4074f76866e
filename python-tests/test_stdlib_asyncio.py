"""asyncio runs on select.epoll: the default event loop waits with an
EpollSelector, and with it (and with the poll and select selectors) it serves
and calls a TCP echo over loopback, fires call_later timers no earlier than
asked, watches a timerfd with add_reader and talks to subprocesses through
pipes.

Each test runs its event loop in a helper thread (conftest.bounded) so that a
broken wait fails the test instead of hanging the suite."""

import asyncio
import os
import select
import selectors
import time

import pytest

from conftest import bounded, read_expirations

# Generous: GraalPy is slow on these 2-core machines; never a speed assertion.
LOOP_TIMEOUT = 120


def run_in_new_loop(main, loop_factory=asyncio.new_event_loop):
    """Runs main() to completion in a fresh event loop, closed afterwards."""
    def run():
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            return runner.run(asyncio.wait_for(main(), LOOP_TIMEOUT))
    return bounded(run, timeout=LOOP_TIMEOUT + 30)


def test_default_event_loop_waits_with_epoll():
    async def main():
        loop = asyncio.get_running_loop()
        return type(loop._selector), type(loop._selector._selector)

    assert selectors.DefaultSelector is selectors.EpollSelector
    selector_type, kernel_object_type = run_in_new_loop(main)
    assert selector_type.__name__ == "EpollSelector"
    assert kernel_object_type is select.epoll


# ----------------------------------------------------------------- TCP echo

async def echo_connection(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()
        await writer.wait_closed()


async def echo_client(port, payload):
    """Sends payload while reading the echo back; returns what came back
    before the server closed the connection."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        async def send():
            writer.write(payload)
            await writer.drain()
            writer.write_eof()
        sender = asyncio.create_task(send())
        received = await reader.read(-1)
        await sender
        return received
    finally:
        writer.close()
        await writer.wait_closed()


@pytest.mark.parametrize("selector_name", ["DefaultSelector", "PollSelector", "SelectSelector"])
def test_tcp_echo_over_loopback(selector_name):
    payloads = [b"hello", b"line one\nline two\n", bytes(range(256)) * 1024]

    async def main():
        server = await asyncio.start_server(echo_connection, "127.0.0.1", 0)
        async with server:
            port = server.sockets[0].getsockname()[1]
            return await asyncio.gather(*(echo_client(port, payload) for payload in payloads))

    def loop_factory():
        return asyncio.SelectorEventLoop(getattr(selectors, selector_name)())

    assert run_in_new_loop(main, loop_factory) == payloads


# ----------------------------------------------------------------- timers

def test_call_later_fires_after_its_delay_and_in_order():
    # asyncio may run a timer up to one clock resolution before its time.
    slack = time.get_clock_info("monotonic").resolution

    async def main():
        loop = asyncio.get_running_loop()
        calls = []
        done = loop.create_future()
        start = time.monotonic()
        loop.call_later(0.3, lambda: (calls.append(("late", time.monotonic() - start)),
                                      done.set_result(None)))
        loop.call_later(0.1, lambda: calls.append(("early", time.monotonic() - start)))
        cancelled = loop.call_later(0.2, lambda: calls.append(("cancelled", None)))
        loop.call_soon(lambda: calls.append(("soon", None)))
        cancelled.cancel()
        await done
        return calls

    calls = run_in_new_loop(main)
    assert [name for name, _ in calls] == ["soon", "early", "late"]
    assert calls[1][1] >= 0.1 - slack
    assert calls[2][1] >= 0.3 - slack


def test_add_reader_on_a_timerfd(make_timerfd):
    fd = make_timerfd(flags=os.TFD_NONBLOCK)

    async def main():
        loop = asyncio.get_running_loop()
        expirations = []
        enough = loop.create_future()

        def on_readable():
            expirations.append(read_expirations(fd))
            if sum(expirations) >= 3 and not enough.done():
                enough.set_result(None)

        loop.add_reader(fd, on_readable)
        start = time.monotonic()
        os.timerfd_settime(fd, initial=0.05, interval=0.05)
        await enough
        elapsed = time.monotonic() - start
        return expirations, elapsed, loop.remove_reader(fd)

    expirations, elapsed, removed = run_in_new_loop(main)
    assert sum(expirations) >= 3
    assert all(count >= 1 for count in expirations)
    assert elapsed >= 0.15
    assert removed is True


# ----------------------------------------------------------------- subprocesses

def test_subprocess_stdin_and_stdout_pipes_line_by_line():
    lines = [b"first line\n", b"second line\n", b"third line\n"]

    async def main():
        proc = await asyncio.create_subprocess_exec(
            "/bin/cat", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        try:
            echoed = []
            for line in lines:
                proc.stdin.write(line)
                await proc.stdin.drain()
                echoed.append(await proc.stdout.readline())
            proc.stdin.close()
            rest = await proc.stdout.read()
            return echoed, rest, await proc.wait()
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()

    echoed, rest, returncode = run_in_new_loop(main)
    assert echoed == lines
    assert rest == b""
    assert returncode == 0


def test_subprocess_communicate_large_input_with_stderr_and_exit_status():
    data = os.urandom(512 * 1024)  # several pipe buffers each way

    async def main():
        proc = await asyncio.create_subprocess_exec(
            "/bin/sh", "-c", "cat; echo done >&2; exit 3",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        out, err = await proc.communicate(data)
        return out, err, proc.returncode

    out, err, returncode = run_in_new_loop(main)
    assert out == data
    assert err == b"done\n"
    assert returncode == 3
