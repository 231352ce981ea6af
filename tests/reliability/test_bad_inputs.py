"""Each row of the bad-input table (docs/reliability.md), through the library, the service and the batch.

The outcomes asserted here are the table's: a clear documented error, or a result; the
service answers JSON with a documented status; the batch writes one record per input
(result or error) and carries on past the bad ones.
"""
from __future__ import annotations

import json

import pytest

from tests.reliability.bad_inputs import ARTICLE, CASES, OUTPUT_CASES, run_batch, run_library, run_output_case, run_service
from tests.reliability.hostile import deep_json, surrogate_json

BY_NAME = {case.name: case for case in CASES}
# name -> (library, service, batch): the start of each outcome's description.
EXPECTED = {
    "empty": ("cleaned: 0 chars", "200: 0 chars", "record: 0 chars"),
    "whitespace only": ("cleaned: 0 chars", "200: 0 chars", "record: 0 chars"),
    "50 MB": ("InputTooLarge", "413 body_too_large", "error record: cases.jsonl line 3: line longer than"),
    "invalid UTF-8": ("InvalidInput", "422 undecodable", "error record: InvalidInput"),
    "NUL bytes": ("cleaned:", "200:", "record:"),
    "1 MB on one line": ("cleaned: 9", "200: 9", "record: 9"),
    "100k lines": ("cleaned: 3,988,888 chars kept, language en, warning best_region_kept",
                   "200: 3,988,888 chars kept, language en, warning best_region_kept", "record: 3,988,888 chars kept"),
    "10k-deep nesting": ("cleaned:", "200:", "record:"),
    "zip bomb in a gzip JSONL": ("n/a", "422", "error record: bomb.jsonl.gz line 1: line longer than"),
    "binary PDF bytes": ("InvalidInput", "422 undecodable", "error record: InvalidInput"),
    "mixed scripts": ("cleaned:", "200:", "record:"),
    "RTL text": ("cleaned:", "200:", "record:"),
    "100k-deep JSON": ("n/a", "422 invalid_json: body is JSON nested deeper than 200",
                       "error record: cases.jsonl line 10: JSON nested deeper than 200"),
    "lone surrogate in text": ("cleaned: 1", "200: 1", "record: 1"),
    "lone surrogate in url": ("cleaned: 1", "200: 1", "record: 1"),
    "200k attributes on one element": ("cleaned: 1", "200: 1", "record: 1"),
    "20 records of 60 MB in a 1.2 MB gzip": ("n/a", "n/a", "error record: bombs.jsonl.gz line 2: line longer than"),
    "a short note the heuristics would empty": ("cleaned: 25 chars kept, language unknown, warning short_input_kept",
                                                "200: 25 chars kept, language unknown, warning short_input_kept",
                                                "record: 25 chars kept"),
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
    assert "20 good records among the 60 MB ones kept" in batch_outcomes["_run"]


@pytest.mark.parametrize("name", OUTPUT_CASES)
def test_batch_refuses_an_output_it_must_not_write(name, tmp_path):
    outcome = run_output_case(name, tmp_path)
    assert outcome.startswith("exit 2, files untouched"), outcome
    assert ("is the input" if name == "output is the input" else "--overwrite") in outcome


def test_the_flood_warns_and_keeps_the_article():
    from cleaner import clean

    result = clean(html=BY_NAME["200k attributes on one element"].make())
    assert "city council approved" in result.text
    assert any(w.startswith("html_attributes:") for w in result.warnings)


def test_surrogates_come_back_as_they_went_in(service):
    """The lone surrogate is kept, written as its JSON escape, in the service's answer."""
    for name, field in (("lone surrogate in text", "text"), ("lone surrogate in url", "url")):
        reply = service.post("/v1/clean", content=BY_NAME[name].make(), headers={"Content-Type": "application/json"})
        assert reply.status_code == 200
        kept = reply.json()["text"] if field == "text" else reply.json()["metadata"]["url"]
        assert "\ud800" in kept and b"\\ud800" in reply.content


def test_kept_text_of_the_hard_rows():
    """The text survives where it should: deep nesting, RTL, mixed scripts, the long line."""
    from cleaner import clean

    assert "city council approved" in clean(html=BY_NAME["10k-deep nesting"].make()).text
    rtl = clean(text=BY_NAME["RTL text"].make())
    assert "ارتفعت أسعار الطاقة" in rtl.text and "מחירי האנרגיה" in rtl.text
    mixed = clean(text=BY_NAME["mixed scripts"].make())
    assert "Цены на энергию" in mixed.text and "世界各地的能源价格" in mixed.text


def test_surrogates_kill_no_cleaning_process(service, service_server):
    """A url holding a lone surrogate took its cleaning process down twice per request (20
    requests: 39 s of restarts); now each is answered by the same processes."""
    import psutil

    server = psutil.Process(service_server.proc.pid)
    before = {p.pid for p in server.children(recursive=True)}
    for _ in range(20):
        reply = service.post("/v1/clean", content=BY_NAME["lone surrogate in url"].make(),
                             headers={"Content-Type": "application/json"})
        assert reply.status_code == 200
    assert {p.pid for p in server.children(recursive=True)} == before


def test_service_batch_keeps_every_other_answer(service):
    """Surrogates in one item's text and another's url, a wrong-typed item: each answers
    alone, the good ones are cleaned (was: the whole batch answered 500)."""
    good = {"text": ARTICLE}
    body = ('{"documents": [%s, %s, %s, {"text": 5}, %s]}' % (
        json.dumps(good), surrogate_json("text", ARTICLE).decode(), surrogate_json("url", ARTICLE).decode(),
        json.dumps(good))).encode()
    reply = service.post("/v1/clean/batch", content=body, headers={"Content-Type": "application/json"})
    assert reply.status_code == 200
    items = reply.json()["results"]
    assert [item["ok"] for item in items] == [True, True, True, False, True]
    assert items[3]["error"]["status"] == 422
    assert "\ud800" in items[1]["result"]["text"] and items[2]["result"]["metadata"]["url"] == "\ud800"


def test_deep_json_batch_body_is_a_4xx(service):
    body = b'{"documents": [' + deep_json(100_000)[9:-1] + b"]}"  # the nest as one item
    reply = service.post("/v1/clean/batch", content=body, headers={"Content-Type": "application/json"})
    assert reply.status_code == 422 and reply.json()["error"]["code"] == "invalid_json"
