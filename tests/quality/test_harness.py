"""bench/quality.py itself: a run on a tiny corpus of each format, its tables, its saved
predictions (read back by the shared scorers), a missing anchor, empty outputs, the
floors it writes and the slices it pins. Behaviour only: no timing is asserted."""
from __future__ import annotations

import hashlib
import json
import lzma
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.quality.support import ROOT, quality, require_bench

PROSE = [
    "The city council approved the new budget on Tuesday after a long debate about school funding "
    "and the repair of several bridges that engineers had declared unsafe last winter.",
    "Council members said the plan would raise spending on libraries and parks while keeping property "
    "taxes flat for the third year in a row, a promise the mayor made during her campaign.",
    "Residents who spoke at the meeting asked for more buses on the routes that serve the hospital "
    "and the university, and the transport committee agreed to study the request by spring.",
]
MENU = ["Home", "News", "Sport", "Contact"]
FOOTER = "Copyright 2024 Example Gazette. All rights reserved."


def _page(title: str, paragraphs: list[str]) -> tuple[str, str, str]:
    """(html, its text as one scraper renders it, as another does)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "".join(f"<li><a href='/{m.lower()}'>{m}</a></li>" for m in MENU)
    html = (f"<html lang='en'><head><title>{title}</title></head><body><nav><ul>{nav}</ul></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>{FOOTER}</footer></body></html>")
    text = "\n".join(["  ".join(MENU), "", title, "", *[p + "\n" for p in paragraphs], FOOTER])
    htmltext = "\n".join([*MENU, title, *paragraphs, FOOTER])
    return html, text, htmltext


def _write(path: Path, records: list[dict]) -> None:
    with lzma.open(path, "wt", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")


@pytest.fixture
def tiny_bench(tmp_path) -> Path:
    """A bench folder of three dev records and three dev2 records, with the real scorers."""
    real = require_bench("score_segments.py", "score_bodies.py")
    bench = tmp_path / "bench"
    bench.mkdir()
    for name in ("score_segments.py", "score_bodies.py"):
        shutil.copy(real / name, bench / name)
    dev, dev2 = [], []
    for index in range(3):
        paragraphs = PROSE[index:] + PROSE[:index]
        html, text, htmltext = _page(f"Council story number {index}", paragraphs)
        common = {"id": f"doc{index}", "url": f"https://example.org/{index}", "html": html,
                  "text": text, "text_htmltext": htmltext}
        # the last dev page has nothing to keep; the last dev2 page a 10-word reference
        keep = [p[:60] for p in paragraphs] if index < 2 else []
        dev.append({**common, "with": keep, "without": [FOOTER, "Home"]})
        body = "\n\n".join(paragraphs) if index < 2 else " ".join(PROSE[0].split()[:10])
        dev2.append({**common, "id": f"tt-{index}", "page_type": "article" if index else "forum",
                     "gold": {"title": "", "author": "", "date": "", "body": body}})
    _write(bench / "dev.jsonl.xz", dev)
    _write(bench / "dev2.jsonl.xz", dev2)
    return bench


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = quality.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _table_rows(out: str, corpus: str) -> dict[str, list[str]]:
    """The corpus table's rows by (label, input), cells stripped of markdown emphasis."""
    section = out.split(f"## {corpus}:", 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in section.splitlines()[2:]:
        cells = [c.strip().strip("*`") for c in line.strip("|").split("|")]
        rows[f"{cells[0]} {cells[1]}"] = cells
    return rows


def test_a_run_scores_every_run_on_both_corpora_and_saves_what_the_scorers_read(tiny_bench, tmp_path, capsys):
    prefix = tmp_path / "out" / "run"
    status, out, err = _run(capsys, "--bench-dir", str(tiny_bench), "--anchors", "trafilatura-default",
                            "--save", str(prefix))
    assert status == 0, err
    for corpus, scorer in (("dev", "score_segments.py"), ("dev2", "score_bodies.py")):
        rows = _table_rows(out, corpus)
        assert set(rows) == {"cleaner text mode text", "cleaner text mode text_htmltext",
                             "cleaner HTML mode html", "trafilatura default html"}
        for key, row in (("text-inscriptis", "cleaner text mode text"), ("html", "cleaner HTML mode html"),
                         ("trafilatura-default", "trafilatura default html")):
            saved = Path(f"{prefix}-{corpus}-{key}.jsonl")
            lines = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
            corpus_ids = [r["id"] for r in quality.load_records(tiny_bench / f"{corpus}.jsonl.xz")]
            assert [line["id"] for line in lines] == corpus_ids
            scored = subprocess.run([sys.executable, str(tiny_bench / scorer), str(tiny_bench / f"{corpus}.jsonl.xz"),
                                     str(saved), "--json"], capture_output=True, text=True, check=True)
            figures = json.loads(scored.stdout)
            assert rows[row][4] == f"{figures['f1']:.3f}", (corpus, key)  # the table shows what the scorer finds
            assert rows[row][2] == f"{figures['precision']:.3f}"
        assert rows["trafilatura default html"][8] == "1.00x"  # every speed is a ratio to this one
        assert f"minus the best anchor (trafilatura default" in out.split(f"## {corpus}:", 1)[1]
    by_type = out.split("F1 by page_type (dev2):", 1)[1]
    assert re.search(r"^\| article \| 2 \|", by_type, re.M) and re.search(r"^\| forum \| 1 \|", by_type, re.M)
    assert re.search(r"^\| all \| 3 \|", by_type, re.M)
    assert "seed-size docs/s per core" in out


def test_a_missing_anchor_is_named_and_skipped_and_the_rest_still_runs(tiny_bench, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "resiliparse", None)  # import resiliparse now raises ImportError
    status, out, err = _run(capsys, "--bench-dir", str(tiny_bench), "--corpus", "dev2", "--mode", "html",
                            "--anchors", "trafilatura-default,resiliparse")
    assert status == 0
    assert "anchor skipped: resiliparse main_content is not installed" in err
    assert "requirements/bench-lock.txt" in err
    rows = _table_rows(out, "dev2")
    assert rows["resiliparse main_content html"][2:] == ["skipped"] * 9
    assert rows["trafilatura default html"][4] != "skipped"


def test_with_no_anchor_installed_there_is_no_interval_and_it_says_so(tiny_bench, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "resiliparse", None)
    status, out, _ = _run(capsys, "--bench-dir", str(tiny_bench), "--corpus", "dev", "--mode", "html",
                          "--anchors", "resiliparse")
    assert status == 0
    assert "no anchor ran: no interval against the best anchor" in out
    assert _table_rows(out, "dev")["cleaner HTML mode html"][8] == "n/a"  # no trafilatura: no ratio


def test_empty_outputs_count_pages_whose_reference_holds_text(tiny_bench, capsys, monkeypatch):
    nothing = quality.Anchor("nothing", "always empty", "-", lambda: (lambda page: ""))
    monkeypatch.setattr(quality, "ANCHORS", (*quality.ANCHORS, nothing))
    status, out, _ = _run(capsys, "--bench-dir", str(tiny_bench), "--mode", "html", "--anchors", "nothing")
    assert status == 0
    # dev: two pages have snippets to keep; dev2: two references of 50 words or more
    assert _table_rows(out, "dev")["always empty html"][9] == "2"
    assert _table_rows(out, "dev2")["always empty html"][9] == "2"


def test_empty_outputs_on_dev2_need_a_reference_of_fifty_words(tiny_bench):
    scoring = quality.scorer(tiny_bench, "dev2")
    long_body = " ".join(f"word{i}" for i in range(50))
    records = [{"id": "a", "gold": {"body": long_body}}, {"id": "b", "gold": {"body": long_body[:-7]}},
               {"id": "c", "gold": {"body": long_body}}]
    assert quality.empty_outputs(records, {"a": " \n", "b": "", "c": "kept"}, scoring) == 1


def test_markdown_prints_the_table_readme_shows(tiny_bench, capsys):
    status, out, _ = _run(capsys, "--bench-dir", str(tiny_bench), "--anchors", "trafilatura-default", "--markdown")
    assert status == 0
    summary = out.rsplit("\n\n| run | input | dev F1", 1)[1]
    header = "| run | input | dev F1" + summary.splitlines()[0]
    assert header == ("| run | input | dev F1 | dev2 F1 | dev2 article F1 | dev2 empty "
                      "| speed vs trafilatura default (dev, dev2) |")
    assert "HTML mode minus the best anchor on dev2 (trafilatura default)" in summary
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert header in readme, "README's quality table is this output"
    shown = [tuple(c.strip().strip("*`") for c in line.strip("|").split("|")[:2])
             for line in readme.split(header, 1)[1].split("\n\n", 1)[0].strip().splitlines()[1:]]
    runs = [*quality.CLEANER_RUNS.values(), *((a.label, "html") for a in quality.ANCHORS)]
    assert shown == runs, "README's quality table lists every run of a full `python bench/quality.py --markdown`"


def _result(corpus: str, f1s: dict[str, float]) -> quality.CorpusResult:
    runs = quality.cleaner_runs(f1s)
    results = {key: quality.RunResult(runs[key], quality.Score(0.0, 0.0, f1, [], 0), [1.0], 0)
               for key, f1 in f1s.items()}
    return quality.CorpusResult(Path("."), corpus, [], results, {})


def test_floors_sit_a_hundredth_below_rounded_down():
    assert quality.floor_of(0.8947) == 0.884
    assert quality.floor_of(0.9669) == 0.956
    assert quality.floor_of(0.75) == 0.74


def test_new_floors_keep_unknown_keys_and_flag_a_lowered_floor():
    old = {"_about": {"note": "metadata of another tool"}, "dev": {"html": 0.95, "text-inscriptis": 0.8}}
    floors, changes = quality.new_floors({"dev": _result("dev", {"html": 0.93, "text-inscriptis": 0.9})}, old)
    assert floors == {"_about": {"note": "metadata of another tool"}, "dev": {"html": 0.92, "text-inscriptis": 0.89}}
    lowered = [c for c in changes if "LOWERED" in c]
    assert len(lowered) == 1 and lowered[0].startswith("dev html: 0.95 -> 0.92")


def test_write_floors_needs_the_fixed_slices(capsys):
    with pytest.raises(SystemExit):
        quality.parse_args(["--write-floors"])
    assert "--quick" in capsys.readouterr().err


def test_load_records_keeps_the_pinned_ids_in_file_order_and_refuses_a_missing_one(tiny_bench):
    path = tiny_bench / "dev2.jsonl.xz"
    assert [r["id"] for r in quality.load_records(path, ["tt-2", "tt-0"])] == ["tt-0", "tt-2"]
    with pytest.raises(SystemExit, match="not in the corpus"):
        quality.load_records(path, ["tt-0", "tt-9"])


def test_hash_slice_is_stratified_and_deterministic():
    records = [{"id": f"p{i}", "page_type": "article" if i % 3 else "forum"} for i in range(90)]
    chosen = quality.hash_slice(records, 30, by="page_type")
    kinds = [r["page_type"] for r in records if r["id"] in chosen]
    assert len(chosen) == 30 and kinds.count("article") == 20 and kinds.count("forum") == 10
    assert chosen == quality.hash_slice(list(reversed(records)), 30, by="page_type")


def test_the_pinned_slices_are_what_their_hash_rules_choose():
    bench = require_bench("dev.jsonl.xz", "dev2.jsonl.xz")
    head = re.compile(r'(\{"id": "[^"]*", "url": "(?:[^"\\]|\\.)*"(?:, "page_type": "[^"]*")?)')
    heads = {}
    for corpus in ("dev", "dev2"):  # id, url and page_type lead each line: no need to parse the pages
        with lzma.open(bench / quality.CORPORA[corpus].file, "rt", encoding="utf-8") as f:
            heads[corpus] = [json.loads(head.match(line).group(1) + "}") for line in f]
    dev = sorted(r["id"] for r in heads["dev"] if hashlib.sha1(r["id"].encode()).hexdigest() < "3")
    assert quality.slice_ids("dev") == dev
    assert quality.slice_ids("dev2") == quality.hash_slice(heads["dev2"], 100, by="page_type")


def test_without_the_data_the_gate_skips_loudly_even_on_ci(tmp_path, monkeypatch):
    monkeypatch.setattr(quality, "DEFAULT_BENCH", tmp_path / "no-shared")
    monkeypatch.delenv("CLEANER_BENCH_DIR", raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.skip.Exception, match="QUALITY GATE SKIPPED: dev2.jsonl.xz not found"):
        require_bench("dev2.jsonl.xz")


def test_without_the_data_a_named_bench_dir_is_a_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_BENCH_DIR", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="CLEANER_BENCH_DIR=.* is set, but dev.jsonl.xz is not there"):
        require_bench("dev.jsonl.xz")
