"""CAP: image captions and credits."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Iterator

import re2

from cleaner.core.document import Hit, Strength
from cleaner.core.lexicon import re2_options
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.match import lines_matching
from cleaner.core.rules.registry import code_rule, phrase_rule

IMAGE_CREDIT = phrase_rule(
    "CAP001",
    "image-credit",
    "Image credit or caption label ('Getty Images', 'Image: ...', 'Foto: ...').",
)
CREDIT_SUFFIX = phrase_rule(
    "CAP003",
    "credit-suffix",
    "A line ending in a photo credit ('... Copyright Andrew Harnik', '... Foto: dpa').",
)

CAPTION_POSITION = phrase_rule(
    "CAP005",
    "caption-position",
    "A caption naming who stands where ('Maria Tillessen (l.) und Alexandra Sackmann ...', 'Smith (left) and Jones').",
    "Catches: a name followed by a position in parentheses, '(l.)', '(links)', '(v. l. n. r.)', '(left)', '(centre)', "
    "'(izquierda)', '(à gauche)'. Keeps: '(pictured)', which articles use too ('Johnson (pictured) said ...').",
)

# Captions are shown twice by many layouts (alt text, then figcaption with a credit).
CAPTION_MIN_CHARS = 20
CAPTION_MAX_CHARS = 300
CAPTION_WINDOW = 6
# The credit glued after a repeated caption: a few name-like words.
CREDIT_MAX_WORDS = 6
_WORD = re.compile(r"\w+")


def is_credit(suffix: str) -> bool:
    words = _WORD.findall(suffix)
    if not words or len(words) > CREDIT_MAX_WORDS or suffix.rstrip().endswith((".", "!", "?")):
        return False
    return sum(1 for w in words if w[0].isupper() or w.isdigit()) >= len(words) - 1


@code_rule(
    "CAP002",
    "repeated-caption",
    "A caption shown again with a credit appended; every copy goes.",
    "Catches: 'X arrives in Pyongyang on July 6.' next to 'X arrives in Pyongyang on July 6.Andrew Harnik'. "
    "Keeps: a sentence repeated without a credit (left to DUP001, which keeps the first copy).",
)
def find_repeated_captions(ctx: RuleContext) -> Iterator[Hit]:
    blocks = ctx.doc.blocks
    caption_texts: set[str] = set()
    flagged: set[int] = set()
    # A caption and its credited copy are two different lines that share their first
    # CAPTION_MIN_CHARS characters: only prefixes that two distinct lines share are
    # worth a look, and then only blocks in the same prefix group, within the window.
    shared = _prefixes_of_two_lines(ctx.distinct_lines()[0])
    if not shared:
        return
    groups: dict[str, list[int]] = {}
    for b in blocks:
        if b.text[:CAPTION_MIN_CHARS] in shared:
            groups.setdefault(b.text[:CAPTION_MIN_CHARS], []).append(b.index)
    for b in blocks:
        if not CAPTION_MIN_CHARS <= len(b.text) <= CAPTION_MAX_CHARS or b.text[:CAPTION_MIN_CHARS] not in shared:
            continue
        group = groups[b.text[:CAPTION_MIN_CHARS]]
        near = group[bisect_left(group, b.index - CAPTION_WINDOW): bisect_right(group, b.index + CAPTION_WINDOW)]
        for a in (blocks[i] for i in near):
            if a.index == b.index or len(a.text) >= len(b.text):
                continue
            if b.text.startswith(a.text) and is_credit(b.text[len(a.text):]):
                caption_texts.add(a.text)
                flagged.update((a.index, b.index))
    for b in blocks:
        if b.index in flagged or b.text in caption_texts:
            yield Hit(b.index, "CAP002", "caption repeated with a credit appended", Strength.CERTAIN)


def _prefixes_of_two_lines(texts: list[str]) -> set[str]:
    """The CAPTION_MIN_CHARS-character prefixes that at least two distinct lines share."""
    prefixes = [t[:CAPTION_MIN_CHARS] for t in texts if len(t) >= CAPTION_MIN_CHARS]
    if len(set(prefixes)) == len(prefixes):
        return set()
    return {prefix for prefix, n in Counter(prefixes).items() if n > 1}


# A caption that ends in a photo credit, however the credit is labelled. CAP003 names a
# credit by its language's label ("Foto:", "Photo:") and decides alone only on lines of
# up to 25 words; a caption runs longer ("Katastrophenschutz: Engagierte Frauen und
# Männer helfen bei ... Foto: Galli/Malteser"), and some credits carry no label a lexicon
# holds: a copyright sign and names ("© AFP / MARCO BERTORELLO", "(C) Kab Niang"), a
# label of a language without a lexicon over a name in capitals ("Kuva: ALEXANDER
# BECHER"), a Creative Commons licence after a separator ("Foto: Timur | flickr| CC BY
# 2.0"). An article's paragraph ends in none of these; a caption is at most a few sentences.
CAPTION_CREDIT_MAX_WORDS = 60
# The shapes that need no label read shorter lines: a news agency's sign-off closes an
# article's last paragraph ("... と指摘している。(c)AFP/Aminu ABUBAKAR").
CREDIT_SHAPE_MAX_WORDS = 40
# How much of a line's end the labelled-end test reads: a credit is short.
CREDIT_TAIL_CHARS = 120
# The shapes are scanned over the page's distinct lines joined by line feeds, in one RE2
# call (match.lines_matching), so no match may cross a line feed; block views are
# whitespace-folded, a single space stands for any.
_LINE_OPTIONS = re2_options()
_LINE_OPTIONS.never_nl = True
_CAP_NAME = r"\p{Lu}(?:[\pL\pN'’&-]*(?:\.[\pL\pN'’&-]+)*|\.)"
_ANY_NAME = r"[\pL\pN](?:[\pL\pN'’&-]*(?:\.[\pL\pN'’&-]+)*|\.)"
_CREDIT_TAIL = re2.compile(
    "(?m)(?:"
    # a copyright sign, then up to six names: capitalised after a space, any after a slash, bar or comma
    rf"(?:©|\([Cc]\)) ?{_CAP_NAME}(?: {_CAP_NAME}| ?[/|,] ?{_ANY_NAME}){{0,5}}\)?$"
    # after a sentence's end, a capitalised label and a colon, then a name in capitals: two
    # to four words of two letters or more ("... kanssa. Kuva: ALEXANDER BECHER"; not
    # "... sagte vor Journalisten: NEIN DANKE")
    r"|(?:^|[.!?)»“”\"] )\p{Lu}\p{Ll}+: ?\p{Lu}{2,}(?:(?: ?/ ?| )\p{Lu}{2,}){1,3}$"
    # a Creative Commons licence after a credit's separator
    r"|[|/,(] ?CC[ -]BY(?:[ -](?:SA|NC|ND))*(?:[ -]\d\.\d)?\)?$"
    ")",
    _LINE_OPTIONS,
)
# Phrase hits that name a credit at a line's end, which decide alone only on short lines:
# CAP003 (a labelled credit), and CAP001 by an end phrase after a label ("... Photograph:
# Getty Images"; an agency's sign-off closing an article's paragraph, "... (FR mit dpa)",
# has none).
_CREDIT_AT_END = ("CAP003", "CAP001")
_END_MODE = '(end "'
_LABELLED_END = re2.compile(r"(?:^|\s)\p{Lu}\p{Ll}+:\s?[^:]{1,40}$", re2_options())


@code_rule(
    "CAP004",
    "caption-credit",
    "A caption of up to 60 words ending in a photo credit ('... © AFP / MARCO BERTORELLO', '... Kuva: ALEXANDER BECHER').",
    "Catches: a caption longer than CAP003 decides alone on ('... bei der Evakuierung ... Foto: Galli/Malteser'), "
    "and credits no lexicon labels: '... © Bundesregierung/Steffen Kugler', '... / (C) Kab Niang', "
    "'... Kuva: ALEXANDER BECHER', '... Foto: Timur | flickr| CC BY 2.0'. Keeps: a paragraph of more than 60 words, "
    "a sentence naming a copyright ('The © sign marks ...'), 'licensed under CC BY 4.0' (no credit separator).",
)
def find_caption_credits(ctx: RuleContext) -> Iterator[Hit]:
    texts, features = ctx.distinct_lines()
    # only the lines a credit's mark is in go to the scan (a few C-level tests each)
    marked = [text for text, feats in zip(texts, features) if feats.words <= CREDIT_SHAPE_MAX_WORDS
              and ("©" in text or ":" in text or "(C)" in text or "(c)" in text or "CC" in text)]
    credited = {text for text, hit in zip(marked, lines_matching(_CREDIT_TAIL, marked)) if hit} if marked else set()
    phrase_hits = ctx.phrase_hits
    blocks = ctx.doc.blocks
    # only the credited lines and those a phrase rule hit can be claimed, in page order
    if credited:
        indexes = [block.index for block in blocks if block.index in phrase_hits or block.text in credited]
    else:
        indexes = sorted(phrase_hits)
    for block in map(blocks.__getitem__, indexes):
        phrase = phrase_hits.get(block.index)
        if phrase is None:
            if block.text in credited:
                yield Hit(block.index, "CAP004", "caption ending in a credit", Strength.CERTAIN)
        elif _suggests_credit(phrase, block.text) and ctx.features[block.index].words <= CAPTION_CREDIT_MAX_WORDS:
            yield Hit(block.index, "CAP004", "caption ending in a credit", Strength.CERTAIN)


def _suggests_credit(hit: Hit, text: str) -> bool:
    """A phrase hit naming a credit at the line's end that, on a long line, only suggested."""
    if hit.strength is not Strength.SUGGEST or hit.rule not in _CREDIT_AT_END:
        return False
    if hit.rule == "CAP003":
        return True
    return _END_MODE in hit.reason and _LABELLED_END.search(text[-CREDIT_TAIL_CHARS:]) is not None
