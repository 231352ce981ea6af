"""README's code blocks, run: every one is of a kind this module runs, and what it shows
is what it does.

- `pycon` blocks are doctests, run in order in one namespace from the repository root;
- `console` blocks are `$ command` lines with their output, run by bash in a scratch
  folder (the seeds linked in) with `cleaner` and `python` meaning this interpreter, the
  service's address pointing at a live `cleaner serve`; `...` in an output stands for
  anything. `docker` commands are run by tests/container/test_image.py (podman);
- the two `sh` blocks are the set-up commands: the first is run as written in a fresh
  copy of the repository, with the `python3.11` on PATH (a stock venv, its own old pip),
  until its service answers the README's first curl; the second is that same venv around
  `bash .ci/run`, which is what CI runs.
"""
from __future__ import annotations

import doctest
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.service.conftest import Server, free_port

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
KINDS = ("sh", "pycon", "console")
DOCS_ADDRESS = "127.0.0.1:8000"  # where README's commands find the service
VENV = "python3.11 -m venv .venv && . .venv/bin/activate"
DOCKER = ["docker build -t cleaner .", "docker run -p 8000:8000 cleaner"]
_FENCE = re.compile(r"^```(\S*)\n(.*?)^```$", re.M | re.S)


@dataclass
class Block:
    kind: str
    text: str
    line: int


@dataclass
class Command:
    command: str
    expected: str
    line: int


def readme_blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    return [Block(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in _FENCE.finditer(text)]


def console_commands() -> list[Command]:
    """`$ ` starts a command, a trailing backslash continues it, other lines are its output."""
    commands: list[Command] = []
    for block in readme_blocks():
        if block.kind != "console":
            continue
        continued = False
        for offset, line in enumerate(block.text.splitlines()):
            if continued:
                commands[-1].command += "\n" + line
            elif line.startswith("$ "):
                commands.append(Command(line[2:], "", block.line + 1 + offset))
            else:
                assert commands, f"README line {block.line + 1 + offset}: output before any command"
                commands[-1].expected += line + "\n"
            continued = line.endswith("\\")
    return commands


def setup_commands() -> list[str]:
    return [block.text.strip() for block in readme_blocks() if block.kind == "sh"]


def _shims(folder: Path) -> dict[str, str]:
    """An environment where `cleaner` and `python` are this interpreter running this tree."""
    folder.mkdir()
    for name, run in (("cleaner", f'"{sys.executable}" -m cleaner'), ("python", f'"{sys.executable}"')):
        shim = folder / name
        shim.write_text(f'#!/bin/sh\nexec {run} "$@"\n')
        shim.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANER_")}
    env.update(PATH=f"{folder}{os.pathsep}{env.get('PATH', '')}", PYTHONPATH=str(ROOT))
    return env


def _run(command: Command, cwd: Path, env: dict[str, str], address: str) -> str:
    script = command.command.replace(DOCS_ADDRESS, address)
    proc = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, timeout=300)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, f"README line {command.line}: exit {proc.returncode}\n{proc.stderr.decode()[-2000:]}"
    return out


def _check_output(command: Command, got: str) -> None:
    checker = doctest.OutputChecker()
    if got and not got.endswith("\n"):  # curl prints a JSON body without a final newline
        got += "\n"
    assert checker.check_output(command.expected, got, doctest.ELLIPSIS), (
        f"README line {command.line}: `{command.command}` printed\n{got[:3000]}\nbut README shows\n{command.expected}")


# ---- the blocks themselves ------------------------------------------------------------


def test_every_block_is_of_a_kind_this_module_runs():
    blocks = readme_blocks()
    assert blocks
    strays = [(b.line, b.kind) for b in blocks if b.kind not in KINDS]
    assert not strays, f"README blocks this test does not run (line, kind): {strays}"
    assert [b.kind for b in blocks].count("sh") == 2, "README has exactly two set-up commands"
    # Indented code blocks would escape the fences this module reads.
    outside = _FENCE.sub("", README.read_text(encoding="utf-8"))
    indented = [line for line in outside.splitlines() if line.startswith("    ")]
    assert not indented, f"indented code outside a fenced block: {indented}"


def test_readme_stays_short():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 300


def test_docs_links_resolve():
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(((?!https?:)[^)#\s]+)", text)
    for page in ROOT.glob("docs/*.md"):
        targets += [str(Path("docs") / t) for t in re.findall(r"\]\(((?!https?:)[^)#\s]+)", page.read_text())]
    missing = [t for t in targets if not (ROOT / t).resolve().exists()]
    assert targets and not missing, missing


# ---- running them ---------------------------------------------------------------------


def test_python_examples_print_what_readme_shows(monkeypatch):
    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    namespace: dict = {}
    report = io.StringIO()
    examples = 0
    for block in readme_blocks():
        if block.kind == "pycon":
            test = parser.get_doctest(block.text, namespace, "README.md", str(README), block.line)
            examples += len(test.examples)
            runner.run(test, out=report.write, clear_globs=False)
            namespace.update(test.globs)  # the next block goes on from this one, as in one session
    assert examples and runner.failures == 0, report.getvalue()


@pytest.fixture(scope="module")
def live_service():
    server = Server("readme", {})
    try:
        server.wait_ready()
        yield f"127.0.0.1:{server.port}"
    finally:
        server.stop()


def test_console_examples_print_what_readme_shows(live_service, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "seeds").symlink_to(ROOT / "seeds")
    env = _shims(tmp_path / "bin")
    commands = console_commands()
    docker = [c.command for c in commands if c.command.startswith("docker ")]
    assert docker == DOCKER  # what tests/container/test_image.py does with podman
    ran = 0
    for command in commands:
        if command.command.startswith("docker "):
            continue
        got = _run(command, work, env, live_service)
        _check_output(command, got)
        if DOCS_ADDRESS in command.command:
            assert got.strip(), f"README line {command.line}: the service answered nothing"
        ran += 1
    assert ran >= 5


def test_second_setup_command_is_the_first_ones_venv_around_ci():
    first, second = setup_commands()
    assert first.startswith(VENV + " ") and first.endswith("&& cleaner serve")
    assert second == f"{VENV} && bash .ci/run"
    assert (ROOT / ".ci" / "run").exists()


def _fresh_copy(target: Path) -> None:
    """The repository's files as a clone would have them (tracked, plus new ones not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        pytest.skip(f"SET-UP COMMAND NOT RUN: {ROOT} is not a git checkout")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _stock_environment(port: int) -> dict[str, str]:
    """This environment without the venv the tests run in, so `python3.11` is the stock one."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CLEANER_") and k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    own_bin = str(Path(sys.executable).parent) if sys.prefix != sys.base_prefix else None
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != own_bin)
    env.update(CLEANER_PORT=str(port), CLEANER_PROCESSES="1")
    return env


def _wait_healthy(proc: subprocess.Popen, url: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the set-up command exited {proc.returncode} before serving:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"no service on {url} after {timeout:.0f} s:\n{log.read_text()[-4000:]}")


@pytest.mark.slow
def test_first_setup_command_installs_and_serves_from_a_stock_venv(tmp_path):
    port = free_port()
    env = _stock_environment(port)
    if shutil.which("python3.11", path=env["PATH"]) is None:
        pytest.skip("SET-UP COMMAND NOT RUN: no python3.11 on PATH")
    repo = tmp_path / "clone"
    _fresh_copy(repo)
    first = setup_commands()[0]
    log = tmp_path / "setup.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(["bash", "-c", first], cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_healthy(proc, f"http://127.0.0.1:{port}", log, timeout=900)
        curl = next(c for c in console_commands() if DOCS_ADDRESS in c.command)
        got = _run(curl, repo, _shims(tmp_path / "bin"), f"127.0.0.1:{port}")
        _check_output(curl, got)
        pip = subprocess.run([str(repo / ".venv" / "bin" / "python"), "-m", "pip", "--version"],
                             capture_output=True, text=True).stdout
        pinned = re.search(r"^pip==(\S+)", (ROOT / "requirements" / "pip.txt").read_text(), re.M).group(1)
        assert pip.startswith(f"pip {pinned} "), pip
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM to the set-up command's session (bash, the service and its processes), then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            continue
