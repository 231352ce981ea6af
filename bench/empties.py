"""Empty outputs on dev2: pages whose reference body has 50 words or more, cleaned to nothing.

Run by hand from the project root:
    python bench/empties.py [--rendering inscriptis htmltext html] [--min-words 50]
        [--predictions PREFIX]
Cleans each dev2 page (text mode on either rendering, HTML mode on the page) and prints,
per way in, how many pages with a reference body of at least --min-words words (`\\w+`
runs, as the scorer counts them) came out empty, with their ids. --predictions PREFIX
reads saved predictions instead (devscore.py --save: PREFIX-dev2.jsonl), without
cleaning. Issue #19: no such page may come out empty. Nothing here is asserted.
"""
from __future__ import annotations

import argparse
import json
import lzma
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV2 = ROOT.parent / "shared" / "bench" / "dev2.jsonl.xz"
FIELDS = {"inscriptis": "text", "htmltext": "text_htmltext", "html": "html"}
_WORD = re.compile(r"\w+")


def pages(path: Path = DEV2) -> list[dict]:
    with lzma.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def substantial(records: list[dict], min_words: int) -> list[dict]:
    """The pages whose reference body holds at least min_words words."""
    return [r for r in records if len(_WORD.findall(r["gold"]["body"])) >= min_words]


def cleaned(records: list[dict], way: str) -> dict[str, str]:
    from cleaner import clean

    field = FIELDS[way]
    out = {}
    for r in records:
        try:
            out[r["id"]] = clean(**{"html" if way == "html" else "text": r[field]}).text
        except Exception:  # noqa: BLE001 - an error is an empty output here
            out[r["id"]] = ""
    return out


def saved(prefix: str) -> dict[str, str]:
    with open(f"{prefix}-dev2.jsonl", encoding="utf-8") as f:
        return {row["id"]: row["text"] for row in map(json.loads, f)}


def empty_ids(records: list[dict], texts: dict[str, str]) -> list[str]:
    return [r["id"] for r in records if not texts.get(r["id"], "").strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rendering", nargs="+", choices=sorted(FIELDS), default=["inscriptis", "htmltext", "html"])
    parser.add_argument("--min-words", type=int, default=50)
    parser.add_argument("--predictions", metavar="PREFIX", help="score PREFIX-dev2.jsonl instead of cleaning")
    args = parser.parse_args()
    records = substantial(pages(), args.min_words)
    print(f"dev2 pages with a reference body of {args.min_words}+ words: {len(records)}")
    for way in [args.predictions] if args.predictions else args.rendering:
        texts = saved(way) if args.predictions else cleaned(records, way)
        ids = empty_ids(records, texts)
        print(f"{way}: {len(ids)} empty  {' '.join(ids)}")


if __name__ == "__main__":
    main()
