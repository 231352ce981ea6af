"""Soak: many requests of mixed sizes, some malformed, against a multi-worker server.

    python3 bench/soak.py [--requests 100000] [--concurrency 16] [--workers 2]
                          [--malformed 0.05] [--seed 1] [--json REPORT.json]

Starts `cleaner serve --workers 2` on 127.0.0.1 (a free port), warms it up, then sends
the requests over keep-alive connections that are dropped and reopened now and then:
the seed articles and the pages of ../shared/bench/dev.jsonl.xz, as plain text and as
HTML, in JSON and as raw bodies, plus small batches; a share (5% by default) malformed:
bad JSON, wrong types, missing fields, invalid UTF-8, an unsupported media type, and
bodies over the size limit, declared or chunked. Prints the count by status and by kind,
p50/p99 latency, throughput, and the RSS of the server's process tree after warm-up and
at the end (sampled in between).

Exits 1 when a check fails: a 5xx other than a documented 504, a request without a full
answer, a malformed request not refused with its documented 4xx, a valid one not 200, or
RSS growth of 10% or more after warm-up. The request count and the run time are bounded,
and the only address used is 127.0.0.1.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import lzma
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
DEV_CORPUS = ROOT.parent / "shared" / "bench" / "dev.jsonl.xz"
RSS_GROWTH_LIMIT = 0.10
REQUEST_TIMEOUT = 120.0  # a request unanswered by then counts as unanswered
DOCUMENTED_5XX = {504}  # a document over its time budget


# ---- requests ------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    kind: str
    wire: bytes  # head and body, as sent
    expect: int  # the status the service documents for it
    documents: int = 1  # results a batch answer must carry


def _http(path: str, body: bytes, content_type: str) -> bytes:
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


def _chunked(path: str, body: bytes, content_type: str, chunk: int = 64 * 1024) -> bytes:
    """No Content-Length: the server only learns the size by reading."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n").encode("latin-1")
    parts = [head]
    for start in range(0, len(body), chunk):
        piece = body[start:start + chunk]
        parts.append(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
    parts.append(b"0\r\n\r\n")
    return b"".join(parts)


def _json(payload: object) -> bytes:
    return json.dumps(payload).encode("utf-8")


def load_documents(pages: int | None) -> tuple[list[str], list[dict]]:
    """Seed texts, and dev-corpus pages ({url, text, html}) when ../shared is there."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    found: list[dict] = []
    if DEV_CORPUS.exists():
        with lzma.open(DEV_CORPUS, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                found.append({"url": record["url"], "text": record["text"], "html": record["html"]})
                if pages is not None and len(found) >= pages:
                    break
    return seeds, found


def valid_requests(seeds: list[str], pages: list[dict], rnd: random.Random) -> dict[str, list[Request]]:
    """What a scraper sends: articles and whole pages, text and HTML, JSON and raw."""
    kinds: dict[str, list[Request]] = {
        "seed text json": [Request("seed text json", _http("/v1/clean", _json({"text": t}), "application/json"), 200)
                           for t in seeds],
        "seed text raw": [Request("seed text raw", _http("/v1/clean?explain=false", t.encode(), "text/plain"), 200)
                          for t in seeds],
    }
    if pages:
        kinds["page text json"] = [
            Request("page text json", _http("/v1/clean", _json({"text": p["text"], "url": p["url"]}),
                                            "application/json"), 200) for p in pages]
        kinds["page html json"] = [
            Request("page html json", _http("/v1/clean", _json({"html": p["html"], "url": p["url"]}),
                                            "application/json"), 200) for p in pages]
        kinds["page html raw"] = [
            Request("page html raw", _http("/v1/clean?explain=false", p["html"].encode("utf-8"),
                                           "text/html; charset=utf-8"), 200) for p in pages]
    texts = seeds + [p["text"] for p in pages]
    batches = []
    for _ in range(40):
        docs = [{"text": rnd.choice(texts)} for _ in range(rnd.randint(2, 8))]
        batches.append(Request("batch", _http("/v1/clean/batch", _json({"documents": docs}), "application/json"),
                               200, documents=len(docs)))
    kinds["batch"] = batches
    return kinds


# Share of the valid traffic per kind (renormalised over the kinds present).
VALID_WEIGHTS = {"seed text json": 25, "seed text raw": 5, "page text json": 35,
                 "page html json": 15, "page html raw": 10, "batch": 10}


def malformed_requests(seed_text: str, limit: int) -> dict[str, list[Request]]:
    """What a broken client or a hostile one sends, each with the status docs/service.md documents."""
    good = _json({"text": seed_text})
    oversize = _json({"text": "x" * (limit + 64 * 1024)})
    return {
        "bad json": [Request("bad json", _http("/v1/clean", body, "application/json"), 422) for body in (
            good[: len(good) // 2], b"{", b'{"text": "a",}', b"not json at all", b"")],
        "wrong types": [Request("wrong types", _http("/v1/clean", _json(body), "application/json"), 422) for body in (
            {"text": 12345}, {"text": ["a", "b"]}, {"html": {"x": 1}}, [seed_text],
            {"text": "Headline\n\nBody.", "options": {"preset": 7}},
            {"text": "Headline\n\nBody.", "unknown_field": True})],
        "missing fields": [Request("missing fields", _http("/v1/clean", _json(body), "application/json"), 400)
                           for body in ({}, {"url": "https://example.org/a"}, {"text": "a", "html": "<p>a</p>"})],
        "invalid utf-8": [
            Request("invalid utf-8", _http("/v1/clean", b'{"text": "caf\xe9 \xff\xfe"}', "application/json"), 422),
            Request("invalid utf-8", _http("/v1/clean", seed_text.encode()[:500] + b"\xc3\x28\xa0",
                                           "text/plain; charset=utf-8"), 422)],
        "wrong media type": [Request("wrong media type", _http("/v1/clean", good, "application/xml"), 415)],
        "oversize declared": [Request("oversize declared", _http("/v1/clean", oversize, "application/json"), 413)],
        "oversize chunked": [Request("oversize chunked", _chunked("/v1/clean", oversize, "application/json"), 413)],
    }


def schedule(valid: dict[str, list[Request]], malformed: dict[str, list[Request]], count: int,
             malformed_share: float, rnd: random.Random) -> list[Request]:
    kinds = [k for k in VALID_WEIGHTS if k in valid]
    weights = [VALID_WEIGHTS[k] for k in kinds]
    bad_kinds = list(malformed)
    out = []
    for _ in range(count):
        if rnd.random() < malformed_share:
            out.append(rnd.choice(malformed[rnd.choice(bad_kinds)]))
        else:
            out.append(rnd.choice(valid[rnd.choices(kinds, weights)[0]]))
    return out


# ---- the client ----------------------------------------------------------------------


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    by_kind: dict = field(default_factory=lambda: defaultdict(Counter))
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    unanswered: Counter = field(default_factory=Counter)
    unexpected: list = field(default_factory=list)  # (kind, expected, got, body excerpt)
    bad_bodies: int = 0
    done: int = 0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        return status, headers, await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return status, headers, b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
    return status, headers, await reader.read()  # until the server closes


def _body_ok(request: Request, status: int, body: bytes) -> bool:
    """The answer is whole and of the documented shape (sampled: parsing costs CPU)."""
    try:
        data = json.loads(body)
    except ValueError:
        return False
    if status != 200:
        return set(data) == {"error"} and bool(data["error"].get("message"))
    if request.kind == "batch":
        return len(data.get("results", ())) == request.documents
    return isinstance(data.get("text"), str)


async def _connection(port: int, jobs: list[Request], cursor: list[int], tally: Tally,
                      rnd: random.Random, progress: "Progress", deadline: float) -> None:
    reader = writer = None
    left_on_connection = 0
    while cursor[0] < len(jobs) and time.perf_counter() < deadline:
        request = jobs[cursor[0]]
        cursor[0] += 1
        if writer is None or left_on_connection <= 0:
            if writer is not None:
                writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            left_on_connection = rnd.randint(1, 200)  # clients come and go
        left_on_connection -= 1
        started = time.perf_counter()
        try:
            writer.write(request.wire)
            status, headers, body = await asyncio.wait_for(_read_response(reader), REQUEST_TIMEOUT)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.TimeoutError, OSError) as exc:
            tally.unanswered[f"{request.kind}: {type(exc).__name__}"] += 1
            writer.close()
            writer = None
            continue
        finally:
            tally.done += 1
            progress.tick(tally.done)
        elapsed = time.perf_counter() - started
        tally.statuses[status] += 1
        tally.by_kind[request.kind][status] += 1
        tally.latencies[request.kind].append(elapsed)
        if status != request.expect and not (request.expect == 200 and status in DOCUMENTED_5XX):
            tally.unexpected.append((request.kind, request.expect, status, body[:200].decode("utf-8", "replace")))
        elif tally.done % 20 == 0 and not _body_ok(request, status, body):
            tally.bad_bodies += 1
        if headers.get("connection", "").lower() == "close":
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def drive(port: int, jobs: list[Request], concurrency: int, seed: int, progress: "Progress",
                max_seconds: float = float("inf")) -> tuple[Tally, float]:
    """Send `jobs` over `concurrency` connections; no new request after `max_seconds`."""
    tally = Tally()
    cursor = [0]
    started = time.perf_counter()
    deadline = started + max_seconds
    await asyncio.gather(*(_connection(port, jobs, cursor, tally, random.Random(seed + i), progress, deadline)
                           for i in range(concurrency)))
    return tally, time.perf_counter() - started


class Progress:
    def __init__(self, total: int, label: str, quiet: bool) -> None:
        self.total, self.label, self.quiet = total, label, quiet
        self.step = max(1, total // 20)
        self.started = time.perf_counter()

    def tick(self, done: int) -> None:
        if not self.quiet and done % self.step == 0:
            rate = done / (time.perf_counter() - self.started)
            print(f"  {self.label}: {done}/{self.total} ({rate:.0f} req/s)", flush=True)


# ---- the server and its memory -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int, env_extra: dict[str, str]) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_")}
    env.update(PYTHONPATH=str(ROOT), CLEANER_LOG_LEVEL="warning", **env_extra)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, env=env, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} during start-up")
        if _ready(port) and len(tree(proc.pid)) >= 1 + (workers if workers > 1 else 0) + workers:
            return proc
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("server did not become ready")


def _ready(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return sock.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def stop_server(proc: subprocess.Popen) -> int | None:
    """SIGTERM to the server (it drains and stops its children); its exit status."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
            return None
    return proc.returncode


def tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def memory(pid: int) -> dict:
    """RSS and PSS (shared pages split between sharers) summed over the process tree."""
    rss = pss = 0
    pids = []
    for proc in tree(pid):
        try:
            info = proc.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
        pids.append(proc.pid)
    return {"rss": rss, "pss": pss, "processes": len(pids), "pids": sorted(pids)}


class MemorySampler(threading.Thread):
    """Samples the tree's memory every `every` seconds while the soak runs."""

    def __init__(self, pid: int, every: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, dict]] = []
        self.stop = threading.Event()
        self.started = time.perf_counter()

    def run(self) -> None:
        while not self.stop.wait(self.every):
            self.samples.append((time.perf_counter() - self.started, memory(self.pid)))


# ---- the report ----------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def report(args, tally: Tally, seconds: float, warm: dict, end: dict, samples, pages: int,
           exit_status: int | None) -> dict:
    valid = [v for kind, values in tally.latencies.items() if kind in VALID_WEIGHTS for v in values]
    undocumented_5xx = sum(n for status, n in tally.statuses.items() if status >= 500 and status not in DOCUMENTED_5XX)
    answered = sum(tally.statuses.values())
    growth = (end["rss"] - warm["rss"]) / warm["rss"]
    out = {
        "requests": tally.done, "planned": args.requests, "answered": answered, "unanswered": dict(tally.unanswered),
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "by_kind": {kind: {str(s): n for s, n in sorted(c.items())} for kind, c in sorted(tally.by_kind.items())},
        "unexpected": len(tally.unexpected), "unexpected_examples": tally.unexpected[:10],
        "bad_bodies": tally.bad_bodies, "undocumented_5xx": undocumented_5xx,
        "seconds": round(seconds, 1), "throughput": round(tally.done / seconds, 1),
        "p50_ms": round(percentile(valid, 50) * 1000, 1), "p99_ms": round(percentile(valid, 99) * 1000, 1),
        "latency_ms_by_kind": {k: {"p50": round(percentile(v, 50) * 1000, 1), "p99": round(percentile(v, 99) * 1000, 1)}
                               for k, v in sorted(tally.latencies.items())},
        "rss_after_warmup_mb": round(warm["rss"] / 2**20, 1), "rss_end_mb": round(end["rss"] / 2**20, 1),
        "pss_after_warmup_mb": round(warm["pss"] / 2**20, 1), "pss_end_mb": round(end["pss"] / 2**20, 1),
        "rss_growth": round(growth, 4), "processes_after_warmup": warm["processes"], "processes_end": end["processes"],
        "processes_replaced": len(set(warm["pids"]) - set(end["pids"])),
        "rss_samples_mb": [(round(t), round(m["rss"] / 2**20, 1)) for t, m in samples],
        "workers": args.workers, "concurrency": args.concurrency, "pages": pages,
        "server_exit_status": exit_status,
    }
    out["failures"] = [reason for reason, failed in (
        ("unanswered requests", sum(tally.unanswered.values()) > 0),
        ("undocumented 5xx", undocumented_5xx > 0),
        ("unexpected statuses", len(tally.unexpected) > 0),
        ("malformed answer bodies", tally.bad_bodies > 0),
        (f"RSS growth {growth:.1%} >= {RSS_GROWTH_LIMIT:.0%}", growth >= RSS_GROWTH_LIMIT),
        ("server did not exit 0 on SIGTERM", exit_status != 0),
    ) if failed]
    return out


def print_report(r: dict) -> None:
    if r["requests"] < r["planned"]:
        print(f"\nstopped at the time limit: {r['requests']} of the {r['planned']} planned requests sent")
    print(f"\n{r['requests']} requests, {r['answered']} answered, in {r['seconds']} s: {r['throughput']} req/s "
          f"({r['workers']} workers, concurrency {r['concurrency']}, {r['pages']} dev pages)")
    print("status counts: " + ", ".join(f"{s}: {n}" for s, n in r["statuses"].items()))
    for kind, counts in r["by_kind"].items():
        lat = r["latency_ms_by_kind"][kind]
        print(f"  {kind:<18} " + ", ".join(f"{s}: {n}" for s, n in counts.items())
              + f"   p50 {lat['p50']} ms, p99 {lat['p99']} ms")
    print(f"valid requests: p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms")
    print(f"server tree RSS after warm-up {r['rss_after_warmup_mb']} MB -> end {r['rss_end_mb']} MB "
          f"({r['rss_growth']:+.1%}); PSS {r['pss_after_warmup_mb']} -> {r['pss_end_mb']} MB; "
          f"{r['processes_after_warmup']} -> {r['processes_end']} processes, {r['processes_replaced']} replaced")
    if r["rss_samples_mb"]:
        step = max(1, len(r["rss_samples_mb"]) // 10)
        print("RSS samples (s, MB): " + " ".join(f"{t}:{m}" for t, m in r["rss_samples_mb"][::step]))
    print(f"unanswered: {r['unanswered'] or 0}; undocumented 5xx: {r['undocumented_5xx']}; "
          f"unexpected statuses: {r['unexpected']}; bad bodies (sampled): {r['bad_bodies']}; "
          f"server exit on SIGTERM: {r['server_exit_status']}")
    for example in r["unexpected_examples"]:
        print(f"  unexpected: {example}")
    print("SOAK " + ("FAILED: " + "; ".join(r["failures"]) if r["failures"] else "PASSED"))


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--warmup", type=int, default=None, help="requests before the baseline RSS "
                        "(default: 5%% of --requests, at least 500, at most 5000)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--malformed", type=float, default=0.05, help="share of malformed requests")
    parser.add_argument("--pages", type=int, default=None, help="dev-corpus pages to use (default: all)")
    parser.add_argument("--max-seconds", type=float, default=4 * 3600,
                        help="send no new request after this long (default 4 h); the report says so")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()

    from cleaner.service.settings import ServiceSettings

    limit = ServiceSettings().max_body_bytes
    rnd = random.Random(args.seed)
    seeds, pages = load_documents(args.pages)
    if not pages:
        print(f"note: {DEV_CORPUS} not found; seed articles only")
    valid = valid_requests(seeds, pages, rnd)
    malformed = malformed_requests(seeds[0], limit)
    warmup = args.warmup if args.warmup is not None else min(5000, max(500, args.requests // 20))
    jobs = schedule(valid, malformed, args.requests, args.malformed, rnd)
    warm_jobs = schedule(valid, malformed, warmup, args.malformed, rnd)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {len(seeds)} seeds, "
          f"{len(pages)} dev pages; {warmup} warm-up requests, then {args.requests}; body limit {limit} bytes",
          flush=True)

    # Stop cleanly (server drained and stopped) on Ctrl-C or SIGTERM, also when started in
    # the background, where the shell leaves SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupted)
    port = free_port()
    proc = start_server(port, args.workers, {})
    exit_status = None
    try:
        asyncio.run(drive(port, warm_jobs, args.concurrency, args.seed + 1000, Progress(warmup, "warm-up", True)))
        time.sleep(2)  # let the warm-up's garbage go before the baseline
        warm = memory(proc.pid)
        sampler = MemorySampler(proc.pid, every=max(2.0, args.requests / 2000))
        sampler.start()
        tally, seconds = asyncio.run(drive(port, jobs, args.concurrency, args.seed,
                                           Progress(args.requests, "soak", args.quiet), args.max_seconds))
        sampler.stop.set()
        time.sleep(2)
        end = memory(proc.pid)
    finally:
        exit_status = stop_server(proc)
    result = report(args, tally, seconds, warm, end, sampler.samples, len(pages), exit_status)
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
