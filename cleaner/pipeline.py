"""The stage order, in one place: input -> blocks -> hits and scores -> verdicts -> result."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

from cleaner.assemble import assemble
from cleaner.decide import CONTEXT_CODES, decide
from cleaner.document import Block, Document, Hints, Hit, Verdict
from cleaner.features import measure_document
from cleaner.heuristics.score import score_blocks
from cleaner.language import UNKNOWN, detect_language
from cleaner.lexicon import all_stopwords, stopwords
from cleaner.options import Options
from cleaner.profiles.lookup import SiteProfile
from cleaner.result import CleanResult, Metadata
from cleaner.rules import RuleContext, find_hits
from cleaner.rules.byline import author_from_byline, byline_prefixes
from cleaner.rules.registry import is_disabled
from cleaner.rules.title import find_title, headline_flags
from cleaner.segment import segment


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
    features = measured.per_block
    ctx = RuleContext(doc, features, site=site, measured=measured)
    hits, site_hits = split_site_hits(find_hits(ctx, options.disable))
    scores = score_blocks(
        doc.blocks, features, options.preset, has_stopwords=bool(words), judge_prose=not is_disabled("HEUR002", options.disable)
    )
    headline_like = headline_flags(doc.blocks, features, measured.texts, measured.distinct)
    disabled_heuristics = frozenset(c for c in CONTEXT_CODES if is_disabled(c, options.disable))
    verdicts = decide(doc.blocks, scores, hits, headline_like, doc.source, disabled_heuristics)
    verdicts = remove_kept(verdicts, site_hits)
    title, title_hits = find_title(ctx, verdicts, hints.title)
    if not is_disabled("TITLE", options.disable):
        verdicts = overrule(verdicts, title_hits)
    return assemble(doc, verdicts, title, find_metadata(ctx, verdicts, hints), options)


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


def remove_kept(verdicts: list[Verdict], hits: list[Hit]) -> list[Verdict]:
    """Hits that remove a block the other stages kept (a removed block keeps its first code)."""
    out = list(verdicts)
    for hit in hits:
        if out[hit.block].keep:
            out[hit.block] = Verdict(False, hit.rule, hit.reason)
    return out


def overrule(verdicts: list[Verdict], hits) -> list[Verdict]:
    """Title hits take their blocks out whatever the heuristics said."""
    out = list(verdicts)
    for hit in hits:
        out[hit.block] = Verdict(False, hit.rule, hit.reason)
    return out


def find_metadata(ctx: RuleContext, verdicts: list[Verdict], hints: Hints) -> Metadata:
    author = hints.author
    if not author:
        byline = next((i for i, v in enumerate(verdicts) if v.rule == "BYL001"), None)
        if byline is not None:
            prefixes = byline_prefixes(ctx.doc.language)
            author = author_from_byline(ctx.doc.blocks[byline].text, prefixes) or None
    return Metadata(author=author)
