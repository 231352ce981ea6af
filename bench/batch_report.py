"""Benchmark `cleaner batch --report`: its cost next to a plain run, and the index's memory.

    python bench/batch_report.py                    # dev corpus x2, index over 500k records
    python bench/batch_report.py --copies 1 --index-records 100000

1. The dev corpus (/work/shared/bench/dev.jsonl.xz, `text` field) cleaned three times as a
   real subprocess with 2 workers, explain on in all three (the report needs the spans):
   plain, `--report DIR`, `--report DIR --report-limit 100`. Reported: docs/s, the ratio
   to the plain run (same machine, same minute), peak RSS of the process tree, DIR size.
2. The index alone: `write_index` over N synthetic per-record summaries (as a run of N
   records leaves them), in a fresh process, reporting seconds, its peak RSS (VmHWM)
   and the index size, to check memory does not grow with N beyond a bit per record.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import ROOT, _tree_rss, load_dev, write_corpus  # noqa: E402

INDEX_CHILD = """
import json, os, sys, time
from cleaner.batch.pages import write_index

def hwm_kb():  # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork+exec
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
folder = sys.argv[1]
start = time.monotonic()
totals = write_index(folder, complete=True)
print(json.dumps({"docs": totals.docs, "seconds": round(time.monotonic() - start, 2),
                  "maxrss_mb": round(hwm_kb() / 1024),
                  "index_mb": round(os.path.getsize(os.path.join(folder, "index.html")) / 2**20, 1)}))
"""


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _du_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def run(src: Path, out: Path, extra: list[str]) -> dict:
    cmd = [sys.executable, "-m", "cleaner", "batch", str(src), "-o", str(out), "--workers", "2",
           "--progress", "never", *extra]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.1)
    seconds = time.monotonic() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({proc.returncode}): {stderr}")
    docs = int(stderr.split("docs: ")[1].split()[0])
    return {"docs": docs, "seconds": seconds, "docs_per_s": docs / seconds, "peak_mb": peak / 2**20}


def synthetic_summaries(folder: Path, n: int) -> None:
    from cleaner.batch.pages import prepare_folder

    prepare_folder(str(folder), resume=False)
    rules = ["SHARE001", "NEWS001", "TITLE001", "NAV002", "HEUR101", "CAP001", "REL001"]
    with open(folder / "summaries" / "local.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            removed = {rules[(i + k) % len(rules)]: [1 + k, 20 + 7 * k] for k in range(i % 4)}
            f.write(json.dumps({
                "pos": i, "id": f"https://example.org/news/{i:08d}/a-story", "page": None,
                "language": "en", "chars_in": 4000 + i % 997, "chars_out": 3000 + i % 991,
                "removed": removed, "error": None if i % 500 else "InvalidInput: text must be str",
            }) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--index-records", type=int, default=500_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-report-") as tmp:
        tmpdir = Path(tmp)
        corpus = tmpdir / "dev.jsonl"
        n, size = write_corpus(corpus, load_dev(), copies=args.copies)
        print(f"corpus: {n} docs, {size / 2**20:.1f} MB (dev set text x{args.copies}); cpus: {os.cpu_count()}", flush=True)
        plain = run(corpus, tmpdir / "plain.jsonl", [])
        print(f"plain (explain on):      {plain['docs_per_s']:.1f} docs/s, peak RSS {plain['peak_mb']:.0f} MB", flush=True)
        for label, extra in (("--report", []), ("--report --report-limit 100", ["--report-limit", "100"])):
            rep = tmpdir / f"rep-{len(extra)}"
            r = run(corpus, tmpdir / f"out-{len(extra)}.jsonl", ["--report", str(rep), *extra])
            pages = len(list((rep / "docs").glob("*.html")))
            print(
                f"{label + ':':<25}{r['docs_per_s']:.1f} docs/s = {r['docs_per_s'] / plain['docs_per_s']:.2f}x plain, "
                f"peak RSS {r['peak_mb']:.0f} MB, {pages} pages, DIR {_du_mb(rep):.1f} MB "
                f"(index {(rep / 'index.html').stat().st_size / 2**20:.2f} MB)",
                flush=True,
            )
        print(f"load average after the runs: {os.getloadavg()[0]:.2f}", flush=True)
        folder = tmpdir / "index-only"
        for count in (args.index_records // 10, args.index_records):
            synthetic_summaries(folder, count)
            proc = subprocess.run([sys.executable, "-c", INDEX_CHILD, str(folder)], env=_env(),
                                  capture_output=True, text=True, check=True)
            r = json.loads(proc.stdout)
            print(f"index over {r['docs']} records: {r['seconds']} s, peak RSS {r['maxrss_mb']} MB, "
                  f"index.html {r['index_mb']} MB", flush=True)


if __name__ == "__main__":
    main()
