"""Every Options field a request may set reaches the service: in JSON options, and for
raw bodies as a query parameter that OpenAPI documents; the operator's fields are
settings and `serve` flags instead (over real HTTP; see tests/test_options_surfaces.py)."""
from __future__ import annotations

import httpx
import pytest

from cleaner import clean
from cleaner.options import Options, fields_where
from cleaner.service.models import CleanRequest

from option_values import another_value

REQUEST_FIELDS = fields_where(lambda surface: not surface.operator)
DOCUMENT_PARAMS = [name for name in CleanRequest.model_fields if name not in ("text", "html", "options")]
TEXT = ("Council approves the budget\n\nShare on Facebook\n\nThe city council approved the new budget on "
        "Tuesday after a long debate about funding for schools, roads and the library.\n\nAdvertisement\n")


def _library(options: dict) -> dict:
    return clean(text=TEXT, options=options).model_dump(mode="json")


def _query_value(name: str) -> tuple[str, object]:
    return another_value(name, Options.model_fields[name])


@pytest.fixture(scope="module")
def openapi(client) -> dict:
    return client.get("/openapi.json").json()


def test_openapi_documents_every_request_option_as_a_query_parameter(openapi):
    params = {p["name"]: p for p in openapi["paths"]["/v1/clean"]["post"]["parameters"]}
    assert set(params) == (set(REQUEST_FIELDS) - set(DOCUMENT_PARAMS)) | set(DOCUMENT_PARAMS)
    for name in set(params) - set(DOCUMENT_PARAMS):
        assert params[name]["description"].endswith(Options.model_fields[name].description)
    assert not set(fields_where(lambda surface: surface.operator)) & set(params)


def test_json_options_schema_is_the_model(openapi):
    assert set(openapi["components"]["schemas"]["Options"]["properties"]) == set(Options.model_fields)


@pytest.mark.parametrize("name", [n for n in REQUEST_FIELDS if n not in DOCUMENT_PARAMS])
def test_each_query_parameter_sets_its_option(client, name):
    text, parsed = _query_value(name)
    response = client.post(f"/v1/clean?{name}={text}", content=TEXT.encode(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 200, response.text
    assert response.json() == _library({name: parsed})


@pytest.mark.parametrize("name", list(REQUEST_FIELDS))
def test_each_json_option_is_taken(client, name):
    _, parsed = _query_value(name)
    value = parsed.value if hasattr(parsed, "value") else parsed
    response = client.post("/v1/clean", json={"text": TEXT, "options": {name: value}})
    assert response.status_code == 200, response.text
    assert response.json() == _library({name: parsed})


def test_a_bad_query_value_is_422_naming_it(client):
    response = client.post("/v1/clean?max_lines=0", content=TEXT.encode(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("max_lines: ")


def test_serve_flag_sets_a_limit_in_the_worker_processes(start_server):
    # With two workers the app runs only in uvicorn's worker processes, which read their
    # settings from the environment: the flag has to be handed down that way.
    server = start_server("flags", args=("--max-lines", "3", "--workers", "2"))
    server.wait_ready()
    with httpx.Client(base_url=server.url, timeout=30) as http:
        response = http.post("/v1/clean", json={"text": TEXT})
    assert response.status_code == 413, response.text
    assert "the limit is 3" in response.json()["error"]["message"]
