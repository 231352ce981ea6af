"""HEUR118 framed-post: the lines between a post's header and its footer are the post.

A blog post (or a news item) opens with a date or byline line ("Posted 11 April 2018 by
Walter", "Veröffentlicht am 11/04/2012 von NAME") and closes with its footer widgets (a
share bar, "Like this:", "Related posts", its tags). A short post (an agenda, a few
"Label: value" lines, a numbered list) holds too few function words, and too little
of it stands together, for the context revision: every line of it drops as boilerplate
among boilerplate, and the page keeps a tagline or a sidebar instead. When a run of
removed lines goes from such a header straight to such a footer, and every line between
them was removed for its shape alone (HEUR101, HEUR002; lines without letters, repeats
and captions may stand among them and stay out), those lines come back: nothing a rule
recognised stands between, and the frame says what they are.

Only where the post outweighs all the text the page kept (a tagline, a sidebar's
lists): over a kept article, the lines between a date and a footer are a teaser list, a
"More from" box or a menu under a dated header (on dev such frames brought back far more
boilerplate than text; on the pages where the frame outweighed the kept text, it held the
post or the listing the page is).
"""
from __future__ import annotations

from cleaner.core.document import Block, Verdict
from cleaner.core.features import Features
from cleaner.core.heuristics.sections import article_sections, is_sentence

# The rules that open a post: a date or published-on line, a byline.
HEADER_RULES = ("BYL010", "BYL001")
# The rules that close one: its share bar, like button, related posts, tags, comment form.
FOOTER_RULES = ("SHARE", "CMT", "REL", "TAG")
# Lines that may stand inside the post and stay removed: no letters, a repeat, a caption,
# a second date line.
PASSING_RULES = ("HEUR001", "DUP001", "CAP", "BYL010")
SHAPE_CODES = frozenset({"HEUR101", "HEUR002"})
# A frame holds this many shape-dropped lines or more (one line between a date and a
# share bar is a teaser's or a caption's).
MIN_POST_LINES = 2


def keep_framed_posts(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """Bring back the shape-dropped lines between a removed post header and the removed
    footer that follows it, when every line between is removed (see the module)."""
    frames: list[list[int]] = []
    n = len(verdicts)
    headers = [i for i, verdict in enumerate(verdicts) if not verdict.keep and verdict.rule.startswith(HEADER_RULES)]
    after = 0  # where the last frame's scan stopped: the next header is looked for from here
    for i in headers:
        if i < after:
            continue
        body: list[int] = []
        j = i + 1
        while j < n and not verdicts[j].keep:
            rule = verdicts[j].rule
            if rule in SHAPE_CODES:
                body.append(j)
            elif rule.startswith(HEADER_RULES) and not body:
                pass  # the header's second line (a date under a byline)
            elif not rule.startswith(PASSING_RULES):
                break
            j += 1
        if j < n and not verdicts[j].keep and verdicts[j].rule.startswith(FOOTER_RULES) \
                and len(body) >= MIN_POST_LINES:
            frames.append(body)
        after = max(j, i + 1)
    if not frames:  # most pages
        return verdicts
    out = list(verdicts)
    kept = sum(len(b.text) for b, v in zip(blocks, verdicts) if v.keep and _has_letters(b.text))
    for body in frames:
        if sum(len(blocks[k].text) for k in body) >= kept:
            for k in body:
                out[k] = Verdict(True)
    return out


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


# HEUR119 closing-line. An article's last line is often short ("I hope you like the
# relaunch.", "Thank you for the interview!", "Gerne. Bis morgen."): the context revision
# takes a short line between good text and a footer for the footer's. A line it removed that
# directly follows kept text and is a sentence (sections.is_sentence: five words or more,
# ending a sentence), followed by nothing but a footer's rule hits (and lines without
# letters) up to a footer hit (share bar, like button, related posts, tags, comments),
# closes the article and comes back. A menu item, a label or a "Read more:" ends no sentence.
CLOSING_LINES_MAX = 2
# Only lines the context revision dropped (a line too poor in function words for prose,
# HEUR002, is a form's or a widget's: "Enter email to receive ... emails. Review our ...").
CONTEXT_CODE = "HEUR101"
# The footer hits that end an article here: not an inline "Read more:" link (REL002) nor
# a rubric label (TAG002), which stand inside articles and teaser lists, where a teaser's
# last sentence would join the teasers around it into one section.
CLOSING_FOOTER_RULES = ("SHARE", "CMT", "REL001", "REL010", "REL011", "TAG001")


def keep_closing_lines(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """Bring back up to CLOSING_LINES_MAX sentences dropped for their shape between the
    last kept line of a stretch of text and the footer hit after it (see above)."""
    out = verdicts  # copied on the first change
    n = len(verdicts)
    keeps = [verdict.keep for verdict in verdicts]
    for i in [i for i in range(1, n) if keeps[i - 1] and not keeps[i]]:
        closing = []
        j = i
        while j < n and j - i < CLOSING_LINES_MAX and verdicts[j].rule == CONTEXT_CODE \
                and is_sentence(blocks[j].text):
            closing.append(j)
            j += 1
        if closing and _footer_follows(verdicts, j):
            if out is verdicts:
                out = list(verdicts)
            for k in closing:
                out[k] = Verdict(True)
    return out


def _footer_follows(verdicts: list[Verdict], j: int) -> bool:
    """From block j on, past other rule hits and lines without letters (HEUR001), the
    next removed line is a footer hit; a kept line or another heuristic drop ends the search."""
    while j < len(verdicts) and not verdicts[j].keep:
        rule = verdicts[j].rule
        if rule.startswith(CLOSING_FOOTER_RULES):
            return True
        if rule.startswith("HEUR") and rule != "HEUR001":
            return False
        j += 1
    return False


# HEUR120 opening-line. The article's first line is often a short sentence (a standfirst,
# a question put to the reader, "Die Masse eines Körpers berechnest du, indem ..."): over
# it stand removed lines (a headline, a byline, a menu), so the context revision drops it
# with them. The sentence (sections.is_sentence) directly over the first kept line of the
# page's main section (its heaviest, as HEUR104 weighs them), dropped for its shape or its
# neighbours, comes back. One line only: with two, form messages and promos ("Thank you!
# Your submission has been received!") came back over dev2's articles and products.
# A line of items split by " | " is a row of links (a breadcrumb, a rubric bar), whatever
# its last item ends with ("Blog | Aktionen | Alles klar?").
LINK_ROW_SEPARATOR = " | "


def keep_opening_lines(blocks: list[Block], verdicts: list[Verdict],
                       markers: frozenset[int] = frozenset()) -> list[Verdict]:
    """Bring back the sentence dropped for its shape directly over the main section's
    first line (see above)."""
    sections = article_sections(verdicts, markers)
    if not sections:
        return verdicts
    main = max(sections, key=lambda section: sum([len(blocks[i].text) for i in section]))
    k = main[0] - 1
    if k < 0 or verdicts[k].rule not in SHAPE_CODES or not is_sentence(blocks[k].text) \
            or LINK_ROW_SEPARATOR in blocks[k].text:  # most pages: nothing to bring back
        return verdicts
    out = list(verdicts)
    out[k] = Verdict(True)
    return out


# HEUR140 sentence-after-text. A sentence poor in function words (a name-heavy line, a
# quote in another language, a reference, "Install dependencies separately and earlier in
# your Dockerfile.") right under kept text is the article's next sentence: a widget's or a
# menu's line ends no sentence. A line removed as not-prose (HEUR002) alone, directly
# after a kept line, that is a sentence (sections.is_sentence: five words or more, ending
# a sentence), comes back; so does the next such line after it.
NOT_PROSE_CODE = "HEUR002"


def keep_following_sentences(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """Bring back the not-prose sentences that directly follow kept text (see above)."""
    out = verdicts  # copied on the first change
    for i in range(1, len(verdicts)):
        if verdicts[i].rule == NOT_PROSE_CODE and out[i - 1].keep and is_sentence(blocks[i].text):
            if out is verdicts:
                out = list(verdicts)
            out[i] = Verdict(True)
    return out


# HEUR141 prose-run. Two or more lines in a row, each prose by its own measure (enough
# function words, too short to be good alone: near-good) and each ending a sentence, are
# a paragraph's sentences or an article's short paragraphs, even where the context
# revision dropped them among boilerplate neighbours (an ad marker above and below, a
# date over them, a share bar under them). A menu item, a teaser's headline or a label
# ends no sentence, and one line alone is a blurb's or a form's. A run directly under a
# related-stories header stays out: it is that list's teasers (LISTING_HEADER_RULES). A
# line ending in a question mark does not count: lists of other questions (a Q&A site's
# "Hot network questions", a FAQ menu) are runs of them.
PROSE_RUN_MIN = 2
# A run under the header of a list of other stories ("Related stories", "Most popular")
# is that list's teasers, whole sentences as they may be.
LISTING_HEADER_RULES = ("REL",)


def keep_prose_runs(blocks: list[Block], features: list[Features], prose: list[bool], verdicts: list[Verdict]) -> list[Verdict]:
    """Bring back the runs of PROSE_RUN_MIN or more near-good sentences in a row that the
    context revision dropped (see above); `prose`: the block's own score is near-good."""
    def is_prose_sentence(j: int) -> bool:
        return verdicts[j].rule == CONTEXT_CODE and prose[j] and features[j].ends_sentence \
            and not blocks[j].text.rstrip().endswith("?")

    out = verdicts  # copied on the first change
    n = len(verdicts)
    i = 0
    while i < n:
        if not is_prose_sentence(i):
            i += 1
            continue
        j = i + 1
        while j < n and is_prose_sentence(j):
            j += 1
        if j - i >= PROSE_RUN_MIN and not (i and verdicts[i - 1].rule.startswith(LISTING_HEADER_RULES)):
            if out is verdicts:
                out = list(verdicts)
            for k in range(i, j):
                out[k] = Verdict(True)
        i = j
    return out
