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
    out = list(verdicts)
    frames: list[list[int]] = []
    i, n = 0, len(verdicts)
    while i < n:
        verdict = verdicts[i]
        if verdict.keep or not verdict.rule.startswith(HEADER_RULES):
            i += 1
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
        i = max(j, i + 1)
    if not frames:  # most pages
        return verdicts
    kept = sum(len(b.text) for b, v in zip(blocks, verdicts) if v.keep and _has_letters(b.text))
    for body in frames:
        if sum(len(blocks[k].text) for k in body) >= kept:
            for k in body:
                out[k] = Verdict(True)
    return out


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)
