"""The bad-input table of docs/reliability.md: each input, through the library, the
service and the batch CLI, described by what actually happens.

Used by tests/reliability/test_bad_inputs.py (which asserts each outcome) and by
bench/bad_inputs.py (which prints the table). Every run is real: `clean()` in process,
HTTP to a real uvicorn, `cleaner batch` as a subprocess.
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tests.reliability.hostile import attribute_flood, deep_json, ratio_bomb, surrogate_json

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ("The city council approved the new budget on Tuesday after a long debate about funding for "
           "schools, roads and the public library, which had been cut last year.")
MIXED = "\n\n".join([
    "Weltweit steigen die Preise für Energie weiter, sagte die Ministerin am Dienstag in Berlin vor Journalisten.",
    "Цены на энергию продолжают расти во всём мире, заявила министр во вторник на пресс-конференции.",
    "世界各地的能源价格继续上涨，部长周二在柏林对记者表示，政府将采取措施。",
    "The minister said on Tuesday that energy prices keep rising worldwide and the government will act.",
])
RTL = "\n\n".join([
    "ارتفعت أسعار الطاقة في جميع أنحاء العالم مرة أخرى، وقالت الوزيرة يوم الثلاثاء في برلين إن الحكومة ستتخذ إجراءات.",
    "מחירי האנרגיה ממשיכים לעלות בכל העולם, אמרה השרה ביום שלישי בברלין, והממשלה תפעל בקרוב.",
    "وأضافت أن الأسر ذات الدخل المحدود ستحصل على دعم مباشر خلال فصل الشتاء المقبل بحسب الخطة الجديدة.",
])
PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"4 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\n" + bytes(range(256)) * 8 + b"\nendstream\nendobj\n"
       b"xref\n0 5\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


@dataclass(frozen=True)
class Case:
    name: str  # the table's row
    mode: str  # "text" or "html"; "json": make() is a whole JSON document (a body, a JSONL line)
    make: Callable[[], str | bytes]


def deep_html(depth: int = 10_000) -> str:
    return f"<html><body>{'<div>' * depth}<p>{ARTICLE}</p>{'</div>' * depth}</body></html>"


CASES = [
    Case("empty", "text", lambda: ""),
    Case("whitespace only", "text", lambda: " \n\t\u00a0\n\u200b \r\n"),
    Case("50 MB", "text", lambda: (ARTICLE + "\n\n") * (50_000_000 // (len(ARTICLE) + 2))),
    Case("invalid UTF-8", "text", lambda: ARTICLE.encode() + b" caf\xe9 \xff\xfe " + ARTICLE.encode()),
    Case("NUL bytes", "text", lambda: f"Headline\x00here\n\n{ARTICLE}\x00{ARTICLE}\n\n\x00\x00\x00"),
    Case("1 MB on one line", "text", lambda: (ARTICLE + " ") * (1_000_000 // (len(ARTICLE) + 1))),
    Case("100k lines", "text", lambda: "\n".join(f"Line {i} of a very long listing page" for i in range(100_000))),
    Case("10k-deep nesting", "html", deep_html),
    Case("zip bomb in a gzip JSONL", "text", lambda: "A" * 100_000_000),  # 100 MB of "A", ~100 kB gzipped
    Case("binary PDF bytes", "text", lambda: PDF),
    Case("mixed scripts", "text", lambda: MIXED),
    Case("RTL text", "text", lambda: RTL),
    Case("100k-deep JSON", "json", lambda: deep_json(100_000)),
    Case("lone surrogate in text", "json", lambda: surrogate_json("text", ARTICLE)),
    Case("lone surrogate in url", "json", lambda: surrogate_json("url", ARTICLE)),
    Case("200k attributes on one element", "html", lambda: attribute_flood(200_000, ARTICLE)),
    Case("20 records of 60 MB in a 1.2 MB gzip", "text", lambda: ""),  # batch only: see run_batch
    Case("a short note the heuristics would empty", "text", lambda: "Headline\n\nBody paragraph."),
]
# Rows that only a file input can carry: the library and the service take documents.
BATCH_ONLY = ("zip bomb in a gzip JSONL", "20 records of 60 MB in a 1.2 MB gzip")


def _summary(result) -> str:
    warnings = f", warning {result.warnings[0].split(':')[0]}" if result.warnings else ""
    return f"cleaned: {len(result.text):,} chars kept, language {result.language}{warnings}"


# ---- library ----------------------------------------------------------------------------

def run_library(case: Case) -> str:
    from cleaner import clean
    from cleaner.errors import CleanerError

    if case.name in BATCH_ONLY:
        return "n/a: clean() takes text, not compressed files"
    data = case.make()
    try:
        document = json.loads(data) if case.mode == "json" else {case.mode: data}
    except (ValueError, RecursionError) as exc:
        return f"n/a: no document to call clean() with ({type(exc).__name__})"
    try:
        result = clean(**document)
    except CleanerError as exc:
        return f"{type(exc).__name__}: {_short(str(exc))}"
    return _summary(result)


# ---- service ----------------------------------------------------------------------------

def run_service(client, case: Case) -> str:
    import httpx

    if case.name == "20 records of 60 MB in a 1.2 MB gzip":
        return "n/a: a body is one document (the zip bomb row is the service's case)"
    data = case.make()
    kinds = {"text": "text/plain; charset=utf-8", "html": "text/html", "json": "application/json"}
    headers = {"Content-Type": kinds[case.mode]}
    if case.name == "zip bomb in a gzip JSONL":
        data = gzip.compress(data.encode() if isinstance(data, str) else data)
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    body = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    try:
        response = client.post("/v1/clean", content=body, headers=headers)
    except httpx.HTTPError as exc:  # the server may close the connection on an oversized upload
        return f"connection closed: {type(exc).__name__}"
    if response.status_code != 200:
        error = response.json()["error"]
        return f"{response.status_code} {error['code']}: {_short(error['message'])}"
    reply = response.json()
    warnings = f", warning {reply['warnings'][0].split(':')[0]}" if reply.get("warnings") else ""
    return f"200: {len(reply['text']):,} chars kept, language {reply['language']}{warnings}"


# ---- batch ------------------------------------------------------------------------------

def run_batch(workdir: Path) -> dict[str, str]:
    """One `cleaner batch` run over every case: text cases as JSONL records (bytes ones as
    .txt files, JSONL cannot carry them), the zip bomb as a gzip JSONL input of its own."""
    jsonl = workdir / "cases.jsonl"
    files = workdir / "files"
    files.mkdir(exist_ok=True)
    ids: dict[str, str] = {}
    lineno = 0
    unread: dict[str, str] = {}
    with open(jsonl, "w", encoding="utf-8") as out:
        for i, case in enumerate(CASES):
            if case.name == "zip bomb in a gzip JSONL":
                bomb = json.dumps({"id": "bomb", "text": case.make()}).encode()
                (workdir / "bomb.jsonl.gz").write_bytes(gzip.compress(bomb + b"\n" + json.dumps({"id": "after-bomb", "text": ARTICLE}).encode() + b"\n", 9))
                ids[case.name] = "bomb.jsonl.gz:1"
                continue
            if case.name == "20 records of 60 MB in a 1.2 MB gzip":
                good = [json.dumps({"text": ARTICLE}).encode()]
                (workdir / "bombs.jsonl.gz").write_bytes(ratio_bomb(20, 60_000_000, good))
                ids[case.name] = "bombs.jsonl.gz:2"  # line 1 is a good record, then a bomb
                continue
            data = case.make()
            if isinstance(data, bytes) and case.mode != "json":
                name = f"case{i}.txt"
                (files / name).write_bytes(data)
                ids[case.name] = name
                continue
            lineno += 1
            if case.mode == "json":  # the line as made; an id-less line's id is FILE:LINE
                out.write(data.decode("ascii") + "\n")
                ids[case.name] = f"cases.jsonl:{lineno}"
                continue
            out.write(json.dumps({"id": f"case{i}", case.mode: data}, ensure_ascii=False) + "\n")
            ids[case.name] = f"case{i}"
            unread[f"case{i}"] = f"cases.jsonl:{lineno}"  # the id of a line refused unparsed
    target = workdir / "out.jsonl"
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "cleaner", "batch", str(jsonl), str(workdir / "bomb.jsonl.gz"),
                           str(workdir / "bombs.jsonl.gz"), str(files), "-o", str(target), "--workers", "2"],
                          capture_output=True, cwd=ROOT, timeout=900)
    elapsed = time.monotonic() - start
    rows = {row["id"]: row for row in map(json.loads, target.read_text(encoding="utf-8").splitlines())}
    outcomes = {}
    for name, rid in ids.items():
        row = rows.get(rid) or rows.get(unread.get(rid, ""))
        if row is None:
            outcomes[name] = "MISSING from the output"
        elif "error" in row:
            outcomes[name] = f"error record: {_short(row['error'])}"
        else:
            outcomes[name] = f"record: {len(row['text']):,} chars kept, language {row['language']}"
    kept = sum(1 for rid in rows if rid.startswith("bombs.jsonl.gz:") and "error" not in rows[rid])
    outcomes["_run"] = (f"exit {proc.returncode}, {len(rows)} records out ({'after-bomb' in rows and 'the record after the bomb kept' or ''}), "
                        f"{kept} good records among the 60 MB ones kept, {elapsed:.0f} s")
    return outcomes


# ---- the output path (batch only) --------------------------------------------------------

OUTPUT_CASES = ("output is the input", "output exists, no --resume or --overwrite")


def run_output_case(name: str, workdir: Path) -> str:
    """`cleaner batch` pointed at an output it must not write; the input must stay as it was."""
    source = workdir / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    target = source if name == "output is the input" else workdir / "out.jsonl"
    if target != source:
        target.write_text("earlier run\n", encoding="utf-8")
    before = (source.read_bytes(), target.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "cleaner", "batch", str(source), "-o", str(target), "--workers", "1"],
                          capture_output=True, cwd=ROOT, timeout=120)
    untouched = (source.read_bytes(), target.read_bytes()) == before
    message = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    message = message[0].replace(str(workdir), "DIR")
    return f"exit {proc.returncode}, {'files untouched' if untouched else 'FILES CHANGED'}: {_short(message, 150)}"


def _short(message: str, limit: int = 90) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"
