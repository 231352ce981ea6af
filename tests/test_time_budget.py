"""The per-document time budget (cleaner/limits.py) and its use by clean()."""
from __future__ import annotations

import threading
import time

import pytest

import cleaner.api as api
from cleaner import DocumentTimeout, clean
from cleaner.errors import CleanerError
from cleaner.limits import run_within, runaway_threads


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_the_value_comes_back_within_budget():
    assert run_within(5, lambda: 41 + 1) == 42


def test_an_error_in_the_work_reaches_the_caller_unchanged():
    def fail():
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        run_within(5, fail)


def test_over_budget_raises_documenttimeout_and_stops_the_thread():
    with pytest.raises(DocumentTimeout, match="longer than 0.1 s"):
        run_within(0.1, lambda: spin(30))
    # The spinning thread got the stop exception at its next bytecode.
    assert runaway_threads(wait=5) == 0
    assert not any(t.name == "cleaner-document" for t in threading.enumerate())


def test_a_thread_stuck_in_c_code_is_reported_as_a_runaway():
    with pytest.raises(DocumentTimeout):
        run_within(0.05, lambda: time.sleep(1.0))  # sleep is C: the stop waits for it
    assert runaway_threads() == 1
    assert runaway_threads(wait=5) == 0


def test_documenttimeout_is_a_documented_error():
    assert issubclass(DocumentTimeout, CleanerError) and DocumentTimeout.code == "timeout"


def test_clean_honours_timeout_seconds(monkeypatch):
    original = api.clean_text

    def slow(text, *args, **kwargs):
        if "SLOW" in text:
            spin(30)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(api, "clean_text", slow)
    with pytest.raises(DocumentTimeout):
        clean(text="SLOW document", options={"timeout_seconds": 0.2})
    fast = clean(text="Headline\n\nA body paragraph that is long enough to be kept as text.", options={"timeout_seconds": 5})
    assert "body paragraph" in fast.text
    assert runaway_threads(wait=5) == 0


def test_clean_without_a_budget_runs_on_the_callers_thread(monkeypatch):
    seen = []
    original = api.clean_text

    def spy(text, *args, **kwargs):
        seen.append(threading.current_thread())
        return original(text, *args, **kwargs)

    monkeypatch.setattr(api, "clean_text", spy)
    clean(text="Some text")
    assert seen == [threading.current_thread()]
