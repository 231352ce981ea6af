"""Golden outputs: every CleanResult of the seeds and the dev corpus, to prove speed work changes nothing.

    python bench/golden.py dump OUT.jsonl [--no-html] [--limit N]
    python bench/golden.py diff A.jsonl B.jsonl          # exit 1 when any record differs
    python bench/golden.py compare REF [--no-html]       # dump git REF and this tree, then diff

`dump` cleans the seeds and every dev-corpus `text` (text mode) and every dev-corpus
`html` (HTML mode), explain on, and writes one line per document: its key and the full
result JSON (title, text, paragraphs, language, removed spans with rules and reasons,
metadata, stats). `compare` checks REF out into a temporary worktree and dumps both
trees in parallel subprocesses, so a change is judged against its own base.
"""
from __future__ import annotations

import argparse
import json
import lzma
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = Path("/work/shared/bench/dev.jsonl.xz")


def documents(with_html: bool, limit: int | None):
    """(key, kind, content) for every seed and dev-corpus record, in a fixed order."""
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seed:{path.name}", "text", path.read_text(encoding="utf-8")
    with lzma.open(DEV, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                break
            record = json.loads(line)
            if record.get("text"):
                yield f"text:{record['id']}", "text", record["text"]
            if with_html and record.get("html"):
                yield f"html:{record['id']}", "html", (record["html"], record.get("url"))


def dump(out: Path, with_html: bool, limit: int | None) -> int:
    from cleaner import clean

    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for key, kind, content in documents(with_html, limit):
            try:
                if kind == "text":
                    result = clean(text=content).model_dump(mode="json")
                else:
                    html, url = content
                    result = clean(html=html, url=url).model_dump(mode="json")
            except Exception as exc:  # noqa: BLE001  (an error is an output too)
                result = {"error": f"{type(exc).__name__}: {exc}"}
            f.write(json.dumps({"key": key, "result": result}, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def read(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        return {rec["key"]: rec["result"] for rec in map(json.loads, f)}


def diff(a_path: Path, b_path: Path, show: int = 10) -> int:
    """Print the differing records (field by field) and return how many differ."""
    a, b = read(a_path), read(b_path)
    keys = list(dict.fromkeys([*a, *b]))
    differing = [k for k in keys if a.get(k) != b.get(k)]
    for key in differing[:show]:
        ra, rb = a.get(key) or {}, b.get(key) or {}
        fields = [f for f in dict.fromkeys([*ra, *rb]) if ra.get(f) != rb.get(f)]
        print(f"{key}: differs in {', '.join(fields)}")
        for field in fields[:3]:
            print(f"  - {json.dumps(ra.get(field), ensure_ascii=False)[:300]}")
            print(f"  + {json.dumps(rb.get(field), ensure_ascii=False)[:300]}")
    kinds: dict[str, int] = {}
    for key in differing:
        kinds[key.split(":")[0]] = kinds.get(key.split(":")[0], 0) + 1
    print(f"{len(keys)} documents, {len(differing)} differ {kinds or ''}".rstrip())
    return len(differing)


def compare(ref: str, with_html: bool, limit: int | None) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="golden-"))
    base_tree = tmp / "base"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base_tree), ref], cwd=ROOT, check=True)
    try:
        procs = []
        for tree, name in ((base_tree, "base.jsonl"), (ROOT, "head.jsonl")):
            args = [sys.executable, str(ROOT / "bench" / "golden.py"), "dump", str(tmp / name)]
            args += ["--no-html"] if not with_html else []
            args += ["--limit", str(limit)] if limit is not None else []
            env = {**os.environ, "PYTHONPATH": str(tree)}
            procs.append(subprocess.Popen(args, env=env, cwd=tree))
        if any(p.wait() != 0 for p in procs):
            print("a dump failed", file=sys.stderr)
            return 2
        return 1 if diff(tmp / "base.jsonl", tmp / "head.jsonl") else 0
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_dump = sub.add_parser("dump")
    p_dump.add_argument("out", type=Path)
    p_diff = sub.add_parser("diff")
    p_diff.add_argument("a", type=Path)
    p_diff.add_argument("b", type=Path)
    p_cmp = sub.add_parser("compare")
    p_cmp.add_argument("ref")
    for p in (p_dump, p_cmp):
        p.add_argument("--no-html", action="store_true", help="text mode only")
        p.add_argument("--limit", type=int, default=None, help="first N dev records only")
    args = parser.parse_args(argv)
    if args.command == "dump":
        # the tree under test is the one on PYTHONPATH (compare sets it per tree)
        n = dump(args.out, not args.no_html, args.limit)
        print(f"{n} results -> {args.out}", file=sys.stderr)
        return 0
    if args.command == "diff":
        return 1 if diff(args.a, args.b) else 0
    return compare(args.ref, not args.no_html, args.limit)


if __name__ == "__main__":
    sys.exit(main())
