"""`language=`: the codes cleaner can act on are accepted (with a region), others refused
by name, in the library (InvalidInput) and the CLI (usage error, exit 2)."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources

import pytest

from cleaner import InvalidInput, clean
from cleaner.core.language import normalize_code
from cleaner.core.language_codes import supported_languages
from cleaner.core.lexicon import lexicon_languages, stopword_languages

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SENTENCE = "The council approved the budget on Tuesday after a long debate about the schools."


def test_supported_codes_are_what_detection_returns_and_what_data_exists_for():
    profiles = {normalize_code(p.name) for p in (resources.files("langdetect") / "profiles").iterdir()}
    supported = set(supported_languages())
    assert profiles <= supported and set(lexicon_languages()) <= supported and set(stopword_languages()) <= supported
    assert {"en", "de", "zh", "ja"} <= supported and "xx" not in supported
    assert list(supported_languages()) == sorted(supported)


@pytest.mark.parametrize(("given", "used"), [("de", "de"), ("de-AT", "de"), ("pt_BR", "pt"), (" EN ", "en"),
                                              ("zh-Hant-TW", "zh"), ("ja", "ja")])
def test_supported_codes_with_or_without_region_are_used(given, used):
    assert clean(text=SENTENCE, language=given).language == used


@pytest.mark.parametrize("given", ["xx-yy", "xx", "klingon", "english", "en-", "e", "en-GB-x-private-use-too-long",
                                   "de\nen", "x" * 5000])
def test_other_codes_are_refused_naming_the_supported_ones(given):
    with pytest.raises(InvalidInput, match="is not supported; use one of af, ar") as caught:
        clean(text=SENTENCE, language=given)
    assert len(str(caught.value)) < 500  # a huge value is cut in the message


def test_a_language_that_is_no_string_is_refused():
    with pytest.raises(InvalidInput, match="must be a string"):
        clean(text=SENTENCE, language=12)


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_cli_refuses_an_unsupported_language_as_a_usage_error(command, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(SENTENCE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": ROOT}
    proc = subprocess.run([sys.executable, "-m", "cleaner", command, str(doc), "--language", "xx-yy"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "--language: language 'xx-yy' is not supported; use one of af, ar" in proc.stderr
    assert not list(tmp_path.glob("*.explain.html"))
    to_stdout = ["-o", "-"] if command == "explain" else []
    ok = subprocess.run([sys.executable, "-m", "cleaner", command, str(doc), "--language", "en-GB", *to_stdout],
                        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and "Tuesday" in ok.stdout, ok.stderr
    assert not (tmp_path / "-").exists()  # `-o -` is stdout, not a file named "-"
