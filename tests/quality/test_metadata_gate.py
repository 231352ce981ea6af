"""Metadata gate: title, author and date accuracy on a fixed slice of dev2, scored on every run.

The slice (metadata_sample_ids.txt: the 100 dev2 ids with the lowest sha1 of the id) and
the floors (metadata_floors.json, 0.01 below what was measured when they were pinned) are
pinned files: lowering a floor is a deliberate, reviewed edit. Fields are judged by
bench/metadata.py's rules (`field_correct`); the full-corpus figures are in docs/metadata.md.
The corpus is ../shared/bench/dev2.jsonl.xz, or CLEANER_BENCH_DIR's when that is set
(then a missing corpus fails instead of skipping).
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from cleaner import clean

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BENCH_DIR = Path(os.environ.get("CLEANER_BENCH_DIR") or ROOT.parent / "shared" / "bench")
CORPUS = BENCH_DIR / "dev2.jsonl.xz"
FLOORS = json.loads((HERE / "metadata_floors.json").read_text())


def _bench():
    spec = importlib.util.spec_from_file_location("bench_metadata", ROOT / "bench" / "metadata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def slice_records() -> list[dict]:
    if not CORPUS.exists():
        if os.environ.get("CLEANER_BENCH_DIR"):
            pytest.fail(f"CLEANER_BENCH_DIR is set but {CORPUS} is missing")
        pytest.skip(f"METADATA GATE SKIPPED: dev2 corpus not found at {CORPUS} (set CLEANER_BENCH_DIR)")
    wanted = set((HERE / "metadata_sample_ids.txt").read_text().split())
    records = _bench().read_records(CORPUS, wanted)
    assert len(records) == len(wanted), "the pinned slice no longer matches the corpus"
    return records


def _accuracy(records: list[dict], run) -> dict[str, float]:
    bench = _bench()
    preds = {r["id"]: bench.cleaner_fields(run(r)) for r in records}
    return bench.accuracy(records, preds)


@pytest.mark.parametrize("field, floor_key", [("text", "text_inscriptis"), ("text_htmltext", "text_htmltext")])
def test_text_mode_title_accuracy_stays_above_its_floor(slice_records, field, floor_key):
    floor = FLOORS[floor_key]["title"]
    got = _accuracy(slice_records, lambda r: clean(text=r[field]))["title"]
    assert got >= floor, f"text mode ({field}) title accuracy {got:.3f} fell below the pinned floor {floor}"


def test_html_mode_metadata_accuracy_stays_above_its_floors(slice_records):
    got = _accuracy(slice_records, lambda r: clean(html=r["html"], url=r.get("url")))
    for field, floor in FLOORS["html"].items():
        assert got[field] >= floor, f"HTML mode {field} accuracy {got[field]:.3f} fell below the pinned floor {floor}"
