"""Every command that writes to stdout exits quietly when the reader goes away
(`cleaner rules | head -n 1`): status 141, as for a tool killed by SIGPIPE, and no
traceback. Real subprocesses and real pipes."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys

import pytest

from cleaner import RULES
from cleaner.cli import EXIT_BROKEN_PIPE
from tests.batch.batch_helpers import ROOT, cli_env

SEED = "seeds/004_3af7680843796fe3.txt"
# Each writes its result to stdout.
COMMANDS = {
    "rules": ["rules"],
    "rules-json": ["rules", "--format", "json"],
    "rules-family": ["rules", "NEWS"],
    "clean-text": ["clean", SEED],
    "clean-json": ["clean", SEED, "--format", "json"],
    "explain-stdin": ["explain", "-"],
    "explain-to-dash": ["explain", SEED, "-o", "-"],
}
NOISE = ("Traceback", "BrokenPipeError", "Exception ignored")


def _with_reader_gone(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run `python -m cleaner ARGS` with the read end of its stdout closed before it writes."""
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", *args], cwd=ROOT, env=cli_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    _, err = proc.communicate(stdin or b"", timeout=120)
    return subprocess.CompletedProcess(args, proc.returncode, b"", err)


@pytest.fixture(scope="module")
def profiles_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("profiles") / "p.db")
    learned = subprocess.run([sys.executable, "-m", "cleaner", "learn", "seeds", "--site", "seeds.example",
                              "--profiles", db, "--workers", "1"], cwd=ROOT, env=cli_env(), capture_output=True)
    assert learned.returncode == 0, learned.stderr.decode()
    return db


@pytest.mark.parametrize("args", [*COMMANDS.values(), ["profiles", "list"], ["profiles", "show", "seeds.example"]],
                         ids=[*COMMANDS.keys(), "profiles-list", "profiles-show"])
def test_closed_pipe_exits_141_without_a_traceback(args, request):
    if args[0] == "profiles":
        args = [*args, "--profiles", request.getfixturevalue("profiles_db")]
    stdin = (ROOT / SEED).read_bytes() if "-" in args[1:2] else None
    proc = _with_reader_gone(args, stdin)
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_BROKEN_PIPE, err
    assert not any(word in err for word in NOISE), err


def test_help_into_a_closed_pipe_is_quiet():
    proc = _with_reader_gone(["--help"])
    err = proc.stderr.decode()
    assert proc.returncode in (0, EXIT_BROKEN_PIPE) and not any(word in err for word in NOISE), err


def test_rules_piped_into_head_prints_one_line_and_exits_quietly():
    # The issue's own command, `cleaner rules | head -n 1`, with the pipe shrunk to one
    # page: the listing is longer, so the writer is still writing when head exits.
    full = subprocess.run([sys.executable, "-m", "cleaner", "rules"], cwd=ROOT, env=cli_env(),
                          capture_output=True, timeout=120).stdout
    read_end, write_end = os.pipe()
    pipe_size = fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    assert len(full) > pipe_size
    head = subprocess.Popen(["head", "-n", "1"], stdin=read_end, stdout=subprocess.PIPE)
    os.close(read_end)
    rules = subprocess.Popen([sys.executable, "-m", "cleaner", "rules"], cwd=ROOT, env=cli_env(),
                             stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    err = rules.communicate(timeout=120)[1].decode()
    first = head.communicate(timeout=30)[0]
    assert first == full.splitlines(keepends=True)[0]
    assert rules.returncode == EXIT_BROKEN_PIPE and not any(word in err for word in NOISE), err
