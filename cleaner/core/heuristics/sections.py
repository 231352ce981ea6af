"""HEUR104 outside-article: short sections cut off from the article by a section break."""
from __future__ import annotations

from cleaner.core.document import Block, Verdict
from cleaner.core.heuristics.gaps import REPEAT_CODES

# A header like "Related stories", "Comments" or "About the author" ends a section of the page on its own;
# any other removal ends one only when two or more removed blocks stand together (a
# lone dropped line is more often a caption or an inline link inside the article).
# A repeated line (DUP001) does not count towards the two: it says the line recurs, not
# that the page changes there (a heading its contents list named, a pull quote).
SECTION_END_RULES = ("REL001", "REL010", "CMT", "TAG001", "NEWS", "BYL020")
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


def article_sections(verdicts: list[Verdict]) -> list[list[int]]:
    """The kept blocks, grouped into sections split where removed runs break the page."""
    return [s for s, _ in _sections_and_breaks(verdicts)]


def _sections_and_breaks(verdicts: list[Verdict]) -> list[tuple[list[int], list[int]]]:
    """Each section of kept blocks with the removed run that opened it ([] for the first)."""
    sections: list[tuple[list[int], list[int]]] = [([], [])]
    run: list[int] = []
    for i, verdict in enumerate(verdicts):
        if not verdict.keep:
            run.append(i)
            continue
        if run and _is_section_break(run, verdicts):
            sections.append(([], run))
        run = []
        sections[-1][0].append(i)
    return [s for s in sections if s[0]]


def _is_section_break(run: list[int], verdicts: list[Verdict]) -> bool:
    if sum(1 for i in run if verdicts[i].rule not in REPEAT_CODES) >= SECTION_BREAK_BLOCKS:
        return True
    return any(verdicts[i].rule.startswith(SECTION_END_RULES) for i in run)


def drop_outside_article(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    """Drop the short sections after the article's main one, and stray lines before it (HEUR104).

    After the article a page goes on with bios, disclosures, comment threads and
    teaser paragraphs that read like prose; what gives them away is that a section
    break stands between them and the article, and that there is little of them, or
    that a comment thread stands between (see THREAD_MIN_HITS).
    """
    with_breaks = _sections_and_breaks(verdicts)
    if len(with_breaks) < 2:
        return verdicts
    sections = [s for s, _ in with_breaks]
    weights = [sum(len(blocks[i].text) for i in section) for section in sections]
    main = max(range(len(sections)), key=weights.__getitem__)
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
    for k in range(len(sections)):
        if k == main or (k < main and weights[k] >= MAX_STRAY_LEAD_CHARS):
            continue
        after_thread = k >= thread_from
        long_enough = weights[k] >= MIN_SECTION_CHARS or weights[k] >= MIN_SECTION_SHARE * weights[main]
        if k > main and not after_thread and long_enough:
            continue
        where = ("after the comment thread" if after_thread
                 else "after the article" if k > main else "before the article")
        for i in sections[k]:
            out[i] = Verdict(False, "HEUR104", f"a {weights[k]}-character section {where}")
    return out
