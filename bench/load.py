"""Load test: the service on 127.0.0.1 versus clean() in-process, on the seed articles.

    python3 bench/load.py [--requests 600] [--concurrency 16 64] [--workers 1 2]

Starts `cleaner serve` as a subprocess per worker count, drives it from this process
with keep-alive HTTP/1.1 connections (raw asyncio streams: a heavy client would measure
itself), and prints requests/s and p50/p99 latency per (workers, concurrency). The
request count is bounded; the load generator shares the machine with the server.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing


def seed_bodies() -> list[bytes]:
    return [json.dumps({"text": p.read_text(encoding="utf-8")}).encode() for p in sorted((ROOT / "seeds").glob("*.txt"))]


def in_process_rate(seconds: float = 3.0) -> float:
    """Single-core docs/s of the library itself, after a warm-up pass."""
    from cleaner import clean

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for text in texts:
        clean(text=text)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        clean(text=texts[done % len(texts)])
        done += 1
    return done / (time.perf_counter() - started)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workers: int, port: int, processes: int | None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLEANER_LOG_LEVEL": "warning"}
    if processes:
        env["CLEANER_PROCESSES"] = str(processes)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, env=env, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("server did not become ready")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


async def _one_connection(port: int, bodies: list[bytes], jobs: asyncio.Queue, latencies: list[float]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while True:
            try:
                index = jobs.get_nowait()
            except asyncio.QueueEmpty:
                return
            body = bodies[index % len(bodies)]
            head = (f"POST /v1/clean HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode()
            started = time.perf_counter()
            writer.write(head + body)
            status, length = await _read_head(reader)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"status {status}")
    finally:
        writer.close()


async def _read_head(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
    return status, length


async def drive(port: int, bodies: list[bytes], requests: int, concurrency: int) -> tuple[float, list[float]]:
    jobs: asyncio.Queue[int] = asyncio.Queue()
    for index in range(requests):
        jobs.put_nowait(index)
    latencies: list[float] = []
    started = time.perf_counter()
    await asyncio.gather(*(_one_connection(port, bodies, jobs, latencies) for _ in range(concurrency)))
    return requests / (time.perf_counter() - started), latencies


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600, help="requests per (workers, concurrency)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--processes", type=int, default=None,
                        help="cleaning processes per worker (default: the service's, cores // workers)")
    args = parser.parse_args()
    bodies = seed_bodies()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {len(bodies)} seed articles, "
          f"{sum(map(len, bodies)) // len(bodies)} bytes of JSON each on average")
    library = in_process_rate()
    print(f"in-process clean(): {library:.0f} docs/s on one core")
    for workers in args.workers:
        port = free_port()
        proc = start_server(workers, port, args.processes)
        per_worker = args.processes or max(1, (os.cpu_count() or 1) // workers)
        print(f"-- {workers} uvicorn worker(s) x {per_worker} cleaning process(es)")
        try:
            asyncio.run(drive(port, bodies, min(100, args.requests), 8))  # warm connections and caches
            for concurrency in args.concurrency:
                rate, latencies = asyncio.run(drive(port, bodies, args.requests, concurrency))
                print(f"workers={workers} concurrency={concurrency:>3}: {rate:6.0f} req/s  "
                      f"p50 {percentile(latencies, 50) * 1000:6.1f} ms  p99 {percentile(latencies, 99) * 1000:6.1f} ms  "
                      f"({rate / library:.0%} of in-process)")
        finally:
            stop_server(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
