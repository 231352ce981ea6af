"""Site profiles in the service (CLEANER_PROFILES), over real HTTP on a real uvicorn."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from cleaner.profiles.learn import learn_local
from cleaner.profiles.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "profiles"))
from synthetic import generate  # noqa: E402

ONLY_SITE = ["NEWS", "REL", "SHARE", "DUP", "CAP", "BYL", "NAV", "TAG", "LEGAL", "COOK", "AD", "CMT", "HEUR"]


@pytest.fixture(scope="module")
def pages():
    return generate(pages=30)


@pytest.fixture(scope="module")
def profile_db(tmp_path_factory, pages) -> Path:
    path = tmp_path_factory.mktemp("profiles") / "profiles.db"
    store = SQLiteStore(path)
    learn_local((p.record() for p in pages), store)
    store.close()
    return path


@pytest.fixture(scope="module")
def profiled(start_server, profile_db) -> httpx.Client:
    server = start_server("profiles", {"CLEANER_PROFILES": str(profile_db)})
    server.wait_ready(timeout=240)  # start-up is CPU-bound: slow on a busy machine
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def site_spans(result: dict) -> dict[str, str]:
    return {s["text"].strip(): s["reason"] for s in result["removed"] if s["rule"] == "SITE001"}


def test_requests_with_a_url_get_site001(profiled, pages):
    page = pages[40]
    response = profiled.post("/v1/clean", json={"text": page.text, "url": page.url, "options": {"disable": ONLY_SITE}})
    assert response.status_code == 200, response.text
    spans = site_spans(response.json())
    assert set(page.frame) <= set(spans)
    assert spans[page.frame[0]] == f"line occurs in 30 of 30 pages of {page.site}"
    assert all(p in response.json()["text"] for p in page.body)


def test_site_field_raw_bodies_and_batch(profiled, pages):
    page = pages[100]
    by_site = profiled.post("/v1/clean", json={"text": page.text, "site": page.site, "options": {"disable": ONLY_SITE}})
    assert set(page.frame) <= set(site_spans(by_site.json()))
    raw = profiled.post("/v1/clean", params={"url": page.url, "disable": ",".join(ONLY_SITE)},
                        content=page.text.encode(), headers={"Content-Type": "text/plain"})
    assert set(page.frame) <= set(site_spans(raw.json()))
    batch = profiled.post("/v1/clean/batch", json={"options": {"disable": ONLY_SITE}, "documents": [
        {"text": page.text, "url": page.url}, {"text": page.text}]})
    first, second = batch.json()["results"]
    assert set(page.frame) <= set(site_spans(first["result"]))
    assert site_spans(second["result"]) == {}  # no url, no site: no profile


def test_a_request_cannot_name_a_profile_file(profiled, pages):
    response = profiled.post("/v1/clean", json={"text": "Some text.", "options": {"profiles": "/etc/passwd"}})
    assert response.status_code == 422
    assert "CLEANER_PROFILES" in response.json()["error"]["message"]
    batch = profiled.post("/v1/clean/batch", json={"documents": [{"text": "x", "options": {"profiles": "/x"}}]})
    assert batch.json()["results"][0]["error"]["status"] == 422
    bad_site = profiled.post("/v1/clean", json={"text": "Some text.", "site": "two words"})
    assert bad_site.status_code == 422


def test_rules_lists_site001_with_the_loaded_site_count(profiled, client):
    entry = next(r for r in profiled.get("/v1/rules").json() if r["code"] == "SITE001")
    assert entry["sites"] == 5 and entry["name"] == "site-boilerplate"
    assert next(r for r in client.get("/v1/rules").json() if r["code"] == "SITE001")["sites"] == 0


def test_the_service_never_writes_the_db(profiled, profile_db, pages):
    before = hashlib.sha256(profile_db.read_bytes()).hexdigest()
    for page in pages[:10]:
        assert profiled.post("/v1/clean", json={"text": page.text, "url": page.url}).status_code == 200
    assert hashlib.sha256(profile_db.read_bytes()).hexdigest() == before


def test_a_missing_db_stops_serve_with_a_message(tmp_path):
    env = {"CLEANER_PROFILES": str(tmp_path / "none.db"), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "cleaner", "serve", "--port", "0"], env=env,
                         capture_output=True, timeout=60)
    assert run.returncode == 2
    assert "CLEANER_PROFILES" in run.stderr.decode() and "no such profile DB" in run.stderr.decode()
