"""atheris: clean(text=...) on arbitrary text and bytes. Runs until stopped or -max_total_time.

    python fuzz/fuzz_clean_text.py -max_total_time=300 -rss_limit_mb=2048 fuzz/corpus/text

A finding is an exception other than cleaner.errors.CleanerError, or an output word the
input never had (tests/reliability/oracle.py); atheris then writes the input to crash-*.
"""
from __future__ import annotations

import json
import sys

import _common  # noqa: F401  (import paths)
import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import clean
    from cleaner.service.work import result_json
    from tests.reliability.oracle import DOCUMENTED, check_text_result

from _common import FUZZ_OPTIONS


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    as_bytes = fdp.ConsumeBool()
    # ConsumeUnicode may yield lone surrogates, as a "\ud800" JSON escape does
    text: str | bytes = fdp.ConsumeBytes(fdp.remaining_bytes()) if as_bytes else fdp.ConsumeUnicode(fdp.remaining_bytes())
    try:
        result = clean(text=text, options=FUZZ_OPTIONS)
    except DOCUMENTED:
        return
    check_text_result(text, result)
    json.loads(result_json(result))  # the service's reply can always be written


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
