"""cleaner.batch.pages: page names, the summary log, and the index built from disk."""
from __future__ import annotations

import json
import os
import re

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from cleaner import clean
from cleaner.batch.codec import Encoded, encode_line
from cleaner.batch.pages import (
    POSITION_KEY,
    SUMMARIES,
    ExplainPages,
    PagesError,
    SummaryLog,
    page_name,
    prepare_folder,
    take_summary,
    write_index,
    write_part_summaries,
)

SAFE = re.compile(r"^docs/\d{7}-[A-Za-z0-9._-]+\.html$")


@pytest.mark.parametrize("rid", [
    "../../etc/x", "/abs/path", "a\\b\\..\\c", "..", ".hidden", "", "ünïcødé/页", "x" * 500, 7, "a b?c#d%2F..",
])
def test_page_names_stay_in_docs_and_are_unique_per_position(rid, tmp_path):
    name = page_name(3, rid)
    assert SAFE.match(name), name
    assert len(name) < 100
    resolved = (tmp_path / name).resolve()
    assert resolved.parent == (tmp_path / "docs").resolve()
    assert page_name(4, rid) != name


def test_document_writes_page_within_limit_and_summarises(tmp_path):
    prepare_folder(str(tmp_path / "r"), resume=False)
    report = ExplainPages(str(tmp_path / "r"), limit=1)
    text = "Big win for the team\n\nShare on Facebook\n\n" + "The team won the final after a long season of hard work and patience. " * 5
    result = clean(text=text)
    first = report.document({"id": "a", "text": text, POSITION_KEY: 0}, result, "a")
    second = report.document({"id": "b", "text": text.encode(), POSITION_KEY: 1}, result, "b")
    assert first["page"] and os.path.isfile(tmp_path / "r" / first["page"])
    assert second["page"] is None, "beyond --report-limit: a row, no page"
    spans = {rule: [n, chars] for rule, n, chars in (
        (r, sum(1 for s in result.removed if s.rule == r), sum(len(s.text) for s in result.removed if s.rule == r))
        for r in {s.rule for s in result.removed}
    )}
    assert first["removed"] == spans == second["removed"] and spans
    assert first["chars_in"] == len(text) and first["error"] is None


def test_take_summary_strips_private_keys_and_covers_errors():
    out = {"id": "x", "error": "boom", POSITION_KEY: 9}
    summary = take_summary(out)
    assert out == {"id": "x", "error": "boom"}
    assert summary["pos"] == 9 and summary["error"] == "boom" and summary["page"] is None


def test_summary_log_cuts_a_torn_tail_before_appending(tmp_path):
    prepare_folder(str(tmp_path), resume=False)
    path = tmp_path / SUMMARIES / "local.jsonl"
    path.write_text('{"pos": 0, "id": "a"}\n{"pos": 1, "id"', encoding="utf-8")
    log = SummaryLog(str(tmp_path))
    log.write([Encoded("b", True, b"", encode_line({"pos": 1, "id": "b"})), Encoded("c", True, b"", None)])
    log.close()
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == ["a", "b"]


def test_prepare_folder_refuses_a_foreign_folder(tmp_path):
    (tmp_path / "thesis.tex").write_text("precious")
    with pytest.raises(PagesError, match="not empty"):
        prepare_folder(str(tmp_path), resume=False)
    assert os.listdir(tmp_path) == ["thesis.tex"]


def _summary(pos, rid, removed, error=None, page=None):
    return {"pos": pos, "id": rid, "page": page, "language": "en", "chars_in": 100, "chars_out": 50,
            "removed": removed, "error": error}


def test_index_dedupes_positions_sums_rules_and_escapes(tmp_path):
    folder = str(tmp_path)
    prepare_folder(folder, resume=False)
    write_part_summaries(folder, "part-00000", [
        _summary(0, "<b>one</b>", {"SHARE001": [2, 30]}, page="docs/0000000-b_one_b.html"),
        _summary(1, "two", {"SHARE001": [1, 10], "NAV001": [3, 12]}),
    ])
    write_part_summaries(folder, "part-00001", [
        _summary(1, "two", {"SHARE001": [1, 10], "NAV001": [3, 12]}),  # a redone record
        _summary(2, "bad", {}, error="<img src=x onerror=alert(1)>"),
    ])
    totals = write_index(folder, complete=False, expected=5)
    assert (totals.docs, totals.errors, totals.pages) == (3, 1, 1)
    assert dict(totals.spans) == {"SHARE001": 3, "NAV001": 3}
    assert dict(totals.chars) == {"SHARE001": 40, "NAV001": 12}
    assert dict(totals.affected) == {"SHARE001": 2, "NAV001": 1}
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    tree = HTMLParser(page)
    assert tree.css("img") == [] and tree.css("b") == []
    assert [r.attributes["data-id"] for r in tree.css("#docs tbody tr")] == ["<b>one</b>", "two", "bad"]
    assert "<img src=x onerror=alert(1)>" in tree.css_first("tr.failed").text()
    notes = " ".join(n.text() for n in tree.css(".warn"))
    assert "interrupted" in notes and "2 records in the output have no entry" in notes
