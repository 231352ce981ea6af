"""The performance bench: one table of every speed figure of the project, in one run.

    python -m bench                      # everything (about 10 minutes on 2 cores)
    python -m bench --quick              # a subset of every corpus (2-3 minutes)
    python -m bench --only text,html     # some sections: text, sizes, html, batch, service

Sections:
  text     text mode on the seeds and on the dev corpus texts: docs/s and MB/s per core,
           language detection included (no `language=` given)
  sizes    hostile sizes: a 100,000-line page (repeated menu/prose lines), 100,000
           distinct short lines (1.7 MB), 100,000 distinct longer lines (3.9 MB), a 1 MB
           single line, 1 MB of one letter
  html     HTML mode against trafilatura.extract (default and fast) on the same dev pages,
           interleaved page by page: docs/s, the ratio, and each one's F1 on those pages
  batch    `cleaner batch` with 1 and 2 workers on the dev texts (bench/batch.py)
  service  one uvicorn worker under load: requests/s, p50/p99 (bench/load.py), and the
           ratio to the library's single-core rate on the same seeds
and the peak RSS of this process (text, sizes and html sections) and of the batch runs.

"Per core" figures are CPU time of this process (time.process_time), so other jobs on a
shared machine slow them less than wall time; wall-clock figures are printed as well
where several processes are involved. Nothing here is asserted: the goals (issue 9) are
read off the table.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import lzma
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
DEV = ROOT.parent / "shared" / "bench" / "dev.jsonl.xz"
SECTIONS = ("text", "sizes", "html", "batch", "service")
for path in (str(ROOT), str(BENCH), str(DEV.parent)):
    if path not in sys.path:
        sys.path.insert(0, path)


def load_dev(limit: int | None) -> list[dict]:
    with lzma.open(DEV, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    return records[:limit] if limit else records


def seeds() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


class Table:
    """Rows of (section, what, figure, note), printed as one aligned table at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, section: str, what: str, figure: str, note: str = "") -> None:
        self.rows.append((section, what, figure, note))
        print(f"  {section:8} {what:44} {figure:>18}  {note}", flush=True)

    def render(self) -> str:
        head = ("section", "measure", "figure", "note")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(4)]
        lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
                 "| " + " | ".join("-" * w for w in widths) + " |"]
        lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in self.rows]
        return "\n".join(lines)


def cpu_rate(texts: list[str], passes: int) -> tuple[float, float, float]:
    """(docs/s, MB/s, wall docs/s) of clean(text=...) over the texts, median pass by CPU time."""
    from cleaner import clean

    size = sum(len(t.encode("utf-8")) for t in texts)
    per_pass = []
    for _ in range(passes):
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            clean(text=text)
        per_pass.append((time.process_time() - cpu, time.perf_counter() - wall))
    cpu_s = statistics.median(c for c, _ in per_pass)
    wall_s = statistics.median(w for _, w in per_pass)
    return len(texts) / cpu_s, size / cpu_s / 1e6, len(texts) / wall_s


def section_text(table: Table, quick: bool) -> None:
    from cleaner import clean

    texts = seeds()
    for text in texts:
        clean(text=text)
    docs_s, mb_s, wall = cpu_rate(texts, passes=20 if quick else 60)
    table.add("text", f"seeds ({len(texts)} articles, {sum(map(len, texts)) // len(texts)} chars avg)",
              f"{docs_s:,.0f} docs/s", f"{mb_s:.2f} MB/s per core; wall {wall:,.0f} docs/s; goal 1,000 docs/s")
    records = load_dev(150 if quick else None)
    dev = [r["text"] for r in records if r.get("text")]
    docs_s, mb_s, wall = cpu_rate(dev, passes=1 if quick else 3)
    table.add("text", f"dev corpus texts ({len(dev)} full-page scrapes)", f"{docs_s:,.0f} docs/s",
              f"{mb_s:.2f} MB/s per core; wall {wall:,.0f} docs/s")


def hostile_inputs() -> dict[str, str]:
    rng, short = random.Random(0), random.Random(1)
    lines = ["Home", "Share this article", "The talks went on for hours, officials said.", "-", ""]
    words = ["alpha", "beta", "gamma", "said.", "Thursday.Negotiations", "»", "share"]
    return {
        "100,000 lines (menu, share, prose, rules)": "\n".join(rng.choice(lines) for _ in range(100_000)),
        "100,000 distinct short lines (1.7 MB)": "\n".join(
            f"Item {i}: {short.choice(['news', 'menu', 'more'])}" for i in range(100_000)
        ),
        "100,000 distinct longer lines (3.9 MB)": "\n".join(
            f"Line {i}: {rng.choice(['some', 'more', 'other'])} words, number {rng.randint(0, 10**6)}." for i in range(100_000)
        ),
        "1 MB single line": " ".join(rng.choice(words) for _ in range(200_000))[:1_000_000],
        "1 MB of one repeated letter": "a" * 1_000_000,
    }


def section_sizes(table: Table, quick: bool) -> None:
    from cleaner import clean

    clean(text=seeds()[0])
    for name, text in hostile_inputs().items():
        runs = []
        for _ in range(1 if quick else 3):
            cpu, wall = time.process_time(), time.perf_counter()
            clean(text=text)
            runs.append((time.process_time() - cpu, time.perf_counter() - wall))
        cpu_ms = statistics.median(c for c, _ in runs) * 1000
        wall_ms = statistics.median(w for _, w in runs) * 1000
        table.add("sizes", name, f"{cpu_ms:,.0f} ms", f"CPU; wall {wall_ms:,.0f} ms")


def section_html(table: Table, quick: bool) -> None:
    import trafilatura
    from quality import time_interleaved
    from score_segments import metrics, score

    from cleaner import clean

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    records = [r for r in load_dev(80 if quick else None) if r.get("html")]
    runs = {
        "cleaner clean(html=)": lambda r: clean(html=r["html"], url=r.get("url")).text,
        "trafilatura.extract default": lambda r: trafilatura.extract(r["html"]) or "",
        "trafilatura.extract fast": lambda r: trafilatura.extract(r["html"], fast=True) or "",
    }
    times, preds, _ = time_interleaved(records, runs)  # warmed up, rotated page by page
    cpu = {name: sum(ms) / 1000 for name, ms in times.items()}
    ours = len(records) / cpu["cleaner clean(html=)"]
    for name in runs:
        rate = len(records) / cpu[name]
        f1 = metrics(score(records, preds[name])[0])["f1"]
        note = f"F1 {f1:.3f} on these pages"
        if name != "cleaner clean(html=)":
            note += f"; cleaner is {ours / rate:.2f}x its speed"
        table.add("html", f"{name} ({len(records)} pages)", f"{rate:,.1f} docs/s", note)


def section_batch(table: Table, quick: bool) -> int | None:
    import batch

    docs = batch.load_dev()
    results = {}
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        corpus = Path(tmp) / "dev.jsonl"
        # Each worker pays about a second of start-up (imports, lexicons, matcher and
        # language models, RE2's automata warming up) once per run; about 7,000 pages
        # keep that the small share of a run it is on real corpora.
        batch.write_corpus(corpus, docs, copies=2 if quick else 12)
        # Alternated and repeated, the faster run of each kept: this VM's speed drifts by
        # tens of percent over a minute, which one run of each would read as scaling.
        for workers in (1, 2, 1, 2):
            run = batch.run_batch(corpus, Path(tmp) / f"out-{workers}.jsonl", workers, sample=True)
            if workers not in results or run["seconds"] < results[workers]["seconds"]:
                results[workers] = run
    for workers, r in results.items():
        note = f"wall; {r['docs']} docs in {r['seconds']} s; {r['docs_per_cpu_s']} docs per CPU-second"
        if workers > 1 and r.get("driver_cpu_seconds") is not None:
            note += f"; driver process {r['driver_cpu_seconds']:.1f} CPU-s"
        if workers == 2:
            note += f"; {r['docs_per_s'] / results[1]['docs_per_s']:.2f}x one worker (goal 1.8x)"
        table.add("batch", f"cleaner batch --workers {workers} (dev texts)", f"{r['docs_per_s']:,.1f} docs/s", note)
    return max((r.get("peak_rss_mb") or 0) for r in results.values())


def section_service(table: Table, quick: bool) -> None:
    import load

    bodies = load.seed_bodies()
    port = load.free_port()
    proc = load.start_server(1, port, None)
    library = rate = 0.0
    latencies: list[float] = []
    try:
        asyncio.run(load.drive(port, bodies, 100, 8))  # warm connections and caches
        # Alternated and repeated, the best of each kept (this VM's speed drifts).
        for _ in range(2):
            library = max(library, load.in_process_rate(seconds=2.0 if quick else 4.0))
            got, lat = asyncio.run(load.drive(port, bodies, 300 if quick else 1500, 16))
            if got > rate:
                rate, latencies = got, lat
    finally:
        load.stop_server(proc)
    table.add(
        "service", "1 uvicorn worker, 16 connections, seeds", f"{rate:,.0f} req/s",
        f"p50 {load.percentile(latencies, 50) * 1000:.1f} ms, p99 {load.percentile(latencies, 99) * 1000:.1f} ms; "
        f"{rate / library:.0%} of the library's {library:,.0f} docs/s (wall, goal 80%)",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("--quick", action="store_true", help="a subset of every corpus, fewer passes")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections of {', '.join(SECTIONS)}")
    args = ap.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}{'; quick mode' if args.quick else ''}", flush=True)
    table = Table()
    batch_rss = None
    for section in SECTIONS:
        if section not in chosen:
            continue
        if section == "batch":
            batch_rss = section_batch(table, args.quick)
        else:
            globals()[f"section_{section}"](table, args.quick)
    in_process = [s for s in chosen if s in ("text", "sizes", "html")]
    if in_process:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        table.add("memory", f"peak RSS of this process ({', '.join(in_process)})", f"{peak:,.0f} MB")
    if batch_rss:
        table.add("memory", "peak RSS of a batch run (driver + workers)", f"{batch_rss:,} MB")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}\n")
    print(table.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
