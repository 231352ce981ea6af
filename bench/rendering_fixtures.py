"""Write the fixture pages of tests/core/test_renderings.py: one page, two renderings.

Run by hand from the project root:  python bench/rendering_fixtures.py
Reads ../shared/bench/dev.jsonl.xz and dev2.jsonl.xz (see their README) and writes, for
each page in PAGES, tests/core/renderings/<id>.inscriptis.txt (the record's `text`:
inscriptis 2.7.6 `get_text(html)`) and <id>.htmltext.txt (`text_htmltext`: html-text
0.7.1 `extract_text(html)`, defaults), unchanged, plus pages.json with each page's
address, source, licence and a few of its reference sentences (dev: the first `with`
snippets; dev2: the first lines of the reference body), which the test requires in
both kept texts so that two empty outputs cannot pass for agreement.

The pages are small ones whose two renderings the cleaner used to treat differently
(mean shingle F1 between the kept texts 0.38-0.74 before the rendering work, see
docs/quality.md), chosen across languages and page kinds: blog posts, a recipe with
its ingredient list, a satire article, a product-service page, documentation.
"""
from __future__ import annotations

import json
import lzma
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
OUT = ROOT / "tests" / "core" / "renderings"
PAGES = {
    "dev": ["8f470b6ae7ab2c5c", "6fc3a325a4e52fef", "e0f68a74206b1d97", "852b8e5937ef76a7", "315fd075ee04a932"],
    "dev2": ["tt-0135", "tt-0669", "tt-0362", "tt-0286"],
}
SOURCES = {
    "dev": "trafilatura evaluation corpus (tests/evaldata.json, tests/eval, tests/cache at e90b0ef5), Apache-2.0",
    "dev2": "tiptopjaw web-content-extraction-benchmark (release/html, commit 977613a), Apache-2.0",
}
SNIPPETS = 3


def reference_sentences(corpus: str, record: dict) -> list[str]:
    """Up to SNIPPETS reference pieces found in both renderings (dev2's reference bodies
    were written by a language model and do not always follow the page's words)."""
    if corpus == "dev":
        pieces = [s for s in record["with"] if len(s) >= 20]
    else:
        pieces = [line.strip()[:80] for line in record["gold"]["body"].split("\n") if len(line.strip()) >= 40]
    both = folded(record["text"]), folded(record["text_htmltext"])
    return [p for p in pieces if all(folded(p) in text for text in both)][:SNIPPETS]


def folded(text: str) -> str:
    return " ".join(text.split())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []
    for corpus, ids in PAGES.items():
        wanted = set(ids)
        with lzma.open(BENCH / f"{corpus}.jsonl.xz", "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["id"] not in wanted:
                    continue
                (OUT / f"{record['id']}.inscriptis.txt").write_text(record["text"], encoding="utf-8")
                (OUT / f"{record['id']}.htmltext.txt").write_text(record["text_htmltext"], encoding="utf-8")
                manifest.append({
                    "id": record["id"], "url": record["url"], "source": SOURCES[corpus],
                    "reference": reference_sentences(corpus, record),
                })
    manifest.sort(key=lambda page: page["id"])
    (OUT / "pages.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest)} pages written to {OUT}")


if __name__ == "__main__":
    main()
