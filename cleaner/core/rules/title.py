"""TITLE: find the headline once; remove its duplicates from the body.

Runs after the keep/drop decisions, because on a full-page scrape the headline is the
headline-like line nearest before the article body, not the first line of the page.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from cleaner.core.document import Block, Hit, Strength, Verdict
from cleaner.core.features import UNSPACED_LETTER, Features
from cleaner.core.rules.context import RuleContext
from cleaner.core.normalize import ascii_lower_words, fold
from cleaner.core.segment import display_text
from cleaner.core.dates import parse_date
from cleaner.core.lexicon import stopwords
from cleaner.core.rules.byline import byline_prefixes, looks_like_name, name_beside_date, starts_with_byline_prefix
from cleaner.core.rules.registry import Rule, register

TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 250
# "US ready to continue talks with N. Korea: State Dept." ends on a period and is a
# headline; a lead sentence standing first is longer than this.
TITLE_MAX_WORDS_WITH_PERIOD = 15
# How far before the first body block the headline may stand (datelines, bylines,
# captions, share rows and tables of contents sit between them; 8 missed a third of the
# headlines that stood before the body on dev2).
TITLE_WINDOW = 20
# A line set right over a paragraph of this many words heads it (headline_flags).
HEADED_PROSE_MIN_WORDS = 12
# A numbered section ("4. Recent trends") or a breadcrumb trail ("About > In the news")
# reads like a headline but is not the page's.
# Anchored: a search from every position would rescan the line from each (quadratic).
_NOT_A_HEADLINE = re.compile(r"^(?:\d{1,2}[.)]\s|[^>›»]*\s[>›»]\s)")
# "Title | Site name" / "Title - Site": the page <title> form of the headline.
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ")


def looks_like_headline(block: Block, feats: Features) -> bool:
    return not block.bullet and reads_like_headline(block.text, feats)


def reads_like_headline(text: str, feats: Features) -> bool:
    """The line's own shape: a few words, mostly letters, one sentence at most."""
    if not TITLE_MIN_WORDS <= feats.words <= TITLE_MAX_WORDS:
        return False
    # (Features.letter_ratio written out: the property's call cost more than the test)
    if feats.chars > TITLE_MAX_CHARS or (feats.letters / feats.chars if feats.chars else 0.0) < 0.5 \
            or text.endswith((":", ",", ";")):
        return False
    # "US ready to continue talks: State Dept." is a headline; two sentences are not.
    return feats.sentence_marks == 0


def headline_flags(blocks: list[Block], features: list[Features]) -> list[bool]:
    """looks_like_headline for every block, each distinct line (its shared Features) judged once,
    and standing apart: a blank line before it and after it (or the page's end), or first
    on the page; or set right over a paragraph (a page of divs: HEADED_PROSE_MIN_WORDS
    words or more, ending a sentence). A list item is no subheading, and only inscriptis
    marks one ("* "); html-text sets a list's items one a line with no blank line between,
    the list standing apart as a whole (a heading or a paragraph stands apart in both
    renderings)."""
    last = len(blocks) - 1
    # where the block stands is read first: most lines stand in a paragraph's or a list's
    # place, and their own shape is not worth reading
    return [not block.bullet and (
        stands_apart(blocks, k)
        or k < last and not blocks[k + 1].gap_before and _heads_prose(blocks[k + 1], features[k + 1]))
        and reads_like_headline(block.text, feats)
        for k, (block, feats) in enumerate(zip(blocks, features))]


def stands_apart(blocks: list[Block], k: int) -> bool:
    """A blank line before the block and after it (or the page's end after it), or the
    page's first: a heading or a paragraph, not a list's item, in either rendering."""
    return k == 0 or blocks[k].gap_before and (k + 1 == len(blocks) or blocks[k + 1].gap_before)


def _heads_prose(block: Block, feats: Features) -> bool:
    return not block.bullet and feats.ends_sentence and feats.words >= HEADED_PROSE_MIN_WORDS


# Declared without a check of their own: find_title runs after the decide stage.
HEADLINE = register(Rule("TITLE001", "headline", "The headline: moved to the result's title, not repeated in the body.", "code"))
DUPLICATE_HEADLINE = register(
    Rule("TITLE002", "duplicate-headline", "A repeat of the headline (scraped twice, or as 'Headline | Site').", "code")
)


def choose_title_block(ctx: RuleContext, verdicts: list[Verdict],
                       body_words: Callable[[], Counter[str]] | None = None) -> int | None:
    """Index of the headline block, or None when the page shows none. `body_words`: the
    page's _body_words, when the caller reads them too (worked out at most once)."""
    blocks, feats = ctx.doc.blocks, ctx.features
    first_kept = next((i for i, v in enumerate(verdicts) if v.keep), None)
    if first_kept is None:
        return None

    rules = [v.rule for v in verdicts]
    prefixes = byline_prefixes(ctx.doc.language)

    def candidate(i: int) -> bool:
        return (i not in ctx.phrase_hits and looks_like_headline(blocks[i], feats[i]) and not _is_boilerplate(verdicts[i])
                # standing apart, as headline_flags asks: a list's item is no headline
                and stands_apart(blocks, i)
                and not name_beside_date(ctx, rules, i)  # "Jane Smith" above "3 March 2024" is the byline
                and not _NOT_A_HEADLINE.match(blocks[i].text)
                and not starts_with_byline_prefix(blocks[i].text, prefixes)
                # the costliest test last: "Tom Talbot October 14, 2025" is a dateline
                and parse_date(blocks[i].text, ctx.doc.language) is None)

    window = [i for i in range(first_kept - 1, max(-1, first_kept - 1 - TITLE_WINDOW), -1) if candidate(i)]
    # A bare name nearest the body is the byline when a headline stands above it.
    not_names = [i for i in window if not looks_like_name(blocks[i].text, feats[i].stopwords)]
    window = not_names or window
    # A headline seldom ends on a period; a lead or a teaser sentence standing nearer does.
    unpunctuated = [i for i in window if not blocks[i].text.endswith(".")]
    window = unpunctuated or window
    # The first body block competes too (the headline of a page scraped from its top).
    if _heads_the_body(blocks, feats, verdicts, first_kept) and candidate(first_kept):
        window = [first_kept, *window]
    if len(window) <= 1:
        return window[0] if window else None
    # A headline names what the article is about: its words come back in the body; a
    # section label, a caption or a call to action above the body share few of them.
    body = body_words() if body_words else _body_words(ctx, verdicts)
    stop = stopwords(ctx.doc.language)
    scores = {i: _headline_score(blocks[i].text, feats[i], body, first_kept - i, stop) for i in window}
    best = max(scores.values())
    return next(i for i in window if scores[i] >= best - TITLE_SHARE_SLACK)


def _heads_the_body(blocks: list[Block], feats: list[Features], verdicts: list[Verdict], first_kept: int) -> bool:
    """The first kept block may be the headline: it is no lead sentence, and the body goes
    on with something else than lines of its shape (a list's items)."""
    if feats[first_kept].ends_sentence and feats[first_kept].words > TITLE_MAX_WORDS_WITH_PERIOD:
        return False
    following = next((i for i in range(first_kept + 1, len(verdicts)) if verdicts[i].keep), None)
    return following is not None and not _same_template(blocks[first_kept].text, blocks[following].text)


def _same_template(first: str, second: str) -> bool:
    """Two lines made from one template (a list's items), not a headline and its lead:
    most of their words are the same."""
    a, b = set(_TOKEN.findall(first.casefold())), set(_TOKEN.findall(second.casefold()))
    return bool(a and b) and len(a & b) / len(a | b) >= TEMPLATE_SHARE


# Choosing among headline-shaped lines (chosen on dev2's gold titles, both renderings):
# a line is scored by the share of its words the body uses too, scaled down below
# TITLE_FULL_WORDS words (a two-word menu label shares words by chance) and by
# TITLE_DISTANCE_COST per block from the body; the nearest within TITLE_SHARE_SLACK of
# the best wins.
TITLE_FULL_WORDS = 5
TEMPLATE_SHARE = 0.5
TITLE_DISTANCE_COST = 0.01
TITLE_SHARE_SLACK = 0.15
# The body's words are read from its first BODY_CHARS characters: the headline names what
# the lead is about (2,000-8,000 and the whole body gave the same accuracy on dev2; a long
# page's whole body cost a millisecond).
BODY_CHARS = 2_000
_TOKEN = re.compile(r"\w+")


def _body_words(ctx: RuleContext, verdicts: list[Verdict]) -> Counter[str]:
    """How often each term (see _term_list) stands in the kept blocks' first BODY_CHARS
    characters."""
    # only the blocks that reach into the first BODY_CHARS characters are joined (a long
    # page's whole body was joined to be cut)
    parts, size = [], -1
    for block, verdict in zip(ctx.doc.blocks, verdicts):
        if verdict.keep:
            parts.append(block.text)
            size += len(block.text) + 1
            if size >= BODY_CHARS:
                break
    return Counter(_term_list("\n".join(parts)[:BODY_CHARS].casefold()))


def _term_list(folded: str) -> list[str]:
    """The words of a case-folded text; in scripts written without spaces, where a run of
    letters is a clause, its character pairs instead."""
    words = ascii_lower_words(folded)  # the same words, split without a regex scan
    if words is not None:
        return words  # (ASCII words hold no letter of a script written without spaces)
    tokens = _TOKEN.findall(folded)
    if not UNSPACED_LETTER.search(folded):
        return tokens
    terms = []
    for token in tokens:
        if UNSPACED_LETTER.search(token):
            terms.extend(token[i:i + 2] for i in range(len(token) - 1))
        else:
            terms.append(token)
    return terms


def _terms(text: str, stop: frozenset[str]) -> set[str]:
    """The line's terms that carry meaning: words of three letters or more, stop words
    aside, and the character pairs of scripts written without spaces."""
    return {term for term in _term_list(text.casefold())
            if (len(term) >= 3 and term not in stop) or UNSPACED_LETTER.search(term)}


def _headline_score(text: str, feats: Features, body: Counter[str], distance: int,
                    stop: frozenset[str]) -> float:
    length = min(1.0, feats.words / TITLE_FULL_WORDS)
    # a line in the body (distance 0: the body's first line) does not count for itself
    own = Counter(_term_list(text.casefold())) if distance == 0 else Counter()
    return _shared_words(text, body, own, stop) * length - TITLE_DISTANCE_COST * distance


def _shared_words(text: str, body: Counter[str], own: Counter[str], stop: frozenset[str]) -> float:
    """Share of the line's terms that the body, the line itself aside, uses too."""
    words = _terms(text, stop)
    if not words:
        return 0.0
    return sum(1 for word in words if body[word] > own[word]) / len(words)


def _is_boilerplate(verdict: Verdict) -> bool:
    """Rule-removed blocks are not headline candidates; heuristic drops and repeats may be."""
    return not verdict.keep and not verdict.rule.startswith(("HEUR", "DUP001"))


# The page's <title> line (see page_title_block) names the article when at least this
# share of its terms comes back in the body's opening; an announcement bar or a site's
# tagline standing first shares fewer (0.3 took three of them on dev2's inscriptis text).
PAGE_TITLE_MIN_SHARE = 0.5
# A first line without a site suffix is the <title> only when the page repeats it as its
# headline further down, and a repeated line this short is as likely the site's name.
PAGE_TITLE_REPEAT_MIN_WORDS = 4


def page_title_block(ctx: RuleContext, verdicts: list[Verdict],
                     body_words: Callable[[], Counter[str]] | None = None) -> int | None:
    """0 when the input opens with the page's <title>, as scrapers that render the whole
    document put it (html-text, BeautifulSoup's get_text): 'Headline | Site' on the first
    line, or a headline the page repeats below; else None. The <title> is what the page
    calls itself, where a line chosen above the body can be a section label or a button."""
    blocks, feats = ctx.doc.blocks, ctx.features
    if not blocks or blocks[0].bullet or 0 in ctx.phrase_hits or _is_boilerplate(verdicts[0]):
        return None
    text, shape = blocks[0].text, feats[0]
    if any(sep in text for sep in _SITE_SEPARATORS):
        # A <title> may ask or abbreviate ("Laptop vs. Desktop: How Many Watts? | Site"):
        # only its length and letters are judged, not its sentence marks.
        if (not TITLE_MIN_WORDS <= shape.words <= TITLE_MAX_WORDS or shape.chars > TITLE_MAX_CHARS
                or shape.letter_ratio < 0.5):
            return None
    # Unsuffixed, the line must read as a headline: a sentence the page repeats is not one.
    elif (text.endswith(".") or not reads_like_headline(text, shape)
          or not _repeated_below(ctx, shape.folded, shape.words)):
        return None
    head = strip_site_suffix(text)
    if _NOT_A_HEADLINE.match(head):
        return None
    stop = stopwords(ctx.doc.language)
    own = Counter(_term_list(text.casefold())) if verdicts[0].keep else Counter()
    share = _shared_words(head, body_words() if body_words else _body_words(ctx, verdicts), own, stop)
    return 0 if share >= PAGE_TITLE_MIN_SHARE else None


def _repeated_below(ctx: RuleContext, key: str, words: int) -> bool:
    return words >= PAGE_TITLE_REPEAT_MIN_WORDS and any(
        _repeats_title(folded, key) for folded in [feats.folded for feats in ctx.features[1:]
                                                   if feats.folded.startswith(key)])


def find_title(ctx: RuleContext, verdicts: list[Verdict], hint: str | None) -> tuple[str | None, list[Hit]]:
    """The title text and the hits that take it and its copies out of the body."""
    index = None
    # both ways of finding the headline may read the body's words: they are read once
    # (a list as the memo: functools.cache cost more to set up than most pages use it)
    body: list[Counter[str]] = []

    def body_words() -> Counter[str]:
        if not body:
            body.append(_body_words(ctx, verdicts))
        return body[0]

    if hint:
        title = " ".join(hint.split())
    elif (index := page_title_block(ctx, verdicts, body_words)) is not None:
        title = strip_site_suffix(display_text(ctx.doc.source, ctx.doc.blocks[index]))
    else:
        index = choose_title_block(ctx, verdicts, body_words)
        if index is None:
            return None, []
        title = display_text(ctx.doc.source, ctx.doc.blocks[index])
    keys = title_keys(title)
    hits = []
    if index is not None:
        hits.append(Hit(index, "TITLE001", "headline, moved to title", Strength.CERTAIN))
    # (one C-level prefix test, in a comprehension, rules out nearly every line before the closer look)
    for block, folded in [(block, feats.folded) for block, feats in zip(ctx.doc.blocks, ctx.features)
                          if feats.folded.startswith(keys)]:
        if block.index != index and any(_repeats_title(folded, key) for key in keys):
            hits.append(Hit(block.index, "TITLE002", "repeats the headline", Strength.CERTAIN))
    hits.extend(_page_headline_on_top(ctx, verdicts, index, keys))
    if index == 0 and not hint:
        hits.extend(_headline_inside_page_title(ctx, verdicts, fold(ctx.doc.blocks[0].text)))
    return title, hits


def title_keys(title: str) -> tuple[str, ...]:
    """The folded title, and without its site suffix when it has one ("Headline | Site"):
    the body shows the headline alone."""
    key = fold(title)
    head = strip_site_suffix(key)
    return (key, head) if head != key and len(head.split()) >= TITLE_MIN_WORDS else (key,)


def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """'Headline | Site' -> 'Headline': the part before the last separator, when it is the
    longer or the rest names the site."""
    for sep in _SITE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and head and (len(head) > len(tail) or (site_name and site_name.lower() in tail.lower())):
            return head.strip()
    return title


def _page_headline_on_top(ctx: RuleContext, verdicts: list[Verdict], index: int | None,
                          keys: tuple[str, ...]) -> list[Hit]:
    """The first kept block, when it is the page's own headline (HTML mode's <h1>, a hint
    in `extra_titles`) though the title was taken from elsewhere (og:title, <title>): the
    result's `title` stands for it, and it is not left at the top of the body."""
    extra = tuple(fold(" ".join(t.split())) for t in ctx.doc.hints.extra_titles if t and t.strip())
    if not extra:
        return []
    first_kept = next((i for i, v in enumerate(verdicts) if v.keep and i != index), None)
    if first_kept is None:
        return []
    folded = ctx.features[first_kept].folded
    if any(_repeats_title(folded, key) for key in keys) or folded not in extra:
        return []
    return [Hit(first_kept, "TITLE002", "the page's headline, at the top of the body", Strength.CERTAIN)]


# The page's headline under a <title> that wraps it in more than a site's name ("08.11.2021 |
# Online-Fachtag zum Intersex Day of Remembrance: Regenbogenportal" over "Online-Fachtag zum
# Intersex Day of Remembrance"): the first kept line, when the <title> holds it whole and it
# makes most of the <title>.
HEADLINE_IN_TITLE_MIN_SHARE = 0.5


def _headline_inside_page_title(ctx: RuleContext, verdicts: list[Verdict], page_title: str) -> list[Hit]:
    first_kept = next((i for i, v in enumerate(verdicts) if v.keep and i != 0), None)
    if first_kept is None:
        return []
    feats = ctx.features[first_kept]
    folded = feats.folded
    if (feats.words < PAGE_TITLE_REPEAT_MIN_WORDS or len(folded) < HEADLINE_IN_TITLE_MIN_SHARE * len(page_title)
            or folded == page_title or not reads_like_headline(ctx.doc.blocks[first_kept].text, feats)):
        return []
    at = page_title.find(folded)
    if at < 0 or (at > 0 and page_title[at - 1].isalnum()) or page_title[at + len(folded):at + len(folded) + 1].isalnum():
        return []
    return [Hit(first_kept, "TITLE002", "the page's headline, inside its <title>", Strength.CERTAIN)]


def _repeats_title(folded: str, key: str) -> bool:
    if not key or not folded.startswith(key):
        return False
    rest = folded[len(key):]
    return not rest or (rest.startswith(_SITE_SEPARATORS) and len(rest) < 60)
