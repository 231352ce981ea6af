"""Shared set-up for the atheris harnesses: import paths and the oracle."""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# Small enough that one input cleans in milliseconds, so the fuzzer explores widely.
FUZZ_OPTIONS = {"max_input_chars": 200_000}
