"""Faults and signals on a real `cleaner serve`: killed processes are replaced and the
service keeps answering; SIGTERM drains what is in flight and then exits 0.

Two kinds of process can die: a uvicorn worker (its supervisor, the `cleaner serve`
process, starts a new one) and a cleaning process of a worker's pool (the pool replaces
it, and a document whose process died under it is tried once more on a fresh one).
"""
from __future__ import annotations

import random
import signal
import socket
import threading
import time
from typing import Callable

import httpx
import psutil
import pytest

from cleaner import clean
from cleaner.options import Options

pytestmark = pytest.mark.slow

# These tests kill processes under documents; they do not time them out or limit them.
# Input limits raised so the slow document runs long enough (several CPU seconds even on an
# idle machine) for a test to catch a process busy with it, also after a retry.
MAX_CHARS, MAX_LINES = 12_000_000, 1_000_000
ENV = {"CLEANER_DOC_TIMEOUT_SECONDS": "300", "CLEANER_MAX_BODY_BYTES": str(64 * 1024 * 1024),
       "CLEANER_MAX_INPUT_CHARS": str(MAX_CHARS), "CLEANER_MAX_LINES": str(MAX_LINES),
       "CLEANER_LOG_LEVEL": "info"}
LIMITS = Options(max_input_chars=MAX_CHARS, max_lines=MAX_LINES)
BUSY_CPU_SECONDS = 0.3  # CPU a cleaning process spends on a document before we call it busy
# Memory a fresh cleaning process holds beyond its warm-up once it works on the slow document
# (the 10 MB text itself, then its blocks: about +150 MB at the end).
BUSY_EXTRA_BYTES = 48 * 1024 * 1024


def _slow_document(chars: int = 10_000_000) -> str:
    """Distinct paragraphs (repeats are cheap to clean), several seconds of cleaning, kept
    within the raised input limits."""
    limits = LIMITS
    chars = min(chars, int(limits.max_input_chars * 0.9))
    rnd = random.Random(11)
    words = ["the", "council", "river", "market", "report", "winter", "school", "said", "on",
             "a", "new", "plan", "for", "city", "after", "years", "of", "debate", "and", "votes"]
    paragraphs: list[str] = []
    size = 0
    while size < chars and 2 * len(paragraphs) < limits.max_lines * 0.9:
        paragraphs.append(" ".join(rnd.choice(words) for _ in range(rnd.randint(5, 60))).capitalize() + ".")
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def slow_document() -> tuple[str, dict]:
    text = _slow_document()
    return text, clean(text=text, options=LIMITS).model_dump(mode="json")


# ---- the process tree ----------------------------------------------------------------


def _spawned_children(proc: psutil.Process) -> list[psutil.Process]:
    """Children started by multiprocessing's spawn (uvicorn workers, cleaning processes)."""
    found = []
    for child in proc.children():
        try:
            if any("spawn_main" in part for part in child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


def _workers(server) -> list[psutil.Process]:
    """The uvicorn workers; with one worker, uvicorn serves in the `cleaner serve` process."""
    master = psutil.Process(server.proc.pid)
    return _spawned_children(master) if server.workers > 1 else [master]


def _cleaners(worker: psutil.Process) -> list[psutil.Process]:
    try:
        return _spawned_children(worker)
    except psutil.NoSuchProcess:
        return []


def _gone(proc: psutil.Process) -> bool:
    try:
        return proc.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _wait_for(what: str, condition: Callable[[], object], timeout: float = 180.0) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _startups(server) -> int:
    return server.log_text().count("Application startup complete")


def _start(start_server, name: str, workers: int):
    server = start_server(name, ENV, ("--workers", str(workers)))
    server.workers = workers
    server.wait_ready(timeout=240)  # start-up is CPU-bound: slow on a busy machine
    # Every worker has finished its lifespan start-up (pool warm) before it accepts.
    _wait_for(f"{workers} started workers", lambda: _startups(server) >= workers, timeout=240)
    _wait_for("the process tree", lambda: len(_workers(server)) == workers
              and all(len(_cleaners(w)) == 1 for w in _workers(server)))
    server.warm_rss = max(_rss_by_cleaner(server).values())  # memory of a warm, idle cleaning process
    return server


def _ask(server, seeds, count: int = 12) -> None:
    """`count` requests, each on a fresh connection (so both workers get some): all answered right."""
    for index in range(count):
        name, text, _ = seeds[index % len(seeds)]
        with httpx.Client(base_url=server.url, timeout=60) as client:
            response = client.post("/v1/clean", json={"text": text})
        assert response.status_code == 200, (name, response.text)
        assert response.json()["text"] == clean(text=text).text, name


def _cpu_by_cleaner(server) -> dict[int, float]:
    out = {}
    for worker in _workers(server):
        for proc in _cleaners(worker):
            try:
                cpu = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            out[proc.pid] = cpu.user + cpu.system
    return out


def _rss_by_cleaner(server) -> dict[int, int]:
    out = {}
    for worker in _workers(server):
        for proc in _cleaners(worker):
            try:
                out[proc.pid] = proc.memory_info().rss
            except psutil.NoSuchProcess:
                continue
    return out


def _busy_cleaner(server, before: dict[int, float], exclude: tuple[int, ...] = ()) -> psutil.Process | None:
    """A cleaning process at work on the slow document.

    One that existed at `before` is busy once it has spent visible CPU since. One started
    since then spends its warm-up first, and warm-up CPU varies (a first start that
    compiles bytecode costs seconds more than a later one), so CPU cannot tell its warm-up
    from the document: it is busy once it holds the document, seen as memory well past a
    warm process's.
    """
    for worker in _workers(server):
        for proc in _cleaners(worker):
            if proc.pid in exclude:
                continue
            try:
                if proc.pid in before:
                    cpu = proc.cpu_times()
                    busy = cpu.user + cpu.system - before[proc.pid] > BUSY_CPU_SECONDS
                else:
                    busy = proc.memory_info().rss > server.warm_rss + BUSY_EXTRA_BYTES
            except psutil.NoSuchProcess:
                continue
            if busy:
                return proc
    return None


def _idle(server) -> bool:
    """No cleaning process is using CPU (warm-ups are over)."""
    first = _cpu_by_cleaner(server)
    time.sleep(0.5)
    second = _cpu_by_cleaner(server)
    return first.keys() == second.keys() and all(second[pid] - first[pid] < 0.05 for pid in first)


def _post_in_thread(server, payload: dict, results: list) -> threading.Thread:
    def post() -> None:
        try:
            with httpx.Client(base_url=server.url, timeout=300) as client:
                response = client.post("/v1/clean", json=payload)
            results.append((time.monotonic(), response))
        except httpx.HTTPError as exc:  # recorded, so the test can say what went wrong
            results.append((time.monotonic(), exc))

    thread = threading.Thread(target=post, daemon=True)
    thread.start()
    return thread


# ---- killed processes (one 2-worker server, whole again before each test) -------------


@pytest.fixture(scope="module")
def faulty(start_server):
    return _start(start_server, "kill", workers=2)


@pytest.fixture
def server(faulty):
    _wait_for("a whole process tree", lambda: len(_workers(faulty)) == 2
              and all(len(_cleaners(w)) == 1 for w in _workers(faulty)))
    _wait_for("warm-ups to finish", lambda: _idle(faulty))
    return faulty


def test_killed_uvicorn_workers_are_replaced_and_the_service_keeps_answering(server, seeds):
    originals = _workers(server)
    started = _startups(server)
    for victim in originals:
        orphans = _cleaners(victim)
        victim.send_signal(signal.SIGKILL)
        _wait_for("the killed worker to die", lambda: _gone(victim), timeout=10)
        _ask(server, seeds)  # the other worker answers meanwhile
        _wait_for("a replacement worker", lambda: len(_workers(server)) == 2
                  and victim.pid not in {w.pid for w in _workers(server)})
        # The killed worker's cleaning processes see their pipe close and leave.
        _wait_for("the killed worker's cleaning processes to exit", lambda: all(map(_gone, orphans)), timeout=15)
        started += 1
        _wait_for("the replacement to start", lambda: _startups(server) >= started)
    # Both original workers are gone: whatever answers now is a replacement.
    assert not {w.pid for w in originals} & {w.pid for w in _workers(server)}
    _ask(server, seeds)
    assert server.proc.poll() is None


def test_idle_cleaning_process_killed_is_replaced_before_the_next_document(server, seeds):
    for worker in _workers(server):
        victim = _cleaners(worker)[0]
        victim.send_signal(signal.SIGKILL)
        # Replaced while idle (so /readyz stays true), not on the next request's time.
        _wait_for("an idle replacement", lambda: _one_other_cleaner(worker, victim))
    _ask(server, seeds)


def _one_other_cleaner(worker: psutil.Process, victim: psutil.Process) -> bool:
    pids = [proc.pid for proc in _cleaners(worker)]  # one look: the tree changes under us
    return len(pids) == 1 and pids[0] != victim.pid


def test_cleaning_process_killed_mid_document_the_document_is_retried(server, seeds, slow_document):
    text, expected = slow_document
    before = _cpu_by_cleaner(server)
    results: list = []
    thread = _post_in_thread(server, {"text": text}, results)
    victim = _wait_for("a busy cleaning process", lambda: _busy_cleaner(server, before))
    victim.send_signal(signal.SIGKILL)
    thread.join(300)
    assert results, "no answer"
    response = results[0][1]
    assert isinstance(response, httpx.Response), response
    assert response.status_code == 200, response.text
    assert response.json() == expected
    _ask(server, seeds)


def test_document_that_takes_down_two_cleaning_processes_is_answered_as_a_crash(server, seeds, slow_document):
    text, _ = slow_document
    before = _cpu_by_cleaner(server)
    results: list = []
    thread = _post_in_thread(server, {"text": text}, results)
    killed: tuple[int, ...] = ()
    for _ in range(2):  # the process it started on, then the fresh one it is retried on
        victim = _wait_for("a busy cleaning process", lambda: _busy_cleaner(server, before, exclude=killed))
        victim.send_signal(signal.SIGKILL)
        killed += (victim.pid,)
    thread.join(300)
    response = results[0][1]
    assert isinstance(response, httpx.Response), response
    assert response.status_code == 500, response.text
    error = response.json()["error"]
    assert error["code"] == "worker_crashed" and "SIGKILL" in error["message"]
    _ask(server, seeds, count=4)  # and the worker goes on with a fresh process


# ---- SIGTERM -------------------------------------------------------------------------


def _refused(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            # Accepted by the kernel: refused only if the server closes it unanswered.
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            return sock.recv(1) == b""
    except (ConnectionRefusedError, ConnectionResetError):
        return True
    except TimeoutError:
        return False  # queued on a socket nobody will serve: the failure this test looks for


@pytest.mark.parametrize(("workers", "target"), [(2, "server"), (1, "server"), (2, "process group")])
def test_sigterm_drains_in_flight_requests_refuses_new_ones_and_exits_0(
        start_server, slow_document, workers, target):
    server = _start(start_server, f"sigterm-{workers}-{target.replace(' ', '-')}", workers=workers)
    text, expected = slow_document
    before = _cpu_by_cleaner(server)
    results: list = []
    threads = [_post_in_thread(server, {"text": text}, results) for _ in range(3)]
    _wait_for("a document being cleaned", lambda: _busy_cleaner(server, before), timeout=60)
    tree = [psutil.Process(server.proc.pid), *psutil.Process(server.proc.pid).children(recursive=True)]

    # The server alone (docker stop, Kubernetes) or its whole group (Ctrl-C, systemd).
    if target == "server":
        server.proc.send_signal(signal.SIGTERM)
    else:
        import os

        os.killpg(server.proc.pid, signal.SIGTERM)
    refused_at = _wait_for("new connections to be refused", lambda: _refused(server.port) and time.monotonic(),
                           timeout=20)

    for thread in threads:
        thread.join(300)
    assert len(results) == 3
    for _, response in results:
        assert isinstance(response, httpx.Response), response
        assert response.status_code == 200, response.text
        assert response.json() == expected  # the full answer, not a truncated one
    assert refused_at < max(at for at, _ in results), "new connections were refused only after the drain"
    assert server.proc.wait(60) == 0, server.log_text()[-3000:]
    _wait_for("every process of the server to exit", lambda: all(map(_gone, tree)), timeout=15)
