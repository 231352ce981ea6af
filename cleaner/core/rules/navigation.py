"""NAV: interface and navigation strings."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.lexicon import lexicon_languages
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.lexicons import data
from cleaner.core.rules.registry import code_rule, phrase_rule

UI_STRING = phrase_rule(
    "NAV001",
    "ui-string",
    "Interface string: a button, link or control label.",
    "Catches: 'Back To Top', 'Load more', 'See all Video', 'Skip to main content', 'Menü'.",
)
BREADCRUMB = phrase_rule(
    "NAV002",
    "breadcrumb",
    "Breadcrumb trail or 'you are here' line.",
    "Catches: 'Home > News > World', 'Sie sind hier: Startseite'.",
)
PAGINATION = phrase_rule(
    "NAV003",
    "pagination",
    "Pagination controls.",
    "Catches: 'Next page', 'Seite 1 von 3', '« Previous'.",
)
CTA_BUTTON = phrase_rule(
    "NAV006",
    "cta-button",
    "A sales call-to-action button alone on its line: a demo, a free trial (en de fr es it nl pl pt).",
    "Catches: 'Book a demo', 'Try it for free', 'Start your 14-day trial now!', 'No credit card required', "
    "'Demo anfordern', 'Essai gratuit'. Whole lines only (lexicon [NAV006] line, regex for the trial's days): "
    "a vendor's page sets them between its menus and the article, and HTML mode drops them with their button. "
    "Keeps: 'Apply now' (a job listing's link), 'Get started', 'Get a quote' (a service page's own headings as often as its buttons), a sentence that offers a demo.",
)


# A "Read also" box between an article's paragraphs prints its header ("Related",
# "Lesen Sie auch", "Leggi anche:", REL001) over the headlines it links to, one per line
# ("Inside the Biden White House, Doubts About Gaza War Are Beginning to Creep In"),
# and the article goes on under them. REL001 takes the header; the headlines that stand
# right under it go too: lines of HEADLINE_MIN_WORDS to HEADLINE_MAX_WORDS that end
# without a sentence's or a clause's mark (a paragraph under a section header called
# "Empfehlungen" or "Service" ends in one), up to HEADLINES_MAX in a row. The run ends
# at the first other line: a sentence (the article's next paragraph) or, after the first
# headline, a line standing over a paragraph (the article's next subheading; the box's
# last headline, when the article goes on right under it, stays with it: no shape tells
# them apart, and list marks, which would, depend on the page-to-text converter). Not taken: the lines under a header
# the page prints more than HEADER_MAX_REPEATS times (a "Read more" link closing each
# item of a list of news, whose next item's headline follows it), and a run of which two
# lines or more are fields ("OS: Windows 10", "Memory: 16 GB RAM" under "Recommended:").
HEADLINE_MIN_WORDS = 4
HEADLINE_MAX_WORDS = 25
HEADLINES_MAX = 6
RELATED_HEADER_MAX_WORDS = 5
HEADER_MAX_REPEATS = 5
FIELD_LINES_MAX = 1
PARAGRAPH_MIN_WORDS = 15
_HEADER_RULE = "REL001"
# A line's end that no headline has: a sentence's mark or a clause's, closing quotes
# and brackets aside ('... "es asesinato”' is a headline, '... müssen."' a sentence).
_CLAUSE_END = re.compile(r"[.!?…:;,。！？][\"'”’»)\]」』）]*$")
# A field: a label of one or two words and a colon opening the line ("Processor:", "OS *:"),
# after the list mark HTML mode's text keeps ("- Memory: 1 GB RAM").
_FIELD = re.compile(r"^(?:[-*+•] )?\w+(?: \w+)?(?: \*)? ?:")


def _headline_shaped(text: str, feats) -> bool:
    if not HEADLINE_MIN_WORDS <= feats.words <= HEADLINE_MAX_WORDS or feats.ends_sentence:
        return False
    return _CLAUSE_END.search(text[-8:]) is None and feats.sentence_marks == 0


def _is_paragraph(feats) -> bool:
    return feats.words >= PARAGRAPH_MIN_WORDS and feats.ends_sentence


@code_rule(
    "NAV004",
    "related-headline",
    "A headline right under a related header ('Related', 'Lesen Sie auch'): a link of a 'Read also' box.",
    "Catches: 'Related' / 'Inside the Biden White House, Doubts About Gaza War Are Beginning to Creep In', "
    "'Leggi anche:' / 'La grande sete: due mesi senza pioggia, mai così dal 1878', up to six such lines in a "
    "row. Keeps: a sentence under the header ('Empfehlungen' / 'Beachten Sie die Hinweise ... auf Re-open EU.'), "
    "a line of fewer than four words, a subheading after the headlines, the items under a header printed "
    "six times or more ('Read more' after each item of a list), fields ('Recommended:' / 'OS: Windows 10').",
)
def find_related_headlines(ctx: RuleContext) -> Iterator[Hit]:
    blocks, features = ctx.doc.blocks, ctx.features
    headers = sorted(i for i, hit in ctx.phrase_hits.items()
                     if hit.rule == _HEADER_RULE and features[i].words <= RELATED_HEADER_MAX_WORDS)
    if not headers:
        return
    counts = Counter(features[i].folded for i in headers)
    for header in headers:
        if counts[features[header].folded] > HEADER_MAX_REPEATS:
            continue
        run = _headlines_under(blocks, features, ctx.phrase_hits, header)
        if sum(1 for index in run if _FIELD.match(blocks[index].text)) > FIELD_LINES_MAX:
            continue
        reason = f'headline under the related header "{blocks[header].text[:40]}"'
        for index in run:
            yield Hit(index, "NAV004", reason, Strength.CERTAIN)


def _headlines_under(blocks, features, phrase_hits, header: int) -> list[int]:
    run: list[int] = []
    for index in range(header + 1, min(len(blocks), header + 1 + HEADLINES_MAX)):
        if index in phrase_hits or not _headline_shaped(blocks[index].text, features[index]):
            break
        if run and index + 1 < len(blocks) and _is_paragraph(features[index + 1]):
            break
        run.append(index)
    return run


# A teaser prints its standfirst and closes it with the link to the story: "... erläutert
# Hintergründe. mehr", "... Seht selbst! Weiterlesen". The link's words ([NAV005] link:
# "mehr", "read more", "lire la suite") right after a sentence's end end no article's
# paragraph: a sentence ending in the word ("Das gibt es nicht mehr.") has its mark after
# it. After an ellipsis the link closes a text the site cut off, as a listing prints each
# of its items ("... you can com... …Read More"): those stay, for a listing's items are
# its content. Lines of READ_MORE_MIN_WORDS or more: a shorter one is a button, NAV001's.
READ_MORE_MIN_WORDS = 8
READ_MORE_MAX_LINK_CHARS = 30
# One mark, then the link's words (a bounded run), then arrows: each start does bounded
# work, so the search stays linear; the mark before is read apart (an ellipsis).
_LINK_TAIL = re.compile(r"[.!?…\"”»)]\s?([^\W\d_][^.!?…\"”»]{0,%d}?)\s?[»›→>]*$" % READ_MORE_MAX_LINK_CHARS)


@lru_cache(maxsize=64)
def _read_more_links(language: str) -> frozenset[str]:
    languages = (language,) if language in lexicon_languages() else lexicon_languages()
    return frozenset(link for lang in languages for link in data(lang, "NAV005", "link"))


@code_rule(
    "NAV005",
    "read-more-tail",
    "A teaser's text closed by its link ('... erläutert Hintergründe. mehr', '... Seht selbst! Weiterlesen').",
    "Catches: a line of eight words or more whose last words, after a sentence's end, are a read-more link of "
    "[NAV005] link ('mehr', 'Read more', 'Weiterlesen →', 'Lire la suite'). Keeps: a sentence ending in such a "
    "word ('Das gibt es heute nicht mehr.'), a link word with no sentence's end before it, a link after an "
    "ellipsis (a listing's cut-off item, '... you can com... Read More').",
    data_keys=("link",),
)
def find_read_more_tails(ctx: RuleContext) -> Iterator[Hit]:
    links = _read_more_links(ctx.doc.language)
    if not links:
        return
    texts, features = ctx.distinct_lines()
    tails = set()
    for text, feats in zip(texts, features):
        if feats.words < READ_MORE_MIN_WORDS or feats.ends_sentence:
            continue
        tail = text[-READ_MORE_MAX_LINK_CHARS - 8:]
        match = _LINK_TAIL.search(tail)
        if match and match.group(1).lower() in links and tail[max(0, match.start() - 1):match.start() + 1] not in (
                "..", ".…", "……") and tail[match.start()] != "…":
            tails.add(text)
    if not tails:
        return
    for block in ctx.doc.blocks:
        if block.text in tails:
            yield Hit(block.index, "NAV005", "teaser closed by its read-more link", Strength.CERTAIN)
