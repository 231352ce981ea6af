"""REL: related-story lists, their headers, and runs of teasers."""
from __future__ import annotations

import re
from operator import itemgetter
from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.features import Features
from cleaner.core.rules.byline import byline_like_lines
from cleaner.core.rules.context import RuleContext, chains
from cleaner.core.rules.registry import code_rule, phrase_rule

RELATED_HEADER = phrase_rule(
    "REL001",
    "related-header",
    "Header of a related, recommended or most-read list.",
    "Catches: 'Related news', 'You might also like', 'Most Popular', 'Mehr zum Thema'.",
)
READ_MORE = phrase_rule(
    "REL002",
    "read-more-link",
    "Inline link to another story ('Read more: ...', 'Lesen Sie auch: ...').",
)

# Teaser lists repeat a small pattern (separator, headline, teaser, byline): anchors
# (bylines and separator lines) at most this many blocks apart form one run ...
TEASER_MAX_GAP = 4
# ... and a run needs this many anchors, at least two of them bylines, to be a list
# rather than an article's own byline followed by a rule line.
TEASER_MIN_ANCHORS = 3
TEASER_MIN_BYLINES = 2


@code_rule(
    "REL010",
    "teaser-run",
    "A run of headline/teaser/byline groups: a list of other stories.",
    "Catches: '-' / headline / teaser / 'By NAME Published', repeated. "
    "Keeps: a single byline under the headline.",
)
def find_teaser_runs(ctx: RuleContext) -> Iterator[Hit]:
    bylines = byline_like_lines(ctx)
    anchors: list[tuple[int, bool]] = []  # (block index, is a byline)
    for block, feats in zip(ctx.doc.blocks, ctx.features):
        if feats.letters == 0 and feats.chars <= 3:
            anchors.append((block.index, False))
        elif feats.words <= 16 and block.text in bylines:
            anchors.append((block.index, True))
    for run in chains(anchors, TEASER_MAX_GAP, itemgetter(0)):
        bylines = sum(1 for _, is_byline in run if is_byline)
        if len(run) < TEASER_MIN_ANCHORS or bylines < TEASER_MIN_BYLINES:
            continue
        first, last = run[0][0], run[-1][0]
        reason = f"teaser run of {bylines} stories (blocks {first}-{last})"
        for index in range(first, last + 1):
            yield Hit(index, "REL010", reason, Strength.CERTAIN)


# A teaser's standfirst is cut off by the site mid-sentence, with an ellipsis after a
# word ("... the best choice might actually be…", "drives better....", "the [...]"); a
# web address cut short ("https://example.com/news/guidance-fir...") is no standfirst.
_TRUNCATED = re.compile(r"\s[\w'’]+\s?(?:…|\.\.\.\.?|\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\))$")
_ELLIPSIS_ENDS = ("…", "...", "…]", "...]", "…)", "...)")
# A cut-off standfirst is a sentence or two, not a word or a table cell.
TRUNCATED_MIN_WORDS = 8
# Two cut-off standfirsts at most this many blocks apart are one list of teasers
# (headline, date line, standfirst), and a list needs two of them: one line ending in
# an ellipsis is as often the article's own trailing thought.
TRUNCATED_MAX_GAP = 4
TRUNCATED_MIN_ANCHORS = 2
# A teaser is a headline over its standfirst: at least TRUNCATED_MIN_ANCHORS of the
# standfirsts have a short line before them that does not end a sentence (a table
# whose cells end in ellipses, or a thread of posts, has rows and posts there). The
# short lines before the first standfirst (its headline, a date) go with it.
TEASER_HEADLINE_MAX_WORDS = 20


@code_rule(
    "REL011",
    "truncated-teaser-run",
    "A run of teasers whose standfirsts the site cut off with an ellipsis: a list of other stories.",
    "Catches: headline / 'Pouring money into PPC campaigns without ... leak significant portions…', "
    "repeated. Keeps: a single line ending in an ellipsis, and a page whose text is mostly such "
    "teasers (an archive or category page, where the list is the content).",
)
def find_truncated_teaser_runs(ctx: RuleContext) -> Iterator[Hit]:
    blocks, features = ctx.doc.blocks, ctx.features
    anchors = [
        b.index for b, f in zip(blocks, features)
        if b.text.endswith(_ELLIPSIS_ENDS) and f.words >= TRUNCATED_MIN_WORDS and _TRUNCATED.search(b.text[-40:])
    ]
    if len(anchors) < TRUNCATED_MIN_ANCHORS:
        return
    runs = []
    for run in chains(anchors, TRUNCATED_MAX_GAP, lambda index: index):
        if len(run) < TRUNCATED_MIN_ANCHORS:
            continue
        headed = sum(1 for i in run if i > 0 and i - 1 not in run and _headline_like(blocks[i - 1].text, features[i - 1]))
        if headed < TRUNCATED_MIN_ANCHORS:
            continue
        period = min(b - a for a, b in zip(run, run[1:]))
        first = run[0]
        while first > 0 and run[0] - first < period - 1 and features[first - 1].words <= TEASER_HEADLINE_MAX_WORDS \
                and features[first - 1].letters:
            first -= 1
        runs.append((first, run[-1], len(run)))
    if not runs:
        return
    # On an archive page the teasers are the page: the run must hold less of the
    # document's text than the rest does.
    inside = sum(features[i].chars for first, last, _ in runs for i in range(first, last + 1))
    if inside * 2 >= sum(f.chars for f in features):
        return
    for first, last, count in runs:
        reason = f"{count} cut-off teasers (blocks {first}-{last})"
        for index in range(first, last + 1):
            yield Hit(index, "REL011", reason, Strength.CERTAIN)


def _headline_like(text: str, feats: Features) -> bool:
    return 0 < feats.words <= TEASER_HEADLINE_MAX_WORDS and not text.endswith(".")



# A list of other stories stamps each teaser with a short label and a numeric date
# ("Pressemitteilung 16.02.2022", "Aktuell USA 15.02.2022", "Lebensmittel Praxis
# 10.05.2023", "* 04.11.2021 Artikel"): such stamps, at most STAMP_MAX_WORDS words with a
# word of three letters or more beside the date and not ending a sentence, recurring
# STAMPED_MIN_ANCHORS times or more at one period of STAMPED_MIN_PERIOD to
# TEASER_MAX_GAP blocks, are a list's rhythm. A bare date over each entry (an article's
# timeline: "12.03.2020" / "Die WHO erklärt ...") has no label and stays; a post's or
# comment's stamp carries the time of day ("HattiesBag · 03/03/2026 19:55") and is no
# teaser's; a page whose text is mostly such teasers (an archive page) stays.
# (Written digit-first, the lookbehind after it, so the regex engine skips ahead to the
# next digit instead of trying the lookbehind at every position of every line.)
_NUMERIC_DATE = re.compile(r"\d(?<![\d.\-/]\d)(?:\d?[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{3}-\d{2}-\d{2})(?![\d\-/]|\.\d)")
_LABEL_WORD = re.compile(r"[^\W\d_]{3,}")
_CLOCK = re.compile(r"\d:\d\d")
STAMP_MAX_WORDS = 8
STAMPED_MIN_ANCHORS = 3
STAMPED_MIN_PERIOD = 2


@code_rule(
    "REL012",
    "dated-teaser-run",
    "A run of teasers each stamped with a label and a date at a steady rhythm: a list of other stories.",
    "Catches: 'Pressemitteilung 16.02.2022' / headline / standfirst, repeated; under a related header, lines "
    "that each open with a date ('01.01.2022 - Formel 1 - ...'). Keeps: an article's timeline of bare dates "
    "or of dated lines under no related header, one stamped line, a page that is mostly such teasers.",
)
def find_dated_teaser_runs(ctx: RuleContext) -> Iterator[Hit]:
    blocks, features = ctx.doc.blocks, ctx.features
    anchors = [
        b.index for b, f in zip(blocks, features)
        if 0 < f.words <= STAMP_MAX_WORDS and not f.ends_sentence
        and (date := _NUMERIC_DATE.search(b.text)) and _is_stamp(b.text, date)
    ]
    runs = list(_dated_lines_under_header(ctx))
    if len(anchors) < STAMPED_MIN_ANCHORS and not runs:
        return
    for run in chains(anchors, TEASER_MAX_GAP, lambda index: index):
        # One period throughout: a list repeats one shape; a few dated lines scattered
        # through an article do not.
        for steady in _steady_runs(run):
            if len(steady) >= STAMPED_MIN_ANCHORS:
                period = steady[1] - steady[0]
                last = min(len(blocks) - 1, steady[-1] + period - 1)
                runs.append((steady[0], last))
    if not runs:
        return
    inside = sum(features[i].chars for first, last in runs for i in range(first, last + 1))
    if inside * 2 >= sum(f.chars for f in features):
        return
    for first, last in runs:
        reason = f"teasers stamped with a date (blocks {first}-{last})"
        for index in range(first, last + 1):
            yield Hit(index, "REL012", reason, Strength.CERTAIN)


# Under a related header ("Weitere Inhalte:", REL001), the list may print each teaser on
# one line that opens with its date: "01.01.2022 - Formel 1 - Pierre Gasly: Ich will um
# die WM kämpfen Pierre Gasly hatte ...". STAMPED_MIN_ANCHORS such lines in a row right
# under the header are its list; without the header, dated lines in a row are as often
# an article's chronology and stay.
_LEADING_DATE = re.compile(r"(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\b")


def _dated_lines_under_header(ctx: RuleContext) -> Iterator[tuple[int, int]]:
    blocks = ctx.doc.blocks
    for header, hit in ctx.phrase_hits.items():
        if hit.rule != "REL001" or hit.strength is not Strength.CERTAIN:
            continue
        last = header
        while last + 1 < len(blocks) and _LEADING_DATE.match(blocks[last + 1].text):
            last += 1
        if last - header >= STAMPED_MIN_ANCHORS:
            yield header + 1, last


def _is_stamp(text: str, match: re.Match[str]) -> bool:
    """The line around its date (match) carries a label word and no time of day."""
    if _CLOCK.search(text):
        return False
    rest = text[:match.start()] + " " + text[match.end():]
    return _LABEL_WORD.search(rest) is not None


def _steady_runs(run: list[int]) -> Iterator[list[int]]:
    """The run cut where the gap between anchors changes, keeping runs whose gap is at
    least STAMPED_MIN_PERIOD."""
    current = run[:1]
    for index in run[1:]:
        gap = index - current[-1]
        if len(current) >= 2 and gap != current[1] - current[0]:
            if current[1] - current[0] >= STAMPED_MIN_PERIOD:
                yield current
            current = [current[-1]]
        current.append(index)
    if len(current) >= 2 and current[1] - current[0] >= STAMPED_MIN_PERIOD:
        yield current
