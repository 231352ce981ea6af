"""Per-block measures the rules and heuristics read; computed once per block."""
from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.document import Block
from cleaner.normalize import fold

_WORD = re.compile(r"\w+")
# Closing characters a sentence may end on: "said." / "said?" / 'said."' / "(AP)."
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A sentence break inside a block: two word characters, then . ! or ?, then a space
# ("said. The"); initials and abbreviations ("N. Korea", "U.S. envoy") do not count.
_SENTENCE_BREAK = re.compile(r"(?<=\w\w)[.!?][\"'”’»)]*\s")
# Bound for per-block scans: a 1 MB line is measured on its first part only.
MEASURE_MAX_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Features:
    chars: int
    words: int
    stopwords: int
    capitalised: int  # words starting with an upper-case letter
    letters: int  # alphabetic characters
    digits: int
    ends_sentence: bool
    sentence_marks: int  # . ! ? inside the block: how many sentences it holds
    folded: str  # the matcher's view (see rules/match.fold)

    @property
    def stopword_density(self) -> float:
        return self.stopwords / self.words if self.words else 0.0

    @property
    def capitalised_ratio(self) -> float:
        return self.capitalised / self.words if self.words else 0.0

    @property
    def letter_ratio(self) -> float:
        return self.letters / self.chars if self.chars else 0.0


def measure(block: Block, stopword_set: frozenset[str]) -> Features:
    text = block.text if len(block.text) <= MEASURE_MAX_CHARS else block.text[:MEASURE_MAX_CHARS]
    words = _WORD.findall(text)
    stop = sum(1 for w in words if w.lower() in stopword_set)
    caps = sum(1 for w in words if w[0].isupper())
    letters = sum(map(str.isalpha, text))
    digits = sum(map(str.isdigit, text))
    marks = len(_SENTENCE_BREAK.findall(text))
    return Features(
        chars=len(block.text),
        words=len(words),
        stopwords=stop,
        capitalised=caps,
        letters=letters,
        digits=digits,
        ends_sentence=bool(_SENTENCE_END.search(text[-8:])),
        sentence_marks=marks,
        folded=fold(text[:2000]),
    )


def measure_all(blocks: list[Block], stopword_set: frozenset[str]) -> list[Features]:
    """Measures for every block; a line repeated on the page is measured once."""
    seen: dict[str, Features] = {}
    out = []
    for block in blocks:
        feats = seen.get(block.text)
        if feats is None:
            feats = seen[block.text] = measure(block, stopword_set)
        out.append(feats)
    return out
