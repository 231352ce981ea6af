"""The HTTP service on hostile requests (a real uvicorn): a documented status, a JSON body,
never a 5xx but the documented 504, and no output word the input lacked."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.oracle import check_html_result, check_text_result
from tests.reliability.hostile import deep_json
from tests.reliability.strategies import html_inputs, html_ish, raw_bytes, surrogate_texts, texts

DOCUMENTED = {200, 400, 413, 415, 422, 504}
profile = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CONTENT_TYPES = ["text/plain", "text/plain; charset=utf-8", "text/plain; charset=latin-1", "text/plain; charset=bogus",
                 "text/html", "text/html; charset=shift_jis", "application/json", "application/octet-stream", ""]
QUERIES = st.fixed_dictionaries({}, optional={
    "preset": st.sampled_from(["balanced", "aggressive", "nope"]),
    "disable": st.sampled_from(["NAV", "NAV,CAP002", "XYZ999", ""]),
    "explain": st.sampled_from(["true", "false", "maybe"]),
    "language": st.sampled_from(["en", "de", "zz", "", "english"]),
})


def _check_reply(response) -> dict:
    assert response.status_code in DOCUMENTED, (response.status_code, response.text[:300])
    body = response.json()
    if response.status_code != 200:
        assert set(body) == {"error"} and body["error"]["code"] and body["error"]["message"]
    return body


@profile
@given(st.one_of(raw_bytes, texts.map(lambda t: t.encode("utf-8", "surrogatepass"))), st.sampled_from(CONTENT_TYPES), QUERIES)
def test_raw_bodies(service, body, content_type, query):
    response = service.post("/v1/clean", content=body, params=query,
                            headers={"Content-Type": content_type} if content_type else {})
    reply = _check_reply(response)
    if response.status_code == 200 and content_type.startswith("text/plain"):
        charset = content_type.partition("charset=")[2] or "utf-8"
        check_text_result(body.decode(charset), _Result(reply))
    elif response.status_code == 200 and content_type.startswith("text/html"):
        check_html_result(body, _Result(reply))


@profile
@given(st.one_of(texts.map(lambda t: {"text": t}), html_inputs.map(lambda h: {"html": h if isinstance(h, str) else h.decode("latin-1")}),
                 st.dictionaries(st.sampled_from(["text", "html", "url", "language", "options", "bogus"]),
                                 st.one_of(st.none(), st.integers(), texts, st.lists(st.integers(), max_size=2),
                                           st.dictionaries(st.sampled_from(["preset", "max_lines", "timeout_seconds", "disable"]),
                                                           st.one_of(st.integers(), texts), max_size=2)),
                                 max_size=4)))
def test_json_documents(service, document):
    response = service.post("/v1/clean", content=json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass"),
                            headers={"Content-Type": "application/json"})
    reply = _check_reply(response)
    if response.status_code == 200 and isinstance(document.get("text"), str):
        check_text_result(document["text"], _Result(reply))
    elif response.status_code == 200 and isinstance(document.get("html"), str):
        check_html_result(document["html"], _Result(reply))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(texts.map(lambda t: {"text": t}), html_ish().map(lambda h: {"html": h}), st.integers(), st.none(),
                          st.just({"text": "a", "html": "b"})), max_size=8))
def test_batch_items_fail_alone(service, documents):
    response = service.post("/v1/clean/batch", json={"documents": documents})
    reply = _check_reply(response)
    if response.status_code == 200:
        assert len(reply["results"]) == len(documents)
        for item in reply["results"]:
            assert item["ok"] == (item["error"] is None)
            if not item["ok"]:
                assert item["error"]["status"] in DOCUMENTED - {200}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=500))
def test_malformed_json_bodies(service, body):
    _check_reply(service.post("/v1/clean", content=b"{" + body, headers={"Content-Type": "application/json"}))


class _Result:
    """The reply JSON seen through the attributes the oracle reads."""

    def __init__(self, reply: dict) -> None:
        self.text = reply["text"]
        self.title = reply.get("title")
        self.metadata = type("M", (), {"author": (reply.get("metadata") or {}).get("author")})()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({"text": surrogate_texts}, optional={"url": surrogate_texts, "language": st.just("en")}),
       st.booleans())
def test_lone_surrogate_escapes(service, document, batch):
    """Valid JSON whose strings hold lone surrogates: answered (the escape kept), never a 5xx."""
    body = json.dumps({"documents": [document, {"text": "fine"}]} if batch else document).encode("ascii")
    response = service.post("/v1/clean/batch" if batch else "/v1/clean", content=body,
                            headers={"Content-Type": "application/json"})
    reply = _check_reply(response)
    if batch:
        assert [item["ok"] for item in reply["results"]][1] is True
        reply = reply["results"][0]["result"] or {}
    if response.status_code == 200 and reply:
        # The text the service read: a high and a low surrogate escaped side by side are
        # one JSON escape pair, one character ("\ud800\udc00" is U+10000), which a short
        # text may keep whole (HEUR105).
        check_text_result(json.loads(json.dumps(document["text"])), _Result(reply))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=1, max_value=50_000), st.sampled_from(["text", "options", "bogus"]), st.booleans())
def test_deep_json_bodies(service, depth, field, batch):
    """Nested past the limit: 422 invalid_json; within it: an ordinary validation answer."""
    nest = deep_json(depth, field)
    body = b'{"documents": [' + nest + b"]}" if batch else nest
    response = service.post("/v1/clean/batch" if batch else "/v1/clean", content=body,
                            headers={"Content-Type": "application/json"})
    reply = _check_reply(response)
    if depth + 1 + batch * 2 > 200:
        assert response.status_code == 422 and reply["error"]["code"] == "invalid_json"
