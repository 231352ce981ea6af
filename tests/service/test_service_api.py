"""The service over real HTTP: results equal the library's, and every documented error."""
from __future__ import annotations

import json
import random
import time

import httpx
import pytest

from cleaner import clean
from cleaner.core.rules import RULES, describe


def _library(**kwargs) -> dict:
    return clean(**kwargs).model_dump(mode="json")


def _html_available() -> bool:
    try:
        clean(html="<html><body><p>probe</p></body></html>")
    except (NotImplementedError, ImportError):
        return False
    return True


def _slow_document() -> str:
    """~2.4 MB of distinct paragraphs: several times the limits server's 100 ms budget.

    Distinct, because repeated blocks are cheap (the duplicate rules short-cut them).
    """
    rnd = random.Random(7)
    words = ["the", "council", "river", "market", "report", "winter", "school", "said", "on",
             "a", "new", "plan", "for", "city", "after", "years", "of", "debate", "and", "votes"]
    paragraphs = (" ".join(rnd.choice(words) for _ in range(rnd.randint(5, 60))).capitalize() + "."
                  for _ in range(12_000))
    return "\n\n".join(paragraphs)


def _error(response: httpx.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


# ---- results -------------------------------------------------------------------------


def test_seeds_cleaned_as_by_the_library(client, seeds):
    for name, text, gold in seeds:
        response = client.post("/v1/clean", json={"text": text})
        assert response.status_code == 200, (name, response.text)
        got = response.json()
        assert got == _library(text=text), name
        assert got["title"] == gold["title"], name


def test_json_options_language_and_url_are_applied(client, seeds):
    _, text, _ = seeds[0]
    payload = {"text": text, "url": "https://example.org/a", "language": "en",
               "options": {"disable": ["NAV"], "explain": False}}
    response = client.post("/v1/clean", json=payload)
    assert response.status_code == 200, response.text
    expected = _library(text=text, url="https://example.org/a", language="en",
                        options={"disable": ["NAV"], "explain": False})
    assert response.json() == expected
    assert response.json()["removed"] == []
    assert response.json()["metadata"]["url"] == "https://example.org/a"


def test_raw_text_body_with_query_options(client, seeds):
    _, text, _ = seeds[1]
    response = client.post(
        "/v1/clean?preset=aggressive&disable=NAV,CAP002&explain=false",
        content=text.encode("utf-8"), headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 200, response.text
    options = {"preset": "aggressive", "disable": "NAV,CAP002", "explain": False}
    assert response.json() == _library(text=text, options=options)


def test_raw_text_body_in_a_declared_charset(client):
    text = "Größere Änderungen.\n\nDer Bundestag hat am Donnerstag ein Gesetz beschlossen, das vieles ändert."
    response = client.post("/v1/clean", content=text.encode("latin-1"),
                           headers={"Content-Type": "text/plain; charset=iso-8859-1"})
    assert response.status_code == 200, response.text
    assert response.json() == _library(text=text)


def test_raw_html_body(client):
    page = ("<html><head><title>Rain expected</title></head><body><nav>Home | News | Sport</nav>"
            "<article><h1>Rain expected</h1><p>Heavy rain is expected across the region on Monday, "
            "forecasters said, with flooding possible in low-lying areas near the river.</p>"
            "</article></body></html>")
    response = client.post("/v1/clean?url=https://example.org/rain", content=page.encode(),
                           headers={"Content-Type": "text/html"})
    if not _html_available():
        _error(response, 501, "not_implemented")
        return
    assert response.status_code == 200, response.text
    assert response.json() == _library(html=page.encode(), url="https://example.org/rain")
    assert response.json()["mode"] == "html"
    as_json = client.post("/v1/clean", json={"html": page, "url": "https://example.org/rain"})
    assert as_json.status_code == 200, as_json.text
    assert as_json.json() == _library(html=page, url="https://example.org/rain")


def test_a_short_text_the_heuristics_would_empty_is_returned_with_a_warning(client):
    """HEUR105 over HTTP: the JSON reply carries the text and `warnings`, as the library does."""
    body = {"text": "Headline\n\nBody paragraph.", "options": {"preset": "conservative"}}
    response = client.post("/v1/clean", json=body)
    assert response.status_code == 200, response.text
    got = response.json()
    assert got["text"] == "Headline\n\nBody paragraph."
    assert [w.split(":")[0] for w in got["warnings"]] == ["short_input_kept"]
    assert got == _library(text=body["text"], options=body["options"])
    batch = client.post("/v1/clean/batch", json={"documents": [{"text": "Some scraped text."}]}).json()
    assert batch["results"][0]["result"]["warnings"][0].startswith("short_input_kept:")


def test_rules_endpoint_lists_the_registry(client):
    response = client.get("/v1/rules")
    assert response.status_code == 200
    expected = [describe(rule) for _, rule in sorted(RULES.items())]
    for entry in expected:
        if entry["code"] == "SITE001":
            entry["sites"] = 0  # no profile DB loaded in this server
    assert response.json() == expected


def test_probes_and_docs(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok"}
    schema = client.get("/openapi.json").json()
    assert {"/v1/clean", "/v1/clean/batch", "/v1/rules", "/healthz", "/readyz", "/metrics"} <= set(schema["paths"])
    assert "CleanRequest" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_request_id_is_echoed_or_generated(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    generated = client.get("/healthz").headers["x-request-id"]
    assert len(generated) == 32


# ---- errors --------------------------------------------------------------------------


def test_neither_or_both_text_and_html_is_400(client):
    _error(client.post("/v1/clean", json={}), 400, "text_or_html")
    _error(client.post("/v1/clean", json={"text": "a", "html": "<p>a</p>"}), 400, "text_or_html")


def test_unsupported_content_type_is_415(client):
    _error(client.post("/v1/clean", content=b"a=b",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)
    _error(client.post("/v1/clean/batch", content=b"x", headers={"Content-Type": "text/plain"}), 415)


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2", b""])
def test_invalid_json_is_422(client, body):
    _error(client.post("/v1/clean", content=body, headers={"Content-Type": "application/json"}),
           422, "invalid_json")


def test_invalid_options_are_422(client):
    _error(client.post("/v1/clean", json={"text": "a", "options": {"preset": "wild"}}), 422)
    _error(client.post("/v1/clean", json={"text": "a", "options": {"nope": 1}}), 422)
    _error(client.post("/v1/clean", json={"text": "a", "options": {"disable": ["NOPE999"]}}), 422)
    raw = {"Content-Type": "text/plain"}
    _error(client.post("/v1/clean?preset=wild", content=b"a", headers=raw), 422)
    _error(client.post("/v1/clean?disable=NOPE999", content=b"a", headers=raw), 422, "invalid_options")
    _error(client.post("/v1/clean?explain=maybe", content=b"a", headers=raw), 422)
    _error(client.post("/v1/clean", json={"text": "a", "language": "klingon"}), 422, "invalid_input")
    _error(client.post("/v1/clean", json={"text": 5}), 422, "invalid_request")


def test_unsupported_language_is_422_naming_the_supported_codes(client):
    raw = {"Content-Type": "text/plain"}
    for response in (client.post("/v1/clean", json={"text": "Some text.", "language": "xx-yy"}),
                     client.post("/v1/clean?language=xx-yy", content=b"Some text.", headers=raw)):
        message = _error(response, 422, "invalid_input")["message"]
        assert "'xx-yy' is not supported" in message and "de, el, en, es" in message
    batch = client.post("/v1/clean/batch", json={"documents": [{"text": "A.", "language": "xx-yy"},
                                                               {"text": "B.", "language": "en-GB"}]})
    first, second = batch.json()["results"]
    assert first["error"]["status"] == 422 and "not supported" in first["error"]["message"]
    assert second["ok"] and second["result"]["language"] == "en"


def test_undecodable_bytes_are_422(client):
    _error(client.post("/v1/clean", content=b"caf\xe9 \xff", headers={"Content-Type": "text/plain"}),
           422, "undecodable")
    _error(client.post("/v1/clean", content=b'{"text": "caf\xe9"}', headers={"Content-Type": "application/json"}),
           422, "undecodable")
    _error(client.post("/v1/clean", content=b"a", headers={"Content-Type": "text/plain; charset=no-such"}),
           422, "undecodable")


def test_unknown_route_is_json_404(client):
    _error(client.get("/v1/nothing"), 404, "not_found")


def test_body_over_the_limit_is_413(limits_client):
    big = b"a" * 3_200_000
    _error(limits_client.post("/v1/clean", content=big, headers={"Content-Type": "text/plain"}),
           413, "body_too_large")


def test_streamed_body_is_cut_off_at_the_limit(limits_client):
    # No Content-Length (chunked): the limit must be enforced while reading.
    def chunks():
        for _ in range(80):
            yield b"word " * 10_000

    _error(limits_client.post("/v1/clean", content=chunks(), headers={"Content-Type": "text/plain"}),
           413, "body_too_large")


def test_document_over_time_budget_is_504_and_the_server_recovers(limits_client, seeds):
    slow = _slow_document()
    _error(limits_client.post("/v1/clean", json={"text": slow}), 504, "timeout")
    # The runaway process was replaced; the next document is served normally.
    small = seeds[3][1]
    response = limits_client.post("/v1/clean", json={"text": small})
    assert response.status_code == 200, response.text
    assert response.json() == _library(text=small)
    assert limits_client.get("/readyz").status_code == 200


# ---- batch ---------------------------------------------------------------------------


def test_batch_with_bad_items_reports_each_in_order(client, seeds):
    good = [text for _, text, _ in seeds[:2]]
    documents = [{"text": good[0]}, {}, {"text": 42}, "not an object",
                 {"text": good[1], "options": {"explain": False}}, {"text": "x", "options": {"preset": "wild"}}]
    response = client.post("/v1/clean/batch", json={"documents": documents, "options": {"disable": ["NAV"]}})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == len(documents)
    assert results[0] == {"ok": True, "error": None, "result": _library(text=good[0], options={"disable": ["NAV"]})}
    assert results[1]["ok"] is False and results[1]["error"]["status"] == 400
    assert results[2]["ok"] is False and results[2]["error"]["status"] == 422
    assert results[3]["ok"] is False and results[3]["error"]["status"] == 422
    expected = _library(text=good[1], options={"disable": ["NAV"], "explain": False})
    assert results[4] == {"ok": True, "error": None, "result": expected}
    assert results[5]["ok"] is False and results[5]["error"]["status"] == 422


def test_batch_item_timeout_fails_only_that_item(limits_client, seeds):
    slow = _slow_document()
    small = seeds[3][1]
    response = limits_client.post("/v1/clean/batch", json={"documents": [{"text": small}, {"text": slow}]})
    assert response.status_code == 200, response.text
    first, second = response.json()["results"]
    assert first == {"ok": True, "error": None, "result": _library(text=small)}
    assert second["ok"] is False and second["error"]["status"] == 504


def test_batch_shape_errors(client, limits_client):
    _error(client.post("/v1/clean/batch", json={"docs": []}), 422)
    _error(client.post("/v1/clean/batch", json={"documents": "x"}), 422)
    _error(limits_client.post("/v1/clean/batch", json={"documents": [{"text": "a"}] * 4}),
           413, "too_many_documents")
    assert client.post("/v1/clean/batch", json={"documents": []}).json() == {"results": []}


# ---- auth ----------------------------------------------------------------------------


def test_auth_off_needs_no_key(client):
    assert client.get("/v1/rules").status_code == 200


def test_auth_on_requires_the_key_on_v1_only(auth_client, api_key):
    _error(auth_client.get("/v1/rules"), 401, "unauthorized")
    _error(auth_client.get("/v1/rules", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    _error(auth_client.get("/v1/rules", headers={"X-API-Key": api_key + "x"}), 401, "unauthorized")
    _error(auth_client.post("/v1/clean", json={"text": "a"}), 401)
    _error(auth_client.post("/v1/clean/batch", json={"documents": []}), 401)
    assert auth_client.get("/v1/rules", headers={"Authorization": f"Bearer {api_key}"}).status_code == 200
    assert auth_client.get("/v1/rules", headers={"X-API-Key": api_key}).status_code == 200
    ok = auth_client.post("/v1/clean", json={"text": "a"}, headers={"Authorization": f"Bearer {api_key}"})
    assert ok.status_code == 200
    # Probes and metrics stay open for orchestrators and scrapers.
    for path in ("/healthz", "/readyz", "/metrics"):
        assert auth_client.get(path).status_code == 200


# ---- metrics -------------------------------------------------------------------------


def _sample(metrics_text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    prefix = f"{name}{{{want}}} " if labels else f"{name} "
    for line in metrics_text.splitlines():
        if line.startswith(prefix):
            return float(line[len(prefix):])
    return 0.0


def test_metrics_counters_move(client, seeds):
    _, text, _ = seeds[2]
    before = client.get("/metrics").text
    expected = clean(text=text)
    assert client.post("/v1/clean", json={"text": text}).status_code == 200
    client.post("/v1/clean", json={})
    after = client.get("/metrics")
    assert after.headers["content-type"].startswith("text/plain")
    after = after.text

    def moved(name, **labels):
        return _sample(after, name, **labels) - _sample(before, name, **labels)

    assert moved("cleaner_http_requests_total", method="POST", route="/v1/clean", status="200") == 1
    assert moved("cleaner_http_requests_total", method="POST", route="/v1/clean", status="400") == 1
    assert moved("cleaner_http_request_duration_seconds_count", method="POST", route="/v1/clean") == 2
    assert moved("cleaner_documents_total", outcome="ok") == 1
    assert moved("cleaner_input_bytes_total") == len(text.encode("utf-8"))
    for rule, count in expected.stats.removed_by_rule.items():
        assert moved("cleaner_removed_spans_total", rule=rule) == count


def test_cleaning_does_not_block_the_event_loop(client, servers):
    """While a long document is being cleaned, probes still answer at once."""
    from concurrent.futures import ThreadPoolExecutor

    slow = _slow_document()
    with ThreadPoolExecutor(1) as pool, httpx.Client(base_url=servers["default"].url, timeout=30) as other:
        start = time.perf_counter()
        pending = pool.submit(other.post, "/v1/clean", json={"text": slow})
        time.sleep(0.05)  # let the request reach a cleaning process
        assert client.get("/healthz").status_code == 200
        assert client.get("/v1/rules").status_code == 200
        probed = time.perf_counter() - start
        assert pending.result().status_code == 200
        took = time.perf_counter() - start
    # Had the event loop waited for the document, the probes would have answered only
    # once it was cleaned, close to the end of its round trip; they took a small part of it.
    # (Relative, not a fixed sleep: how long the document takes depends on the machine.)
    assert probed < took / 2, (probed, took)