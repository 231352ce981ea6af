"""`cleaner explain` in a real subprocess writes the report for a seed article."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from cleaner import clean

ROOT = Path(__file__).resolve().parents[2]
SEED = sorted((ROOT / "seeds").glob("000_*.txt"))[0]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cleaner", "explain", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_explain_writes_report_with_seed_rule_codes(tmp_path):
    out = tmp_path / "report.html"
    proc = _run(str(SEED), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    expected = clean(text=SEED.read_text(encoding="utf-8"))
    codes = {s.rule for s in expected.removed}
    assert codes
    tree = HTMLParser(out.read_text(encoding="utf-8"))
    marked = [m.attributes["data-rule"] for m in tree.css("mark.removed")]
    assert set(marked) == codes
    assert len(marked) == len(expected.removed)
    assert tree.css_first("h3.title").text() == expected.title
    assert tree.css("script") == []


def test_explain_default_output_and_disable(tmp_path):
    doc = tmp_path / "seed.txt"
    doc.write_bytes(SEED.read_bytes())
    proc = _run(str(doc), "--disable", "REL", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    tree = HTMLParser((tmp_path / "seed.explain.html").read_text(encoding="utf-8"))
    assert not [m for m in tree.css("mark.removed") if m.attributes["data-rule"].startswith("REL")]


def test_explain_missing_file_is_usage_error(tmp_path):
    proc = _run(str(tmp_path / "nope.txt"), cwd=tmp_path)
    assert proc.returncode == 2
    assert "cleaner explain" in proc.stderr
