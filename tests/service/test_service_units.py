"""In-process checks of configuration wiring that needs no cleaning (and so no pool)."""
from __future__ import annotations

from fastapi.testclient import TestClient

from cleaner.cli import build_parser
from cleaner.service.app import create_app
from cleaner.service.settings import ServiceSettings

PREFLIGHT = {"Origin": "https://a.example", "Access-Control-Request-Method": "POST"}


def test_cors_is_off_unless_configured():
    # No `with`: the lifespan (and its process pool) is not needed for a preflight.
    off = TestClient(create_app(ServiceSettings(processes=1)))
    assert "access-control-allow-origin" not in off.options("/v1/clean", headers=PREFLIGHT).headers
    on = TestClient(create_app(ServiceSettings(processes=1, cors_origins=["https://a.example"])))
    response = on.options("/v1/clean", headers=PREFLIGHT)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://a.example"


def test_settings_and_serve_flags_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLEANER_PORT", "9123")
    monkeypatch.setenv("CLEANER_WORKERS", "3")
    monkeypatch.setenv("CLEANER_MAX_BODY_BYTES", "1000")
    monkeypatch.setenv("CLEANER_API_KEY", "k")
    settings = ServiceSettings()
    assert (settings.port, settings.workers, settings.max_body_bytes, settings.api_key) == (9123, 3, 1000, "k")
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 9123, 3)
    args = build_parser().parse_args(["serve", "--port", "8001", "--workers", "1"])
    assert (args.port, args.workers) == (8001, 1)


def test_defaults(monkeypatch):
    for name in ("CLEANER_MAX_BODY_BYTES", "CLEANER_API_KEY", "CLEANER_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    settings = ServiceSettings()
    assert settings.max_body_bytes == 5 * 1024 * 1024
    assert settings.api_key is None and settings.cors_origins == []


def test_a_bad_variable_breaks_only_serve(monkeypatch, capsys):
    from cleaner.cli import main

    monkeypatch.setenv("CLEANER_PORT", "not-a-port")
    assert main(["rules", "NEWS001"]) == 0
    # Refused before uvicorn starts: nothing binds.
    assert main(["serve"]) == 2
    assert "CLEANER_PORT" in capsys.readouterr().err.upper()


def test_an_unexpected_error_is_a_json_500():
    app = create_app(ServiceSettings(processes=1))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("bug")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": "unexpected server error"}}
