"""The per-document time budget of `clean()` (`Options.timeout_seconds`).

The document is cleaned on a helper thread while the caller waits at most the budget.
Over budget the caller gets DocumentTimeout at once, and the helper thread is told to
stop: an exception is raised inside it (between two Python bytecodes; a call stuck in C
code stops when it returns). The caller's own thread is never interrupted, so an
exception can never land in the middle of the caller's code.

A thread cannot be killed, so code that owns its process (the batch workers) checks
`runaway_threads()` and replaces the process when a stopped document keeps running;
the service goes further and runs every document in a child process it kills.
"""
from __future__ import annotations

import ctypes
import threading
from typing import Callable, TypeVar

from cleaner.errors import DocumentTimeout

T = TypeVar("T")

_runaways: list[threading.Thread] = []
_lock = threading.Lock()


class _Stop(BaseException):
    """Raised inside an over-budget document's thread. A BaseException, so the library's
    `except Exception` fallbacks (e.g. a failed extraction) cannot swallow it."""


def run_within(budget: float, work: Callable[[], T]) -> T:
    """`work()`, or DocumentTimeout when it takes longer than `budget` seconds."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except _Stop:
            pass
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="cleaner-document", daemon=True)
    thread.start()
    thread.join(budget)
    if thread.is_alive():
        _stop(thread)
        raise DocumentTimeout.after(budget)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _stop(thread: threading.Thread) -> None:
    ident = thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Stop))
    with _lock:
        _runaways.append(thread)


def runaway_threads(wait: float = 0.0) -> int:
    """How many stopped documents are still running (after waiting up to `wait` s)."""
    with _lock:
        threads = list(_runaways)
    for thread in threads:
        thread.join(wait)
    with _lock:
        _runaways[:] = [t for t in _runaways if t.is_alive()]
        return len(_runaways)
