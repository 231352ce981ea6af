"""Helpers for the batch CLI tests: run `python -m cleaner` as a real subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path



ROOT = Path(__file__).resolve().parents[2]

PARAGRAPHS = [
    "The city council approved the new budget on Tuesday after a long debate about "
    "funding for schools, roads and the public library, which had been cut last year.",
    "Officials said the plan would raise spending by four percent, and that most of the "
    "money would go to repairing bridges that engineers had called unsafe for years.",
    "Residents who spoke at the meeting were divided: some praised the investment in "
    "infrastructure, while others worried that property taxes would rise again soon.",
]
BOILERPLATE = ["Share on Facebook", "Share on Twitter", "Subscribe to our newsletter", "Advertisement"]


def make_doc(i: int) -> str:
    """An article with a headline, six body paragraphs and two boilerplate lines."""
    pairs = zip(PARAGRAPHS * 2, (PARAGRAPHS[1:] + PARAGRAPHS[:1]) * 2)
    body = "\n\n".join(
        f"{p} {q} In report {i}, section {k}, the paper noted it again." for k, (p, q) in enumerate(pairs)
    )
    return f"Council approves budget number {i}\n\n{BOILERPLATE[i % 4]}\n\n{body}\n\n{BOILERPLATE[(i + 1) % 4]}\n"


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cli_env(extra_pythonpath: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(ROOT)] + ([extra_pythonpath] if extra_pythonpath else [])
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def run_cli(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=env or cli_env(),
        timeout=timeout,
    )
