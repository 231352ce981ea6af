"""The batch JSONL reader and per-record cleaning on hostile bytes: nothing raises, nothing is lost."""
from __future__ import annotations

import gzip
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.batch.readers import Source, iter_source
from cleaner.batch.records import encode_outcome, process_record
from cleaner.batch.codec import TXT
from cleaner.options import Options
from tests.reliability.hostile import ratio_bomb
from tests.reliability.strategies import jsonl_bytes

profile = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
OPTIONS = Options(max_input_chars=100_000)


def _records(tmp_path, payload: bytes, compress: bool, limit: int = 4096) -> list[dict]:
    path = tmp_path / ("in.jsonl.gz" if compress else "in.jsonl")
    path.write_bytes(gzip.compress(payload) if compress else payload)
    return list(iter_source(Source(str(path), "jsonl", "in"), limit))


# Input that begins with a compression format's magic bytes is read as that format
# (documented); as plain JSONL, a random first line must not spell one.
COMPRESSION_MAGIC = (b"\x1f\x8b", b"\xfd7zXZ\x00", b"(\xb5/\xfd")


@profile
@given(jsonl_bytes().filter(lambda b: not b.startswith(COMPRESSION_MAGIC)), st.booleans())
def test_every_non_blank_line_gives_one_record_with_an_id(tmp_path_factory, payload, compress):
    records = _records(tmp_path_factory.mktemp("j"), payload, compress)
    lines = [line for line in payload.split(b"\n") if line.strip()]
    assert len(records) == len(lines)
    for record in records:
        assert record.get("id") is not None


@profile
@given(jsonl_bytes())
def test_each_record_becomes_a_result_or_an_error_record(tmp_path_factory, payload):
    for record in _records(tmp_path_factory.mktemp("j"), payload, False):
        out, ok, counts = process_record(record, OPTIONS)
        assert out["id"] == record["id"]
        assert ok == ("error" not in out)
        if not ok:
            assert isinstance(out["error"], str) and out["error"]
        # written as it was read, lone surrogates included, in either layout
        line = encode_outcome(dict(out), ok, pages=False)
        assert json.loads(line.payload) == out
        folder = encode_outcome(dict(out), ok, pages=False, layout=TXT)
        assert folder.ok or "error" in json.loads(folder.payload)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=1, max_value=4), st.integers(min_value=-3, max_value=3), st.integers(min_value=0, max_value=3))
def test_records_past_the_limit_are_refused_as_they_are_read(tmp_path_factory, bombs, over, good):
    """Decompression ratio: gzip members of records just under, at and over the record
    limit, good records between them. Over the limit: one error record each, named by
    its line; the rest read whole."""
    limit = 1 << 20
    size = limit + over + 1  # a record's line and its newline; the limit counts the line
    payload = ratio_bomb(bombs, size, [b'{"id": "g%d", "text": "fine"}' % i for i in range(good)] or [])
    path = tmp_path_factory.mktemp("j") / "in.jsonl.gz"
    path.write_bytes(payload)
    records = list(iter_source(Source(str(path), "jsonl", "in"), limit))
    assert len(records) == bombs * (2 if good else 1)
    refused = [r for r in records if "longer than" in r.get("error", "")]
    assert len(refused) == (bombs if over > 0 else 0)
    assert all(r.get("text", "").startswith("AAAA") or r.get("text") == "fine" or r in refused for r in records)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=3000), st.integers(min_value=1, max_value=1500))
def test_random_and_truncated_gzip_never_raises(tmp_path_factory, data, cut):
    """Random bytes, and a real gzip stream cut short: records read so far stand, and
    the damage is one error record, never an exception."""
    tmp = tmp_path_factory.mktemp("j")
    for payload in (data, gzip.compress(b'{"id": 1, "text": "a"}\n' * 50)[:cut]):
        path = tmp / "in.jsonl"
        path.write_bytes(payload)
        for record in iter_source(Source(str(path), "jsonl", "in"), 4096):
            assert record.get("id") is not None


def test_a_zip_bomb_line_is_one_error_record(tmp_path):
    bomb = b'{"id": "bomb", "text": "' + b"A" * 20_000_000 + b'"}\n{"id": "after", "text": "fine"}\n'
    records = _records(tmp_path, bomb, True, limit=1 << 20)
    assert [r["id"] for r in records] == ["in:1", "after"]
    assert "longer than" in records[0]["error"]


def test_a_truncated_zstd_stream_ends_in_an_error_record(tmp_path):
    import zstandard

    whole = zstandard.ZstdCompressor().compress(b"".join(b'{"id": %d, "text": "a"}\n' % i for i in range(2000)))
    for cut in (4, len(whole) // 2, len(whole) - 3):
        path = tmp_path / "in.jsonl.zst"
        path.write_bytes(whole[:cut])
        records = list(iter_source(Source(str(path), "jsonl", "in"), 4096))
        assert records and "error" in records[-1] and "zstd" in records[-1]["error"]
        assert all("error" not in r for r in records[:-1])  # what was read before the cut stands


def test_concatenated_zstd_frames_are_all_read(tmp_path):
    import zstandard

    frame = zstandard.ZstdCompressor().compress(b'{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n')
    path = tmp_path / "in.jsonl.zst"
    path.write_bytes(frame * 3)
    records = list(iter_source(Source(str(path), "jsonl", "in"), 4096))
    assert len(records) == 6 and all("error" not in r for r in records)
