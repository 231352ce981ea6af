"""How a batch record travels as bytes: one JSONL line, and the serialised output record a
worker hands the driver. Imports no other batch module, so every one of them can use it."""
from __future__ import annotations

import json
from typing import Any, NamedTuple

from cleaner.jsonsafe import utf8_json

# Output layouts: what a worker serialises a record for (the sink says which it takes).
JSONL, TXT = "jsonl", "txt"


def encode_line(value: dict[str, Any]) -> bytes:
    """One JSONL line (cleaner.jsonsafe.utf8_json: lone surrogates kept as escapes)."""
    return utf8_json(value) + b"\n"


def id_key(rid: Any) -> str:
    """An id as a dict key that tells 1 from "1"."""
    return json.dumps(rid, ensure_ascii=False)


class BatchError(ValueError):
    """The batch cannot run as asked (an unreadable input, an unusable output or setting);
    the CLI reports it as a usage error, before any record is cleaned."""


class Encoded(NamedTuple):
    """A record's output, serialised by the worker that cleaned it."""

    rid: Any
    ok: bool
    payload: bytes  # its JSONL line; for a .txt folder, a cleaned record's file content
    summary: bytes | None  # explain pages: its summary line
