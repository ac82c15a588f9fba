"""The watch's polling at scale, on loopback: one feed per host on 127.1.x.y addresses (each a
host of its own for the per-host gate), served by one asyncio process with an artificial latency.

Round 1: every feed is new (each item's text is in the feed, so no pages are fetched; articles
are built and stored, no analysis). Round 2 (`--now`): nothing new, every feed answers 304.
Then 20 s of a watch with nothing due. Prints feeds/s, CPU seconds of the watching process, peak
memory, and what polling 2,000 feeds every 30 minutes with nothing new costs in CPU (goal: <= 10%
of one core).

    python bench/watch.py                   # 1,000 feeds, 50 ms latency, 3 items each
    python bench/watch.py --feeds 2000 --items 0
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import tempfile
import threading
import time
from pathlib import Path

from newsweave.store import Store
from newsweave.watch import PoliteClient, Source, Watcher, WatchOptions

PORT = 8089


def address(n: int) -> str:
    return f"127.1.{n // 250}.{n % 250 + 1}"


def feed_body(host: int, items: int) -> bytes:
    parts = ['<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/'
             f'modules/content/"><channel><title>Outlet {host}</title>']
    for i in range(items):
        text = "".join(
            f"<p>Outlet {host} reports in item {i} that the harbour council number {host * 7 + i} "
            f"voted on line {line} to add {host % 9 + line} evening ferries after {i + line} "
            "hours of debate about the costs of the new timetable.</p>" for line in range(3))
        parts.append(f"<item><title>Item {i} of outlet {host}</title>"
                     f"<link>http://{address(host)}:{PORT}/a/{i}</link>"
                     f"<content:encoded><![CDATA[{text}]]></content:encoded></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve(hosts: int, items: int, latency: float, ready) -> None:
    """One process, one event loop, a listening socket per host address."""
    bodies = {address(n): feed_body(n, items) for n in range(hosts)}

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                await asyncio.sleep(latency)
                host = writer.get_extra_info("sockname")[0]
                etag = f'"{host}"'
                if f"if-none-match: {etag}".encode() in head.lower():
                    response = (f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n"
                                "Content-Length: 0\r\n\r\n").encode()
                else:
                    body = bodies[host]
                    response = (f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: {etag}\r\n"
                                f"Content-Length: {len(body)}\r\n\r\n").encode() + body
                writer.write(response)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(answer, address(n), PORT, backlog=64) for n in range(hosts)]
        ready.set()
        await asyncio.gather(*(server.serve_forever() for server in servers))

    asyncio.run(main())


def one_round(db: str, urls: list[str], *, now: bool, threads: int, host_delay: float) -> dict:
    cpu = time.process_time()
    started = time.perf_counter()
    client = PoliteClient(private=True, host_delay=host_delay)
    with Store(db) as store:
        watcher = Watcher(store, [Source(u) for u in urls], client,
                          WatchOptions(once=True, now=now, threads=threads, workers=1))
        summary = watcher.run()
    client.close()
    seconds = time.perf_counter() - started
    return {"polled": summary.polled, "stored": summary.stored, "seconds": seconds,
            "cpu": time.process_time() - cpu}


def idle(db: str, urls: list[str], seconds: float) -> float:
    """CPU seconds of a watch (not --once) with nothing due, over ``seconds``."""
    client = PoliteClient(private=True)
    with Store(db) as store:
        watcher = Watcher(store, [Source(u) for u in urls], client)
        store.connection.execute("UPDATE feeds SET next_check=?", (time.time() + 3600,))
        threading.Timer(seconds, watcher.stop).start()
        cpu = time.process_time()
        watcher.run()
    client.close()
    return time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(args.feeds, args.items, args.latency, ready),
                                     daemon=True)
    server.start()
    ready.wait(60)
    urls = [f"http://{address(n)}:{PORT}/feed.xml" for n in range(args.feeds)]
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = str(Path(folder) / "watch.db")
            first = one_round(db, urls, now=False, threads=args.threads, host_delay=2.0)
            second = one_round(db, urls, now=True, threads=args.threads, host_delay=2.0)
            waiting = idle(db, urls, 20.0)
    finally:
        server.terminate()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.feeds} feeds on {args.feeds} loopback hosts, {args.latency * 1000:.0f} ms latency, "
          f"{args.threads} threads")
    for name, result in (("round 1, all new", first), ("round 2, all 304", second)):
        print(f"  {name}: {result['polled']} polls, {result['stored']} articles stored in "
              f"{result['seconds']:.1f}s = {result['polled'] / result['seconds']:.0f} feeds/s; "
              f"CPU {result['cpu']:.1f}s ({result['cpu'] / result['polled'] * 1000:.1f} ms per feed)")
    per_poll = second["cpu"] / second["polled"]
    print(f"  2,000 feeds every 30 min with nothing new: {per_poll * 2000:.1f} CPU s per 1,800 s = "
          f"{per_poll * 2000 / 1800:.1%} of one core")
    print(f"  between polls (nothing due, 20 s): {waiting:.2f} CPU s = {waiting / 20:.2%} of one core")
    print(f"  peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
