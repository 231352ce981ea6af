"""The batch CLI end to end: inputs, outputs, errors and exit codes (real subprocesses)."""
from __future__ import annotations

import gzip
import json
import lzma

import zstandard
from batch_helpers import cli_env, make_doc, read_jsonl, run_cli, write_jsonl

from cleaner import clean


def expected(rec: dict) -> dict:
    result = clean(text=rec["text"])
    return {"title": result.title, "text": result.text, "language": result.language}


def test_jsonl_results_match_clean_and_pass_fields_through(tmp_path, small_records):
    src = write_jsonl(tmp_path / "in.jsonl", small_records)
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "2", "--ordered")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [r["id"] for r in small_records]
    for rec, row in zip(small_records, rows):
        want = expected(rec)
        assert {k: row[k] for k in want} == want
        assert row["source"] == "test" and row["n"] == rec["n"]
        assert isinstance(row["removed"], list) and row["removed"], "boilerplate lines are explained"
        assert all({"rule", "reason", "start", "end", "text"} <= set(s) for s in row["removed"])
    assert not (tmp_path / "out.jsonl.partial").exists()
    summary = proc.stderr.decode()
    assert f"docs: {len(small_records)}" in summary and "errors: 0" in summary
    assert "docs/s" in summary and "removed spans:" in summary


def test_no_explain_and_unordered_keep_every_record(tmp_path, small_records):
    src = write_jsonl(tmp_path / "in.jsonl", small_records * 1)
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "2", "--no-explain", "--chunk-size", "1")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = read_jsonl(out)
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in small_records)
    assert all("removed" not in r for r in rows)
    # the summary still counts removals by rule with explain off
    assert "removed spans:" in proc.stderr.decode()


def test_stdin_input(tmp_path, small_records):
    data = "".join(json.dumps(r) + "\n" for r in small_records[:3]).encode()
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", "-", "-o", str(out), "--workers", "1", stdin=data)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["doc-0", "doc-1", "doc-2"]
    assert rows[0]["text"] == expected(small_records[0])["text"]


def test_compressed_inputs_read_transparently(tmp_path, small_records):
    raw = "".join(json.dumps(r) + "\n" for r in small_records).encode()
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "b.jsonl.xz").write_bytes(lzma.compress(raw))
    (tmp_path / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(raw))
    (tmp_path / "plain.jsonl").write_bytes(raw)
    base = run_cli("batch", str(tmp_path / "plain.jsonl"), "-o", str(tmp_path / "plain.out.jsonl"), "--workers", "1")
    assert base.returncode == 0, base.stderr.decode()
    want = read_jsonl(tmp_path / "plain.out.jsonl")
    for name in ("a.jsonl.gz", "b.jsonl.xz", "c.jsonl.zst"):
        out = tmp_path / f"{name}.out.jsonl"
        proc = run_cli("batch", str(tmp_path / name), "-o", str(out), "--workers", "2", "--ordered")
        assert proc.returncode == 0, (name, proc.stderr.decode())
        assert read_jsonl(out) == want, name


def test_folder_and_glob_of_text_and_html_files(tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "one.txt").write_text(make_doc(1), encoding="utf-8")
    (docs / "sub" / "two.txt").write_text(make_doc(2), encoding="utf-8")
    (docs / "three.txt.gz").write_bytes(gzip.compress(make_doc(3).encode()))
    (docs / "ignored.csv").write_text("a,b\n")
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(docs), "-o", str(out), "--workers", "2", "--ordered")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["one.txt", "sub/two.txt", "three.txt.gz"]
    assert rows[1]["text"] == clean(text=make_doc(2)).text
    assert rows[2]["text"] == clean(text=make_doc(3)).text

    # a glob: ids relative to the glob's fixed prefix; output as a folder of .txt files
    folder = tmp_path / "txt-out"
    proc = run_cli("batch", str(docs) + "/**/*.txt", "-o", str(folder), "--workers", "1")
    assert proc.returncode == 0, proc.stderr.decode()
    result = clean(text=make_doc(2))
    assert (folder / "sub" / "two.txt").read_text(encoding="utf-8") == f"{result.title}\n\n{result.text}\n"
    assert (folder / "one.txt").exists()
    assert (folder / "errors.jsonl").read_text() == ""


def test_html_file_record_is_processed_or_reported(tmp_path):
    """HTML goes to clean(html=...); whatever it does, the record comes out exactly once."""
    docs = tmp_path / "pages"
    docs.mkdir()
    (docs / "page.html").write_text("<html><body><p>" + make_doc(4) + "</p></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(docs), "-o", str(out), "--workers", "1")
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["page.html"]
    assert proc.returncode == (1 if "error" in rows[0] else 0)


def test_malformed_line_and_rejected_record_become_error_records(tmp_path, small_records):
    lines = [json.dumps(small_records[0]), "{not json", json.dumps({"id": "typed", "text": 123}),
             "", json.dumps({"id": "lang", "text": "x", "language": "not a language"}), json.dumps(small_records[1])]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "2", "--ordered")
    assert proc.returncode == 1, proc.stderr.decode()
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["doc-0", "in.jsonl:2", "typed", "lang", "doc-1"]
    assert rows[1]["line"] == 2 and "line 2" in rows[1]["error"] and "malformed JSON" in rows[1]["error"]
    assert set(rows[2]) == {"id", "error"} and "text must be str" in rows[2]["error"]
    assert "language" in rows[3]["error"]
    assert "error" not in rows[0] and "error" not in rows[4]
    assert "errors: 3" in proc.stderr.decode()


def test_exception_inside_clean_becomes_error_record(tmp_path, small_records):
    """A rule that raises (monkeypatched in the worker via sitecustomize) -> error record, exit 1."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import cleaner.api as api\n"
        "_orig = api.clean_text\n"
        "def boom(text, *a, **k):\n"
        "    if 'EXPLODE' in text:\n"
        "        raise RuntimeError('rule exploded')\n"
        "    return _orig(text, *a, **k)\n"
        "api.clean_text = boom\n"
    )
    recs = small_records[:4] + [{"id": "boom", "text": "EXPLODE " + make_doc(9), "keep": 1}] + small_records[4:6]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "2", "--ordered", env=cli_env(str(hook)))
    assert proc.returncode == 1, proc.stderr.decode()
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [r["id"] for r in recs]
    assert rows[4] == {"id": "boom", "error": "RuntimeError: rule exploded"}
    assert all("error" not in r for i, r in enumerate(rows) if i != 4)


def test_oversized_decompressed_line_is_bounded(tmp_path, small_records):
    """A compression bomb line is refused after max-record-bytes, as an error record."""
    bomb = json.dumps({"id": "bomb", "text": "A" * 5_000_000})
    raw = (json.dumps(small_records[0]) + "\n" + bomb + "\n" + json.dumps(small_records[1]) + "\n").encode()
    src = tmp_path / "bomb.jsonl.gz"
    src.write_bytes(gzip.compress(raw))
    assert src.stat().st_size < 50_000
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "1", "--max-record-bytes", "100000")
    assert proc.returncode == 1
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["doc-0", "bomb.jsonl.gz:2", "doc-1"]
    assert "longer than 100000 bytes" in rows[1]["error"]


def test_usage_errors_exit_2(tmp_path, small_records):
    src = write_jsonl(tmp_path / "in.jsonl", small_records[:1])
    assert run_cli("batch", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl")).returncode == 2
    assert run_cli("batch", str(src)).returncode == 2  # no -o
    bad = run_cli("batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--disable", "NOSUCHRULE")
    assert bad.returncode == 2 and b"disable" in bad.stderr
    assert run_cli("batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--workers", "0").returncode == 2
    assert not (tmp_path / "o.jsonl").exists()


def test_disable_and_preset_reach_options(tmp_path, small_records):
    src = write_jsonl(tmp_path / "in.jsonl", small_records[:3])
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "1", "--disable", "SHARE", "--preset", "conservative")
    assert proc.returncode == 0, proc.stderr.decode()
    from cleaner import Options

    opts = Options(disable="SHARE", preset="conservative")
    for rec, row in zip(small_records, read_jsonl(out)):
        res = clean(text=rec["text"], options=opts)
        assert row["text"] == res.text
        assert not any(s["rule"].startswith("SHARE") for s in row["removed"])


def test_resume_repairs_a_torn_last_line(tmp_path, small_records):
    src = write_jsonl(tmp_path / "in.jsonl", small_records)
    full = tmp_path / "full.jsonl"
    assert run_cli("batch", str(src), "-o", str(full), "--workers", "1").returncode == 0
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    partial.write_text("".join(lines[:5]) + lines[5][: len(lines[5]) // 2], encoding="utf-8")
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "2", "--resume")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "skipped (resumed): 5" in proc.stderr.decode()
    assert not partial.exists()
    rows = read_jsonl(out)
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in small_records)
    assert {r["id"]: r for r in rows} == {r["id"]: r for r in read_jsonl(full)}
    # resuming a finished output adds nothing
    again = run_cli("batch", str(src), "-o", str(out), "--resume")
    assert again.returncode == 0 and read_jsonl(out) == rows


def test_clean_command_text_json_and_html_detection(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(make_doc(5), encoding="utf-8")
    result = clean(text=make_doc(5))
    proc = run_cli("clean", str(doc))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode() == f"{result.title}\n\n{result.text}\n"
    proc = run_cli("clean", "-", "--json", stdin=make_doc(5).encode())
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == json.loads(result.model_dump_json())
    # --format json still prints the whole result, now with the body's blocks (docs/formats.md)
    proc = run_cli("clean", "-", "--format", "json", stdin=make_doc(5).encode())
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == json.loads(clean(text=make_doc(5), options={"format": "json"}).model_dump_json())
    assert run_cli("clean", str(tmp_path / "nope.txt")).returncode == 2

    from cleaner.batch.cli import looks_like_html

    assert looks_like_html(b"<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html(b"\n  <html lang='en'><head></head></html>")
    assert not looks_like_html(make_doc(5).encode())
    assert not looks_like_html(b"Use the <b> tag for bold.")


def test_progress_only_when_asked_or_on_a_tty(tmp_path, small_records):
    src = write_jsonl(tmp_path / "in.jsonl", small_records)
    quiet = run_cli("batch", str(src), "-o", str(tmp_path / "a.jsonl"), "--workers", "1")
    assert quiet.returncode == 0 and b"\r" not in quiet.stderr and b"ETA" not in quiet.stderr
    shown = run_cli("batch", str(src), "-o", str(tmp_path / "b.jsonl"), "--workers", "1", "--progress", "always")
    assert shown.returncode == 0
    bar = shown.stderr.decode()
    assert "\r" in bar and "docs/s" in bar and "ETA" in bar and "100.0%" in bar


def test_worker_killed_mid_chunk_blames_only_its_record(tmp_path, small_records):
    """A record that kills its worker process (like an OOM kill) -> that record's error;
    the pool is replaced and every other record, in flight beside it or after, is cleaned."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os\n"
        "import cleaner.api as api\n"
        "_orig = api.clean_text\n"
        "def die(text, *a, **k):\n"
        "    if 'KILLWORKER' in text:\n"
        "        os._exit(9)\n"
        "    return _orig(text, *a, **k)\n"
        "api.clean_text = die\n"
    )
    recs = [{"id": f"k{i}", "text": make_doc(i), "language": "en"} for i in range(20)]
    recs[9] = {"id": "killer", "text": "KILLWORKER " + make_doc(9)}
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    out = tmp_path / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out), "--workers", "2", "--ordered", "--chunk-size", "3",
                   env=cli_env(str(hook)))
    assert proc.returncode == 1, proc.stderr.decode()
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [r["id"] for r in recs]
    assert set(rows[9]) == {"id", "error"} and "BrokenProcessPool" in rows[9]["error"]
    assert all("error" not in r for i, r in enumerate(rows) if i != 9)
    assert "errors: 1" in proc.stderr.decode()


def test_unpaired_surrogates_neither_crash_the_run_nor_change_values(tmp_path, small_records):
    """A "\\ud800" escape decodes to a character UTF-8 cannot hold: JSONL output keeps it
    escaped (the line reads back to the input's value); a .txt file cannot, so that
    record becomes an error record and the others are written."""
    odd = {"id": "odd", "text": make_doc(3).replace("public library", "public \ud800 library"), "meta": "x\udfffy"}
    recs = [small_records[0], odd, small_records[1]]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="ascii")
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}.jsonl"
        proc = run_cli("batch", str(src), "-o", str(out), "--workers", workers, "--ordered")
        assert proc.returncode == 0, proc.stderr.decode()
        rows = [json.loads(line) for line in out.read_bytes().decode("utf-8").splitlines()]
        assert [r["id"] for r in rows] == ["doc-0", "odd", "doc-1"]
        assert rows[1]["meta"] == "x\udfffy" and "\ud800" in rows[1]["text"]
    folder = tmp_path / "txt"
    proc = run_cli("batch", str(src), "-o", str(folder), "--workers", "2")
    assert proc.returncode == 1, proc.stderr.decode()
    errors = read_jsonl(folder / "errors.jsonl")
    assert [e["id"] for e in errors] == ["odd"] and "not writable as UTF-8" in errors[0]["error"]
    assert sorted(p.name for p in folder.glob("*.txt")) == ["doc-0.txt", "doc-1.txt"]


def test_derived_flags_reach_clean_in_a_real_process():
    page = make_doc(3).encode()
    default = json.loads(run_cli("clean", "-", "--format", "json", stdin=page).stdout)
    kept = json.loads(run_cli("clean", "-", "--format", "json", "--keep-title", "--no-explain",
                              "--preset", "conservative", stdin=page).stdout)
    assert default["title"] and default["paragraphs"][0] != default["title"] and default["removed"]
    assert kept["paragraphs"][0] == kept["title"] == default["title"] and kept["removed"] == []
    refused = run_cli("clean", "-", "--max-lines", "0", stdin=page)
    assert refused.returncode == 2 and b"--max-lines: Input should be greater than or equal to 1" in refused.stderr
