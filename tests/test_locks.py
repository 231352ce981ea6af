"""The hashed locks in requirements/ stay in step with pyproject.toml.

CI and the Docker image install from the locks with `--no-deps` on the project, so a
dependency added to pyproject.toml but not to a lock would be missing there: these
tests catch that and say how to regenerate.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_LOCK = ROOT / "requirements" / "lock.txt"
DEV_LOCK = ROOT / "requirements" / "dev-lock.txt"
BENCH_LOCK = ROOT / "requirements" / "bench-lock.txt"  # the anchors of bench/quality.py
PIP_LOCK = ROOT / "requirements" / "pip.txt"
PIP_INPUT = ROOT / "requirements" / "pip.in"
REGENERATE = "regenerate the locks with the command at the top of each (uv pip compile ... --generate-hashes)"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)


class Pin:
    """One locked package: its version, its hashes and the packages that pulled it in."""

    def __init__(self, block: str) -> None:
        name, version = _PIN.match(block).groups()
        self.name = canonicalize_name(name)
        self.version = Version(version)
        self.hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
        via = re.search(r"# via(.*)", block, re.S)
        self.via = {canonicalize_name(w) for w in re.findall(r"[A-Za-z0-9._-]+", via.group(1))} if via else set()


def _pins(lock: Path) -> dict[str, Pin]:
    blocks = re.split(r"\n(?=\S)", lock.read_text())
    pins = [Pin(block) for block in blocks if _PIN.match(block)]
    return {pin.name: pin for pin in pins}


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _runtime() -> list[Requirement]:
    return [Requirement(spec) for spec in _project()["dependencies"]]


def _dev() -> list[Requirement]:
    return [Requirement(spec) for spec in _project()["optional-dependencies"]["dev"]]


def _bench() -> list[Requirement]:
    return [Requirement(spec) for spec in _project()["optional-dependencies"]["bench"]]


def _requirement_lines(lock: Path) -> list[str]:
    return [line for line in lock.read_text().splitlines() if line and not line[0].isspace() and line[0] != "#"]


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, DEV_LOCK, BENCH_LOCK, PIP_LOCK], ids=lambda p: p.name)
def test_every_pin_is_exact_and_hashed(lock):
    pins = _pins(lock)
    lines = _requirement_lines(lock)
    assert len(pins) == len(lines), f"{lock.name}: a requirement is not an exact == pin: {lines}"
    unhashed = sorted(name for name, pin in pins.items() if not pin.hashes)
    assert not unhashed, f"{lock.name}: pins without a sha256 hash: {unhashed}; {REGENERATE}"


@pytest.mark.parametrize(("lock", "requirements"), [
    (RUNTIME_LOCK, _runtime), (DEV_LOCK, _runtime), (DEV_LOCK, _dev), (BENCH_LOCK, _runtime), (BENCH_LOCK, _bench),
], ids=["runtime-in-lock", "runtime-in-dev-lock", "dev-in-dev-lock", "runtime-in-bench-lock", "bench-in-bench-lock"])
def test_pyproject_requirements_are_pinned_within_their_ranges(lock, requirements):
    pins = _pins(lock)
    for req in requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req} from pyproject.toml is missing from {lock.name}; {REGENERATE}"
        version = pins[name].version
        assert req.specifier.contains(version, prereleases=True), (
            f"{lock.name} pins {name}=={version}, outside pyproject.toml's {req}; {REGENERATE}")
        if req.extras:  # e.g. uvicorn[standard]: what the extra brings in is pinned too
            pulled = [pin.name for pin in pins.values() if name in pin.via]
            assert pulled, f"{lock.name}: nothing pinned via {req}; {REGENERATE}"


def test_tests_run_on_the_versions_that_ship():
    runtime, dev = _pins(RUNTIME_LOCK), _pins(DEV_LOCK)
    differ = {name: (str(pin.version), str(dev[name].version) if name in dev else None)
              for name, pin in runtime.items() if name not in dev or dev[name].version != pin.version}
    assert not differ, f"lock.txt and dev-lock.txt disagree (lock, dev-lock): {differ}; {REGENERATE}"


def test_bench_lock_agrees_with_the_other_locks():
    # bench-lock.txt is installed on top of dev-lock.txt (`pip install --require-hashes -r
    # requirements/bench-lock.txt`): a package both pin must be pinned to one version.
    bench = _pins(BENCH_LOCK)
    for other in (RUNTIME_LOCK, DEV_LOCK):
        pins = _pins(other)
        differ = {name: (str(pin.version), str(pins[name].version))
                  for name, pin in bench.items() if name in pins and pins[name].version != pin.version}
        assert not differ, f"bench-lock.txt and {other.name} disagree (bench, other): {differ}; {REGENERATE}"


def test_bench_anchors_are_never_runtime_dependencies():
    runtime = _pins(RUNTIME_LOCK)
    anchors = [canonicalize_name(req.name) for req in _bench()]
    assert anchors, "pyproject.toml's bench extra is empty"
    shipped = [name for name in anchors if name in runtime]
    assert not shipped, f"bench-only anchors pinned in lock.txt, i.e. shipped at run time: {shipped}"


def test_pip_lock_pins_pip_alone_within_pip_in():
    # Installed first everywhere (README, .ci/run, Dockerfile): pip older than 23.3
    # refuses the hashed locks (jusText's lxml[html_clean] requirement has an extra).
    pins = _pins(PIP_LOCK)
    assert set(pins) == {"pip"}, f"{PIP_LOCK.name} should pin pip alone: {sorted(pins)}"
    wanted = [Requirement(line) for line in _requirement_lines(PIP_INPUT)]
    assert [canonicalize_name(req.name) for req in wanted] == ["pip"]
    assert wanted[0].specifier.contains(pins["pip"].version), f"{PIP_LOCK.name}: {REGENERATE}"
    assert pins["pip"].version >= Version("23.3")
