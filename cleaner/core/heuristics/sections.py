"""HEUR104 outside-article: short sections cut off from the article by a section break."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from cleaner.core.document import Block, Verdict
from cleaner.core.heuristics.gaps import REPEAT_CODES
from cleaner.core.heuristics.records import shape

# A header like "Related stories", "Comments" or "About the author" ends a section of the page on its own;
# any other removal ends one only when two or more removed blocks stand together (a
# lone dropped line is more often a caption or an inline link inside the article).
# A repeated line (DUP001) does not count towards the two: it says the line recurs, not
# that the page changes there (a heading its contents list named, a pull quote).
SECTION_END_RULES = ("REL001", "REL010", "CMT", "TAG001", "NEWS", "BYL020")
SECTION_BREAK_BLOCKS = 2
# A call-to-action button (NAV006: "Book a demo", "Try it for free") does not count either: a
# vendor's blog sets one after a paragraph inside its article, as an inline link.
INLINE_CODES = frozenset({"NAV006"})
# A section after the article's main one stays only with this much text of its own,
# or this share of the main section's: teasers, bios, comments and footers are short;
# an article resumed after an inline box is not. Chosen on the development corpus
# (F1 0.852 -> 0.879).
MIN_SECTION_CHARS = 900
MIN_SECTION_SHARE = 0.25
# ... but MIN_SECTION_CHARS alone does not keep a section that holds less than this share
# of the main one: after a long article a page's teaser paragraphs, comment form or
# sign-up box pass 900 characters easily and are still a small part of the page.
MIN_LONG_SECTION_SHARE = 0.15
# A section an author header opens ("About the author", "Über den Autor": BYL020) is the
# author's box, not the article resumed after an inline box: after the main section it
# goes when shorter than MIN_SECTION_CHARS, whatever its share of a short article. A
# page where such headers open more than MAX_THREAD_BREAKS sections is a thread whose
# posts each carry the poster's "About me:" line, and its posts are the content.
AUTHOR_SECTION_RULES = ("BYL020",)
# Before the article only stray lines go: a lead or standfirst cut off by a caption
# row is article text, and longer sections there cost more recall than they gained.
MAX_STRAY_LEAD_CHARS = 100
# A comment thread after the article ends it: what a page prints after its comments
# (a republish box's guidelines, the site's other stories, a footer) is not the article,
# however long. A thread is a break after the main section with THREAD_MIN_HITS distinct
# comment lines or more ("1 Comment" ... "Reply"; "Discussion about this post", "Comments"):
# one prompt alone ("Leave a comment" over the article's references), or one control twice
# (a results page's "Sort by:" over and under its filters), is not. A page whose
# sections after the main one stand apart by comment hits more than MAX_THREAD_BREAKS
# times is a thread of posts (a forum, a Q&A page: "5 Likes", "Add a comment" under
# each), and its posts are the content. Both renderings of dev2's article pages gained
# (inscriptis 0.932 -> 0.933, html-text 0.928 -> 0.931), forum pages did not lose.
THREAD_RULES = ("CMT",)
THREAD_MIN_HITS = 2
MAX_THREAD_BREAKS = 2


# A thread (a forum's posts, a Q&A page's answers and comments) is a run of posts, each
# with a removed metadata line of one shape (records.shape: "#12", "Oct 8, 2024", "14
# posts · Joined 2025", "Reply With Quote 0"). Such a shape holds a number and something
# else (a bare count is any widget's), its lines differ (one line repeated word for word
# is a widget's label: "E-Mail", "Photo: Reuters"), recur THREAD_MIN_POSTS times or more,
# and kept text stands between most neighbours (THREAD_TEXT_SHARE of the gaps): the
# posts. When the posts hold the page's text (the kept text from the first marker to a
# step past the last outweighs THREAD_OUTWEIGH times the kept text before it) and the
# replies hold at least THREAD_REPLIES times the first post's (an article's own dateline
# has the shape of its comments' dates or its teasers', and the article then stands as
# a long first post over a few short replies: on dev and dev2 the replies of a thread
# held 2 to 1000 times its first post's text, an article's comments or teasers 0.01 to
# 0.5 times the article's), a removed run holding a marker separates two posts of one
# thread and breaks no section, unless a header that ends one (POST_BREAK_RULES:
# "Similar threads", a tag list) stands in it. Without this the heaviest post was "the
# article" and the others short sections after it.
THREAD_MIN_POSTS = 4
THREAD_TEXT_SHARE = 0.5
THREAD_MARKER_CHARS = 80
THREAD_OUTWEIGH = 1.0
THREAD_REPLIES = 1.0
_DIGIT = re.compile(r"\d")
# HEUR111: inside a thread (from its first marker to a step past its last), lines the
# shape and context heuristics dropped come back when they are sentences of
# POST_MIN_WORDS words or more: short posts ("No. How could they be at that price?"),
# which the context revision takes for boilerplate among the posts' metadata. A user
# title ("Science Advisor"), a "NAME said:" or a "Joined: 2019" ends no sentence.
POST_SHAPE_CODES = frozenset({"HEUR101", "HEUR002"})
POST_MIN_WORDS = 5
_SENTENCE_ENDS = frozenset(".!?…。！？")
_CLOSERS = "\"'”’»)]） "
# The section headers that still end a thread: a post's own "Reply" or "Quote" (CMT) do not.
POST_BREAK_RULES = tuple(code for code in SECTION_END_RULES if code != "CMT")


class Thread(NamedTuple):
    markers: frozenset[int]
    start: int  # the first marker
    end: int  # a step past the last marker (exclusive)


def find_thread(blocks: list[Block], verdicts: list[Verdict]) -> Thread | None:
    """The post metadata lines of the page's thread (see THREAD_MIN_POSTS), or None."""
    # the removed short lines with a number, by shape (most pages have too few of one)
    numbered = [i for i, verdict in enumerate(verdicts) if not verdict.keep
                and len(blocks[i].text) <= THREAD_MARKER_CHARS and _DIGIT.search(blocks[i].text)]
    if len(numbered) < THREAD_MIN_POSTS:  # no shape can recur often enough: none is read
        return None
    at: dict[str, list[int]] = defaultdict(list)
    for i in numbered:
        at[shape(blocks[i].text)].append(i)
    if not any(len(positions) >= THREAD_MIN_POSTS for positions in at.values()):
        return None
    # the posts' text before each block: kept lines, and sentences dropped for their shape
    kept_before = [0] * (len(verdicts) + 1)
    total = 0
    for i, verdict in enumerate(verdicts):
        if verdict.keep or (verdict.rule in POST_SHAPE_CODES and is_sentence(blocks[i].text)):
            total += len(blocks[i].text)
        kept_before[i + 1] = total
    markers: set[int] = set()
    start, end = len(verdicts), 0
    for key, positions in at.items():
        if len(positions) < THREAD_MIN_POSTS or "0" not in key or not key.strip("0"):
            continue
        posts = sum(1 for a, b in zip(positions, positions[1:]) if kept_before[b] > kept_before[a + 1])
        if posts < THREAD_MIN_POSTS - 1 or posts < THREAD_TEXT_SHARE * (len(positions) - 1):
            continue
        if len({blocks[i].text for i in positions}) == 1:
            continue
        steps = sorted(b - a for a, b in zip(positions, positions[1:]))
        last = min(len(verdicts), positions[-1] + steps[len(steps) // 2])
        first_post = kept_before[positions[1]] - kept_before[positions[0]]
        if (kept_before[last] - kept_before[positions[1]] >= THREAD_REPLIES * first_post
                and kept_before[last] - kept_before[positions[0]] >= THREAD_OUTWEIGH * kept_before[positions[0]]):
            markers.update(positions)
            start, end = min(start, positions[0]), max(end, last)
    return Thread(frozenset(markers), start, end) if markers else None


def thread_markers(blocks: list[Block], verdicts: list[Verdict]) -> frozenset[int]:
    thread = find_thread(blocks, verdicts)
    return thread.markers if thread else frozenset()


def keep_short_posts(blocks: list[Block], verdicts: list[Verdict], thread: Thread | None) -> list[Verdict]:
    """HEUR111: inside a thread (find_thread), a line dropped for its shape or its
    neighbours that is a sentence ("No. How could they be at that price?") is a short
    post or a post's short paragraph."""
    if thread is None:
        return verdicts
    out = list(verdicts)
    for i in range(thread.start, thread.end):
        verdict = verdicts[i]
        if not verdict.keep and verdict.rule in POST_SHAPE_CODES and is_sentence(blocks[i].text):
            out[i] = Verdict(True)
    return out


def is_sentence(text: str) -> bool:
    """A line of POST_MIN_WORDS words or more (or as many wide characters) ending a sentence."""
    text = text.rstrip(_CLOSERS)
    if not text or text[-1] not in _SENTENCE_ENDS:
        return False
    # maxsplit: counting to POST_MIN_WORDS is enough, a long paragraph is not split whole
    return len(text.split(maxsplit=POST_MIN_WORDS - 1)) >= POST_MIN_WORDS \
        or len(text) >= 2 * POST_MIN_WORDS and not text.isascii()


def article_sections(verdicts: list[Verdict], markers: frozenset[int] = frozenset()) -> list[list[int]]:
    """The kept blocks, grouped into sections split where removed runs break the page
    (a run holding a thread's post marker breaks none)."""
    return [s for s, _ in _sections_and_breaks(verdicts, markers)]


def _sections_and_breaks(verdicts: list[Verdict],
                         markers: frozenset[int] = frozenset()) -> list[tuple[list[int], list[int]]]:
    """Each section of kept blocks with the removed run that opened it ([] for the first,
    unless a removed run that breaks sections stands before it).

    Read from the kept blocks' indexes: a removed run is the gap between two of them, so
    only the kept blocks and the gaps cost a step (most pages remove runs of many lines).
    """
    kept = [i for i, verdict in enumerate(verdicts) if verdict.keep]
    if not kept:
        return []
    first = kept[0]
    run = list(range(first))
    current = [first]
    sections = [(current, run if run and _is_section_break(run, verdicts)
                 and not _between_posts(run, verdicts, markers) else [])]
    previous = first
    for i in kept[1:]:
        if i - previous > 1:
            run = list(range(previous + 1, i))
            if _is_section_break(run, verdicts) and not _between_posts(run, verdicts, markers):
                current = [i]
                sections.append((current, run))
                previous = i
                continue
        current.append(i)
        previous = i
    return sections


def _is_section_break(run: list[int], verdicts: list[Verdict]) -> bool:
    """SECTION_BREAK_BLOCKS removed blocks other than repeats, or a header that ends a
    section (read until the answer is known: most runs answer within two blocks)."""
    count = 0
    for i in run:
        rule = verdicts[i].rule
        if rule.startswith(SECTION_END_RULES):
            return True
        if rule not in REPEAT_CODES and rule not in INLINE_CODES:
            count += 1
            if count >= SECTION_BREAK_BLOCKS:
                return True
    return False


def _between_posts(run: list[int], verdicts: list[Verdict], markers: frozenset[int]) -> bool:
    """A removed run holding a thread's post marker and no header that ends a section
    (a "Similar threads" header still does; a post's "Reply" does not)."""
    return bool(markers) and any(i in markers for i in run) and not any(
        verdicts[i].rule.startswith(POST_BREAK_RULES) for i in run)


def drop_outside_article(blocks: list[Block], verdicts: list[Verdict],
                         markers: frozenset[int] | None = None) -> list[Verdict]:
    """Drop the short sections after the article's main one, and stray lines before it (HEUR104).

    After the article a page goes on with bios, disclosures, comment threads and
    teaser paragraphs that read like prose; what gives them away is that a section
    break stands between them and the article, and that there is little of them, or
    that a comment thread stands between (see THREAD_MIN_HITS).
    """
    if markers is None:
        markers = thread_markers(blocks, verdicts)
    with_breaks = _sections_and_breaks(verdicts, markers)
    if len(with_breaks) < 2:
        return verdicts
    sections = [s for s, _ in with_breaks]
    weights = [sum(len(blocks[i].text) for i in section) for section in sections]
    # the main section: the one with the most text in sentences (a junk section of long menu
    # or archive lines can outweigh the article in characters), its characters breaking ties
    prose = [sum(len(blocks[i].text) for i in section if is_sentence(blocks[i].text)) for section in sections]
    main = max(range(len(sections)), key=lambda k: (prose[k], weights[k]))
    out = list(verdicts)
    hits_in_break = {
        k: len({blocks[i].text for i in with_breaks[k][1] if verdicts[i].rule.startswith(THREAD_RULES)})
        for k in range(main + 1, len(sections))}
    thread_breaks = [k for k, hits in hits_in_break.items() if hits]
    # A thread of posts (a forum, a Q&A page) is the page's content: its posts stand apart
    # by a "Reply", "Add a comment" or "5 Likes" each, more than MAX_THREAD_BREAKS of them.
    thread_from = len(sections)
    if len(thread_breaks) <= MAX_THREAD_BREAKS:
        thread_from = next((k for k in thread_breaks if hits_in_break[k] >= THREAD_MIN_HITS), thread_from)
    author_boxes = {k for k in range(main + 1, len(sections))
                    if any(verdicts[i].rule.startswith(AUTHOR_SECTION_RULES) for i in with_breaks[k][1])}
    if len(author_boxes) > MAX_THREAD_BREAKS:
        author_boxes = set()
    for k in range(len(sections)):
        if k == main or (k < main and weights[k] >= MAX_STRAY_LEAD_CHARS):
            continue
        after_thread = k >= thread_from
        authors_box = k in author_boxes
        long_enough = (weights[k] >= MIN_SECTION_CHARS
                       and weights[k] >= MIN_LONG_SECTION_SHARE * weights[main]) or (
            weights[k] >= MIN_SECTION_SHARE * weights[main] and not authors_box)
        if k > main and not after_thread and long_enough:
            continue
        where = ("after the comment thread" if after_thread
                 else "after the article" if k > main else "before the article")
        for i in sections[k]:
            out[i] = Verdict(False, "HEUR104", f"a {weights[k]}-character section {where}")
    return out
