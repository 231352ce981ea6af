"""Hits + block scores + context -> one verdict per block, citing exactly one code."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from cleaner.document import Block, BlockClass, Hit, Strength, Verdict
from cleaner.heuristics.context import promote_subheadings, revise
from cleaner.heuristics.score import Score

# A blurb this short between two rule-removed blocks is the text of the same widget
# ("Subscribe to The Week" / "Escape your echo chamber. ..." / "Sign up for ...").
PROMO_MAX_CHARS = 200
# The context passes below, each switched off by its code.
CONTEXT_CODES = ("HEUR101", "HEUR102", "HEUR103", "HEUR104")



def strongest_hits(hits: list[Hit]) -> dict[int, Hit]:
    """Per block, the first CERTAIN hit, else the first SUGGEST hit."""
    best: dict[int, Hit] = {}
    for hit in hits:
        known = best.get(hit.block)
        if known is None or hit.strength > known.strength:
            best[hit.block] = hit
    return best


def apply_hits(scores: list[Score], hits: dict[int, Hit]) -> list[BlockClass]:
    """A certain hit makes a block bad; a suggestion lowers it one step."""
    classes = [s.cls for s in scores]
    for index, hit in hits.items():
        if hit.strength is Strength.CERTAIN or classes[index] is not BlockClass.GOOD:
            classes[index] = BlockClass.BAD
        else:
            classes[index] = BlockClass.NEAR_GOOD
    return classes


def decide(
    blocks: list[Block],
    scores: list[Score],
    hits: list[Hit],
    headline_like: list[bool],
    source: str,
    disabled_heuristics: frozenset[str] = frozenset(),
) -> list[Verdict]:
    best = strongest_hits(hits)
    classes = apply_hits(scores, best)
    if "HEUR101" not in disabled_heuristics:
        classes = revise(promote_subheadings(classes, blocks, headline_like))
    verdicts = first_verdicts(classes, scores, best, disabled_heuristics)
    if not any(v.keep for v in verdicts):
        verdicts = relax(scores, best, verdicts)
    if "HEUR102" not in disabled_heuristics:
        verdicts = align_to_article_column(blocks, scores, verdicts)
    verdicts = keep_introduced_lists(blocks, verdicts)
    verdicts = keep_tables(blocks, verdicts, source)
    if "HEUR103" not in disabled_heuristics:
        verdicts = drop_boxed_promos(blocks, verdicts)
    if "HEUR104" not in disabled_heuristics:
        verdicts = drop_outside_article(blocks, verdicts)
    return verdicts


def relax(scores: list[Score], best: dict[int, Hit], verdicts: list[Verdict]) -> list[Verdict]:
    """Nothing survived the context pass: keep the prose-like blocks no rule claimed.

    A text that is one or two plain paragraphs has no good neighbours to lean on;
    returning nothing would be the worst answer (readability's relaxation ladder).
    """
    prose = (BlockClass.GOOD, BlockClass.NEAR_GOOD)
    return [Verdict(True) if scores[i].cls in prose and i not in best else v for i, v in enumerate(verdicts)]


def first_verdicts(
    classes: list[BlockClass], scores: list[Score], best: dict[int, Hit], disabled: frozenset[str]
) -> list[Verdict]:
    """A verdict per block from its class, score and strongest hit.

    The verdict depends on those alone, not on the block, and most blocks of a long
    page share a few such combinations: each is worded once.
    """
    worded: dict[tuple, Verdict] = {}
    out = []
    no_hit = (None, None, None)
    for i, cls in enumerate(classes):
        hit = best.get(i)
        key = (cls, scores[i], *(no_hit if hit is None else hit[1:]))
        verdict = worded.get(key)
        if verdict is None:
            verdict = worded[key] = _verdict(cls, scores[i], hit, disabled)
        out.append(verdict)
    return out


def _verdict(cls: BlockClass, score: Score, hit: Hit | None, disabled: frozenset[str]) -> Verdict:
    if hit is not None and (hit.strength is Strength.CERTAIN or cls is BlockClass.BAD):
        suffix = "" if hit.strength is Strength.CERTAIN else "; neighbours agree"
        return Verdict(False, hit.rule, hit.reason + suffix)
    if cls is BlockClass.GOOD or cls is BlockClass.NEAR_GOOD:
        return Verdict(True)
    if score.code and score.code not in disabled:
        return Verdict(False, score.code, score.reason)
    if score.cls is not BlockClass.BAD and "HEUR101" not in disabled:
        return Verdict(False, "HEUR101", f"{score.cls.value} block among boilerplate")
    return Verdict(True)


def drop_boxed_promos(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    out = list(verdicts)
    for i in range(1, len(blocks) - 1):
        if not verdicts[i].keep or len(blocks[i].text) > PROMO_MAX_CHARS:
            continue
        before, after = verdicts[i - 1], verdicts[i + 1]
        if _rule_removed(before) and _rule_removed(after):
            out[i] = Verdict(False, "HEUR103", f"short blurb between {before.rule} and {after.rule}")
    return out


def _rule_removed(verdict: Verdict) -> bool:
    return not verdict.keep and not verdict.rule.startswith("HEUR")



def align_to_article_column(blocks: list[Block], scores: list[Score], verdicts: list[Verdict]) -> list[Verdict]:
    """Use the article's indentation as evidence, where the scrape keeps the layout.

    Page-to-text converters indent each layout column alike, so the article's text
    shares one indentation. A kept block that was not good on its own and stands in
    another column goes (HEUR102); a block dropped only for its shape that stands in
    the article's column, between the first and last kept blocks, comes back.
    """
    column = article_column(blocks, verdicts)
    kept = [i for i, v in enumerate(verdicts) if v.keep]
    if column is None or not kept:
        return verdicts
    first, last = kept[0], kept[-1]
    out = list(verdicts)
    for i, (block, verdict) in enumerate(zip(blocks, verdicts)):
        if verdict.keep and block.indent != column and scores[i].cls is not BlockClass.GOOD:
            out[i] = Verdict(False, "HEUR102", f"indented {block.indent}, the article's text {column}")
        elif not verdict.keep and verdict.rule in _SHAPE_CODES and block.indent == column and first <= i <= last:
            out[i] = Verdict(True)
    return out


# Codes that judged a block by its shape alone, which the column evidence may overrule.
_SHAPE_CODES = frozenset({"HEUR101", "HEUR002"})
# Codes a list item or table row may shake off: shape and column alone.
_LIST_ITEM_CODES = frozenset({"HEUR101", "HEUR002", "HEUR102"})


def article_column(blocks: list[Block], verdicts: list[Verdict]) -> int | None:
    """The indentation holding most of the kept characters."""
    weight: Counter[int] = Counter()
    for block, verdict in zip(blocks, verdicts):
        if verdict.keep:
            weight[block.indent] += len(block.text)
    return weight.most_common(1)[0][0] if weight else None



# A header like "Related stories" or "Comments" ends a section of the page on its own;
# any other removal ends one only when two or more removed blocks stand together (a
# lone dropped line is more often a caption or an inline link inside the article).
SECTION_END_RULES = ("REL001", "REL010", "CMT", "TAG001", "NEWS")
SECTION_BREAK_BLOCKS = 2
# A section after the article's main one stays only with this much text of its own,
# or this share of the main section's: teasers, bios, comments and footers are short;
# an article resumed after an inline box is not. Chosen on the development corpus
# (F1 0.852 -> 0.879).
MIN_SECTION_CHARS = 900
MIN_SECTION_SHARE = 0.25
# Before the article only stray lines go: a lead or standfirst cut off by a caption
# row is article text, and longer sections there cost more recall than they gained.
MAX_STRAY_LEAD_CHARS = 100


def article_sections(verdicts: list[Verdict]) -> list[list[int]]:
    """The kept blocks, grouped into sections split where removed runs break the page."""
    sections: list[list[int]] = [[]]
    run: list[int] = []
    for i, verdict in enumerate(verdicts):
        if not verdict.keep:
            run.append(i)
            continue
        if run and _is_section_break(run, verdicts):
            sections.append([])
        run = []
        sections[-1].append(i)
    return [s for s in sections if s]


def _is_section_break(run: list[int], verdicts: list[Verdict]) -> bool:
    if len(run) >= SECTION_BREAK_BLOCKS:
        return True
    return any(verdicts[i].rule.startswith(SECTION_END_RULES) for i in run)


def drop_outside_article(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """Drop the short sections after the article's main one, and stray lines before it (HEUR104).

    After the article a page goes on with bios, disclosures, comment threads and
    teaser paragraphs that read like prose; what gives them away is that a section
    break stands between them and the article, and that there is little of them.
    """
    sections = article_sections(verdicts)
    if len(sections) < 2:
        return verdicts
    weights = [sum(len(blocks[i].text) for i in section) for section in sections]
    main = max(range(len(sections)), key=weights.__getitem__)
    out = list(verdicts)
    for k in range(len(sections)):
        if k == main or (k < main and weights[k] >= MAX_STRAY_LEAD_CHARS):
            continue
        if k > main and (weights[k] >= MIN_SECTION_CHARS or weights[k] >= MIN_SECTION_SHARE * weights[main]):
            continue
        for i in sections[k]:
            out[i] = Verdict(False, "HEUR104", f"a {weights[k]}-character section {'after the article' if k > main else 'before the article'}")
    return out


def keep_introduced_lists(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """A list announced by a kept line ending in a colon belongs to the article.

    ("The masks were kept in:" / "* a machine room" / "* the basement"): its items are
    short and poor in function words, so shape alone drops them.
    """
    out = list(verdicts)
    for i, block in enumerate(blocks[:-1]):
        if not (verdicts[i].keep and not block.bullet and block.text.endswith(":")):
            continue
        j = i + 1
        while j < len(blocks) and blocks[j].bullet and (verdicts[j].keep or verdicts[j].rule in _LIST_ITEM_CODES):
            out[j] = Verdict(True)
            j += 1
    return out



# Page-to-text converters lay tables out in columns: cells apart by runs of spaces.
_COLUMN_GAP = re.compile(r"\S(?: {3,}|\t)\S")
TABLE_MIN_ROWS = 2


def keep_tables(blocks: list[Block], verdicts: list[Verdict], source: str) -> list[Verdict]:
    """Rows of a table dropped only for their shape or column come back.

    A data row ("apache_builds   2.3 GB/s   0.098 GB/s") is short and poor in function
    words, and converters indent tables apart from the text; it is not boilerplate for
    that. Tables of links carry rule hits, and tables after the article's end still
    meet HEUR104.
    """
    is_row = table_rows(blocks, source)
    if not any(is_row):
        return verdicts
    out = list(verdicts)
    i, n = 0, len(blocks)
    while i < n:
        j = i
        while j < n and is_row[j]:
            j += 1
        if j - i >= TABLE_MIN_ROWS:
            for k in range(i, j):
                if not verdicts[k].keep and verdicts[k].rule in _LIST_ITEM_CODES:
                    out[k] = Verdict(True)
        i = max(j, i + 1)
    return out


def table_rows(blocks: list[Block], source: str) -> list[bool]:
    """Which blocks are laid out in columns: one scan of the input, not one per block.

    A column gap holds only spaces or tabs, so a match never spans two lines.
    """
    if "\t" not in source and "   " not in source:  # no column gap anywhere: skip the scan
        return [False] * len(blocks)
    starts = [b.start for b in blocks]
    rows = [False] * len(blocks)
    for match in _COLUMN_GAP.finditer(source):
        at = bisect_right(starts, match.start()) - 1
        if at >= 0 and match.end() <= blocks[at].end:
            rows[at] = True
    return rows
