"""Real uvicorn servers in subprocesses on 127.0.0.1, one per configuration under test."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from tests.children import die_with_parent

ROOT = Path(__file__).resolve().parents[2]
API_KEY = "s3cret-key"

# name -> CLEANER_* settings; started together so their start-ups overlap.
CONFIGS: dict[str, dict[str, str]] = {
    "default": {},
    "auth": {"CLEANER_API_KEY": API_KEY},
    "limits": {
        "CLEANER_MAX_BODY_BYTES": str(3_000_000),
        "CLEANER_DOC_TIMEOUT_SECONDS": "0.1",
        "CLEANER_MAX_BATCH_DOCUMENTS": "3",
    },
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, name: str, extra_env: dict[str, str], args: tuple[str, ...] = ()) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_")}
        env.update(extra_env, CLEANER_PROCESSES="1", PYTHONPATH=str(ROOT))
        fd, self.log_path = tempfile.mkstemp(prefix=f"cleaner-service-{name}-", suffix=".log")
        os.close(fd)
        self.log = open(self.log_path, "ab")  # noqa: SIM115  (the child writes here)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cleaner", "serve", "--port", str(self.port), *args],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=die_with_parent,
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        text = self.log_text()
        self.stop()
        raise RuntimeError(f"server {self.name} did not start:\n{text}")

    def log_text(self) -> str:
        return Path(self.log_path).read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            # The whole session: uvicorn plus its cleaning processes.
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        try:  # stragglers of a server that exited (or was killed) before its children
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if not self.log.closed:
            self.log.close()
            Path(self.log_path).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[str, Server]]:
    started = {name: Server(name, env) for name, env in CONFIGS.items()}
    try:
        yield started
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture(scope="module")
def start_server() -> Iterator:
    """A factory for servers of a test module's own (name, env, extra `cleaner serve`
    args), stopped at the end of the module; for tests that signal or kill server processes."""
    started: list[Server] = []

    def start(name: str, env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> Server:
        server = Server(name, env or {}, args)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def _client(server: Server) -> Iterator[httpx.Client]:
    server.wait_ready()
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def client(servers: dict[str, Server]) -> Iterator[httpx.Client]:
    yield from _client(servers["default"])


@pytest.fixture(scope="session")
def auth_client(servers: dict[str, Server]) -> Iterator[httpx.Client]:
    yield from _client(servers["auth"])


@pytest.fixture(scope="session")
def limits_client(servers: dict[str, Server]) -> Iterator[httpx.Client]:
    yield from _client(servers["limits"])


@pytest.fixture(scope="session")
def api_key() -> str:
    return API_KEY
