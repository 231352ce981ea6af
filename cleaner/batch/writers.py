"""Output writers: JSONL (temp file + atomic rename, or --resume append), a folder of .txt,
JSONL on standard output (`-o -`, not resumable), or a function (the library's).

JSONL: a fresh run writes `OUTPUT.partial` and renames it to OUTPUT once every record is
written, so OUTPUT is never half-written. `--resume` continues `OUTPUT.partial` if a run
was interrupted (else appends to an existing OUTPUT): ids already present are skipped and
a torn last line (kill -9 mid-write) is cut off and its record redone.

Folder: one `<id>.txt` per cleaned record (written to a temp name, then renamed) and
failed records as JSONL lines in `errors.jsonl`; `--resume` skips ids whose file exists
or whose error is recorded.
"""
from __future__ import annotations

import errno
import json
import os
import sys
from collections import Counter
from typing import Any, Callable, Iterable, Protocol

from cleaner.batch.codec import JSONL, TXT, BatchError, Encoded, encode_line, id_key

ERRORS_FILE = "errors.jsonl"
_NAME_CLASHES = (errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG)
_NAME_MAX = 255  # bytes in one file name on common file systems (ext4, XFS, btrfs, APFS)


class OutputError(BatchError):
    """The output cannot be used (e.g. a corrupt line inside a file to resume): a usage error."""


class Sink(Protocol):
    """Where a batch's output records go (cleaner.batch.run writes through one of these)."""

    layout: str  # what workers serialise records for: records.JSONL or records.TXT
    prior_errors: int  # error records the output already held (--resume)
    unwritable: int  # cleaned records it could not write, and wrote as error records instead

    def may_skip(self) -> bool:
        """Whether some input record may be one the output already holds."""

    def should_skip(self, rid: Any) -> bool:
        """True (once per occurrence) for an id the output already holds."""

    def write_records(self, records: Iterable[Encoded]) -> None: ...

    def flush(self) -> None: ...

    def close(self, complete: bool = True) -> None:
        """Finish the output; `complete`: every record was written (else keep it resumable)."""


def _scan_and_repair(path: str) -> tuple[Counter[str], int]:
    """(ids present, error records present) in a JSONL output; cuts a torn last line."""
    seen: Counter[str] = Counter()
    errors = 0
    good_end = 0
    with open(path, "r+b") as f:
        pending_bad: int | None = None
        for raw in f:
            if pending_bad is not None:
                raise OutputError(f"{path}: line {pending_bad} is not valid JSON; cannot resume safely")
            lineno = sum(seen.values()) + 1
            try:
                if not raw.endswith(b"\n"):
                    raise ValueError("partial line")
                rec = json.loads(raw)
                if not isinstance(rec, dict) or "id" not in rec:
                    raise ValueError("no id")
            except ValueError:
                pending_bad = lineno
                continue
            seen[id_key(rec["id"])] += 1
            errors += "error" in rec
            good_end += len(raw)
        f.truncate(good_end)
    return seen, errors


class _Lines:
    """Appends the serialised lines each chunk brings to `self._f`."""

    _f: Any

    def write_records(self, records: Iterable[Encoded]) -> None:
        self._f.write(b"".join(r.payload for r in records))

    def flush(self) -> None:
        self._f.flush()


class JsonlWriter(_Lines):
    """A JSONL file, written to OUTPUT.partial and moved into place when complete."""

    layout = JSONL
    unwritable = 0  # every line is written (see TxtFolderWriter)

    def __init__(self, path: str, resume: bool = False) -> None:
        self.final = path
        self.partial = path + ".partial"
        self.done: Counter[str] = Counter()
        self.prior_errors = 0
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(parent):
            raise OutputError(f"{path}: folder {parent} does not exist")
        if resume and os.path.exists(self.partial):
            self.target = self.partial
        elif resume and os.path.exists(self.final):
            self.target = self.final
        else:
            self.target = self.partial
            with open(self.partial, "wb"):
                pass
        if resume:
            self.done, self.prior_errors = _scan_and_repair(self.target)
        self._to_skip = sum(self.done.values())
        self._f = open(self.target, "ab")  # noqa: SIM115

    def may_skip(self) -> bool:
        """Whether some input record may still be one the resumed output holds (only
        then does the driver need a record's id before handing it on)."""
        return self._to_skip > 0

    def should_skip(self, rid: Any) -> bool:
        """True (once per occurrence) for an id already present in the resumed output."""
        key = id_key(rid)
        if self.done[key] > 0:
            self.done[key] -= 1
            self._to_skip -= 1
            return True
        return False

    def close(self, complete: bool = True) -> None:
        """Flush and, when every record was written, fsync and move into place."""
        self._f.flush()
        if complete:
            os.fsync(self._f.fileno())
        self._f.close()
        if complete and self.target == self.partial:
            os.replace(self.partial, self.final)


def txt_relpath(rid: Any, suffix: str = ".txt") -> str:
    """The file an id is written to: path components kept, never escaping the folder;
    `suffix` is the output format's (.txt, .md, .html, .json)."""
    parts = [p for p in str(rid).replace("\\", "/").split("/") if p not in ("", ".", "..")]
    name = "/".join(parts) or "_"
    return name if name.endswith(suffix) else name + suffix


def txt_name_problem(rid: Any, suffix: str = ".txt") -> str | None:
    """Why the id cannot name its .txt file here, or None: a lone surrogate (from a
    "\ud800" escape) has no file-system form, and a name has at most 255 bytes."""
    try:
        parts = os.fsencode(txt_relpath(rid, suffix)).split(b"/")
    except UnicodeEncodeError as exc:
        return f"id is not usable as a file name: {exc.reason}"
    if max(map(len, parts)) > _NAME_MAX:
        return f"id is not usable as a file name: a part of it is longer than {_NAME_MAX} bytes"
    return None


class TxtFolderWriter:
    layout = TXT

    def __init__(self, folder: str, resume: bool = False, suffix: str = ".txt") -> None:
        self.folder = folder
        self.suffix = suffix  # the output format's (records.SUFFIXES)
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise OutputError(f"{folder}: exists and is not a folder")
        os.makedirs(folder, exist_ok=True)
        self.errors_path = os.path.join(folder, ERRORS_FILE)
        self.failed: Counter[str] = Counter()
        self.prior_errors = 0
        self.unwritable = 0  # cleaned records whose file could not be made (see write_records)
        if resume and os.path.exists(self.errors_path):
            self.failed, self.prior_errors = _scan_and_repair(self.errors_path)
        elif not resume:
            with open(self.errors_path, "wb"):
                pass
        self._errors = open(self.errors_path, "ab")  # noqa: SIM115

    def may_skip(self) -> bool:
        return True  # any id may have its file already

    def should_skip(self, rid: Any) -> bool:
        key = id_key(rid)
        if self.failed[key] > 0:
            self.failed[key] -= 1
            return True
        if os.path.exists(os.path.join(self.folder, txt_relpath(rid, self.suffix))):
            return True
        return False

    def write_records(self, records: Iterable[Encoded]) -> None:
        """A cleaned record's payload is its file's content; a failed one's its error line.
        A file that cannot be made (its id names a folder as a file another id already is:
        "a" and "a/b") makes the record an error line too, counted in `unwritable`."""
        for record in records:
            if not record.ok:
                self._errors.write(record.payload)
                continue
            try:
                self._write_file(txt_relpath(record.rid, self.suffix), record.payload)
            except OSError as exc:
                if exc.errno not in _NAME_CLASHES:
                    raise  # a full disk or a read-only folder stops the run (--resume continues)
                self.unwritable += 1
                self._errors.write(encode_line({"id": record.rid, "error": f"file not written: {exc}"}))

    def _write_file(self, relpath: str, payload: bytes) -> None:
        path = os.path.join(self.folder, relpath)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(payload)
        os.replace(tmp, path)

    def flush(self) -> None:
        self._errors.flush()

    def close(self, complete: bool = True) -> None:
        self._errors.flush()
        if complete:
            os.fsync(self._errors.fileno())
        self._errors.close()


class RecordSink:
    """Hands each output record, as a dict, to a function (the library's own sink)."""

    layout = JSONL
    prior_errors = 0
    unwritable = 0

    def __init__(self, receive: Callable[[dict[str, Any]], object]) -> None:
        self.receive = receive

    def may_skip(self) -> bool:
        return False

    def should_skip(self, rid: Any) -> bool:
        return False

    def write_records(self, records: Iterable[Encoded]) -> None:
        for record in records:
            self.receive(json.loads(record.payload))

    def flush(self) -> None:
        pass

    def close(self, complete: bool = True) -> None:
        pass


class StdoutWriter(_Lines, RecordSink):
    """JSONL on standard output (`-o -`), flushed after every chunk, for a pipe."""

    def __init__(self, resume: bool = False) -> None:
        if resume:
            raise OutputError("--resume needs an output file or folder: standard output cannot be read back")
        self._f = sys.stdout.buffer

    def close(self, complete: bool = True) -> None:
        try:
            self._f.flush()
        except BrokenPipeError:
            pass  # the reader is gone (`| head`): the write that found out says so


def output_layout(output: str, engine: str = "local") -> str:
    """JSONL when OUTPUT is named .jsonl/.ndjson, else a folder (dask: always a folder)."""
    if engine == "dask":
        return "dask"
    return JSONL if output.lower().endswith((".jsonl", ".ndjson")) else TXT


def output_problem(output: str, inputs: Iterable[str], layout: str, *, resume: bool, overwrite: bool) -> str | None:
    """Why OUTPUT may not be written, or None: it is (or holds) an input, or it exists
    from another run and neither --resume nor --overwrite says what to do with it."""
    clash = _input_clash(output, [p for p in inputs if p != "-"], folder=layout != JSONL)
    if clash:
        return clash
    if resume or overwrite:
        return None
    existing = _existing_output(output, layout)
    if existing:
        return f"{existing}; add --resume to continue that run or --overwrite to replace it"
    return None


def _input_clash(output: str, inputs: list[str], folder: bool) -> str | None:
    target = os.path.realpath(output)
    for path in inputs:
        real = os.path.realpath(path)
        if folder and os.path.commonpath([real, target]) == target:
            return f"the output folder {output} holds the input {path}; write the output elsewhere"
        if not folder and (same_file(path, output) or same_file(path, output + ".partial")):
            return f"the output {output} is the input {path}; write the output elsewhere"
    return None


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file: the same path spelt otherwise, a symbolic or a
    hard link (a path that does not exist yet is compared by name)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _existing_output(output: str, layout: str) -> str | None:
    """What an earlier run left at OUTPUT ("out.jsonl exists"), if anything."""
    if layout == JSONL:
        for path in (output, output + ".partial"):
            if os.path.exists(path):
                return f"{path} exists"
        return None
    if os.path.isdir(output) and any(not name.startswith(".") for name in os.listdir(output)):
        return f"the output folder {output} is not empty"
    return None


def make_writer(output: str, resume: bool, fmt: str | None = None, suffix: str = ".txt") -> Sink:
    """Standard output for "-"; JSONL when OUTPUT is named .jsonl/.ndjson (or fmt="jsonl");
    else a folder of .txt files."""
    if output == "-":
        return StdoutWriter(resume)
    if fmt is None:
        fmt = output_layout(output)
    if fmt == JSONL:
        if os.path.isdir(output):
            raise OutputError(f"{output}: is a folder; JSONL output needs a file name")
        return JsonlWriter(output, resume)
    return TxtFolderWriter(output, resume, suffix)
