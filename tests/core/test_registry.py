"""The rule registry: well-formed unique codes, documented rules, lexicon coverage, and `cleaner rules`."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.core.lexicon import lexicon_languages, PHRASE_MODES
from cleaner.core.rules import resolve_selector, rule_languages
from cleaner.core.rules.lexicons import load_lexicon
from cleaner.core.rules import RULES
from cleaner.core.rules.registry import FAMILIES, Rule, register

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"^([A-Z]+)(\d{3})$")


def test_codes_are_well_formed_and_keyed_by_themselves():
    assert RULES
    for key, rule in RULES.items():
        assert key == rule.code
        match = CODE.match(rule.code)
        assert match, rule.code
        assert match.group(1) in FAMILIES, rule.code
        assert rule.family == match.group(1)


def test_codes_and_names_are_unique():
    codes = [rule.code for rule in RULES.values()]
    names = [rule.name for rule in RULES.values()]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]


def test_every_rule_has_a_summary_and_a_kebab_case_name():
    for rule in RULES.values():
        assert rule.summary.strip(), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.code
        assert rule.kind in ("phrase", "code", "heuristic", "html"), rule.code


def test_every_phrase_rule_has_lexicon_entries():
    phrase_rules = [rule for rule in RULES.values() if rule.kind == "phrase"]
    assert phrase_rules
    for rule in phrase_rules:
        entries = [value for lang in lexicon_languages()
                   for key, values in load_lexicon(lang).get(rule.code, {}).items() if key in PHRASE_MODES
                   for value in values]
        assert entries, f"{rule.code} has no phrase in any lexicon"
        assert rule_languages(rule), rule.code


def test_code_rules_have_checks_or_are_run_by_the_pipeline():
    for rule in RULES.values():
        if rule.kind == "code" and rule.check is None:
            assert rule.family == "TITLE", f"{rule.code}: a code rule without a check"


def test_byline_prefixes_exist_for_every_lexicon():
    for lang in lexicon_languages():
        assert load_lexicon(lang).get("BYL001", {}).get("prefix"), lang


def test_duplicate_or_malformed_codes_are_refused():
    existing = next(iter(RULES.values()))
    with pytest.raises(ValueError):
        register(Rule(existing.code, "some-other-name", "x", "phrase"))
    with pytest.raises(ValueError):
        register(Rule("NOPE001", "nope", "x", "phrase"))
    with pytest.raises(ValueError):
        register(Rule("NEWS1", "short-code", "x", "phrase"))
    assert "NOPE001" not in RULES and "NEWS1" not in RULES


def test_selectors_resolve_codes_and_prefixes():
    assert resolve_selector("news") == "NEWS"
    assert resolve_selector("CAP002") == "CAP002"
    with pytest.raises(ValueError):
        resolve_selector("BOGUS")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", "rules", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_lists_every_code():
    proc = _cli()
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0] for line in proc.stdout.splitlines() if line and not line[0].isspace()}
    assert set(RULES) <= listed


def test_cli_json_describes_every_rule():
    proc = _cli("--format", "json")
    assert proc.returncode == 0, proc.stderr
    described = {item["code"]: item for item in json.loads(proc.stdout)}
    assert set(described) == set(RULES)
    for code, item in described.items():
        assert item["summary"] == RULES[code].summary
        assert item["family"] == RULES[code].family
    assert set(described["NEWS001"]["languages"]) == set(lexicon_languages())


def test_cli_selector_and_unknown_selector():
    proc = _cli("NEWS")
    assert proc.returncode == 0, proc.stderr
    codes = {line.split()[0] for line in proc.stdout.splitlines() if line and not line[0].isspace()}
    assert codes == {code for code in RULES if code.startswith("NEWS")}
    bad = _cli("BOGUS")
    assert bad.returncode != 0
    assert "BOGUS" in bad.stderr
