"""Rendering agreement: does text mode keep the same text whichever scraper rendered the page?

Run by hand from the project root:
    python bench/renderings.py [--corpus dev|dev2|both] [--limit N] [--worst 15] [--json PATH]

Every page of ../shared/bench/dev*.jsonl.xz comes in two renderings of the same HTML:
`text` (inscriptis: table cells padded with spaces, lists indented and bulleted, layout
whitespace kept) and `text_htmltext` (html-text: no indentation, no bullets, inline
blocks joined differently). Both are cleaned with explain=True and compared:

- agreement: F1 over 4-token shingles (\\w+ tokens, the bench's body metric) between the
  two kept texts, per page; the mean over pages is the headline figure (1.0 = the same
  words kept; two empty outputs agree);
- per rule: the words a rule removed in one rendering that the other rendering kept
  (counted as the removed block's shingles found among the other's kept shingles and
  nowhere in its own kept text, or for a block of under 4 tokens its whole token run),
  summed over pages: where the decisions part, and which code made them part.

Prints a table; nothing here is asserted (tests/core/test_renderings.py holds the test).
"""
from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
import time
from collections import Counter
from pathlib import Path

from cleaner import clean

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
RENDERINGS = {"inscriptis": "text", "htmltext": "text_htmltext"}
_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(tokens: list[str], n: int = SHINGLE) -> Counter:
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i: i + n]) for i in range(len(tokens) - n + 1))


def agreement(a: str, b: str) -> float:
    """Shingle F1 between two texts; 1.0 when both are empty, 0.0 when one is."""
    sa, sb = shingles(_TOKEN.findall(a)), shingles(_TOKEN.findall(b))
    if not sa and not sb:
        return 1.0
    shared = sum((sa & sb).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(sa.values()), shared / sum(sb.values())
    return 2 * precision * recall / (precision + recall)


class KeptIndex:
    """The n-grams (n = 1..4) of a kept text, to ask whether a removed block's words survived there."""

    def __init__(self, text: str) -> None:
        tokens = _TOKEN.findall(text)
        self.grams = [set(), *(set(tuple(tokens[i: i + n]) for i in range(len(tokens) - n + 1)) for n in range(1, SHINGLE + 1))]

    def has(self, gram: tuple[str, ...]) -> bool:
        return gram in self.grams[len(gram)]

    def words_kept(self, block: str, own: "KeptIndex") -> int:
        """How many of a removed block's words this rendering kept and the other (`own`)
        kept nowhere: a repeat removed on both sides while its first copy stays is no
        disagreement."""
        tokens = _TOKEN.findall(block)
        if not tokens:
            return 0
        if len(tokens) < SHINGLE:
            gram = tuple(tokens)
            return len(tokens) if self.has(gram) and not own.has(gram) else 0
        grams = (tuple(tokens[i: i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))
        found = sum(self.has(g) and not own.has(g) for g in grams)
        # n-3 shingles stand for n words: scale so a block kept whole counts all its words
        return round(found * len(tokens) / (len(tokens) - SHINGLE + 1))


def compare_page(record: dict) -> dict:
    results = {name: clean(text=record[field], options={"explain": True}) for name, field in RENDERINGS.items()}
    (a_name, a), (b_name, b) = results.items()
    index = {a_name: KeptIndex(a.text), b_name: KeptIndex(b.text)}
    parted: dict[str, Counter] = {a_name: Counter(), b_name: Counter()}
    for name, result in results.items():
        other = index[b_name if name == a_name else a_name]
        for span in result.removed:
            kept_there = other.words_kept(span.text, index[name])
            if kept_there:
                parted[name][span.rule] += kept_there
    return {
        "id": record["id"],
        "url": record.get("url", ""),
        "agreement": agreement(a.text, b.text),
        "words": {name: len(_TOKEN.findall(r.text)) for name, r in results.items()},
        "removed_here_kept_there": {name: dict(c) for name, c in parted.items()},
    }


def read_jsonl(path: Path):
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def report(corpus: str, pages: list[dict], worst: int) -> None:
    mean = sum(p["agreement"] for p in pages) / len(pages)
    full = sum(p["agreement"] >= 0.999 for p in pages)
    low = sum(p["agreement"] < 0.8 for p in pages)
    print(f"{corpus}: {len(pages)} pages, mean agreement {mean:.3f}, identical {full}, below 0.8: {low}")
    totals: dict[str, Counter] = {name: Counter() for name in RENDERINGS}
    for page in pages:
        for name, rules in page["removed_here_kept_there"].items():
            totals[name].update(rules)
    names = list(RENDERINGS)
    rules = sorted(set(totals[names[0]]) | set(totals[names[1]]),
                   key=lambda r: -(totals[names[0]][r] + totals[names[1]][r]))
    print(f"  words removed in one rendering, kept in the other, by the code that removed them:")
    print(f"  {'rule':<9} {'removed in ' + names[0]:>22} {'removed in ' + names[1]:>22}")
    for rule in rules[:15]:
        print(f"  {rule:<9} {totals[names[0]][rule]:>22} {totals[names[1]][rule]:>22}")
    print(f"  {'all':<9} {sum(totals[names[0]].values()):>22} {sum(totals[names[1]].values()):>22}")
    if worst:
        print(f"  {worst} pages agreeing least:")
        for page in sorted(pages, key=lambda p: p["agreement"])[:worst]:
            words = " / ".join(str(page["words"][n]) for n in names)
            top = Counter()
            for name, rules in page["removed_here_kept_there"].items():
                top.update({f"{rule}@{name[:3]}": n for rule, n in rules.items()})
            causes = ", ".join(f"{k} {n}" for k, n in top.most_common(3))
            print(f"    {page['agreement']:.3f}  {page['id']}  words {words}  {causes}  {page['url'][:60]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["dev", "dev2", "both"], default="both")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each corpus")
    parser.add_argument("--worst", type=int, default=15, help="list the N pages agreeing least")
    parser.add_argument("--json", metavar="PATH", help="write the per-page figures as JSON lines")
    args = parser.parse_args()
    out = open(args.json, "w", encoding="utf-8") if args.json else None
    for corpus in (["dev", "dev2"] if args.corpus == "both" else [args.corpus]):
        path = BENCH / f"{corpus}.jsonl.xz"
        if not path.exists():
            print(f"{corpus}: {path} not found")
            continue
        start = time.perf_counter()
        pages = []
        for k, record in enumerate(read_jsonl(path)):
            if args.limit and k >= args.limit:
                break
            pages.append(compare_page(record))
            if out:
                out.write(json.dumps({"corpus": corpus, **pages[-1]}, ensure_ascii=False) + "\n")
        report(corpus, pages, args.worst)
        print(f"  ({time.perf_counter() - start:.0f} s)")
    if out:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
