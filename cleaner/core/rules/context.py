"""What a code rule sees: the document, its block measures, and the phrase hits so far."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, TypeVar

from cleaner.core.document import Document, Hit
from cleaner.core.features import Features, Measured
from cleaner.core.joined import encode_lines
from cleaner.core.siteprofile import SiteProfile

T = TypeVar("T")


@dataclass
class RuleContext:
    doc: Document
    features: list[Features]
    phrase_hits: dict[int, Hit] = field(default_factory=dict)
    site: SiteProfile | None = None  # the document's site profile, when one was learned
    # What several rules derive from the same document, worked out by the first to ask.
    shared: dict[str, object] = field(default_factory=dict)
    # The distinct lines and their measures, when the caller has them (see distinct_lines).
    measured: Measured | None = None

    def distinct_lines(self) -> tuple[list[str], list[Features]]:
        """The document's distinct lines, in first-seen order, and their measures."""
        if self.measured is None:
            features_of = dict(zip([block.text for block in self.doc.blocks], self.features))
            return list(features_of), list(features_of.values())
        return self.measured.texts, self.measured.distinct

    def folded_lines(self) -> tuple[list[str], bytes | None]:
        """The distinct lines' folded views (the matcher's), and them joined by line feeds
        in UTF-8 (joined.encode_lines) for the RE2 line screens: worked out once, by the
        first stage to ask (the phrase matcher, then LEGAL's screen)."""
        known = self.shared.get("folded_lines")
        if known is None:
            folded = [f.folded for f in self.distinct_lines()[1]]
            known = self.shared["folded_lines"] = (folded, encode_lines(folded))
        return known  # type: ignore[return-value]

    def rule_of(self, index: int) -> str:
        hit = self.phrase_hits.get(index)
        return hit.rule if hit else ""


def chains(items: list[T], max_gap: int, position: Callable[[T], int]) -> Iterator[list[T]]:
    """The items (in block order) cut into runs whose neighbours stand at most `max_gap`
    blocks apart: the anchors of one teaser list, one consent dialog."""
    run: list[T] = []
    for item in items:
        if run and position(item) - position(run[-1]) > max_gap:
            yield run
            run = []
        run.append(item)
    if run:
        yield run
