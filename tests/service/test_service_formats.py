"""The service's `format` option (over real HTTP): the same result as the library."""
from __future__ import annotations

from cleaner import clean

P1 = ("The council approved the new budget on Tuesday after a long debate about funding for schools, "
      "roads and the library, which had been closed for repairs since the spring floods.")
P2 = ("Most of the money goes to repairs that were postponed for years, the mayor said, and the rest to "
      "two new schools in the northern districts where families have moved in large numbers.")
P3 = "Residents will be able to comment on the plans at a public meeting next month before the final vote."
TEXT = (f"{P1}\n\nWhat the budget holds\n\n{P2}\n\n* new roads for the northern districts\n"
        f"* two schools renovated over the summer\n\n{P3}\n")
KINDS = ["paragraph", "heading", "paragraph", "list", "paragraph"]


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
