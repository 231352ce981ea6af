"""Reuse the service tests' real-uvicorn servers (one default, one with an API key)."""
from tests.service.conftest import api_key, auth_client, client, servers  # noqa: F401
