"""`cleaner batch ... --report DIR` in a real subprocess: a page per document, an index
whose totals equal the output's removed spans, everything escaped, DIR never left, and
--resume / --engine dask / --report-limit keep the index whole."""
from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

from batch_helpers import ROOT, make_doc, read_jsonl, run_cli, write_jsonl
from selectolax.lexbor import LexborHTMLParser as HTMLParser

EVIL_ID = "../../etc/x<script>alert('id')</script>"
EVIL_TEXT = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
PAGE_NAME = re.compile(r"^docs/\d{7}-[A-Za-z0-9._-]+\.html$")


def corpus() -> list[dict]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert len(seeds) >= 3
    recs: list[dict] = [{"id": f"seeds/{p.name}", "text": p.read_text(encoding="utf-8")} for p in seeds]
    recs += [{"id": f"doc-{i}", "text": make_doc(i), "language": "en"} for i in range(4)]
    recs.append({"id": EVIL_ID, "text": f"{EVIL_TEXT}\n\nShare on Facebook\n\n{make_doc(7)}"})
    recs.append({"id": "typed", "text": 42})  # fails: text must be a string
    recs.append({"id": "page.html", "html": (
        "<html><head><title>Budget vote</title></head><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav>"
        f"<article><h1>Budget vote</h1><p>{make_doc(3).replace(chr(10), ' ')}</p>"
        "<p>Subscribe to our newsletter</p></article><footer>Copyright 2024 The Paper</footer></body></html>"
    )})
    return recs


def write_corpus(tmp_path: Path) -> Path:
    src = write_jsonl(tmp_path / "in.jsonl", corpus())
    with open(src, "a", encoding="utf-8") as f:
        f.write("{broken line\n")
    return src


def parse_index(folder: Path) -> tuple[dict[str, dict], list[dict]]:
    tree = HTMLParser((folder / "index.html").read_text(encoding="utf-8"))
    rules = {}
    for row in tree.css("#rules tbody tr"):
        cells = [c.text().strip() for c in row.css("td")]
        rules[row.attributes["data-rule"]] = {
            "name": cells[1], "spans": int(cells[3]), "chars": int(cells[4]), "docs": int(cells[5]),
        }
    docs = []
    for row in tree.css("#docs tbody tr"):
        cells = row.css("td")
        link = cells[1].css_first("a")
        docs.append({
            "pos": int(cells[0].text()), "id": cells[1].text(), "page": link.attributes["href"] if link else None,
            "spans": cells[5].text(), "chars": cells[6].text(), "error": cells[8].text(),
            "failed": "failed" in (row.attributes.get("class") or ""),
        })
    return rules, docs


def expected_rules(rows: list[dict]) -> dict[str, dict]:
    spans: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for row in rows:
        removed = row.get("removed", [])
        for span in removed:
            spans[span["rule"]] += 1
            chars[span["rule"]] += len(span["text"])
        docs.update({span["rule"] for span in removed})
    return {r: {"spans": spans[r], "chars": chars[r], "docs": docs[r]} for r in spans}


def page_marks(path: Path) -> Counter[tuple[str, str]]:
    tree = HTMLParser(path.read_text(encoding="utf-8"))
    return Counter((m.attributes["data-rule"], m.text()) for m in tree.css(".doc mark.removed"))


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_report_pages_index_totals_escaping_and_paths(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    src = write_corpus(work)
    out, rep = work / "out.jsonl", work / "nested" / "report"
    proc = run_cli("batch", str(src), "-o", str(out), "--report", str(rep), "--workers", "2")
    assert proc.returncode == 1, proc.stderr.decode()  # the failing records
    assert f"report: {rep / 'index.html'}" in proc.stderr.decode()
    rows = read_jsonl(out)
    assert all(not any(k.startswith("__cleaner") for k in r) for r in rows), "private keys stay private"
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows) == len(corpus()) + 1

    rules, docs = parse_index(rep)
    # every output record has exactly one row; failed ones say why
    assert Counter(d["id"] for d in docs) == Counter(r["id"] for r in rows)
    assert sorted(d["pos"] for d in docs) == list(range(len(rows)))
    for d in docs:
        record = by_id[d["id"]]
        if "error" in record:
            assert d["failed"] and d["page"] is None and d["error"] == record["error"]
        else:
            assert not d["failed"] and int(d["spans"]) == len(record["removed"])
            assert int(d["chars"]) == sum(len(s["text"]) for s in record["removed"])
    # per-rule totals are the sums over the output records
    want = expected_rules(rows)
    assert {r: {k: v[k] for k in ("spans", "chars", "docs")} for r, v in rules.items()} == want
    assert {"TITLE001", "SHARE001"} <= set(rules) and rules["SHARE001"]["name"]

    # each cleaned record has its page, with its spans highlighted under their rule codes
    for d in docs:
        record = by_id[d["id"]]
        if "error" in record:
            continue
        assert d["page"] and PAGE_NAME.match(d["page"]), d["page"]
        page = rep / d["page"]
        marks = page_marks(page)
        located = Counter((s["rule"], s["text"]) for s in record["removed"] if s["start"] is not None)
        assert marks == located, d["id"]
        all_rules = Counter(m.attributes["data-rule"] for m in HTMLParser(page.read_text()).css("mark.removed"))
        assert all_rules == Counter(s["rule"] for s in record["removed"])
    html_page = rep / next(d["page"] for d in docs if d["id"] == "page.html")
    assert "HTML mode" in html_page.read_text(encoding="utf-8")  # spans index the extracted text

    # escaping: the hostile id and text show literally, nothing from them runs
    index_html = (rep / "index.html").read_text(encoding="utf-8")
    tree = HTMLParser(index_html)
    assert len(tree.css("script")) == 1 and "alert" not in tree.css_first("script").text()
    assert EVIL_ID in [a.text() for a in tree.css("#docs a")]
    assert "<script>alert('id')" not in index_html
    evil_page = rep / next(d["page"] for d in docs if d["id"] == EVIL_ID)
    page_html = evil_page.read_text(encoding="utf-8")
    page_tree = HTMLParser(page_html)
    assert page_tree.css("script") == [] and page_tree.css("img") == []
    assert EVIL_TEXT in page_tree.css_first(".doc").text()
    assert EVIL_ID in page_tree.css_first("h1").text()
    back = page_tree.css_first("a").attributes["href"]
    assert (evil_page.parent / back).resolve() == (rep / "index.html").resolve()

    # path safety: the ../ id stayed inside DIR/docs; nothing else was created anywhere
    assert evil_page.resolve().parent == (rep / "docs").resolve()
    assert files_under(tmp_path) == {"work", *(f"work/{p}" for p in files_under(work))}
    assert not (tmp_path / "etc").exists() and not (work / "etc").exists() and not (rep.parent.parent / "etc").exists()
    assert all(PAGE_NAME.match(p) for p in files_under(rep) if p.startswith("docs/"))


def test_report_resume_rebuilds_index_from_disk(tmp_path):
    src = write_corpus(tmp_path)
    full, full_rep = tmp_path / "full.jsonl", tmp_path / "full-report"
    assert run_cli("batch", str(src), "-o", str(full), "--report", str(full_rep), "--workers", "1").returncode == 1
    ref_rules, ref_docs = parse_index(full_rep)

    # an interrupted run, as a kill -9 leaves it: 4 records written, the summaries one
    # record ahead of the output (written first) and torn mid-line, the next page half done
    out, rep = tmp_path / "out.jsonl", tmp_path / "report"
    shutil.copytree(full_rep, rep)
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "out.jsonl.partial").write_text("".join(lines[:4]), encoding="utf-8")
    summaries = rep / "summaries" / "local.jsonl"
    kept = summaries.read_text(encoding="utf-8").splitlines(keepends=True)
    summaries.write_text("".join(kept[:5]) + kept[5][:40], encoding="utf-8")
    for page in (rep / "docs").iterdir():
        if int(page.name[:7]) >= 5:
            page.unlink()
    (rep / "index.html").unlink()

    proc = run_cli("batch", str(src), "-o", str(out), "--report", str(rep), "--workers", "2", "--resume")
    assert proc.returncode == 1, proc.stderr.decode()
    assert "skipped (resumed): 4" in proc.stderr.decode()
    rules, docs = parse_index(rep)
    assert rules == ref_rules
    assert sorted(docs, key=lambda d: d["pos"]) == sorted(ref_docs, key=lambda d: d["pos"])
    assert Counter(d["id"] for d in docs) == Counter(r["id"] for r in read_jsonl(out))
    assert all((rep / d["page"]).is_file() for d in docs if d["page"])
    assert "interrupted" not in (rep / "index.html").read_text() and "no entry" not in (rep / "index.html").read_text()

    # resuming the finished run changes nothing
    again = run_cli("batch", str(src), "-o", str(out), "--report", str(rep), "--resume")
    assert again.returncode == 1 and parse_index(rep) == (rules, docs)

    # an output begun without --report: the index says which records it cannot show
    plain, late = tmp_path / "plain.jsonl", tmp_path / "late-report"
    (tmp_path / "plain.jsonl.partial").write_text("".join(lines[:3]), encoding="utf-8")
    proc = run_cli("batch", str(src), "-o", str(plain), "--report", str(late), "--resume", "--workers", "1")
    assert proc.returncode == 1, proc.stderr.decode()
    _, late_docs = parse_index(late)
    assert len(late_docs) == len(lines) - 3
    assert "3 records in the output have no entry" in (late / "index.html").read_text()


def test_report_with_dask_engine_and_limit(tmp_path):
    src = write_corpus(tmp_path)
    local, local_rep = tmp_path / "local.jsonl", tmp_path / "local-report"
    assert run_cli("batch", str(src), "-o", str(local), "--report", str(local_rep), "--workers", "1").returncode == 1
    ref_rules, ref_docs = parse_index(local_rep)

    out, rep = tmp_path / "dask-out", tmp_path / "dask-report"
    args = ("batch", str(src), "-o", str(out), "--engine", "dask", "--workers", "2", "--chunk-size", "4",
            "--report", str(rep), "--report-limit", "5")
    proc = run_cli(*args, timeout=300)
    assert proc.returncode == 1, proc.stderr.decode()
    rules, docs = parse_index(rep)
    assert rules == ref_rules
    assert [(d["pos"], d["id"], d["spans"], d["error"]) for d in docs] == [
        (d["pos"], d["id"], d["spans"], d["error"]) for d in ref_docs
    ]
    assert [d["pos"] for d in docs if d["page"]] == [d["pos"] for d in ref_docs if d["page"] and d["pos"] < 5]
    assert len(list((rep / "docs").glob("*.html"))) == sum(1 for d in docs if d["page"])
    for d in docs:
        if d["page"]:
            assert (rep / d["page"]).read_text() == (local_rep / d["page"]).read_text()

    # lose a part and its summaries, as after a crash: --resume redoes it, the index is whole
    os.remove(out / "part-00001.jsonl")
    os.remove(rep / "summaries" / "part-00001.jsonl")
    proc = run_cli(*args, "--resume", timeout=300)
    assert proc.returncode == 1, proc.stderr.decode()
    assert parse_index(rep) == (rules, docs)


def test_report_usage_errors(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": make_doc(1)}])
    out = str(tmp_path / "out.jsonl")
    proc = run_cli("batch", str(src), "-o", out, "--report", str(tmp_path / "r"), "--no-explain")
    assert proc.returncode == 2 and b"--report needs the removed spans" in proc.stderr
    proc = run_cli("batch", str(src), "-o", out, "--report-limit", "3")
    assert proc.returncode == 2 and b"--report-limit needs --report" in proc.stderr
    proc = run_cli("batch", str(src), "-o", out, "--report", str(tmp_path / "r"), "--report-limit", "-1")
    assert proc.returncode == 2 and b"--report-limit must be 0 or more" in proc.stderr
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    proc = run_cli("batch", str(src), "-o", out, "--report", str(foreign))
    assert proc.returncode == 2 and b"not empty" in proc.stderr
    assert files_under(foreign) == {"notes.txt"}
    assert not os.path.exists(out) and not os.path.exists(out + ".partial")

    # a fresh run into an earlier report clears only what the report wrote
    rep = tmp_path / "rep"
    assert run_cli("batch", str(src), "-o", out, "--report", str(rep)).returncode == 0
    stale = rep / "docs" / "9999999-old.html"
    stale.write_text("old")
    assert run_cli("batch", str(src), "-o", out, "--report", str(rep), "--overwrite").returncode == 0
    assert not stale.exists()
    _, docs = parse_index(rep)
    assert [d["id"] for d in docs] == ["a"]
    assert json.loads((rep / "summaries" / "local.jsonl").read_text())["id"] == "a"
