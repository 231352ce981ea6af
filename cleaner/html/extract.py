"""HTML mode: decode, read metadata, prune, extract the main text, then the text path.

trafilatura extracts from the pruned page in its fast mode; article paragraphs it
dropped next to what it took are won back from the pruned page's own lines
(cleaner/html/recover.py); beside a thin extract, so are the page's repeated records (a
listing's cards, cleaner/html/records.py). When the extract missed the page (empty, or a
small share of the pruned page's text) and holds no records, the pruned page's text itself
goes on, judged by the text path
with all its whole-page heuristics. The text path (`clean_text`) runs on that text with
the page's title, author and language as hints, so both modes share one rule engine and
one result model. `removed` holds the structural prunes first (offsets null), then the
text path's spans, whose offsets index `source_text` (the text the text path ran on,
returned when explain is on).
"""
from __future__ import annotations

import logging
from collections import Counter
from typing import NamedTuple

import trafilatura
from selectolax.lexbor import LexborHTMLParser
from trafilatura.settings import MANUALLY_STRIPPED

from cleaner.core.document import Block, Hints
from cleaner.core.rules.html import MATH_RENDERING
from cleaner.core.rules.registry import is_disabled
from cleaner.errors import InputTooLarge
from cleaner.html.decode import decode_html
from cleaner.html.limits import VOID, parse_bounded
from cleaner.html.math import write_formulas_once
from cleaner.html.metadata import PageMetadata, read_metadata
from cleaner.html.prune import BLOCK_TAG_NAMES, prune, pruned_text
from cleaner.html.records import RECORDS_EXTRACT_SHARE, record_lines
from cleaner.html.recover import recover_dropped_prose
from cleaner.html.structure import (
    REF_ATTRIBUTES, extract_with_tree, heading_levels, link_base, page_images, page_links, with_refs,
)
from cleaner.html.structure import line_shapes, tree_lines as structure_lines
from cleaner.core.language import MIN_SAMPLE_CHARS, UNKNOWN, sample_for_detection, vote_by_stopwords
from cleaner.options import DEFAULT_MAX_HTML_DEPTH, DEFAULT_MAX_HTML_NODES, Options, OutputFormat
from cleaner.core.pipeline import clean_text
from cleaner.core.siteprofile import SiteProfile
from cleaner.result import CleanResult, Metadata, Stats
from cleaner.core.segment import segment

# trafilatura settings, chosen on the dev corpus (bench/quality.py): fast mode on the
# pruned page, without comments (on the 2025-26 pages comments cost F1: -0.003 on dev2).
# Fast mode skips trafilatura's fallback extractors, about a third of its cost. Where its
# main extractor missed the article (an extract under 1/MISS_PAGE_SHARE of the pruned
# page's text: product pages, listings, forums, 16 of 579 dev pages and 37 of 479 dev2
# pages), the pruned page's own text with the text path's whole-page heuristics did better
# than trafilatura's default mode with its fallbacks (dev2 F1 0.772 against 0.760, dev
# 0.942 against 0.944) at a fraction of the cost.
EXTRACT_KWARGS: dict[str, object] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "fast": True,
    "deduplicate": False,
    "with_metadata": False,
    "output_format": "txt",
}
MISS_PAGE_SHARE = 8
# Markup trafilatura discards or never reads, removed in Lexbor's C (attributes by the
# pruning walk, which reads them all anyway) so it no longer costs trafilatura's lxml
# parse, its tree copies and its XPath scans, with the same extracts on the dev corpus:
# the elements it unwraps first thing in its tree cleaning (its own list, so it follows
# the pinned version; block tags stay, they mark the pruned text's lines), elements
# without text it deletes, and every attribute but those its extraction reads (links,
# images and metadata are off: href, src, data-*, title and the like go).
EXTRACTOR_UNWRAPS: tuple[str, ...] = tuple(t for t in MANUALLY_STRIPPED if t not in BLOCK_TAG_NAMES | VOID)
EXTRACTOR_DROPS: tuple[str, ...] = (
    *(t for t in MANUALLY_STRIPPED if t in VOID),  # img, meta, wbr: nothing to unwrap
    "picture", "source", "track", "col", "colgroup", "link", "param", "area", "input",
)
EXTRACTOR_ATTRIBUTES = frozenset({
    "class", "id", "role", "itemprop", "itemtype", "itemscope", "type", "rel", "style", "lang",
    "property", "name", "content", "hidden", "aria-hidden", "colspan", "rowspan", "rend",
    "data-component", "data-testid", "data-lp-replacement-content",
})
_DROPS_SELECTOR = ",".join(EXTRACTOR_DROPS)
# A line break inside a heading is typography (a long title set on two lines), not two
# lines of text: it becomes a space, so the heading stays one line for the extractor, the
# pruned page's lines and the page's heading list alike.
HEADING_BREAKS = ", ".join(f"h{level} br" for level in range(1, 7))
_UNWRAPS_LIST = list(EXTRACTOR_UNWRAPS)
# Article containers, and the share of the page's text one must hold for trafilatura to
# get it alone (chosen on the dev corpus: 0.4-0.5 cost a little F1, 0.6-0.7 kept it).
ARTICLE_CONTAINERS = "[itemprop=articleBody], article, main, [role=main]"
ARTICLE_TEXT_SHARE = 0.6
# Text-path codes switched off on already-extracted text, chosen on the dev corpus: they
# were tuned for whole-page scrapes and cost recall on a main-text extract. REL011: the
# extract of an archive page is its teasers, and the extractor already leaves out the
# teaser boxes around an article (dev2 HTML mode 0.784 either way; on, it emptied a
# listing page's posts).
DISABLED_ON_EXTRACTED: tuple[str, ...] = (
    "HEUR001", "HEUR002", "HEUR101", "HEUR102", "HEUR103", "HEUR107", "HEUR108", "DUP001", "REL011")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def clean_html(
    html: str | bytes | bytearray,
    options: Options,
    *,
    language: str | None = None,
    url: str | None = None,
    site: SiteProfile | None = None,
) -> CleanResult:
    page = decode_html(html)
    if not page.strip():
        return CleanResult(mode="html", language=language or UNKNOWN, metadata=Metadata(url=url),
                           source_text="" if options.explain else None)
    tree, bounds = parse_bounded(page, options.max_html_depth, options.max_html_nodes)
    warnings = bounds.warnings(options.max_html_depth, options.max_html_nodes)
    meta = read_metadata(tree)
    refs = options.format is not OutputFormat.TEXT and (options.links or options.images)
    # read before pruning drops the head's <base>; a page with no given url resolves against
    # the address it states for itself
    base = link_base(tree, url or meta.canonical_url) if refs else None
    structural = [] if is_disabled(MATH_RENDERING.code, options.disable) else write_formulas_once(tree)
    structural += prune(tree, options.disable,
                        keep_attributes=EXTRACTOR_ATTRIBUTES | REF_ATTRIBUTES if refs else EXTRACTOR_ATTRIBUTES)
    links = page_links(tree, base) if refs and options.links else []
    images = page_images(tree, base) if refs and options.images else []
    # A structured format reads the extraction tree too (cleaner/html/structure.py); the
    # text format never builds it.
    structured = options.format is not OutputFormat.TEXT
    main = _main_text(tree, url, extract=bounds.elements <= options.max_html_nodes, headline=meta.title,
                      structured=structured)
    extracted = main.text
    _check_lines(extracted, options)
    blocks = segment(extracted)
    lang = language or _page_language(meta, blocks)
    shapes = None
    if structured:
        levels = main.headings if main.headings is not None else heading_levels(tree)
        shapes = line_shapes(blocks, main.tree_lines or [], levels)
    if shapes is not None and (links or images):
        shapes = with_refs(blocks, shapes, links, images)
    hints = Hints(title=meta.title, author=meta.author, language=lang if lang != UNKNOWN else None,
                  extra_titles=(meta.headline,) if meta.headline else (), shapes=shapes)
    # lang None: no html[lang], the text path detects the language on the extract itself
    text_options = options if main.whole_page else _text_options(options)
    result = clean_text(extracted, text_options, language=lang, hints=hints, site=site, blocks=blocks)
    return _merge(result, meta, structural, extracted, options, url, warnings)


def _check_lines(extracted: str, options: Options) -> None:
    """The page's text obeys the text path's line limit (a page of 300,000 tiny blocks)."""
    lines = extracted.count("\n")
    if lines > options.max_lines:
        raise InputTooLarge(f"page text has {lines} lines; the limit is {options.max_lines}")


def page_text(html: str | bytes | bytearray, url: str | None = None) -> str:
    """The text the text path sees for this page (site profiles learn from it)."""
    page = decode_html(html)
    if not page.strip():
        return ""
    tree, bounds = parse_bounded(page, DEFAULT_MAX_HTML_DEPTH, DEFAULT_MAX_HTML_NODES)
    write_formulas_once(tree)
    prune(tree, keep_attributes=EXTRACTOR_ATTRIBUTES)
    return _main_text(tree, url, extract=bounds.elements <= DEFAULT_MAX_HTML_NODES).text


class MainText(NamedTuple):
    """The text the text path gets, and whether the text path judges it as a whole page
    (the pruned page after an extractor miss) rather than as an extract."""

    text: str
    whole_page: bool
    # A structured format: the extraction tree's lines (cleaner/html/structure.py).
    tree_lines: list | None = None
    # The page's headings and their levels, when the recovery read them (else None).
    headings: dict[str, int] | None = None


def _main_text(pruned: LexborHTMLParser, url: str | None, extract: bool = True,
               headline: str | None = None, structured: bool = False) -> MainText:
    """The page's main text; `structured`: with the extraction tree's lines too."""
    _drop_head(pruned)
    if not extract:
        # Past the node limit the extractor's cost is no longer bounded; the pruned page's
        # text is the degraded but linear-time path (flagged in the result's `warnings`).
        # The text path treats it as an extract, as it always has: its whole-page
        # heuristics were never checked on pages this large.
        return MainText(pruned_text(pruned), whole_page=False)
    _drop_extractor_noise(pruned)
    page_html = _extractor_input(pruned)
    page_lines = pruned_text(pruned)  # after serialising: it marks block edges in the tree
    tree_lines = None
    if structured:
        extracted, body = extract_main_tree(page_html, url)
        tree_lines = structure_lines(body)
    else:
        extracted = extract_main_text(page_html, url)
    lines = page_lines.split("\n")
    # A thin extract on a page of repeated records (a listing's cards) left the records
    # out: they come back with the extract (cleaner/html/records.py).
    thin = len(extracted) < RECORDS_EXTRACT_SHARE * len(page_lines)
    records = record_lines(pruned, lines, extracted) if thin else None
    if records is None and looks_missed(extracted, len(page_lines)):
        return MainText(page_lines, whole_page=True, tree_lines=tree_lines)
    headings = heading_levels(pruned)
    recovered = recover_dropped_prose(extracted, lines, headline, folded=True,
                                      headings=headings.keys(), records=records)
    return MainText(recovered, whole_page=False, tree_lines=tree_lines, headings=headings)


def _drop_head(tree: LexborHTMLParser) -> None:
    """The metadata is read: <head> is only parse work for trafilatura from here on
    (its text extract is the same without it, about 7% faster on the dev corpus)."""
    head = tree.head
    if head is not None:
        head.decompose()


def _extractor_input(tree: LexborHTMLParser) -> str:
    """The pruned page's HTML, or only its article container when one holds most of the text.

    trafilatura looks for such a container first; handing it just that spares it the
    rest of the page (a tenth of its time on the dev corpus, the same F1). The innermost
    container holding at least ARTICLE_TEXT_SHARE of the page's text is taken (on a tie,
    the later one in page order, which is the inner); the prose recovery still reads the
    whole pruned page.
    """
    body = tree.body
    if body is not None:
        page_chars = len(body.text(deep=True))  # unfolded: a share of like with like
        best: tuple[int, object] | None = None
        for node in body.css(ARTICLE_CONTAINERS):
            chars = len(node.text(deep=True))
            if chars >= ARTICLE_TEXT_SHARE * page_chars and (best is None or chars <= best[0]):
                best = (chars, node)
        if best is not None:
            return f"<html><body>{best[1].html or ''}</body></html>"
    return tree.html or ""


def _drop_extractor_noise(tree: LexborHTMLParser) -> None:
    """Remove the elements trafilatura would discard (its text stays; `prune` has
    already dropped the attributes it never reads)."""
    body = tree.body
    if body is None:
        return
    for node in body.css(_DROPS_SELECTOR):
        node.decompose()
    for node in body.css(HEADING_BREAKS):
        node.replace_with(" ")
    body.unwrap_tags(_UNWRAPS_LIST)


def extract_main_text(page_html: str, url: str | None = None) -> str:
    """trafilatura's fast extract of the page ("" when it finds nothing or fails)."""
    if not page_html.strip():
        return ""
    return _trafilatura(page_html, url, EXTRACT_KWARGS)


def extract_main_tree(page_html: str, url: str | None = None) -> tuple[str, object]:
    """extract_main_text's text (the same, by the same call) and trafilatura's extraction
    tree it was written from."""
    if not page_html.strip():
        return "", None
    return extract_with_tree(page_html, url, EXTRACT_KWARGS)


def looks_missed(extract: str, page_chars: int) -> bool:
    """True when the extract cannot be the page's main text: empty, or under
    1/MISS_PAGE_SHARE of the pruned page's text (a product's price box, one post of a
    thread, the teaser above a listing)."""
    return not extract.strip() or page_chars > MISS_PAGE_SHARE * len(extract)


def _trafilatura(page_html: str, url: str | None, kwargs: dict[str, object]) -> str:
    try:
        return trafilatura.extract(page_html, url=url, **kwargs) or ""
    except Exception:  # noqa: BLE001  (a failed extraction falls back to the pruned text)
        return ""


def _page_language(meta: PageMetadata, blocks: list[Block]) -> str | None:
    """html[lang] unless the body's stopwords clearly say another language.

    The stopword vote alone checks html[lang] (langdetect, when the vote is unsure, would
    cost more than the rest of the text path on some pages, and an unsure body does not
    contradict the page's own declaration). Without html[lang]: None, and the text path
    detects the language on the extract, once.
    """
    if not meta.language:
        return None
    sample = sample_for_detection(blocks)
    voted = vote_by_stopwords(sample) if len(sample) >= MIN_SAMPLE_CHARS else None
    return voted or meta.language


def _text_options(options: Options) -> Options:
    if not DISABLED_ON_EXTRACTED:
        return options
    disable = tuple(dict.fromkeys((*options.disable, *DISABLED_ON_EXTRACTED)))
    return options.model_copy(update={"disable": disable})


def _merge(result: CleanResult, meta: PageMetadata, structural, extracted: str,
           options: Options, url: str | None, warnings: list[str]) -> CleanResult:
    by_rule = Counter(result.stats.removed_by_rule)
    by_rule.update(span.rule for span in structural)
    stats = Stats(
        chars_in=result.stats.chars_in,
        chars_out=result.stats.chars_out,
        blocks_in=result.stats.blocks_in,
        blocks_kept=result.stats.blocks_kept,
        removed_by_rule=dict(sorted(by_rule.items())),
    )
    metadata = Metadata(
        author=meta.author or result.metadata.author,
        date=meta.date or result.metadata.date,
        url=url or result.metadata.url,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
        description=meta.description,
        image=meta.image,
    )
    return result.model_copy(update={
        "title": meta.title or result.title,
        "mode": "html",
        "metadata": metadata,
        "stats": stats,
        "removed": [*structural, *result.removed] if options.explain else [],
        "source_text": extracted if options.explain else None,
        "warnings": [*warnings, *result.warnings],
    })
