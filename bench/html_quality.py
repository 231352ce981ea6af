#!/usr/bin/env python3
"""HTML mode against trafilatura on the dev corpus, side by side, in one run.

Run from the project root:  python bench/html_quality.py [--corpus PATH] [--limit N]
For every page it runs `cleaner.clean(html=...)` and `trafilatura.extract` in its
default, favor_precision and fast settings, interleaved page by page in one process (a
busy spell on the machine hits every run alike), scores each with
../shared/bench/score_segments.py, and prints precision, recall, F1, the median and mean
CPU ms per page (time.process_time: other jobs on the machine distort it less than wall
time), and cleaner's speed as a multiple of each run's (total CPU time, >1: faster).
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
WARM_PAGES = 20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = ap.parse_args()
    sys.path.insert(0, str(args.corpus.resolve().parent))
    sys.path.insert(0, str(ROOT))
    from score_segments import metrics, read_jsonl, score

    import trafilatura

    from cleaner import clean, warm_up

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
    # Steady state, as in `python -m bench`: every per-process table built, each run over
    # the first pages once outside the timing, and the run order rotated page by page (a
    # run right after another on the same page finds it warm in the CPU's caches).
    warm_up()
    for record in records[:WARM_PAGES]:
        for run in runs.values():
            run(record["html"])
    names = list(runs)
    for index, record in enumerate(records):
        for name in names[index % len(names):] + names[:index % len(names)]:
            run = runs[name]
            start = time.process_time()
            try:
                text = run(record["html"]) or ""
            except Exception:  # noqa: BLE001  (a page that raises scores as empty)
                text = ""
                errors[name] += 1
            times[name].append((time.process_time() - start) * 1000)
            preds[name][record["id"]] = text
    ours = sum(times["cleaner clean(html=)"])
    print(f"{len(records)} pages from {args.corpus.name}, one process, CPU time\n")
    print("| run | precision | recall | F1 | median ms/page | mean ms/page | cleaner's speed vs this | raised |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in runs:
        m = metrics(score(records, preds[name])[0])
        med = statistics.median(times[name])
        print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | {med:.1f} | "
              f"{statistics.fmean(times[name]):.1f} | {sum(times[name]) / ours:.2f}x | {errors[name]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
