"""The data's path, in one place: input -> blocks -> measures -> hits and scores -> decide -> result."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

from cleaner.core.assemble import assemble
from cleaner.core.dates import parse_date
from cleaner.core.decide import Board, decide
from cleaner.core.document import Block, Document, Hints, Hit, Verdict
from cleaner.core.features import measure_document
from cleaner.core.heuristics.score import score_blocks
from cleaner.core.language import UNKNOWN, detect_language
from cleaner.core.lexicon import all_stopwords, stopwords
from cleaner.options import Options
from cleaner.core.siteprofile import SiteProfile
from cleaner.result import CleanResult, Metadata
from cleaner.core.rules import RuleContext, find_hits
from cleaner.core.rules.byline import author_from_byline, byline_prefixes, name_beside_date
from cleaner.core.rules.registry import is_disabled
from cleaner.core.rules.title import headline_flags
from cleaner.core.segment import segment


def clean_text(
    source: str, options: Options, *, language: str | None = None, hints: Hints = Hints(),
    site: SiteProfile | None = None, blocks: list[Block] | None = None,
) -> CleanResult:
    """`blocks`: segment(source), when the caller has it already (HTML mode reads the
    extract's language from them first)."""
    with gc_paused():
        return _clean_text(source, options, language, hints, site, blocks)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off while one document is cleaned.

    A document allocates a few small records per line and frees none of them before
    the end; on a 100,000-line page the collector's repeated passes over them took
    close to half of the time. The text path makes no reference cycles (all it frees
    is freed by reference counting), and the collector is switched back on, if it was
    on, when the document is done, even on error. Several threads may clean at once:
    the first to pause it resumes it, at worst early, never leaving it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _clean_text(
    source: str, options: Options, language: str | None, hints: Hints, site: SiteProfile | None,
    blocks: list[Block] | None = None,
) -> CleanResult:
    doc = Document(source, segment(source) if blocks is None else blocks, hints=hints)
    doc.language = language or hints.language or detect_language(doc.blocks)
    words = function_words(doc.language)
    measured = measure_document(doc.blocks, words)
    ctx = RuleContext(doc, measured.per_block, site=site, measured=measured)
    hits, site_hits = split_site_hits(find_hits(ctx, options.disable))
    scores = score_blocks(
        doc.blocks, measured.per_block, options.preset, has_stopwords=bool(words),
        judge_prose=not is_disabled("HEUR002", options.disable),
    )
    headline_like = headline_flags(doc.blocks, measured.per_block)
    board = decide(Board(ctx, scores, hits, site_hits, headline_like, tuple(options.disable), hints.title))
    return assemble(
        doc, board.verdicts, board.title, find_metadata(ctx, board.verdicts, hints), options, board.warnings,
    )


def function_words(language: str) -> frozenset[str]:
    """The stopword list prose is judged by: the language's own, every list when the
    language is unknown, none for a known language we hold no list for (length alone
    judges its blocks then; another language's list would call all of its text not-prose).
    """
    if language == UNKNOWN:
        return all_stopwords()
    return stopwords(language)


def split_site_hits(hits: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """SITE001 hits apart: a site's recurring line is evidence about that line only.

    Fed to the context stage, they made the article lines next to a site's frame look
    like boilerplate (short-block revision, blurbs between removed blocks) and cost
    recall on bench/profiles_quality.py's dev-frames corpus; applied after it, profiles
    only ever take out the lines the site repeats.
    """
    return [h for h in hits if h.rule != "SITE001"], [h for h in hits if h.rule == "SITE001"]


def find_metadata(ctx: RuleContext, verdicts: list[Verdict], hints: Hints) -> Metadata:
    """Author and date from the byline and date lines the rules took out of the body.

    Of several, the one nearest the article wins: a sidebar's teasers carry bylines and
    dates of other articles, the article's own stand next to its first kept lines.
    """
    lines = _metadata_lines(verdicts)
    language = ctx.doc.language
    author = hints.author
    if not author:
        prefixes = byline_prefixes(language)
        author = next((a for a in (author_from_byline(ctx.doc.blocks[i].text, prefixes)
                                   for i in lines if verdicts[i].rule == "BYL001") if a), None)
    if not author:
        author = _name_beside_date(ctx, verdicts, lines)
    date = next((d for d in (parse_date(ctx.doc.blocks[i].text, language) for i in lines) if d), None)
    return Metadata(author=author, date=date)


def _name_beside_date(ctx: RuleContext, verdicts: list[Verdict], lines: list[int]) -> str | None:
    """A bare name ("Jane Smith") left out of the body next to the article's date line
    (`lines`: the removed byline and date lines, _metadata_lines)."""
    rules = [v.rule for v in verdicts]
    for i in lines:
        if rules[i] != "BYL010":
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(verdicts) and not verdicts[j].keep and name_beside_date(ctx, rules, j):
                return ctx.doc.blocks[j].text
    return None


# The removed lines that may state the article's author or date.
METADATA_RULES = ("BYL001", "BYL010", "BYL025")
# How far from the first kept block such a line may stand (a dateline sits just above
# or below the headline; one further away belongs to some other piece of the page).
METADATA_WINDOW = 12


def _metadata_lines(verdicts: list[Verdict]) -> list[int]:
    """Indexes of the removed byline and date lines, nearest the first kept block first."""
    first_kept = next((i for i, v in enumerate(verdicts) if v.keep), 0)
    near = [i for i in range(max(0, first_kept - METADATA_WINDOW), min(len(verdicts), first_kept + METADATA_WINDOW))
            if verdicts[i].rule in METADATA_RULES]
    return sorted(near, key=lambda i: (abs(i - first_kept), i > first_kept))
