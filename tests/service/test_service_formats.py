"""The service's `format` option (over real HTTP): the same result as the library."""
from __future__ import annotations

from cleaner import clean
from format_samples import KINDS, TEXT  # tests/ is on the path, as for option_values


def test_json_request_format_markdown(client):
    response = client.post("/v1/clean", json={"text": TEXT, "options": {"format": "markdown"}})
    assert response.status_code == 200, response.text
    assert response.json()["text"] == clean(text=TEXT, options={"format": "markdown"}).text
    assert "## What the budget holds" in response.json()["text"]


def test_raw_body_format_json_query_gives_blocks(client):
    response = client.post("/v1/clean?format=json", content=TEXT, headers={"content-type": "text/plain"})
    assert response.status_code == 200, response.text
    assert [b["type"] for b in response.json()["blocks"]] == KINDS


def test_an_unknown_format_is_422(client):
    response = client.post("/v1/clean", json={"text": TEXT, "options": {"format": "rtf"}})
    assert response.status_code == 422
