"""Each row of README's bad-input table, through the library, the service and the batch.

The outcomes asserted here are the table's: a clear documented error, or a result; the
service answers JSON with a documented status; the batch writes one record per input
(result or error) and carries on past the bad ones.
"""
from __future__ import annotations

import pytest

from tests.reliability.bad_inputs import CASES, run_batch, run_library, run_service

BY_NAME = {case.name: case for case in CASES}
# name -> (library, service, batch): the start of each outcome's description.
EXPECTED = {
    "empty": ("cleaned: 0 chars", "200: 0 chars", "record: 0 chars"),
    "whitespace only": ("cleaned: 0 chars", "200: 0 chars", "record: 0 chars"),
    "50 MB": ("InputTooLarge", "413 body_too_large", "error record: InputTooLarge"),
    "invalid UTF-8": ("InvalidInput", "422 undecodable", "error record: InvalidInput"),
    "NUL bytes": ("cleaned:", "200:", "record:"),
    "1 MB on one line": ("cleaned: 9", "200: 9", "record: 9"),
    "100k lines": ("cleaned:", "200:", "record:"),
    "10k-deep nesting": ("cleaned:", "200:", "record:"),
    "zip bomb in a gzip JSONL": ("n/a", "422", "error record: bomb.jsonl.gz line 1: line longer than"),
    "binary PDF bytes": ("InvalidInput", "422 undecodable", "error record: InvalidInput"),
    "mixed scripts": ("cleaned:", "200:", "record:"),
    "RTL text": ("cleaned:", "200:", "record:"),
}


def test_every_row_has_an_expectation():
    assert set(EXPECTED) == set(BY_NAME)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_library(name):
    assert run_library(BY_NAME[name]).startswith(EXPECTED[name][0]), run_library(BY_NAME[name])


@pytest.mark.parametrize("name", list(EXPECTED))
def test_service(name, service):
    outcome = run_service(service, BY_NAME[name])
    assert outcome.startswith(EXPECTED[name][1]), outcome


@pytest.fixture(scope="module")
def batch_outcomes(tmp_path_factory):
    return run_batch(tmp_path_factory.mktemp("bad-inputs"))


@pytest.mark.parametrize("name", list(EXPECTED))
def test_batch(name, batch_outcomes):
    assert batch_outcomes[name].startswith(EXPECTED[name][2]), batch_outcomes[name]


def test_batch_run_goes_on_past_bad_records(batch_outcomes):
    assert batch_outcomes["_run"].startswith("exit 1")  # some records are errors
    assert "the record after the bomb kept" in batch_outcomes["_run"]


def test_kept_text_of_the_hard_rows():
    """The text survives where it should: deep nesting, RTL, mixed scripts, the long line."""
    from cleaner import clean

    assert "city council approved" in clean(html=BY_NAME["10k-deep nesting"].make()).text
    rtl = clean(text=BY_NAME["RTL text"].make())
    assert "ارتفعت أسعار الطاقة" in rtl.text and "מחירי האנרגיה" in rtl.text
    mixed = clean(text=BY_NAME["mixed scripts"].make())
    assert "Цены на энергию" in mixed.text and "世界各地的能源价格" in mixed.text
