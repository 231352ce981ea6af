#!/usr/bin/env python3
"""HTML mode against trafilatura on the dev corpus, side by side, in one run.

Run from the project root:  python bench/html_quality.py [--corpus PATH] [--limit N]
For every page it times `cleaner.clean(html=...)` and `trafilatura.extract` in its
default, favor_precision and fast settings (one process, same pages, same order), scores
each with ../shared/bench/score_segments.py, and prints precision, recall, F1, the
median and mean ms per page, and each run's speed ratio against cleaner.
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "dev.jsonl.xz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = ap.parse_args()
    sys.path.insert(0, str(args.corpus.resolve().parent))
    sys.path.insert(0, str(ROOT))
    from score_segments import metrics, read_jsonl, score

    import trafilatura

    from cleaner import clean

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    records = list(read_jsonl(args.corpus))
    if args.limit:
        records = records[: args.limit]
    runs = {
        "cleaner clean(html=)": lambda h: clean(html=h).text,
        "trafilatura default": lambda h: trafilatura.extract(h),
        "trafilatura favor_precision": lambda h: trafilatura.extract(h, favor_precision=True),
        "trafilatura fast": lambda h: trafilatura.extract(h, fast=True),
    }
    preds = {name: {} for name in runs}
    times = {name: [] for name in runs}
    errors = {name: 0 for name in runs}
    for record in records:
        for name, run in runs.items():
            start = time.perf_counter()
            try:
                text = run(record["html"]) or ""
            except Exception:  # noqa: BLE001  (a page that raises scores as empty)
                text = ""
                errors[name] += 1
            times[name].append((time.perf_counter() - start) * 1000)
            preds[name][record["id"]] = text
    ours = statistics.median(times["cleaner clean(html=)"])
    print(f"{len(records)} pages from {args.corpus.name}, one process\n")
    print(f"| run | precision | recall | F1 | median ms/page | mean ms/page | time vs cleaner | raised |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in runs:
        m = metrics(score(records, preds[name])[0])
        med = statistics.median(times[name])
        print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | {med:.1f} | "
              f"{statistics.fmean(times[name]):.1f} | {med / ours:.2f}x | {errors[name]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
