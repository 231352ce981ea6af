"""cleaner.batch.records: what a local-engine worker does with a chunk (parse, clean,
serialise) gives exactly what parsing in the driver and serialising there gave."""
from __future__ import annotations

import json

from batch_helpers import make_doc

from cleaner.batch.codec import JSONL, TXT, encode_line
from cleaner.batch.pages import POSITION_KEY, ExplainPages, take_summary
from cleaner.batch.readers import RawLine, Source, iter_inputs, parse_line
from cleaner.batch.records import (
    as_record,
    encode_chunk,
    encode_outcome,
    failed_chunk,
    process_record,
    render_document,
    render_text,
    with_position,
)
from cleaner.batch.writers import JsonlWriter
from cleaner.options import Options

LINES = [
    json.dumps({"id": "a", "text": make_doc(1), "tags": ["é", 1], "url": "https://x.example/a"}),
    "{not json",
    json.dumps([1, 2]),
    json.dumps({"text": make_doc(2), "zz": None}),  # no id: <input>:<line>
    json.dumps({"id": 7, "text": 5}),
    json.dumps({"id": {"bad": 1}, "text": "x"}),
    json.dumps({"id": "both", "text": "a", "html": "<p>b</p>"}),
    json.dumps({"id": "ascii", "text": make_doc(3) + " café"}, ensure_ascii=True),
]


def _raw(lines: list[str]) -> list[RawLine]:
    return [RawLine(line.encode() + b"\n", "in.jsonl", n) for n, line in enumerate(lines, 1)]


def test_as_record_parses_like_the_reader():
    for item in _raw(LINES):
        assert as_record(item) == parse_line(item.data, "in.jsonl", item.lineno)
    assert as_record(_raw(LINES)[3])["id"] == "in.jsonl:4"
    assert "malformed JSON" in as_record(_raw(LINES)[1])["error"]
    held = {"id": "doc", "text": "already a record"}
    assert as_record(held) is held


def test_with_position_tags_raw_lines_and_records():
    raw = with_position(_raw(LINES)[1], 41)
    assert as_record(raw)[POSITION_KEY] == 41
    assert with_position({"id": 1}, 3) == {"id": 1, POSITION_KEY: 3}


def test_encoded_chunk_equals_outputs_serialised_after_the_fact():
    """The worker's bytes are the lines json.dumps gave when the driver serialised."""
    options = Options()
    chunk = encode_chunk(_raw(LINES), options)
    expected = []
    errors = 0
    for line, n in zip(LINES, range(1, len(LINES) + 1)):
        out, ok, _ = process_record(parse_line(line.encode(), "in.jsonl", n), options)
        expected.append((json.dumps(out, ensure_ascii=False) + "\n").encode())
        errors += not ok
    assert [e.payload for e in chunk.records] == expected
    assert sum(not e.ok for e in chunk.records) == errors == 5
    assert [e.rid for e in chunk.records][:4] == ["a", "in.jsonl:2", "in.jsonl:3", "in.jsonl:4"]
    assert chunk.removed_by_rule and all(n > 0 for n in chunk.removed_by_rule.values())
    assert all(e.summary is None for e in chunk.records)


def test_chunk_counts_by_rule_sum_the_records():
    options = Options(explain=False)
    items = [{"id": i, "text": make_doc(i)} for i in range(4)]
    chunk = encode_chunk(items, options)
    total: dict[str, int] = {}
    for item in items:
        for rule, n in process_record(dict(item), options)[2].items():
            total[rule] = total.get(rule, 0) + n
    assert chunk.removed_by_rule == total


def test_report_summaries_come_off_the_output_line(tmp_path):
    report = ExplainPages(str(tmp_path), limit=0)  # rows only, no pages
    items = [with_position(item, i + 10) for i, item in enumerate(_raw(LINES[:2]))]
    chunk = encode_chunk(items, Options(), report)
    good, bad = (json.loads(e.payload) for e in chunk.records)
    assert POSITION_KEY not in good and "__cleaner_report_summary__" not in good and POSITION_KEY not in bad
    summaries = [json.loads(e.summary) for e in chunk.records]
    assert [s["pos"] for s in summaries] == [10, 11]
    assert summaries[0]["error"] is None and "malformed JSON" in summaries[1]["error"]


def test_txt_layout_payload_is_the_file_content():
    out, ok, _ = process_record(json.loads(LINES[0]), Options())
    encoded = encode_outcome(dict(out), ok, pages=False, layout=TXT)
    assert encoded.ok and encoded.payload == render_text(out).encode()
    error = encode_outcome({"id": "x", "error": "boom"}, False, pages=False, layout=TXT)
    assert not error.ok and json.loads(error.payload) == {"id": "x", "error": "boom"}


def test_txt_layout_refuses_text_with_an_unpaired_surrogate():
    encoded = encode_outcome({"id": "s", "title": None, "text": "body \ud800 here"}, True, pages=False, layout=TXT)
    assert not encoded.ok
    assert "not writable as UTF-8" in json.loads(encoded.payload)["error"]


def test_a_json_file_writes_an_unpaired_surrogate_as_its_escape():
    out = {"id": "s", "title": None, "text": "body \ud800 here", "blocks": []}
    encoded = encode_outcome(out, True, pages=False, layout=TXT, fmt="json")
    assert encoded.ok
    assert json.loads(encoded.payload.decode("utf-8"))["text"] == "body \ud800 here"


def test_the_title_heading_of_a_markdown_or_html_file_is_escaped_as_any_heading():
    from markdown_it import MarkdownIt

    out = {"id": "t", "title": "Top tips #", "text": "Body."}
    tokens = MarkdownIt("commonmark").parse(render_document(out, "markdown"))
    assert tokens[0].type == "heading_open" and tokens[1].content.replace("\\#", "#") == "Top tips #"
    assert render_document({**out, "title": "A <b> & C"}, "html").startswith("<h1>A &lt;b&gt; &amp; C</h1>")


def test_failed_chunk_keeps_every_record_as_an_error():
    items = [with_position(item, i) for i, item in enumerate(_raw(LINES[:4]))]
    chunk = failed_chunk(items, "worker failed: BrokenProcessPool: gone", pages=True, layout=JSONL)
    rows = [json.loads(e.payload) for e in chunk.records]
    assert [r["id"] for r in rows] == ["a", "in.jsonl:2", "in.jsonl:3", "in.jsonl:4"]
    assert all(r["error"].startswith("worker failed") and set(r) == {"id", "error"} for r in rows)
    assert [json.loads(e.summary)["pos"] for e in chunk.records] == [0, 1, 2, 3]


def test_encode_line_is_json_dumps_in_utf8():
    value = {"id": "é", "text": "naïve — 😀", "n": [1, None, True]}
    assert encode_line(value) == (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")


def test_encode_line_escapes_unpaired_surrogates_and_round_trips():
    value = json.loads('{"id": "s", "meta": "a\\ud800b", "k\\udfff": "ok é", "pair": "\\ud83d\\ude00"}')
    line = encode_line(value)
    line.decode("utf-8")  # valid UTF-8
    assert json.loads(line) == value
    assert b"\\ud800" in line and b"\\udfff" in line and "é".encode() in line and "😀".encode() in line


def test_raw_reader_yields_lines_the_parser_turns_into_the_same_records(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(LINES[:4]) + "\n\n" + json.dumps({"id": "big", "text": "A" * 20_000}) + "\n")
    sources = [Source(str(src), "jsonl", "in.jsonl")]
    raw = list(iter_inputs(sources, max_record_bytes=10_000, raw=True))
    parsed = list(iter_inputs(sources, max_record_bytes=10_000))
    assert [as_record(item) for item in raw] == parsed
    assert all(isinstance(item, RawLine) for item in raw[:4])
    assert isinstance(raw[4], dict) and "longer than 10000 bytes" in raw[4]["error"]  # bounded, not read whole


def test_resumed_writer_says_when_no_id_can_be_skipped_any_more(tmp_path):
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_bytes(encode_line({"id": "a"}) + encode_line({"id": "a"}) + encode_line({"id": 1}))
    writer = JsonlWriter(str(out), resume=True)
    assert writer.may_skip()
    assert writer.should_skip("a") and writer.should_skip(1) and not writer.should_skip("b")
    assert writer.may_skip()  # the second "a"
    assert writer.should_skip("a") and not writer.may_skip() and not writer.should_skip("a")
    writer.close(complete=False)


def test_summary_of_an_error_record_written_by_the_driver():
    out = {"id": "x", "error": "boom", POSITION_KEY: 5}
    assert take_summary(dict(out))["pos"] == 5
    assert json.loads(encode_outcome(dict(out), False, pages=True).summary)["pos"] == 5
