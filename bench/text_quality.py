"""Text-mode quality on the development corpus, beside the baselines, in one run.

Run by hand from the project root:  python bench/text_quality.py [--per-doc]
Scores clean(text=record["text"]) (the full-page scrape) with ../shared/bench's scorer,
next to doing nothing and the keep-lines-over-80-characters baseline.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cleaner import clean

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-doc", action="store_true", help="list the 20 worst documents")
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    from score_segments import metrics, read_jsonl, score, worst

    records = list(read_jsonl(BENCH / "dev.jsonl.xz"))
    runs = {
        "identity (text unchanged)": lambda r: r["text"],
        "lines longer than 80 chars": lambda r: "\n".join(l for l in r["text"].splitlines() if len(l.strip()) > 80),
        "cleaner (text mode)": lambda r: clean(text=r["text"]).text,
    }
    print(f"{'run':<30} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/doc':>7}")
    for name, run in runs.items():
        start = time.perf_counter()
        preds = {r["id"]: run(r) for r in records}
        ms = (time.perf_counter() - start) * 1000 / len(records)
        total, per_doc = score(records, preds)
        m = metrics(total)
        print(f"{name:<30} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:7.3f} {ms:7.1f}")
    if args.per_doc:
        for errors, doc_id, url, c in worst(per_doc):
            print(f"{errors:3d} errors  {doc_id}  fn {c['fn']} fp {c['fp']}  {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
