"""Quality gate: a fixed sample of the development corpus, scored on every run.

The sample (sample_ids.txt, chosen once by a hash of the id) and the F1 floors
(floors.json) are pinned files: lowering a floor is a deliberate, reviewed edit.
"""
from __future__ import annotations

import json
import lzma
import sys
from pathlib import Path

import pytest

from cleaner import clean

HERE = Path(__file__).resolve().parent
BENCH = HERE.parents[1].parent / "shared" / "bench"
DEV = BENCH / "dev.jsonl.xz"


def _sample() -> list[dict]:
    wanted = set((HERE / "sample_ids.txt").read_text().split())
    with lzma.open(DEV, "rt", encoding="utf-8") as f:
        records = [r for r in map(json.loads, f) if r["id"] in wanted]
    assert len(records) == len(wanted), "the pinned sample no longer matches the corpus"
    return records


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    if not DEV.exists():
        pytest.skip(f"QUALITY GATE SKIPPED: development corpus not found at {DEV}")
    return _sample()


def _f1(records: list[dict], field: str) -> float:
    sys.path.insert(0, str(BENCH))
    from score_segments import metrics, score

    preds = {r["id"]: clean(**{field: r[field]}).text for r in records}
    total, _ = score(records, preds)
    return metrics(total)["f1"]


def test_text_mode_f1_stays_above_its_floor(sample):
    floor = json.loads((HERE / "floors.json").read_text())["text"]
    f1 = _f1(sample, "text")
    assert f1 >= floor, f"text-mode F1 {f1:.4f} fell below the pinned floor {floor}"


def test_html_mode_f1_stays_above_its_floor(sample):
    floor = json.loads((HERE / "floors.json").read_text())["html"]
    f1 = _f1(sample, "html")
    assert f1 >= floor, f"HTML-mode F1 {f1:.4f} fell below the pinned floor {floor}"
