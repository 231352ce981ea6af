"""Every regex in cleaner/ finishes fast on hostile input (catastrophic backtracking audit).

The patterns are discovered, not listed (tests/reliability/regexes.py): module-level
compiled patterns, inline `re.*("...")` calls and the lexicons' RE2 patterns. Each gets
its hostile inputs (long runs of what it repeats, back-to-back copies of its repeated
groups, near misses) of 50,000 characters, through search() and finditer(). A
backtracking blow-up on that size takes minutes or forever, so the bound below is very
generous (not a speed test): it separates linear from catastrophic, not fast from slow.
The measuring runs in a subprocess with a timeout, so a pattern that hangs fails its
test instead of hanging the suite.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.regexes import discover

ROOT = Path(__file__).resolve().parents[2]
SIZE = 50_000
PER_INPUT_CAP = 5.0  # seconds for one search + finditer on a 50 kB hostile string (linear ones: < 1 s)
RUN_TIMEOUT = 900
PATTERNS = discover()


@pytest.fixture(scope="module")
def worst() -> dict[str, dict]:
    """name -> worst case, for every pattern the measuring process got through."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    try:
        proc = subprocess.run([sys.executable, "-m", "tests.reliability.regexes", "--size", str(SIZE)],
                              capture_output=True, text=True, cwd=ROOT, env=env, timeout=RUN_TIMEOUT)
        out = proc.stdout
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return {row["name"]: row for row in rows}


def test_discovery_finds_module_inline_and_lexicon_patterns():
    engines = {p.engine for p in PATTERNS}
    names = " ".join(p.name for p in PATTERNS)
    assert engines == {"re", "re2"}
    assert "cleaner.core.normalize." in names  # module level
    assert "matcher any_regex" in names  # every lexicon pattern, combined as the matcher runs them
    assert sum(p.name.startswith("matcher ") for p in PATTERNS) >= 50
    assert len(PATTERNS) >= 80


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name[:70] for p in PATTERNS])
def test_pattern_is_linear_on_hostile_input(pattern, worst):
    row = worst.get(pattern.name)
    assert row is not None, f"{pattern.name}: did not finish its hostile inputs within {RUN_TIMEOUT} s (hung?)"
    assert row["inputs"] >= 20
    assert row["seconds"] < PER_INPUT_CAP, f"{pattern.name}: {row['seconds']:.2f} s on {row['label']}"


def test_the_generator_finds_a_known_catastrophic_pattern():
    """The comment loop cleaner/batch/cli.py once had: (?:<!--.*?-->\\s*)* splits a run of
    "<!---->" between iterations in 2^n ways. The hostile inputs must include that run."""
    import re

    from tests.reliability.regexes import Pattern, hostile_inputs

    bad = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<html\b", re.I | re.S)
    inputs = dict(hostile_inputs(Pattern("bad", "re", bad.pattern, bad, True), 70))
    assert any(text.startswith("<!----><!---->") and not text.endswith(">") for text in inputs.values())
