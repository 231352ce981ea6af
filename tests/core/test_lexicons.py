"""Lexicons: all load, every regex is anchored RE2, hostile input runs through, seeds stay perfect."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import re2

import cleaner.core.rules  # noqa: F401  (registers every rule)
from cleaner.core.lexicon import LexiconError, check_pattern, lexicon_languages
from cleaner.core.rules.lexicons import load_all, load_lexicon
from cleaner.core.normalize import fold
from cleaner.core.rules.match import matcher_for
from cleaner.core.rules.registry import RULES

ROOT = Path(__file__).resolve().parents[2]
LEXICON_DIR = ROOT / "cleaner" / "core" / "lexicon"
SEEDCHECK = ROOT.parent / "shared" / "tools" / "seedcheck.py"
NEW_LANGUAGES = ("fr", "es", "it", "pt", "nl", "pl")
HUGE = 100_000


def _patterns() -> list:
    out = []
    for lang in lexicon_languages():
        for code, entry in load_lexicon(lang).items():
            for i, pattern in enumerate(entry.get("regex", ())):
                out.append(pytest.param(lang, code, pattern, id=f"{lang}-{code}-{i}"))
    return out


def test_every_lexicon_loads():
    load_all()
    assert {"en", "de", *NEW_LANGUAGES} <= set(lexicon_languages())


@pytest.mark.parametrize("lang", NEW_LANGUAGES + ("de",))
def test_lexicon_covers_every_phrase_code_of_english(lang):
    english = {code for code in load_lexicon("en") if RULES[code].kind == "phrase" or code == "BYL001"}
    assert english <= set(load_lexicon(lang)), sorted(english - set(load_lexicon(lang)))


@pytest.mark.parametrize("lang", sorted(p.stem for p in LEXICON_DIR.glob("??.toml")))
def test_entries_are_lower_case_and_not_repeated_within_a_key(lang):
    raw = tomllib.loads((LEXICON_DIR / f"{lang}.toml").read_text(encoding="utf-8"))
    for code, body in raw.items():
        for key, values in body.items():
            if key == "regex":
                continue
            assert len(values) == len(set(values)), f"{lang} [{code}].{key}: repeated entries"
            for value in values:
                assert value == value.lower(), f"{lang} [{code}].{key}: {value!r}"
                assert fold(value), f"{lang} [{code}].{key}: {value!r} folds to nothing"


@pytest.mark.parametrize("lang, code, pattern", _patterns())
def test_regex_is_anchored_and_compiles_under_re2(lang, code, pattern):
    assert pattern.startswith("^") or pattern.endswith("$"), pattern
    re2.compile(pattern)
    check_pattern(pattern, f"{lang} [{code}]")


def test_unanchored_or_invalid_regex_is_refused():
    with pytest.raises(LexiconError):
        check_pattern("newsletter", "test")
    with pytest.raises(LexiconError):
        check_pattern("^(unclosed", "test")
    with pytest.raises(LexiconError):
        check_pattern("^(?=lookahead)", "test")  # not RE2


def _repeated_chars(pattern: str) -> str:
    """Characters a pattern can repeat: the members of its classes and its literal letters."""
    chars = set()
    for cls in re.findall(r"\[([^\]]*)\]", pattern):
        body = cls.replace("\\s", " ").replace("\\d", "7").replace("\\pL", "é").replace("\\p{Lu}", "É")
        chars.update(c for c in body if c not in "\\^")
    chars.update(c for c in pattern if c.isalnum())
    chars.update(" 7.:/-é")
    return "".join(sorted(chars))


def _hostile(pattern: str) -> list[str]:
    chars = _repeated_chars(pattern)
    runs = [c * HUGE for c in chars[:12]]
    mixed = (chars * (HUGE // max(1, len(chars)) + 1))[:HUGE]
    literal = re.sub(r"\\[a-zA-Z]|[\\^$()?*+{}\[\]|]", "", pattern)[:40]
    return runs + [mixed, literal + mixed, mixed + literal, ("1 " * HUGE)[:HUGE], ("Ab " * HUGE)[:HUGE]]


@pytest.mark.parametrize("lang, code, pattern", _patterns())
def test_hostile_input_runs_through_each_regex(lang, code, pattern):
    compiled = re2.compile(pattern)
    for text in _hostile(pattern):
        compiled.search(text)  # must simply finish: RE2 is linear-time


@pytest.mark.parametrize("lang", sorted(p.stem for p in LEXICON_DIR.glob("??.toml")))
def test_hostile_input_runs_through_the_matcher(lang):
    matcher = matcher_for((lang, "en") if lang != "en" else ("en",))
    patterns = [p for code, entry in load_lexicon(lang).items() for p in entry.get("regex", ())]
    texts = {text for pattern in patterns for text in _hostile(pattern)[-5:]}
    texts |= {"© " * (HUGE // 2), "Foto: " + "A" * HUGE, "newsletter " * (HUGE // 11), "x" * HUGE + " ©"}
    for text in texts:
        words = len(re.findall(r"\w+", text))
        matcher.find(text, fold(text), words)
        short = text[:390]  # regexes read only short blocks: feed them one at the limit too
        matcher.find(short, fold(short), len(re.findall(r"\w+", short)))


@pytest.mark.skipif(not SEEDCHECK.exists(), reason="shared seed tools not present")
def test_seeds_stay_perfect():
    proc = subprocess.run([sys.executable, str(SEEDCHECK)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "seeds: all perfect" in proc.stdout, proc.stdout[-2000:] + proc.stderr[-2000:]
