"""Memory stays flat: the local engine never reads far ahead of what it has written."""
from __future__ import annotations

from batch_helpers import make_doc

from cleaner.batch.local import run_local
from cleaner.options import Options


def test_records_in_flight_are_bounded():
    pulled = 0
    written = 0
    worst = 0

    def source():
        nonlocal pulled
        for i in range(400):
            pulled += 1
            yield {"id": i, "text": make_doc(i), "language": "en"}

    def write(records):
        nonlocal written, worst
        written += len(records)
        worst = max(worst, pulled - written)

    summary = run_local(source(), Options(explain=False), write, workers=2, chunk_size=5)
    assert summary.docs == written == 400 and summary.errors == 0
    # at most 2 x workers chunks in flight, plus the chunk being assembled
    assert worst <= (2 * 2 + 1) * 5
