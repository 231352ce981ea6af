"""Benchmark the batch CLI: docs/s for 1 and 2 workers, and peak RSS on a large JSONL.

    python bench/batch.py                      # defaults: dev corpus x1, 200 MB RSS input
    python bench/batch.py --rss-mb 1024        # the 1 GB input of issue 5 (slow: ~10 min on 2 cores)
    python bench/batch.py --skip-rss

The corpus is the `text` field of /work/shared/bench/dev.jsonl.xz (579 pages). Each run is
`python -m cleaner batch ... --no-explain` as a real subprocess; RSS is sampled from /proc
every 0.1 s over the whole process tree (driver + pool workers) and reported as the peak
of the sum, with the trend over the run so flatness can be checked.
"""
from __future__ import annotations

import argparse
import json
import lzma
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = Path("/work/shared/bench/dev.jsonl.xz")


def load_dev() -> list[dict]:
    with lzma.open(DEV, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return [{"id": r["id"], "text": r["text"], "url": r.get("url")} for r in rows if r.get("text")]


def write_corpus(path: Path, docs: list[dict], copies: int = 1, target_bytes: int | None = None) -> tuple[int, int]:
    n = size = 0
    with open(path, "w", encoding="utf-8") as f:
        rep = 0
        while True:
            for d in docs:
                line = json.dumps({**d, "id": f"{d['id']}-{rep}"}, ensure_ascii=False) + "\n"
                f.write(line)
                n += 1
                size += len(line.encode("utf-8"))
                if target_bytes is not None and size >= target_bytes:
                    return n, size
            rep += 1
            if target_bytes is None and rep >= copies:
                return n, size


def _tree_rss(pid: int) -> int:
    """Sum of VmRSS (bytes) of `pid` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid = int(fields[1])
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss[int(entry)] = int(line.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def _own_cpu(pid: int) -> float | None:
    """CPU seconds `pid` itself has used (not its children), from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def run_batch(src: Path, out: Path, workers: int, sample: bool = False) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "cleaner", "batch", str(src), "-o", str(out),
           "--workers", str(workers), "--no-explain", "--progress", "never"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples: list[tuple[float, int]] = []
    driver_cpu = None  # the driver's own CPU, read until it exits (misses its last 0.1 s)
    while proc.poll() is None:
        driver_cpu = _own_cpu(proc.pid) or driver_cpu
        if sample:
            samples.append((time.monotonic() - start, _tree_rss(proc.pid)))
        time.sleep(0.1)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({proc.returncode}): {stderr}")
    docs = int(stderr.split("docs: ")[1].split()[0])
    result = {"workers": workers, "docs": docs, "seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 1),
              "cpu_seconds": round(cpu, 1), "docs_per_cpu_s": round(docs / cpu, 1) if cpu else None,
              "driver_cpu_seconds": driver_cpu}
    if sample and samples:
        peak = max(r for _, r in samples)
        quarters = []
        for q in (0.25, 0.5, 0.75, 1.0):
            window = [r for t, r in samples if (q - 0.25) * seconds <= t <= q * seconds]
            quarters.append(round(max(window) / 2**20) if window else None)
        result.update(peak_rss_mb=round(peak / 2**20), rss_mb_by_quarter=quarters)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=1, help="copies of the dev corpus for the docs/s runs")
    ap.add_argument("--rss-mb", type=int, default=200, help="size of the large JSONL for the RSS run")
    ap.add_argument("--rss-workers", type=int, default=2)
    ap.add_argument("--skip-rss", action="store_true")
    args = ap.parse_args()

    docs = load_dev()
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        tmpdir = Path(tmp)
        corpus = tmpdir / "dev.jsonl"
        n, size = write_corpus(corpus, docs, copies=args.copies)
        print(f"corpus: {n} docs, {size / 2**20:.1f} MB (dev set text x{args.copies})", flush=True)
        print(f"cpus: {os.cpu_count()}  python: {sys.version.split()[0]}", flush=True)
        for workers in (1, 2):
            r = run_batch(corpus, tmpdir / f"out-{workers}.jsonl", workers)
            print(
                f"workers={workers}: {r['docs']} docs in {r['seconds']} s = {r['docs_per_s']} docs/s "
                f"(CPU {r['cpu_seconds']} s = {r['docs_per_cpu_s']} docs per CPU-second; "
                f"driver process {r['driver_cpu_seconds']} CPU-s)",
                flush=True,
            )
        print(f"load average after the runs: {os.getloadavg()[0]:.2f}", flush=True)
        if not args.skip_rss:
            big = tmpdir / "big.jsonl"
            n, size = write_corpus(big, docs, target_bytes=args.rss_mb * 2**20)
            print(f"large input: {n} docs, {size / 2**20:.0f} MB", flush=True)
            r = run_batch(big, tmpdir / "big-out.jsonl", args.rss_workers, sample=True)
            print(
                f"workers={args.rss_workers}: {r['docs']} docs in {r['seconds']} s = {r['docs_per_s']} docs/s; "
                f"peak RSS (driver + workers) {r['peak_rss_mb']} MB; "
                f"peak per quarter of the run {r['rss_mb_by_quarter']} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
