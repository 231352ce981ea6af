"""The service serves the explain page at / (real uvicorn, see tests/service/conftest.py)."""
from __future__ import annotations

from html.parser import HTMLParser


class Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("src", "href"):
            if a.get(key):
                self.refs.append(a[key])


def test_root_serves_the_page_and_its_assets(client):
    resp = client.get("/")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    refs = Refs()
    refs.feed(resp.text)
    assert {"input", "preset", "disable", "apikey", "file", "highlighted", "legend", "title", "body"} <= refs.ids
    assert refs.refs and all(r.startswith("/static/") for r in refs.refs)  # no CDN
    for ref in refs.refs:
        asset = client.get(ref)
        assert asset.status_code == 200, ref
    js = client.get("/static/explain.js").text
    assert "innerHTML" not in js and "/v1/clean" in js
    assert client.get("/static/../routes.py").status_code == 404
    assert client.get("/static/index.py").status_code == 404


def test_page_is_public_but_the_api_still_needs_the_key(auth_client, api_key):
    assert auth_client.get("/").status_code == 200
    assert auth_client.get("/static/explain.js").status_code == 200
    body = {"text": "Hello world.\nSubscribe to our newsletter"}
    assert auth_client.post("/v1/clean", json=body).status_code == 401
    ok = auth_client.post("/v1/clean", json=body, headers={"Authorization": f"Bearer {api_key}"})
    assert ok.status_code == 200
