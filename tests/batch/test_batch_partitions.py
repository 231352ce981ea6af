"""Input partitions: every record in exactly one, in input order, sized for the workers."""
from __future__ import annotations

import gzip
import json

import pytest

from cleaner.batch import partitions
from cleaner.batch.partitions import fitting_size, partition_records, plan_partitions
from cleaner.batch.readers import expand_inputs


def _jsonl(path, n: int, blank_every: int = 0) -> None:
    lines = []
    for i in range(n):
        lines.append(json.dumps({"id": i, "text": f"record {i}"}))
        if blank_every and i % blank_every == 0:
            lines.append("   ")
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz"])
@pytest.mark.parametrize("fine", [65_536, 4])  # 4: the fine scan doubles its step many times
def test_every_record_once_in_order(tmp_path, monkeypatch, name, fine):
    monkeypatch.setattr(partitions, "FINE_STARTS", fine)
    _jsonl(tmp_path / name, 301, blank_every=7)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(5):
        (docs / f"{i}.txt").write_text(f"document {i}")
    plan = plan_partitions(expand_inputs([str(tmp_path / name), str(docs)]), None, workers=3)
    assert plan.records == 306
    ids = [rec["id"] for part in plan.parts for rec in partition_records(part, 1 << 20)]
    assert ids == list(range(301)) + [f"{i}.txt" for i in range(5)]
    assert [p.first_record for p in plan.parts] == [sum(q.records for q in plan.parts[:i]) for i in range(len(plan.parts))]
    assert sum(p.records for p in plan.parts) == 306
    if fine > 1000:  # scanned finely enough to cut where the size asks
        assert plan.size == 26 and max(p.records for p in plan.parts) <= 26
        assert len(plan.parts) >= 3 * partitions.PARTS_PER_WORKER  # every worker gets several


def test_a_given_size_is_kept(tmp_path):
    _jsonl(tmp_path / "in.jsonl", 23)
    plan = plan_partitions(expand_inputs([str(tmp_path / "in.jsonl")]), 5, workers=8)
    assert plan.size == 5 and [p.records for p in plan.parts] == [5, 5, 5, 5, 3]


def test_fitting_size_is_bounded():
    assert fitting_size(300, 2) == 38
    assert fitting_size(0, 2) == 1
    assert fitting_size(10_000_000, 2) == partitions.DEFAULT_PARTITION_SIZE
