"""The output format through every surface: the library, the CLI (`clean --format`, the
older `--format json` and `--json`), the batch (JSONL records, folder suffixes) and the
explain view; the service has tests/service/test_service_formats.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cleaner import clean
from cleaner.errors import InvalidInput
from format_samples import KINDS, TEXT  # tests/ is on the path, as for option_values

ROOT = Path(__file__).resolve().parents[1]
MD = MarkdownIt("commonmark").enable("table")


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_library_markdown_goes_to_text_json_to_blocks():
    md = clean(text=TEXT, options={"format": "markdown"})
    assert "## What the budget holds" in md.text and "- new roads for the northern districts\n- two schools renovated over the summer" in md.text
    assert md.blocks is None
    js = clean(text=TEXT, options={"format": "json"})
    assert js.text == clean(text=TEXT).text
    assert [b.type for b in js.blocks] == KINDS
    heading = js.blocks[1]
    assert TEXT[heading.start:heading.end] == "What the budget holds"


def test_text_format_result_is_unchanged_by_the_new_options():
    plain = clean(text=TEXT)
    assert plain.blocks is None and "##" not in plain.text
    assert clean(text=TEXT, options={"links": True, "images": True, "tables": False}).text == plain.text


def test_an_unknown_format_is_invalid_input():
    with pytest.raises(InvalidInput, match="format"):
        clean(text=TEXT, options={"format": "rtf"})


def test_cli_clean_format_markdown_and_html():
    out = cli("clean", "-", "--format", "markdown", stdin=TEXT)
    assert out.returncode == 0, out.stderr
    assert "## What the budget holds" in out.stdout
    out = cli("clean", "-", "--format", "html", stdin=TEXT)
    assert "<h2>What the budget holds</h2>" in out.stdout and "<ul><li>new roads for the northern districts</li>" in out.stdout


def test_cli_format_json_still_prints_the_whole_result_now_with_blocks():
    out = cli("clean", "-", "--format", "json", stdin=TEXT)
    result = json.loads(out.stdout)
    assert result["text"] == clean(text=TEXT).text and result["removed"] is not None
    assert [b["type"] for b in result["blocks"]] == KINDS


def test_cli_json_flag_prints_the_result_in_any_format():
    out = cli("clean", "-", "--format", "markdown", "--json", stdin=TEXT)
    result = json.loads(out.stdout)
    assert "## What the budget holds" in result["text"] and result["blocks"] is None


def test_cli_refuses_an_unknown_format():
    out = cli("clean", "-", "--format", "rtf", stdin=TEXT)
    assert out.returncode == 2 and "--format" in out.stderr


@pytest.mark.parametrize("fmt, suffix", [("text", ".txt"), ("markdown", ".md"), ("html", ".html"), ("json", ".json")])
def test_batch_folder_files_take_the_formats_suffix(tmp_path, fmt, suffix):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a/doc", "text": TEXT}) + "\n")
    out = cli("batch", str(src), "-o", str(tmp_path / "out"), "--format", fmt, "--workers", "1")
    assert out.returncode == 0, out.stderr
    written = tmp_path / "out" / "a" / f"doc{suffix}"
    content = written.read_text()
    if fmt == "markdown":
        assert "## What the budget holds" in content
        assert any(t.type == "heading_open" for t in MD.parse(content))
    elif fmt == "html":
        assert "<h2>What the budget holds</h2>" in content
    elif fmt == "json":
        assert [b["type"] for b in json.loads(content)["blocks"]] == KINDS
    else:
        assert content.rstrip("\n") == clean(text=TEXT).text


def test_batch_jsonl_records_carry_blocks_in_json_format(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": TEXT}) + "\n")
    out = cli("batch", str(src), "-o", str(tmp_path / "out.jsonl"), "--format", "json", "--workers", "1")
    assert out.returncode == 0, out.stderr
    record = json.loads((tmp_path / "out.jsonl").read_text())
    assert record["text"] == clean(text=TEXT).text
    assert record["blocks"][1] == {"type": "heading", "text": "What the budget holds", "level": 2,
                                   "start": TEXT.index("What"), "end": TEXT.index("What") + 21}


def test_explain_view_shows_the_structured_body(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text(TEXT)
    page = tmp_path / "view.html"
    out = cli("explain", str(source), "-o", str(page), "--format", "html")
    assert out.returncode == 0, out.stderr
    assert "<h2>What the budget holds</h2>" in page.read_text()
    cli("explain", str(source), "-o", str(page), "--format", "markdown")
    assert "## What the budget holds" in page.read_text()
