"""atheris: the batch JSONL reader and per-record cleaning on arbitrary (maybe gzipped) bytes.

    python fuzz/fuzz_jsonl.py -max_total_time=300 -rss_limit_mb=2048 fuzz/corpus/jsonl

Properties: the reader never raises; every non-blank line (or the unreadable rest of a
broken compressed stream) gives exactly one record with an id; process_record never
raises and returns a result or an error record for it.
"""
from __future__ import annotations

import gzip
import os
import sys
import tempfile

import _common  # noqa: F401  (import paths)
import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner.batch.readers import Source, iter_source
    from cleaner.batch.records import process_record
    from cleaner.options import Options

OPTIONS = Options(max_input_chars=200_000)
LIMIT = 64 * 1024
_DIR = "/dev/shm" if os.path.isdir("/dev/shm") else None


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    compress = fdp.ConsumeIntInRange(0, 3) == 0
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    raw = gzip.compress(payload) if compress else payload
    with tempfile.NamedTemporaryFile(dir=_DIR, suffix=".jsonl") as f:
        f.write(raw)
        f.flush()
        records = list(iter_source(Source(f.name, "jsonl", "fuzz"), LIMIT))
    lines = [line for line in payload.split(b"\n") if line.strip()]
    assert len(records) <= len(lines) + 1, (len(records), len(lines))
    for record in records:
        assert isinstance(record, dict) and record.get("id") is not None, record
        out, ok, _ = process_record(record, OPTIONS)
        assert out["id"] == record["id"]
        assert ok != ("error" in out), out


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
