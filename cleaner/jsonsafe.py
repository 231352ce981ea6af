"""JSON from and to untrusted data: nesting checked before parsing, lone surrogates kept.

Shared by the batch reader and writers and by the service, which parse the same kind of
hostile records and must write whatever a valid JSON escape delivered.
"""
from __future__ import annotations

import itertools
import json
import re
from typing import Any

# Deeper JSON is refused before parsing: the parser recurses once per level, so a line of
# 100,000 "[" raised RecursionError, and how deep it gets depends on the caller's own
# stack (the batch driver and a worker would disagree about the same line).
MAX_JSON_DEPTH = 200
# A JSON string, escapes included; an unterminated one runs to the end (possessive, the
# closing quote optional), so no match starts again inside a string: linear on any input.
_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"?', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # read as signed bytes: +1, -1
_STEP_CHUNK = 1 << 16
# The encoding error handler for JSON text (see utf8_json) and for pages that show
# input text: a lone surrogate is written as "\ud800", not refused.
JSON_ERRORS = "backslashreplace"


def json_too_deep(data: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets outside strings nest deeper than `limit`, in linear time (two
    counts answer for a document with fewer opening brackets than that)."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    steps = memoryview(brackets.translate(_STEPS)).cast("b")
    depth = 0
    for start in range(0, len(steps), _STEP_CHUNK):  # a flood of "[" stops at its first chunk
        depths = list(itertools.accumulate(steps[start:start + _STEP_CHUNK], initial=depth))
        if max(depths) > limit:
            return True
        depth = depths[-1]
    return False


def utf8_json(value: Any) -> bytes:
    """`value` as JSON in UTF-8, non-ASCII characters written as themselves.

    An unpaired surrogate (what a "\\ud800" escape in a JSON input decodes to) has no
    UTF-8 form: it is written as the same escape, so the output reads back to the value
    the input held instead of failing. (Outside strings json.dumps writes ASCII only, and
    a surrogate is the one character UTF-8 refuses, so "backslashreplace" writes exactly
    its JSON escape.)
    """
    return json.dumps(value, ensure_ascii=False).encode("utf-8", JSON_ERRORS)
