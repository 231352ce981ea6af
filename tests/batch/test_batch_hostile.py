"""Hostile records and outputs through a real `cleaner batch` subprocess (issue #20): each
bad record is one error record, every other record is cleaned, nothing is lost or written
twice, and an output that would destroy something is refused before anything is read."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import psutil
import pytest
from batch_helpers import ROOT, cli_env, make_doc, read_jsonl, run_cli, write_jsonl

from tests.reliability.hostile import deep_json, ratio_bomb, surrogate_json


def _hostile_jsonl(path) -> list[str]:
    """Good records around a 100,000-deep line and lone surrogates in text, url and id;
    the ids the output must hold, once each."""
    lines = [json.dumps({"id": "a", "text": make_doc(1)}).encode(), deep_json(100_000),
             surrogate_json("text", make_doc(2), id="s-text"), surrogate_json("url", make_doc(3), id="s-url"),
             b'{"id": "s-id\\udc00", "text": "' + make_doc(4).replace("\n", "\\n").encode() + b'"}',
             json.dumps({"id": "z", "text": make_doc(5)}).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return ["a", "in.jsonl:2", "s-text", "s-url", "s-id\udc00", "z"]


@pytest.mark.parametrize("engine", ["local-1", "local-2", "dask"])
def test_deep_json_and_surrogates_fail_alone(tmp_path, engine):
    ids = _hostile_jsonl(tmp_path / "in.jsonl")
    out = tmp_path / ("out" if engine == "dask" else "out.jsonl")
    args = ["--engine", "dask", "--workers", "1"] if engine == "dask" else ["--workers", engine[-1]]
    proc = run_cli("batch", str(tmp_path / "in.jsonl"), "-o", str(out), *args, "--report", str(tmp_path / "rep"))
    assert proc.returncode == 1, proc.stderr.decode()[-2000:]  # exit 1: one error record
    rows = read_jsonl(out) if engine != "dask" else [r for p in sorted(out.glob("part-*.jsonl")) for r in read_jsonl(p)]
    assert sorted(r["id"] for r in rows) == sorted(ids)
    by_id = {r["id"]: r for r in rows}
    assert "nested deeper than 200 levels" in by_id["in.jsonl:2"]["error"]
    assert "\ud800" in (by_id["s-text"]["title"] or "") + by_id["s-text"]["text"]  # the headline holds it
    assert by_id["s-url"]["url"] == "\ud800"
    assert all("error" not in r for rid, r in by_id.items() if rid != "in.jsonl:2")
    assert (tmp_path / "rep" / "index.html").exists()


def test_resume_moves_past_a_deep_line(tmp_path):
    """A run interrupted just after the deep line's error record (the state is built from a
    whole run's output): --resume parses the line to skip it, does not stop at it, and
    every id is written once."""
    ids = _hostile_jsonl(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    assert run_cli("batch", str(tmp_path / "in.jsonl"), "-o", str(out), "--workers", "1", "--ordered").returncode == 1
    done = out.read_bytes().splitlines(keepends=True)
    out.unlink()
    partial.write_bytes(b"".join(done[:2]))  # "a" and the deep line's error record were written
    proc = run_cli("batch", str(tmp_path / "in.jsonl"), "-o", str(out), "--workers", "1", "--ordered", "--resume")
    assert proc.returncode == 1 and b"skipped (resumed): 2" in proc.stderr, proc.stderr.decode()[-2000:]
    assert [r["id"] for r in read_jsonl(out)] == ids


def test_txt_ids_that_cannot_be_files_fail_alone(tmp_path):
    """A .txt folder output: an id with a lone surrogate, a too-long id, an id naming a
    folder where another id's file is: error lines in errors.jsonl, the rest written."""
    text = make_doc(1)
    lines = [json.dumps({"id": "a.txt", "text": text}), json.dumps({"id": "a.txt/b", "text": text}),
             json.dumps({"id": "x" * 300, "text": text}), '{"id": "s\\ud800", "text": "ok"}',
             json.dumps({"id": "z", "text": text})]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    proc = run_cli("batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out"), "--workers", "1")
    assert proc.returncode == 1 and b"errors: 3" in proc.stderr, proc.stderr.decode()[-2000:]
    errors = {r["id"]: r["error"] for r in read_jsonl(tmp_path / "out" / "errors.jsonl")}
    assert set(errors) == {"a.txt/b", "x" * 300, "s\ud800"}
    assert "file not written" in errors["a.txt/b"] and "longer than 255 bytes" in errors["x" * 300]
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"a.txt", "z.txt", "errors.jsonl"}


@pytest.mark.parametrize("layout", ["jsonl", "txt", "dask"])
def test_an_output_holding_an_input_is_refused(tmp_path, layout):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(make_doc(1))
    write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": make_doc(1)}])
    before = {p: p.read_bytes() for p in (docs / "a.txt", tmp_path / "in.jsonl")}
    if layout == "jsonl":
        os.link(tmp_path / "in.jsonl", tmp_path / "link.jsonl")
        runs = [("in.jsonl", str(tmp_path / "in.jsonl")), ("in.jsonl", str(tmp_path / "link.jsonl")),
                ("in.jsonl", "--resume", str(tmp_path / "in.jsonl")), ("in.jsonl", "--overwrite", str(tmp_path / "in.jsonl"))]
    else:
        extra = ("--engine", "dask") if layout == "dask" else ()
        runs = [(str(docs), *extra, str(docs)), (str(docs / "a.txt"), *extra, str(tmp_path))]
    for *inputs, output in runs:
        inputs = [str(tmp_path / i) if i == "in.jsonl" else i for i in inputs]
        proc = run_cli("batch", *inputs, "-o", output)
        assert proc.returncode == 2, (inputs, proc.stderr.decode())
        assert b"write the output elsewhere" in proc.stderr
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize("layout", ["jsonl", "partial", "txt", "dask"])
def test_an_existing_output_needs_resume_or_overwrite(tmp_path, layout):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": make_doc(1)}])
    out = tmp_path / ("out.jsonl" if layout in ("jsonl", "partial") else "out")
    extra = ["--engine", "dask", "--workers", "1"] if layout == "dask" else ["--workers", "1"]
    earlier = out.with_name("out.jsonl.partial") if layout == "partial" else out
    if layout in ("txt", "dask"):
        out.mkdir()
        earlier = out / "notes.txt"
    earlier.write_text("an earlier run's output\n")
    proc = run_cli("batch", str(src), "-o", str(out), *extra)
    assert proc.returncode == 2 and b"--overwrite" in proc.stderr and b"--resume" in proc.stderr
    assert earlier.read_text() == "an earlier run's output\n"
    assert run_cli("batch", str(src), "-o", str(out), *extra, "--resume", "--overwrite").returncode == 2
    proc = run_cli("batch", str(src), "-o", str(out), *extra, "--overwrite")
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    written = read_jsonl(out) if layout in ("jsonl", "partial") else None
    if written is not None:
        assert [r["id"] for r in written] == ["a"]
    elif layout == "txt":
        assert (out / "a.txt").exists()
    else:
        assert json.loads((out / "manifest.json").read_text())["records"] == 1


def test_oversized_records_are_refused_while_read_in_bounded_memory(tmp_path):
    """A 1.2 MB gzip whose 20 records each decompress to 60 MB (issue #20: 1.8 GB, then
    2.9 GB measured): each is one error record, the good records between them are
    cleaned, and the batch's whole process tree stays under 600 MB."""
    good = [json.dumps({"text": make_doc(i)}).encode() for i in range(3)]
    (tmp_path / "bombs.jsonl.gz").write_bytes(ratio_bomb(20, 60_000_000, good))
    out = tmp_path / "out.jsonl"
    proc = psutil.Popen([sys.executable, "-m", "cleaner", "batch", str(tmp_path / "bombs.jsonl.gz"), "-o", str(out),
                         "--workers", "2"], cwd=ROOT, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = _peak_tree_rss(proc, deadline=time.monotonic() + 120)
    assert proc.returncode == 1, proc.stderr.read().decode()[-2000:]
    rows = read_jsonl(out)
    errors = [r for r in rows if "error" in r]
    assert len(rows) == 40 and len(errors) == 20
    assert all("line longer than" in r["error"] for r in errors)
    assert {r["id"] for r in errors} == {f"bombs.jsonl.gz:{2 * i + 2}" for i in range(20)}
    assert peak < 600 << 20, f"peak RSS {peak >> 20} MB"


def _peak_tree_rss(proc: psutil.Popen, deadline: float) -> int:
    """The largest RSS of the process and its children summed, sampled until it exits."""
    peak = 0
    while proc.poll() is None:
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("batch run did not finish")
        try:
            total = sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except psutil.Error:  # a child exited between the listing and the reading
            continue
        peak = max(peak, total)
        time.sleep(0.02)
    return peak


def test_learn_and_apply_with_lone_surrogates_and_deep_lines(tmp_path):
    """`cleaner learn` stored lines holding lone surrogates in SQLite (UTF-8) and stopped:
    now they are learned (the sample keeps the escape), a deep line is an error, and
    `cleaner batch --profiles` applies what was learned."""
    lines = [surrogate_json("text", f"Site menu here\n\n{make_doc(i)}\n\nFooter line of the site", id=f"d{i}",
                            url=f"https://example.com/{i}") for i in range(12)]
    (tmp_path / "in.jsonl").write_bytes(b"\n".join([*lines, deep_json(5000, "url")]) + b"\n")
    db = str(tmp_path / "p.db")
    learned = run_cli("learn", str(tmp_path / "in.jsonl"), "--profiles", db)
    assert learned.returncode == 1 and b"nested deeper than 200" in learned.stderr, learned.stderr.decode()[-2000:]
    shown = run_cli("profiles", "show", "example.com", "--profiles", db)
    assert shown.returncode == 0 and b"Footer line of the site" in shown.stdout
    out = tmp_path / "out.jsonl"
    assert run_cli("batch", str(tmp_path / "in.jsonl"), "-o", str(out), "--profiles", db).returncode == 1
    rows = {r["id"]: r for r in read_jsonl(out)}
    assert len(rows) == 13 and all("error" not in rows[f"d{i}"] for i in range(12))
    assert all(any(s["rule"] == "SITE001" for s in rows[f"d{i}"]["removed"]) for i in range(12))


def test_explain_refuses_to_write_over_its_input(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(make_doc(1))
    for target in (page, tmp_path / "." / "page.txt"):
        proc = run_cli("explain", str(page), "-o", str(target))
        assert proc.returncode == 2 and b"is the input" in proc.stderr
    assert page.read_text() == make_doc(1)
