"""atheris: the batch JSONL reader and per-record cleaning on arbitrary (maybe gzipped) bytes.

    python fuzz/fuzz_jsonl.py -max_total_time=300 -rss_limit_mb=2048 fuzz/corpus/jsonl

Two inputs in three start with one or two of issue #20's shapes (deep nesting, lone
surrogate escapes, a record just past the size limit). Properties: the reader never raises; every non-blank line (or the unreadable rest of a
broken compressed stream) gives exactly one record with an id; process_record never
raises and returns a result or an error record for it.
"""
from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile

import _common  # noqa: F401  (import paths)
import atheris

from tests.reliability.hostile import deep_json, surrogate_json

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner.batch.readers import Source, iter_source
    from cleaner.batch.records import encode_outcome, process_record
    from cleaner.options import Options

OPTIONS = Options(max_input_chars=200_000)
LIMIT = 64 * 1024
_DIR = "/dev/shm" if os.path.isdir("/dev/shm") else None


def hostile_line(fdp: atheris.FuzzedDataProvider) -> bytes:
    """One of issue #20's shapes: deep nesting, lone surrogate escapes, a record past the
    size limit (which gzip shrinks to a few hundred bytes)."""
    shape = fdp.ConsumeIntInRange(0, 2)
    if shape == 0:
        return deep_json(fdp.ConsumeIntInRange(100, 5000), fdp.PickValueInList(["text", "url", "id", "extra"]))
    if shape == 1:
        field = fdp.PickValueInList(["text", "url"])
        return surrogate_json(field, fdp.ConsumeUnicodeNoSurrogates(60), fdp.ConsumeIntInRange(0xD800, 0xDFFF))
    return b'{"text": "' + b"A" * (LIMIT + fdp.ConsumeIntInRange(-20, 20)) + b'"}'


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    compress = fdp.ConsumeIntInRange(0, 3) == 0
    hostile = [hostile_line(fdp) for _ in range(fdp.ConsumeIntInRange(0, 2))]
    payload = b"\n".join([*hostile, fdp.ConsumeBytes(fdp.remaining_bytes())])
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
        assert json.loads(encode_outcome(dict(out), ok, pages=False).payload) == out  # surrogates too


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
