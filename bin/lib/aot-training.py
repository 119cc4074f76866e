# The training run of bin/pyselect4j's ahead-of-time cache (JDK 25+, no JIT):
# the JVM records the classes this loads and the profiles of what it runs, so
# later start-ups skip that work. It exercises what most programs start with.
import asyncio
import os
import selectors
import select
import socket
import time


async def exchange():
    async def echo(reader, writer):
        writer.write(await reader.read(100))
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname())
    writer.write(b"hello")
    await writer.drain()
    assert await reader.read(100) == b"hello"
    writer.close()
    server.close()
    await server.wait_closed()


asyncio.run(exchange())
with selectors.DefaultSelector() as selector:
    left, right = socket.socketpair()
    selector.register(left, selectors.EVENT_READ)
    right.send(b"x")
    selector.select(1)
    left.close()
    right.close()
poller = select.poll()
timer = os.timerfd_create(time.CLOCK_MONOTONIC)
os.timerfd_settime(timer, initial=0.001)
poller.register(timer, select.POLLIN)
poller.poll(1000)
os.close(timer)
