"""An asyncio TCP exchange over loopback: a server and concurrent clients in one
event loop (asyncio streams over selectors.DefaultSelector), each client sending
a line and awaiting its echo, again and again. Reports round trips per second.

Its default use is warm-up (bench/warmup.py): no warm-up, one round, so the rate
includes everything from the script's first line.
"""
import asyncio

import harness


def add_arguments(parser):
    parser.add_argument("--clients", type=int, default=20, help="concurrent client connections")


async def serve_echo(reader, writer):
    while line := await reader.readline():
        writer.write(line)
        await writer.drain()
    writer.close()


async def client(address, counter, stop):
    reader, writer = await asyncio.open_connection(*address)
    while not stop.is_set():
        writer.write(b"ping\n")
        await writer.drain()
        await reader.readline()
        counter[0] += 1
    writer.close()
    await writer.wait_closed()


async def measure(options):
    server = await asyncio.start_server(serve_echo, "127.0.0.1", 0)
    address = server.sockets[0].getsockname()
    counter, stop = [0], asyncio.Event()
    tasks = [asyncio.create_task(client(address, counter, stop)) for _ in range(options.clients)]
    loop = asyncio.get_running_loop()
    rates = []
    if options.warmup_seconds:
        await asyncio.sleep(options.warmup_seconds)
    for _ in range(options.rounds):
        before, start = counter[0], loop.time()
        await asyncio.sleep(options.round_seconds)
        rates.append((counter[0] - before) / (loop.time() - start))
    stop.set()
    await asyncio.gather(*tasks)
    server.close()
    await server.wait_closed()
    return rates


def main():
    options = harness.parse_options(__doc__, add_arguments)
    rates = asyncio.run(measure(options))
    rates.sort()
    harness.emit("asyncio_exchange", "asyncio TCP exchange, %d clients" % options.clients,
                 clients=options.clients, ops_per_second=rates[len(rates) // 2],
                 round_ops_per_second=[round(rate, 1) for rate in rates])


if __name__ == "__main__":
    main()
