"""Input readers: JSONL files, folders or globs of .txt/.html files, or stdin ("-").

gzip, xz and zstd input is detected by its magic bytes and read transparently. Every
record line (or document file) is bounded in decompressed size, so a compression bomb
costs at most `max_record_bytes` of memory and turns into an error record. A malformed
JSONL line becomes an error record carrying its line number; nothing is skipped silently
except blank lines.
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import lzma
import os
import re
import shutil
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator, NamedTuple

import zstandard

from cleaner.batch.codec import BatchError
from cleaner.errors import InputTooLarge
from cleaner.jsonsafe import MAX_JSON_DEPTH, json_too_deep

DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024
# What a JSONL line may take per character of the document it carries: "\u00e9"-style
# escapes (json.dumps' default) are 6 bytes, and UTF-8 is at most 4. Plus room for the
# other fields (id, url, pass-through metadata).
_BYTES_PER_CHAR = 6
_RECORD_SLACK = 1 << 20
DOC_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
COMPRESSED_SUFFIXES = (".gz", ".xz", ".zst")
_GZIP_MAGIC = b"\x1f\x8b"
_XZ_MAGIC = b"\xfd7zXZ\x00"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_DRAIN_CHUNK = 1 << 20
# Both linear on any input: the comment loop is possessive (with a plain `*`, a run of
# "<!---->" not followed by a tag can be split between iterations in 2^n ways), and a
# tag's attribute text stops at the next "<", so no two tag attempts scan the same text.
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^<>]*>\s*)?(?:<!--.*?-->\s*)*+<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:p|div|br|span|a|script|style|table|article|section|meta|link|title|h[1-6])\b[^<>]*>", re.I)


def looks_like_html(data: bytes) -> bool:
    """HTML if it opens like a page, or if the head is dense with common tags."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head[:8192])) >= 5


class InputError(BatchError):
    """An input that cannot be read at all (missing file, empty glob): a usage error."""


@dataclass(frozen=True)
class Source:
    """One input: a JSONL stream, or a single document file with a fixed id."""

    path: str  # "-" for stdin
    kind: str  # "jsonl" | "doc"
    name: str  # ids of id-less JSONL lines are f"{name}:{line}"; the id of a doc

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"


class RawLine(NamedTuple):
    """A JSONL line as read, parsed where it is cleaned (cleaner.batch.records.as_record)."""

    data: bytes
    source: str  # the input's name, for ids of id-less lines and error messages
    lineno: int
    position: int | None = None  # --report: the record's position in the input


def record_size(item: RawLine | dict[str, Any]) -> int:
    """Bytes (or characters) of a record's content, to bound what a chunk holds."""
    if isinstance(item, RawLine):
        return len(item.data)
    body = item.get("text") if item.get("text") is not None else item.get("html")
    return len(body) if isinstance(body, (str, bytes, bytearray)) else 0


def _strip_compression(name: str) -> str:
    for suffix in COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def open_input(path: str, offset: int = 0) -> BinaryIO:
    """A buffered binary stream of the decompressed content of `path` ("-" = stdin).

    `offset` seeks the raw file first (only meaningful for uncompressed files).
    """
    raw: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb", buffering=0)  # noqa: SIM115
    if offset:
        raw.seek(offset)
    if path == "-":
        raw = _Unclosable(raw)  # type: ignore[assignment]
    buffered = io.BufferedReader(raw, buffer_size=1 << 20)  # type: ignore[arg-type]
    head = buffered.peek(8)[:8]
    if head.startswith(_GZIP_MAGIC):
        return io.BufferedReader(gzip.GzipFile(fileobj=buffered, mode="rb"), buffer_size=1 << 20)  # type: ignore[arg-type]
    if head.startswith(_XZ_MAGIC):
        return io.BufferedReader(lzma.LZMAFile(buffered, mode="rb"), buffer_size=1 << 20)  # type: ignore[arg-type]
    if head.startswith(_ZSTD_MAGIC):
        return io.BufferedReader(_ZstdFrames(buffered), buffer_size=1 << 20)  # type: ignore[arg-type]
    return buffered  # type: ignore[return-value]


class _ZstdFrames(io.RawIOBase):
    """zstd frames decompressed one after another; a stream that ends inside a frame raises.

    zstandard's own stream reader reports a truncated stream as a clean end, which
    would drop the rest of the input without a word (gzip and xz raise EOFError, which
    becomes an error record). The compressed input is fed in small pieces, so one
    call never yields more than FEED_BYTES times zstd's largest ratio (a 4-byte RLE
    block stands for 128 KiB): a few MB, not a zip bomb's worth.
    """

    FEED_BYTES = 512

    def __init__(self, raw: BinaryIO) -> None:
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._raw = raw
        self._frame = self._new()
        self._in_frame = False
        self._out = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._out:
            data = self._raw.read(self.FEED_BYTES)
            if not data:
                if self._in_frame:
                    raise EOFError("zstd stream ended inside a frame (truncated or corrupt)")
                return 0
            self._feed(data)
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n

    def _feed(self, data: bytes) -> None:
        while data:
            self._in_frame = True
            self._out += self._frame.decompress(data)
            if not self._frame.eof:
                return
            data = self._frame.unused_data  # the next frame starts here
            self._frame, self._in_frame = self._new(), False

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


class _Unclosable(io.RawIOBase):
    """stdin wrapper whose close() leaves the real stdin open."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:  # type: ignore[override]
        return self._raw.read(n) if n is not None and n >= 0 else self._raw.read()

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _is_glob(pattern: str) -> bool:
    return any(ch in pattern for ch in "*?[")


def _glob_base(pattern: str) -> str:
    parts = pattern.split(os.sep)
    base: list[str] = []
    for part in parts:
        if _is_glob(part):
            break
        base.append(part)
    joined = os.sep.join(base)
    return joined or "."


def _file_source(path: str, doc_id: str) -> Source | None:
    plain = _strip_compression(path.lower())
    if plain.endswith(JSONL_SUFFIXES):
        return Source(path, "jsonl", doc_id)
    if plain.endswith(DOC_SUFFIXES):
        return Source(path, "doc", doc_id)
    return None


def expand_inputs(inputs: list[str]) -> list[Source]:
    """Resolve INPUT arguments into sources, in a deterministic order.

    A folder contributes its .txt/.html files (recursively, sorted, id = path relative
    to the folder); a glob its matches (id = path relative to the glob's fixed prefix);
    a file is JSONL unless it is named .txt/.html; "-" is JSONL on stdin.
    """
    if inputs.count("-") > 1:
        raise InputError("stdin (-) can be given once")
    sources: list[Source] = []
    for item in inputs:
        if item == "-":
            sources.append(Source("-", "jsonl", "<stdin>"))
        elif os.path.isdir(item):
            found = []
            for root, dirs, files in os.walk(item):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for fname in files:
                    if fname.startswith("."):
                        continue
                    full = os.path.join(root, fname)
                    if _strip_compression(fname.lower()).endswith(DOC_SUFFIXES):
                        rel = os.path.relpath(full, item).replace(os.sep, "/")
                        found.append(Source(full, "doc", rel))
            if not found:
                raise InputError(f"{item}: folder holds no .txt or .html files")
            sources.extend(sorted(found, key=lambda s: s.name))
        elif _is_glob(item):
            base = _glob_base(item)
            matches = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
            chosen = []
            for path in matches:
                rel = os.path.relpath(path, base).replace(os.sep, "/")
                src = _file_source(path, rel)
                if src is not None:
                    chosen.append(src)
            if not chosen:
                raise InputError(f"{item}: no .jsonl, .txt or .html file matches")
            sources.extend(chosen)
        elif os.path.isfile(item):
            src = _file_source(item, os.path.basename(item))
            sources.append(src or Source(item, "jsonl", os.path.basename(item)))
        else:
            raise InputError(f"{item}: no such file or folder")
    return sources


def record_limit(max_input_chars: int, given: int | None = None) -> int:
    """The largest decompressed record (JSONL line or document file) worth reading: `given`
    (--max-record-bytes), else what a document of `max_input_chars` can take, at most
    DEFAULT_MAX_RECORD_BYTES. A longer one could only fail clean()'s own size check, so
    it is refused while it is read, never held (31 MiB at the default 5,000,000 chars)."""
    if given:
        return given
    return min(DEFAULT_MAX_RECORD_BYTES, _BYTES_PER_CHAR * max_input_chars + _RECORD_SLACK)


def read_bounded_line(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Read one line of at most `limit` bytes; (b"", True) if longer (the rest is drained)."""
    line = stream.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, False
    while True:
        chunk = stream.readline(_DRAIN_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return b"", True


def parse_line(raw: bytes, name: str, lineno: int) -> dict[str, Any]:
    """One JSONL line -> an input record, or an error record naming the line."""
    fallback_id = f"{name}:{lineno}"
    if json_too_deep(raw):
        return _line_error(fallback_id, name, lineno, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return _line_error(fallback_id, name, lineno, f"malformed JSON: {exc}")
    if not isinstance(value, dict):
        return _line_error(fallback_id, name, lineno, f"expected a JSON object, got {type(value).__name__}")
    if value.get("id") is None:
        value["id"] = fallback_id
    elif not isinstance(value["id"], (str, int)):
        return _line_error(fallback_id, name, lineno, "id must be a string or an integer")
    return value


def _line_error(rid: str, name: str, lineno: int, message: str) -> dict[str, Any]:
    return {"id": rid, "error": f"{name} line {lineno}: {message}", "source": name, "line": lineno}


def iter_jsonl(
    source: Source,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    first_line: int = 1,
    stop_line: int | None = None,
    start_offset: int = 0,
    raw: bool = False,
) -> Iterator[Any]:
    """Records of lines [first_line, stop_line) of a JSONL source (1-based line numbers).

    `start_offset`, when given, is the byte offset of `first_line` in an uncompressed file.
    With `raw`, a line within the size bound comes as a `RawLine` for the consumer to
    parse (cleaner.batch.records.as_record), so a pool's driver never parses JSON.
    """

    stream = open_input(source.path, start_offset)
    try:
        lineno = first_line if start_offset else 1
        while stop_line is None or lineno < stop_line:
            line, too_long = read_bounded_line(stream, max_record_bytes)
            if not line and not too_long:
                break
            if lineno >= first_line:
                if too_long:
                    yield _line_error(
                        f"{source.name}:{lineno}", source.name, lineno,
                        f"line longer than {max_record_bytes} bytes (decompressed)",
                    )
                elif line.strip():
                    yield RawLine(line, source.name, lineno) if raw else parse_line(line, source.name, lineno)
            lineno += 1
    finally:
        stream.close()


def read_bounded(path: str, limit: int) -> bytes:
    """At most limit + 1 decompressed bytes of a file or "-", so callers can tell "too large"."""
    stream = open_input(path)
    try:
        return stream.read(limit + 1)
    finally:
        stream.close()


def read_document(path: str, max_chars: int) -> bytes:
    """One document's bytes from a file or "-" (decompressed), for `cleaner clean` and
    `explain`: InputTooLarge past 4 bytes a character of `max_chars` (UTF-8's most; clean()
    then counts the characters), OSError if it cannot be read."""
    limit = max_chars * 4
    data = read_bounded(path, limit)
    if len(data) > limit:
        raise InputTooLarge(f"{path}: input is larger than {limit} bytes")
    return data


def read_doc(source: Source, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> dict[str, Any]:
    """A .txt/.html file -> one input record with id = its relative path."""
    try:
        data = read_bounded(source.path, max_record_bytes)
    except (OSError, EOFError, lzma.LZMAError, ValueError) as exc:
        return {"id": source.name, "error": f"cannot read {source.path}: {exc}"}
    except Exception as exc:  # zstandard.ZstdError and other decoder errors
        return {"id": source.name, "error": f"cannot read {source.path}: {type(exc).__name__}: {exc}"}
    if len(data) > max_record_bytes:
        return {"id": source.name, "error": f"{source.path} is larger than {max_record_bytes} bytes (decompressed)"}
    if _strip_compression(source.path.lower()).endswith(".txt"):
        return {"id": source.name, "text": data}
    return {"id": source.name, "html": data}


def iter_source(
    source: Source,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    first_line: int = 1,
    stop_line: int | None = None,
    start_offset: int = 0,
    raw: bool = False,
) -> Iterator[Any]:
    """The records of one source (for JSONL optionally only lines [first_line, stop_line));
    `raw`: JSONL lines left unparsed (see iter_jsonl)."""
    if source.kind == "doc":
        yield read_doc(source, max_record_bytes)
        return
    try:
        yield from iter_jsonl(source, max_record_bytes, first_line, stop_line, start_offset, raw)
    except Exception as exc:  # noqa: BLE001 - OSError, EOFError, LZMAError, zstandard.ZstdError
        if not isinstance(exc, (OSError, EOFError, lzma.LZMAError)) and not type(exc).__module__.startswith("zstandard"):
            raise
        # A truncated or corrupt compressed stream: the records read so far stand; the
        # damage is reported as one error record so the run is counted as failed.
        yield {
            "id": f"{source.name}:unreadable@{first_line}",
            "error": f"cannot read {source.path} past this point: {exc}",
            "source": source.name,
        }


def iter_inputs(
    sources: list[Source],
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    raw: bool = False,
) -> Iterator[Any]:
    """All records of all sources, in order (`raw`: JSONL lines unparsed, see iter_jsonl)."""
    for source in sources:
        yield from iter_source(source, max_record_bytes, raw=raw)


def spool_stdin(sources: list[Source], path: str, *, reuse: bool = False) -> list[Source]:
    """The sources with stdin ("-") copied to `path` and read from there: for readers that
    cannot take the driver's stdin (Dask tasks) or read the input twice (learn, then clean).
    `reuse`: a copy already at `path` stands (a resumed run)."""
    out: list[Source] = []
    for source in sources:
        if source.is_stdin:
            if not (reuse and os.path.exists(path)):
                with open(path + ".tmp", "wb") as f:
                    shutil.copyfileobj(sys.stdin.buffer, f, 1 << 20)
                os.replace(path + ".tmp", path)
            source = Source(path, "jsonl", source.name)
        out.append(source)
    return out


def is_compressed(path: str) -> bool:
    with open(path, "rb") as f:
        head = f.read(6)
    return head.startswith((_GZIP_MAGIC, _XZ_MAGIC, _ZSTD_MAGIC))


def count_records(sources: list[Source]) -> int | None:
    """How many records the sources hold, when that is cheap to know: a document file is
    one, an uncompressed JSONL file one per non-blank line (read at disk speed, next to
    cleaning at a few MB/s a core); None when any input is stdin or compressed (counting
    would mean decompressing it all once more)."""
    if any(s.is_stdin or (s.kind == "jsonl" and is_compressed(s.path)) for s in sources):
        return None
    total = 0
    for source in sources:
        if source.kind == "doc":
            total += 1
            continue
        total += _non_blank_lines(source.path)
    return total


def _non_blank_lines(path: str) -> int:
    """Lines holding more than whitespace, read in blocks (a line may be gigabytes long)."""
    count = 0
    open_line = False  # the line the last block ended inside holds text
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(_DRAIN_CHUNK), b""):
            lines = block.split(b"\n")
            for line in lines[:-1]:
                count += open_line or bool(line.strip())
                open_line = False
            open_line = open_line or bool(lines[-1].strip())
    return count + open_line


class RecordCount:
    """count_records on a background thread, so the run starts at once; `value` is None
    until it is known (or if it cannot be)."""

    def __init__(self, sources: list[Source]) -> None:
        self.value: int | None = None
        self._thread = threading.Thread(target=self._count, args=(sources,), name="cleaner-count", daemon=True)
        self._thread.start()

    def _count(self, sources: list[Source]) -> None:
        try:
            self.value = count_records(sources)
        except OSError:
            self.value = None  # an unreadable input becomes its error record; the total stays unknown


@contextmanager
def stdin_spooled(sources: list[Source]) -> Iterator[list[Source]]:
    """spool_stdin into a temporary folder, removed afterwards."""
    if not any(source.is_stdin for source in sources):
        yield sources
        return
    folder = tempfile.mkdtemp(prefix="cleaner-stdin-")
    try:
        yield spool_stdin(sources, os.path.join(folder, "stdin.jsonl"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
