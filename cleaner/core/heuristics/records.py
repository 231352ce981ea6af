"""HEUR108 record-run: on a page with no article, its run of same-shaped records is the body.

A listing, a chart, a shop's product grid or a blog's index holds no article prose:
its body is a run of records (rank / title / year / rating, date / headline / teaser /
categories, product / discount / price), each a few short lines poor in function words.
Context revision drops every one of them, and the teaser-run rules take a page's own
list of stories for "a list of other stories". What gives the records away is their
rhythm: some line of every record has the same shape ("#12", "Feb 9, 2026",
"EUR 21.24", "Mark as watched"), so lines of one shape recur at a steady step.

When the page has kept little text of its own (less than the records hold), the
longest such run comes back: its lines removed for their shape or context, or as
teasers. Under a real article the kept prose outweighs any list of related stories or
most-read headlines, and nothing comes back.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import NamedTuple

from cleaner.core.document import Block, Verdict
from cleaner.core.features import Features

# A line's shape: each run of digits one "0", each word "A" (capital first) or "a",
# other characters kept; spaces dropped.
_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
# Anchors of one shape at most this many blocks apart, and at least this many apart
# (a menu's items follow one another), form a chain of records ...
RECORD_MAX_STEP = 12
RECORD_MIN_STEP = 2
# ... of at least this many records, whose steps mostly (this share) stay within one
# block of their median: the rhythm of a listing, not a coincidence of shapes.
RECORD_MIN_COUNT = 4
RECORD_STEADY_SHARE = 0.75
# Codes a record's line may shake off: shape and context heuristics, the
# teaser-run rules (a page of teasers with no article is a listing of stories), and
# bylines, date lines and stamps (a record's author and date are its fields; on dev2
# listings the reference keeps them in five pages of seven; a reading time stays out).
UNDOABLE_PREFIX = "HEUR"
UNDOABLE_RULES = frozenset({"REL010", "REL011", "BYL001", "BYL010", "BYL025"})
# A run whose first lines, or the HEADER_REACH lines before its first record, hold a related-list
# header is a list of other pages (a show's other episodes, a forum's similar threads).
RELATED_HEADERS = frozenset({"REL001"})
HEADER_REACH = 3
# The run must outweigh the text the page kept by this factor: a short article under
# (or over) a list of its site's other stories of about its own size keeps the page.
OUTWEIGH = 1.25
# A page that kept an article (ARTICLE_PARAGRAPHS lines of ARTICLE_PARAGRAPH_CHARS or
# more) is an article page: its runs of records are the site's other stories, however
# many (a news site lists twenty teasers under a 500-word opinion piece). Allowing a
# run of ten records or more under an article won shop grids with buying advice on
# dev2 (+0.003) and brought back the teaser lists under three of ScrapingHub's news
# articles (-0.005 there): the article wins.
ARTICLE_PARAGRAPHS = 3
ARTICLE_PARAGRAPH_CHARS = 150
# Under an article, a grid the heuristics alone dropped (no teaser rule or byline named
# any of its lines) of this many records or more, outweighing all the kept text by this
# factor, is the page's own listing (a shop category's buying advice under its products,
# an awards page's winners under its intro), not a list of other stories.
GRID_RECORDS = 10
GRID_OUTWEIGH = 1.25
# A listing's page may hold several grids (a shop's sections, a chart and its
# sub-charts): with the heaviest run come the others holding this share of its text.
ALSO_SHARE = 0.25
# Lines kept inside the heaviest run are its stragglers (the records the teaser rules
# left standing), not an article over it, when they weigh at most this share of the
# run's removed records: then only the text kept outside the run is weighed against it.
STRAGGLERS = 0.5
# A record's anchor (a date, a price, a count, a byline) is a line of at most this many characters.
ANCHOR_MAX_CHARS = 200


def shape(text: str, tokens: list[str] | None = None) -> str:
    out = []
    for token in _TOKEN.findall(text) if tokens is None else tokens:
        c = token[0]
        if c.isdigit():
            out.append("0")
        elif c.isalpha():
            out.append("A" if c.isupper() else "a")
        else:
            out.append(c)
    return "".join(out)


def telling(key: str, texts: list[str]) -> bool:
    """Whether lines of this shape can mark records: a shape with a number or a sign in
    it ("#0", "A 0, 0", "(0)"), or one line of two words or more repeated word for word
    ("Mark as watched"); a shape of bare words ("A", "AA") fits any menu."""
    if key.strip("Aa"):
        return True
    return len(key) >= 2 and len(set(texts)) == 1


def record_chains(blocks: list[Block]) -> list[tuple[int, int, int]]:
    """(first anchor, last anchor, median step) of each steady chain of same-shaped lines."""
    at: dict[str, list[int]] = defaultdict(list)
    # A paragraph is no record's anchor (ANCHOR_MAX_CHARS), and its shape, token by
    # token, was the costliest part of the search. Lines of one shape have as many
    # tokens: a line whose token count fewer than RECORD_MIN_COUNT lines share is in no
    # chain, and its shape is not worked out.
    tokens = [_TOKEN.findall(block.text) if len(block.text) <= ANCHOR_MAX_CHARS else () for block in blocks]
    counts = Counter(map(len, tokens))
    for block, its_tokens in zip(blocks, tokens):
        if its_tokens and counts[len(its_tokens)] >= RECORD_MIN_COUNT:
            at[shape(block.text, its_tokens)].append(block.index)
    found = []
    for key, positions in at.items():
        if len(positions) < RECORD_MIN_COUNT or not telling(key, [blocks[i].text for i in positions]):
            continue
        run = [positions[0]]
        for p in positions[1:] + [None]:
            if p is not None and RECORD_MIN_STEP <= p - run[-1] <= RECORD_MAX_STEP:
                run.append(p)
                continue
            if len(run) >= RECORD_MIN_COUNT:
                steps = sorted(b - a for a, b in zip(run, run[1:]))
                median = steps[len(steps) // 2]
                steady = sum(1 for s in steps if abs(s - median) <= 1)
                if steady >= RECORD_STEADY_SHARE * len(steps):
                    found.append((run[0], run[-1], median))
            if p is not None:
                run = [p]
    return found


class Run(NamedTuple):
    start: int
    end: int  # exclusive
    step: int  # the longest step of its chains
    records: int  # anchors of its longest chain


def record_runs(blocks: list[Block]) -> list[Run]:
    """The runs of records: overlapping chains merged. The chain with the earliest anchor
    opens the records, so the run reaches one step past its last anchor (the last
    record); the other chains only to their last anchor (one that closes its record
    would otherwise reach a step into the footer)."""
    merged: list[Run] = []
    for first, last, step in sorted(record_chains(blocks)):
        count = (last - first) // step + 1
        if merged and first < merged[-1].end:
            run = merged[-1]
            merged[-1] = Run(run.start, max(run.end, last + 1), max(run.step, step), max(run.records, count))
        else:
            merged.append(Run(first, min(len(blocks), last + step), step, count))
    return merged


def undoable(verdict: Verdict) -> bool:
    return not verdict.keep and (verdict.rule.startswith(UNDOABLE_PREFIX) or verdict.rule in UNDOABLE_RULES)


def holds_article(blocks: list[Block], verdicts: list[Verdict], outside: Run | None = None) -> bool:
    """Whether the kept text (outside the given run) holds ARTICLE_PARAGRAPHS paragraphs of prose length."""
    paragraphs = 0
    for block, verdict in zip(blocks, verdicts):
        if outside is not None and outside.start <= block.index < outside.end:
            continue
        if verdict.keep and len(block.text) >= ARTICLE_PARAGRAPH_CHARS:
            paragraphs += 1
            if paragraphs >= ARTICLE_PARAGRAPHS:
                return True
    return False


def announced_as_related(start: int, step: int, blocks: list[Block], verdicts: list[Verdict]) -> bool:
    """Whether a related-list header ("Similar threads", "Mehr aus der Sendung") opens
    the run's first record or stands just before it: a list of other pages, whatever
    the page holds. The first anchor may stand up to a step into its record. A one-word
    header ("Latest", "Popular") is as often a feed's sort tab and says nothing."""
    return any(verdicts[i].rule in RELATED_HEADERS and len(blocks[i].text.split()) > 1
               for i in range(max(0, start - step - HEADER_REACH), min(len(verdicts), start + HEADER_REACH)))


def _article_stays(blocks: list[Block], features: list[Features], verdicts: list[Verdict],
                   undone: int, shape_dropped: int, kept: int) -> bool:
    """Whether the page's article rules out every run before any shape is read (the
    shapes are the costly part): an article of long kept paragraphs under which a list
    of teasers outweighs it is a common page. A run comes back over an article only as
    a grid of shape-dropped lines (at most `shape_dropped`) outweighing all the kept text
    GRID_OUTWEIGH times; else only with no article outside it, so it holds all but
    ARTICLE_PARAGRAPHS - 1 of the long paragraphs, the first or the last ones left out,
    and with them the kept text between, which as its stragglers weighs at most
    STRAGGLERS of the run (at most of `undone`)."""
    if shape_dropped > GRID_OUTWEIGH * kept:
        return False
    long = [i for i, (block, verdict) in enumerate(zip(blocks, verdicts))
            if verdict.keep and len(block.text) >= ARTICLE_PARAGRAPH_CHARS]
    if len(long) < ARTICLE_PARAGRAPHS:
        return False
    before = [0]  # the kept text with letters before each block
    for f, v in zip(features, verdicts):
        before.append(before[-1] + (f.width if v.keep and f.letters else 0))
    spare = ARTICLE_PARAGRAPHS - 1  # long paragraphs a run may leave outside it
    for left in range(spare + 1):
        for right in range(spare + 1 - left):
            first, last = long[left], long[len(long) - 1 - right]
            if before[last + 1] - before[first] <= STRAGGLERS * undone:
                return False
    return True


def keep_record_run(blocks: list[Block], features: list[Features], verdicts: list[Verdict]) -> list[Verdict]:
    """The heaviest run of records comes back when it clearly outweighs the text the page
    kept and that text is no article; with it, the page's other runs of a quarter of its
    weight or more."""
    kept = undone = shape_dropped = 0
    for f, v in zip(features, verdicts):
        if f.letters:
            if v.keep:
                kept += f.width
            elif undoable(v):
                undone += f.width
                if v.rule not in UNDOABLE_RULES:
                    shape_dropped += f.width
    # No run could outweigh the text kept outside it: no shapes read. A run of weight w
    # sets at most STRAGGLERS * w of the kept text aside, and must outweigh the rest
    # OUTWEIGH times: w > OUTWEIGH * (kept - STRAGGLERS * w), so w (at most `undone`)
    # must pass OUTWEIGH * kept / (1 + OUTWEIGH * STRAGGLERS).
    if undone * (1 + OUTWEIGH * STRAGGLERS) <= OUTWEIGH * kept:
        return verdicts
    if _article_stays(blocks, features, verdicts, undone, shape_dropped, kept):
        return verdicts
    runs = [run for run in record_runs(blocks) if not announced_as_related(run.start, run.step, blocks, verdicts)]
    if not runs:
        return verdicts
    weights = [sum(features[i].width for i in range(run.start, run.end) if undoable(verdicts[i]) and features[i].letters)
               for run in runs]
    heaviest = max(range(len(runs)), key=weights.__getitem__)
    run = runs[heaviest]
    # The records the teaser rules left standing (a run's last teaser, a blurb long enough
    # for prose) are the run's, not an article: they count as kept text only when they
    # weigh more than a STRAGGLERS share of the run's removed records.
    kept_in = sum(features[i].width for i in range(run.start, run.end) if verdicts[i].keep and features[i].letters)
    inside = kept_in <= STRAGGLERS * weights[heaviest]
    if weights[heaviest] <= OUTWEIGH * (kept - kept_in if inside else kept):
        return verdicts
    if holds_article(blocks, verdicts, run if inside else None):
        if not (run.records >= GRID_RECORDS and weights[heaviest] > GRID_OUTWEIGH * kept
                and not any(verdicts[i].rule in UNDOABLE_RULES for i in range(run.start, run.end))):
            return verdicts
        runs, weights = [run], [weights[heaviest]]
        heaviest = 0
    out = list(verdicts)
    for other, weight in zip(runs, weights):
        if weight >= ALSO_SHARE * weights[heaviest]:
            for i in range(other.start, other.end):
                if undoable(verdicts[i]):
                    out[i] = Verdict(True)
    return out
