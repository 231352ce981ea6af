"""Builders of the hostile input shapes issue #20 found, shared by the bad-input table
(bad_inputs.py), the hypothesis strategies (strategies.py) and the atheris harnesses
(fuzz/): plain functions of a size, no test framework needed.
"""
from __future__ import annotations

import gzip
import json


def deep_json(depth: int, field: str = "text") -> bytes:
    """A JSON object whose `field` is an array nested `depth` deep (one line, no id)."""
    return b'{"' + field.encode() + b'": ' + b"[" * depth + b"]" * depth + b"}"


def surrogate_json(field: str, text: str, code: int = 0xD800, **extra: str) -> bytes:
    """A valid JSON object whose `field` holds a lone surrogate escape ("\\ud800") before
    `text` (the url field holds the escape alone); written ASCII, as json.dumps does."""
    value = "\\u%04x" % code + ("" if field == "url" else " " + json.dumps(text)[1:-1])
    fields = {**extra}
    if field == "url":
        fields["text"] = text
    body = json.dumps(fields)[1:-1]
    return ('{"%s": "%s"%s}' % (field, value, ", " + body if body else "")).encode("ascii")


def attribute_flood(count: int, inner: str) -> str:
    """A page whose one <div> carries `count` distinct attributes around `inner`."""
    attributes = " ".join(f'a{i}="v"' for i in range(count))
    return f"<html><body><div {attributes}><p>{inner}</p></div></body></html>"


def ratio_bomb(records: int, size: int, good: list[bytes]) -> bytes:
    """A gzip JSONL (gzip members back to back) of `records` lines that each decompress to
    `size` bytes, the `good` lines between them; one member is compressed, then repeated,
    so building it costs one compression however many records."""
    bomb = gzip.compress(b'{"text": "' + b"A" * (size - 13) + b'"}\n', 6)
    members = []
    for i in range(records):
        members.append(gzip.compress(good[i % len(good)] + b"\n") if good else b"")
        members.append(bomb)
    return b"".join(members)
