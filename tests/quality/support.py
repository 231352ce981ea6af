"""What the quality gate and the harness's tests share: bench/quality.py (loaded by path:
bench/ is a folder of scripts, not a package) and the bench folder with its corpora and
scorers, found, or skipped loudly.

The bench folder is CLEANER_BENCH_DIR when set, else ../shared/bench beside the clone. A
clone without it (no ../shared) skips the gate with a QUALITY GATE SKIPPED message; when
CLEANER_BENCH_DIR is set, missing data is a failure instead: whoever set it expects the
gate to run.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_quality():
    name = "cleaner_bench_quality"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "quality.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the class is made
        spec.loader.exec_module(module)
    return sys.modules[name]


quality = _load_quality()


def require_bench(*files: str) -> Path:
    """The bench folder, holding every one of files (corpora, scorers)."""
    bench = quality.bench_dir()
    missing = [name for name in files if not (bench / name).exists()]
    if not missing:
        return bench
    explicit = os.environ.get("CLEANER_BENCH_DIR")
    if explicit:
        pytest.fail(f"CLEANER_BENCH_DIR={explicit} is set, but {', '.join(missing)} is not there")
    pytest.skip(f"QUALITY GATE SKIPPED: {', '.join(missing)} not found in {bench} "
                "(the shared bench folder beside the clone; set CLEANER_BENCH_DIR to point at it)")
