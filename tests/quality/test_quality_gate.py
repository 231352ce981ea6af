"""Quality gate: cleaner on fixed slices of both development corpora, on every CI run.

The slices (sample_ids.txt: dev's ids whose sha1 starts below 3, 107 pages;
dev2_sample_ids.txt: 100 dev2 pages, the smallest sha1 of each page_type in proportion)
and the F1 floors (floors.json: corpus -> run -> floor) are pinned files. Each floor sits
0.01 below what bench/quality.py measured on its slice (`python bench/quality.py --quick
--write-floors` recomputes them and prints the changes): lowering one is a deliberate,
reviewed edit. Scored with the shared scorers, as the harness scores: dev by snippets
(score_segments.py), dev2 by whole bodies (score_bodies.py).
"""
from __future__ import annotations

import pytest

from tests.quality.support import quality, require_bench

ENTRIES = [(corpus, key) for corpus in quality.CORPORA for key in quality.CLEANER_RUNS]
_SLICES: dict[str, list[dict]] = {}


def _slice(corpus: str) -> list[dict]:
    spec = quality.CORPORA[corpus]
    bench = require_bench(spec.file, f"score_{spec.metric}.py")
    if corpus not in _SLICES:
        _SLICES[corpus] = quality.load_records(bench / spec.file, quality.slice_ids(corpus))
    return _SLICES[corpus]


@pytest.fixture(scope="module", autouse=True)
def _forget_slices():
    yield
    _SLICES.clear()  # a few hundred MB of pages: not kept past this module


def test_floors_file_has_a_floor_for_every_slice_and_run():
    floors = quality.read_floors()
    missing = [f"{corpus}/{key}" for corpus, key in ENTRIES
               if not isinstance(floors.get(corpus), dict) or not isinstance(floors[corpus].get(key), (int, float))]
    assert not missing, f"floors.json lacks floors for {missing}"


@pytest.mark.parametrize(("corpus", "key"), ENTRIES, ids=[f"{c}-{k}" for c, k in ENTRIES])
def test_cleaner_stays_above_its_floor(corpus, key):
    records = _slice(corpus)
    floor = quality.read_floors()[corpus][key]
    run = quality.cleaner_runs([key])[key]
    preds = {record["id"]: run(record) for record in records}
    f1 = quality.score(quality.bench_dir(), corpus, records, preds).f1
    assert f1 >= floor, (f"{corpus} {run.label} on `{run.field}`: F1 {f1:.4f} on the {len(records)}-page slice "
                         f"fell below its pinned floor {floor}")
