"""Memory stays flat: the local engine never reads far ahead of what it has written."""
from __future__ import annotations

from batch_helpers import make_doc

from cleaner.batch import LocalEngine, run


def test_records_in_flight_are_bounded():
    pulled = 0
    written = 0
    worst = 0

    def source():
        nonlocal pulled
        for i in range(400):
            pulled += 1
            yield {"id": i, "text": make_doc(i), "language": "en"}

    def receive(record: dict) -> None:
        nonlocal written, worst
        written += 1
        worst = max(worst, pulled - written)

    report = run(source(), receive, {"explain": False}, engine=LocalEngine(workers=2, chunk_size=5))
    assert report.documents == written == 400 and report.errors == 0
    # at most 2 x workers chunks in flight, plus the chunk being assembled
    assert worst <= (2 * 2 + 1) * 5
