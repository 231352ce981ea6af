#!/usr/bin/env python3
"""Metadata accuracy on dev2 (gold title, author, date): cleaner against trafilatura, in one run.

Run from the project root:  python bench/metadata.py [--corpus PATH] [--limit N] [--ids FILE]
For every page it runs, interleaved page by page in one process:
  - cleaner HTML mode, `clean(html=...)`: result.title, metadata.author, metadata.date;
  - cleaner text mode on both renderings, `clean(text=...)` of `text` (inscriptis) and
    `text_htmltext` (html-text): the same three fields;
  - `trafilatura.extract_metadata(html)`: .title, .author, .date;
and prints the accuracy of each field per run, and the median CPU ms per page. It also
times cleaner's own metadata step alone (cleaner.html.metadata.read_metadata on an
already parsed page), which is what metadata adds to HTML mode.

How a field is judged (the same rule for every run; `field_correct`):
  - every page counts: a page whose gold field is empty is right when the run gives
    nothing too (the gold has no author on 248 pages, no date on 235); a second set of
    columns judges only the pages whose gold field is stated (there a run that always
    answers loses nothing for answering where the page states nothing);
  - title: both sides normalised (Unicode NFKC, case folded, quotes and dashes unified,
    whitespace collapsed, end punctuation stripped); right when equal, or when one is the
    other followed by a site-name suffix after a separator (" | Site", " - Site"), the
    form a page's <title> takes;
  - author: the name tokens (\\w+ runs, case folded) of each side; right when the token
    sets' F1 is at least 0.5 (a shared surname with a missing first name passes, a
    different person does not);
  - date: the YYYY-MM-DD day, exactly.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import lzma
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "dev2.jsonl.xz"
FIELDS = ("title", "author", "date")
AUTHOR_MIN_F1 = 0.5
WARM_PAGES = 10

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})
_END_PUNCT = " .:;,!?-|·•"
_SITE_SEPARATORS = (" | ", " - ", " :: ", " · ", " • ", " / ", ": ")


def normalise(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip(_END_PUNCT)


def title_correct(pred: str | None, gold: str | None) -> bool:
    p, g = normalise(pred), normalise(gold)
    if p == g:
        return True
    if not p or not g:
        return False
    longer, shorter = (p, g) if len(p) > len(g) else (g, p)
    return longer.startswith(shorter) and longer[len(shorter):].startswith(_SITE_SEPARATORS)


def author_correct(pred: str | None, gold: str | None) -> bool:
    p, g = set(_TOKEN.findall(normalise(pred))), set(_TOKEN.findall(normalise(gold)))
    if not p or not g:
        return not p and not g
    shared = len(p & g)
    if not shared:
        return False
    precision, recall = shared / len(p), shared / len(g)
    return 2 * precision * recall / (precision + recall) >= AUTHOR_MIN_F1


def date_correct(pred: str | None, gold: str | None) -> bool:
    return (pred or "").strip()[:10] == (gold or "").strip()[:10]


CHECKS: dict[str, Callable[[str | None, str | None], bool]] = {
    "title": title_correct, "author": author_correct, "date": date_correct,
}


def field_correct(field: str, pred: str | None, gold: str | None) -> bool:
    return CHECKS[field](pred, gold)


def accuracy(records: list[dict], preds: dict[str, dict[str, str | None]], *, gold_only: bool = False) -> dict[str, float]:
    """Share of records whose field is right, per field; `preds` maps id -> field -> value.

    gold_only: only the records whose gold field is not empty (a run that always answers
    is not penalised there for answering where the page states nothing).
    """
    out = {}
    for field in FIELDS:
        judged = [r for r in records if r["gold"][field] or not gold_only]
        right = sum(field_correct(field, preds.get(r["id"], {}).get(field), r["gold"][field]) for r in judged)
        out[field] = right / len(judged) if judged else 0.0
    return out


def read_records(path: Path, ids: set[str] | None = None, limit: int = 0) -> list[dict]:
    records = []
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if ids is None or record["id"] in ids:
                records.append(record)
            if limit and len(records) >= limit:
                break
    return records


def cleaner_fields(result) -> dict[str, str | None]:
    return {"title": result.title, "author": result.metadata.author, "date": result.metadata.date}


def cleaner_runs() -> dict[str, Callable[[dict], dict[str, str | None]]]:
    from cleaner import clean

    return {
        "cleaner HTML mode": lambda r: cleaner_fields(clean(html=r["html"], url=r.get("url"))),
        "cleaner text mode (inscriptis)": lambda r: cleaner_fields(clean(text=r["text"])),
        "cleaner text mode (html-text)": lambda r: cleaner_fields(clean(text=r["text_htmltext"])),
    }


def trafilatura_fields(record: dict) -> dict[str, str | None]:
    from trafilatura import extract_metadata

    doc = extract_metadata(record["html"], default_url=record.get("url"))
    if doc is None:
        return {}
    return {"title": doc.title, "author": doc.author, "date": doc.date}


def metadata_only(record: dict) -> dict[str, str | None]:
    """cleaner's metadata step alone, on a page parsed outside the timing (see main)."""
    from cleaner.html.metadata import read_metadata

    meta = read_metadata(record["_tree"])
    return {"title": meta.title, "author": meta.author, "date": meta.date}


def parsed(record: dict) -> dict:
    """The record with its page parsed as HTML mode parses it (`_tree`), outside any timing."""
    from cleaner.html.decode import decode_html
    from cleaner.html.limits import parse_bounded
    from cleaner.options import DEFAULT_MAX_HTML_DEPTH, DEFAULT_MAX_HTML_NODES

    tree = parse_bounded(decode_html(record["html"]), DEFAULT_MAX_HTML_DEPTH, DEFAULT_MAX_HTML_NODES)[0]
    return {**record, "_tree": tree}


def time_interleaved(records: list[dict], runs: dict[str, Callable[[dict], dict]]):
    from cleaner import warm_up

    warm_up()
    for record in records[:WARM_PAGES]:
        record = parsed(record)
        for run in runs.values():
            run(record)
    times: dict[str, list[float]] = {name: [] for name in runs}
    preds: dict[str, dict[str, dict]] = {name: {} for name in runs}
    errors = dict.fromkeys(runs, 0)
    names = list(runs)
    for index, record in enumerate(records):
        record = parsed(record)  # one page's tree at a time: 479 parsed pages would not fit
        for name in names[index % len(names):] + names[:index % len(names)]:
            start = time.process_time()
            try:
                fields = runs[name](record) or {}
            except Exception:  # noqa: BLE001  (a page that raises scores as empty)
                fields = {}
                errors[name] += 1
            times[name].append((time.process_time() - start) * 1000)
            preds[name][record["id"]] = fields
    return times, preds, errors


def load_module():
    """This file as a module, for tests (tests/quality/test_metadata_gate.py)."""
    spec = importlib.util.spec_from_file_location("bench_metadata", __file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--ids", type=Path, help="only the pages whose ids this file lists (one a line)")
    ap.add_argument("--per-doc", metavar="RUN", help="list the pages a run gets wrong, field by field")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    ids = set(args.ids.read_text().split()) if args.ids else None
    records = read_records(args.corpus, ids, args.limit)
    runs = {**cleaner_runs(), "trafilatura.extract_metadata": trafilatura_fields,
            "cleaner metadata step alone (HTML)": metadata_only}
    times, preds, errors = time_interleaved(records, runs)
    figures = {}
    for name in runs:
        acc = accuracy(records, preds[name])
        stated = accuracy(records, preds[name], gold_only=True)
        figures[name] = {**{k: round(v, 3) for k, v in acc.items()},
                         **{f"{k}_where_stated": round(v, 3) for k, v in stated.items()},
                         "ms_per_page": round(statistics.median(times[name]), 2),
                         "mean_ms": round(statistics.fmean(times[name]), 2), "errors": errors[name]}
    if args.json:
        print(json.dumps({"pages": len(records), "runs": figures}, indent=1))
    else:
        print(f"{len(records)} pages of {args.corpus.name}; accuracy per field on every page, then on the pages "
              "whose gold field is stated; CPU ms per page")
        print(f"{'run':38} {'title':>6} {'author':>6} {'date':>6} | {'title':>6} {'author':>6} {'date':>6} "
              f"{'median ms':>10} {'mean ms':>8} {'raised':>6}")
        for name, f in figures.items():
            print(f"{name:38} {f['title']:6.3f} {f['author']:6.3f} {f['date']:6.3f} | {f['title_where_stated']:6.3f} "
                  f"{f['author_where_stated']:6.3f} {f['date_where_stated']:6.3f} "
                  f"{f['ms_per_page']:10.2f} {f['mean_ms']:8.2f} {f['errors']:6d}")
    if args.per_doc:
        for record in records:
            got = preds[args.per_doc].get(record["id"], {})
            for field in FIELDS:
                if not field_correct(field, got.get(field), record["gold"][field]):
                    print(f"{record['id']} {field:6} gold={record['gold'][field]!r:.70} got={got.get(field)!r:.70}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
