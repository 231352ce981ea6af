"""BYL: bylines (moved to metadata.author), datelines and reading-time lines."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from cleaner.core.dates import month_names, parse_date
from cleaner.core.document import Hit, Strength
from cleaner.core.lexicon import lexicon_languages, stopwords
from cleaner.core.rules.lexicons import data
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import code_rule, phrase_rule

# A byline names people, not events: a few capitalised words after "By".
BYLINE_MAX_WORDS = 14
BYLINE_MIN_CAPITALISED = 0.5
# Where a byline's author part ends: "By Rafi Schwartz, The Week US Published".
# (?<!\s): a whitespace run is tried from its start only, so search() stays linear.
_AUTHOR_END = re.compile(r"(?<!\s)\s*(?:[,|•·/(]|\s[-–—]\s|\b(?:Published|Updated|Veröffentlicht|Aktualisiert)\b|\d)")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=64)
def byline_prefixes(language: str) -> tuple[str, ...]:
    languages = (language,) if language in lexicon_languages() else lexicon_languages()
    return tuple(p for lang in languages for p in data(lang, "BYL001", "prefix"))


def looks_like_byline(text: str, ends_sentence: bool, prefixes: tuple[str, ...]) -> bool:
    """'By Alexander Smith and AP' yes; 'By Thursday the talks had stalled.' no."""
    # A byline is a name list, not a sentence: "Von Montag an gilt der neue Fahrplan."
    if ends_sentence:
        return False
    rest = strip_prefix(text, prefixes)
    if rest is None:
        return False
    words = _WORD.findall(rest)
    if not words or not words[0][0].isupper():
        return False
    # Numbers are the date a byline often carries ("By Jane Smith December 7, 2015"):
    # only the words with letters are asked to be capitalised.
    lettered = [w for w in words if not w[0].isdigit()]
    capitalised = sum(1 for w in lettered if w[0].isupper() or w.lower() in _JOINERS)
    if len(words) <= BYLINE_MAX_WORDS and capitalised / len(lettered) >= BYLINE_MIN_CAPITALISED:
        return True
    return len(words) <= STAMPED_BYLINE_MAX_WORDS and is_name_then_stamp(rest)


# "By Jane Doe Feb 8, 2020 5 min read", "par Claire Martin, le 28 mai 2009": a name, then
# the date, time or reading time a site prints on the byline's line. The stamp's figures
# and month names lower the share of capitalised words, so the name and the stamp are
# read apart: the name must be a name, and the stamp words (digits aside) stay few and
# nearly all lower-case glue ("min read", "le", "at", "pm") or capitalised month names.
STAMP_MAX_NAME_WORDS = 5
STAMP_MAX_LOWERCASE_WORDS = 3
STAMPED_BYLINE_MAX_WORDS = 24
# What makes figures a stamp: a year, a clock time, a numeric date or a reading time
# ("By Design: 10 Homes We Love" is a headline).
_STAMP = re.compile(r"\b(?:19|20)\d\d\b|\d[:.]\d\d|\d[./-]\d|\d\s?(?:min|mins|minutes?)\b", re.IGNORECASE)


def is_name_then_stamp(rest: str) -> bool:
    end = _AUTHOR_END.search(rest)
    if end is None or end.start() == 0:
        return False
    name, stamp = _WORD.findall(rest[: end.start()]), rest[end.start():]
    if not 0 < len(name) <= STAMP_MAX_NAME_WORDS or not all(w[0].isupper() or w.lower() in _JOINERS for w in name):
        return False
    if not _STAMP.search(stamp):
        return False
    lowercase = sum(1 for w in _WORD.findall(stamp) if w[0].isalpha() and w[0].islower())
    return lowercase <= STAMP_MAX_LOWERCASE_WORDS


_JOINERS = {"and", "und", "et", "y", "e", "en", "i", "with", "mit", "de", "von", "van", "der", "the"}


def strip_prefix(text: str, prefixes: tuple[str, ...]) -> str | None:
    """The text after a byline prefix ("By", "Written by", "Autor:"), or None."""
    lowered = text.lower()
    if not lowered.startswith(prefixes):  # most lines: one C call says no
        return None
    for prefix in _longest_first(prefixes):
        if lowered.startswith(prefix) and (prefix.endswith(":") or lowered[len(prefix):len(prefix) + 1] == " "):
            rest = text[len(prefix):].strip()
            return rest or None
    return None


def starts_with_byline_prefix(text: str, prefixes: tuple[str, ...]) -> bool:
    """'By: Saru Yeknom', 'Written By: Tom May', 'By ops@example.com': a byline's start,
    whatever follows (looks_like_byline also asks the rest to be a list of names).

    The prefix must be followed by a colon or an e-mail address: a prefix word and a
    space also open headlines ("Von der Leyen stellt ...", "By the Numbers: ...",
    "Aus für den Verbrenner").
    """
    lowered = text.lower()
    if not lowered.startswith(prefixes):
        return False
    for prefix in prefixes:
        if lowered.startswith(prefix):
            rest = lowered[len(prefix):]
            if prefix.endswith(":") or rest.startswith(":") or _EMAIL_NEXT.match(rest):
                return True
    return False


# An e-mail address as the next word: one run of non-spaces holding an "@".
_EMAIL_NEXT = re.compile(r" [^\s@]+@[^\s@]+\.\w")


def byline_like_lines(ctx: RuleContext) -> frozenset[str]:
    """The document's distinct lines that look like a byline; worked out once for BYL001 and REL010.

    A line is only read closely when its start, lower-cased, is one of the prefixes:
    one C-level test per line rules out nearly all of them.
    """
    known = ctx.shared.get("byline_like_lines")
    if known is None:
        prefixes = byline_prefixes(ctx.doc.language)
        head = max(map(len, prefixes), default=0) + 8  # enough of a line to lower-case and test
        known = ctx.shared["byline_like_lines"] = frozenset(
            text for text, feats in zip(*ctx.distinct_lines())
            if text[:head].lower().startswith(prefixes) and looks_like_byline(text, feats.ends_sentence, prefixes)
        )
    return known  # type: ignore[return-value]


@lru_cache(maxsize=64)
def _longest_first(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(prefixes, key=len, reverse=True))


# A bare name standing as a byline: "Jane Smith", "Anna-Lena M. Muster".
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 4
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def looks_like_name(text: str, stopword_count: int) -> bool:
    """Two to four capitalised words, no function word, no digit: a person's name.

    Alone this also fits a title-case headline ("Rail Overhaul Ahead"); callers ask it
    only of a line standing next to a date line, where a byline stands.
    """
    words = text.split()
    if not NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS or stopword_count:
        return False
    return all(_NAME_WORD.fullmatch(w) and w[0].isupper() for w in words)


def name_beside_date(ctx: RuleContext, verdict_rules: list[str], index: int) -> bool:
    """The block is a bare name with a removed date line (BYL010) right before or after it."""
    feats = ctx.features[index]
    if not looks_like_name(ctx.doc.blocks[index].text, feats.stopwords):
        return False
    return any(0 <= j < len(verdict_rules) and verdict_rules[j] == "BYL010" for j in (index - 1, index + 1))


def author_from_byline(text: str, prefixes: tuple[str, ...] = ()) -> str:
    rest = strip_prefix(text, prefixes) if prefixes else None
    if rest is None:
        _, _, rest = text.partition(" ")
    rest = _before_written_date(rest)
    match = _AUTHOR_END.search(rest)
    author = rest[: match.start()] if match else rest
    return _without_trailing_lowercase(author.strip(" .,:"))


def _without_trailing_lowercase(author: str) -> str:
    """'Anna Muster am' (before '3. März 2020') -> 'Anna Muster': the words that led into
    the date; a name holds a lower-case particle only inside ('Jan de Vries')."""
    words = author.split()
    cut = len(words)
    while cut > 1 and words[cut - 1].islower() and any(w[:1].isupper() for w in words[:cut - 1]):
        cut -= 1
    return " ".join(words[:cut]) if cut < len(words) else author


# A whitespace-delimited word; the words are read apart from each other (a pattern that
# also looked past the word's end backtracked over a long run without spaces).
_TOKEN = re.compile(r"\S+")


def _before_written_date(rest: str) -> str:
    """The byline up to a date written out after the name: 'Jill Barshay August 18, 2025'
    -> 'Jill Barshay', 'Alyssa Maio on January 5' -> 'Alyssa Maio on '. A month name
    followed by a number, from the second word on, starts the date."""
    months = month_names(None)
    tokens = list(_TOKEN.finditer(rest))
    for word, following in zip(tokens[1:], tokens[2:]):
        if following.group()[0].isdigit() and word.group().lower().strip(".,:") in months:
            return rest[: word.start()]
    return rest


@code_rule(
    "BYL001",
    "byline",
    "Byline naming the author; moved to metadata.author.",
    "Catches: 'By Alexander Smith and Associated Press', 'Von Anna Muster', "
    "'By Jane Smith Feb 8, 2020 5 min read' (a name, then only a date, time or reading time). "
    "Keeps: 'By Thursday the talks had stalled.' (a sentence, not a name list).",
    data_keys=("prefix",),
)
def find_bylines(ctx: RuleContext) -> Iterator[Hit]:
    prefixes = byline_prefixes(ctx.doc.language)
    bylines = byline_like_lines(ctx)
    if not bylines:
        return
    for block, feats in zip(ctx.doc.blocks, ctx.features):
        if feats.words <= STAMPED_BYLINE_MAX_WORDS + 1 and block.text in bylines:
            yield Hit(
                block.index, "BYL001", f'byline, author "{author_from_byline(block.text, prefixes)[:60]}"', Strength.CERTAIN
            )


# A stamp line: a date with a clock time or a separator, and a few words beside it (a
# rubric, an author, a comment count, the "published"/"updated" labels): "17 April 2012 •
# 2:54pm", "Energie 12.12.2022, 08:30 Uhr", "24. März 2004, 19:49 | Genesis", "2021-10-16 |
# Botschaft", "19.6.2007 9:40 Uhr Christoph Becker 71 Kommentare", "Pubblicato il 19
# Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02". BYL010 takes a line that is only
# a date in one of its languages' written forms; these mix one with other words. A page's
# records ("By Jane Doe • Dec. 4, 2025" under each teaser, a forum post's "3/2/2025 at
# 3:13am") repeat the shape: when more than STAMP_LINES_MAX lines of a page are stamps,
# they are records and stay for the record and thread passes to judge.
STAMP_LINE_MAX_CHARS = 90
STAMP_REST_MAX_WORDS = 4
STAMP_LINES_MAX = 2
_CLOCK = re.compile(r"(?<![\d.:])\d{1,2}[:.]\d{2}(?::\d{2})?(?![.\d])(?:\s?(?:[ap]\.?m\.?|uhr|h)\b)?", re.IGNORECASE)
_STAMP_SEPARATOR = re.compile(r"(?:^|\s)[|•·](?:\s|$)")
# The date's own parts, read out before the words beside it are counted.
_DATE_PART = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d+(?:st|nd|rd|th|er|º|\.)?")
_YEAR_IN = re.compile(r"(?:19|20)\d\d")
_CODE_MARKS = frozenset('{}[]<>=";')


def stamp_line(text: str, language: str | None) -> bool:
    """A date with a clock time or a separator, beside at most STAMP_REST_MAX_WORDS other words."""
    # not a sentence, not a header over what follows ("On 6/14/2024 at 9:14 AM, Lisias said:"),
    # not a table's row ("| First Listed | February 10, 2023 |")
    if len(text) > STAMP_LINE_MAX_CHARS or text.endswith((".", "!", "?", ":")) or text.startswith("|"):
        return False
    if not _YEAR_IN.search(text):
        return False
    if any(c in text for c in _CODE_MARKS):  # a line of code or data holding a timestamp
        return False
    if not (_CLOCK.search(text) or _STAMP_SEPARATOR.search(text)) or parse_date(text, language) is None:
        return False
    months = month_names(None)
    rest = _DATE_PART.sub(" ", _CLOCK.sub(" ", text))
    words = [w for w in _WORD.findall(rest) if w.lower() not in months]
    return len(words) <= STAMP_REST_MAX_WORDS


@code_rule(
    "BYL025",
    "stamp-line",
    "A date with a clock time or a separator and a few words beside it (a rubric, an author, a comment count).",
    "Catches: '17 April 2012 • 2:54pm', 'Energie 12.12.2022, 08:30 Uhr', '24. März 2004, 19:49 | Genesis', "
    "'2021-10-16 | Botschaft', '19.6.2007 9:40 Uhr Christoph Becker 71 Kommentare'. Keeps: a sentence holding a "
    "date ('Am 12.03.2020 um 14:00 begann die Sitzung.'), a date with neither time nor separator ('Einsendeschluss: "
    "03.11.2019 (Poststempel)'), a page's records (more than two stamp lines: a listing's or a thread's).",
)
def find_stamp_lines(ctx: RuleContext) -> Iterator[Hit]:
    language = ctx.doc.language
    texts, features = ctx.distinct_lines()
    # a year's first two digits (two C-level tests) before the closer look
    stamps = {t for t, f in zip(texts, features)
              if f.words <= STAMP_REST_MAX_WORDS + 8 and ("20" in t or "19" in t) and stamp_line(t, language)}
    if not stamps:
        return
    # counted as lines of the page: a thread repeats its members' "Joined: Mon Jul 24, 2017 9:28 am"
    lines = [block.index for block in ctx.doc.blocks if block.text in stamps]
    if len(lines) > STAMP_LINES_MAX:
        return
    for index in lines:
        if index not in ctx.phrase_hits:
            yield Hit(index, "BYL025", "a date stamp with a time, a rubric or an author", Strength.CERTAIN)


DATE_LINE = phrase_rule(
    "BYL010",
    "date-line",
    "A line holding only a date, time or 'published/updated' stamp.",
    "Catches: '23.01.2020', 'Published 3 March 2020, 14:00', 'Stand: 12.03.2020 14:00 Uhr'.",
)
READING_TIME = phrase_rule(
    "BYL011",
    "reading-time",
    "Reading-time or word-count indicator.",
    "Catches: '3 min read', 'Lesezeit: 4 Minuten'.",
)
META_STRIP = phrase_rule(
    "BYL030",
    "meta-strip",
    "A post's meta strip: a date then a reading time on one line, an author after them (en de fr es it nl pl pt; a line that opens with 'By' is a byline, BYL001).",
    "Catches: 'Nov 08, 2025 7 min read', 'March 15, 2022 · 3 min read · By ASU Online', '| Reading Time: 7 "
    "minutes', '12. März 2024 · 5 Min. Lesezeit'. Lexicon [BYL030] regex, anchored on the whole line. Keeps: a "
    "sentence that gives a date and a duration ('On March 3, 2020 the talk ran 45 minutes').",
)
AUTHOR_BIO = phrase_rule(
    "BYL020",
    "author-bio",
    "An 'About the author' header or a one-line author biography.",
    "Catches: 'About the author', 'Jane Doe is a freelance writer based in Berlin.', 'Über die Autorin'. "
    "A long paragraph only goes when its neighbours are boilerplate too.",
)


# An author box: a bare name under an author header ("About the author", "Written by":
# BYL020) or naming the page's byline author, at most AUTHOR_BOX_MAX_BETWEEN short lines
# (a role, an article count: "Contributing Writer", "108 Published Articles"), then a
# paragraph of AUTHOR_BIO_MIN_WORDS to AUTHOR_BIO_MAX_WORDS that names the person in its
# first AUTHOR_BIO_NAME_WITHIN words ("Karina Cohen is the owner of ...", "Rebecca has
# been a journalist ..."). A name and a paragraph that names it are not enough alone:
# a product review's "Electrolux ELFE7637AT" / "The Electrolux ELFE7637AT is ..." and a
# guide's "Art Deco" / "Art Deco is a furniture style ..." have that shape too.
AUTHOR_BOX_MAX_BETWEEN = 3
AUTHOR_BOX_SHORT_WORDS = 8
AUTHOR_BIO_MIN_WORDS = 12
AUTHOR_BIO_MAX_WORDS = 150
AUTHOR_BIO_NAME_WITHIN = 20
AUTHOR_HEADER_RULES = ("BYL020",)


@code_rule(
    "BYL021",
    "author-box",
    "An author box: a person's name under an author header, or the byline's author, then a short paragraph that names them.",
    "Catches: 'Written by' / 'Karina Cohen' / 'Karina Cohen is the owner of CR Maids, ...', 'About the Author' / "
    "'Jeffrey Zeldman' / 'Designing and blogging since 1995, Jeffrey Zeldman founded ...', and after 'By Rebecca "
    "Edwards' at the top, 'Rebecca Edwards' / 'Rebecca has been a journalist ...' at the bottom, with the role "
    "lines between ('Contributing Writer'); boxes that follow one another under one header; a header that names "
    "the person ('About Jane Doe', 'Über Simon Dückert') over a bio paragraph; in the page's second half, a bio "
    "sentence of the byline's author however long ('Ganesh Sitaraman is a professor at ...' under 'By Ganesh "
    "Sitaraman'). Keeps: a subheading "
    "and the paragraph it introduces ('Art Deco' / 'Art Deco is a furniture style ...'), 'About Our Course' over "
    "its text, a bio that does not name the person early, a long paragraph.",
    data_keys=("about", "not_name"),
)
def find_author_boxes(ctx: RuleContext) -> Iterator[Hit]:
    blocks, features = ctx.doc.blocks, ctx.features
    authors: set[str] | None = None  # words of the byline lines, read on first need
    last_bio: int | None = None  # the bio paragraph of the box found last
    # Lines of a name's shape, picked from the measures in one comprehension; only
    # these few are read closely.
    candidates = [
        i for i, feats in enumerate(features)
        if NAME_MIN_WORDS <= feats.words <= NAME_MAX_WORDS and feats.chars <= 60 and not feats.stopwords
    ]
    for i in candidates:
        bio = _paragraph_after(features, i)
        if bio is None or not looks_like_name(blocks[i].text, 0):
            continue
        names = {w.strip(".") for w in blocks[i].text.split() if len(w.strip(".")) >= 3}
        # Under a header ("About the authors", "Written by"), or right after another box.
        headed = (last_bio is not None and last_bio >= i - AUTHOR_BOX_MAX_BETWEEN) or any(
            ctx.rule_of(k) in AUTHOR_HEADER_RULES for k in range(max(0, i - 2), i))
        if not headed:
            if authors is None:
                authors = _byline_words(ctx)
            if not names or not names <= authors:
                continue
        if not names.intersection(_WORD.findall(blocks[bio].text[:400])[:AUTHOR_BIO_NAME_WITHIN]):
            continue
        last_bio = bio
        reason = f'author box of "{blocks[i].text[:60]}"'
        for index in range(i, bio + 1):
            yield Hit(index, "BYL021", reason, Strength.CERTAIN)
    yield from _named_author_headers(ctx)
    yield from _bylined_author_bios(ctx)


# A bio sentence of the byline's author ("Ganesh Sitaraman is a professor at ...", a
# BYL020 pattern, which alone only suggests on a paragraph) closing the page: its subject
# is the byline's name ("By Ganesh Sitaraman"), two words or more, and it stands in the
# page's second half. A paragraph about someone else ("Tom Carter is a retired engineer
# ...") stays.


def _bylined_author_bios(ctx: RuleContext) -> Iterator[Hit]:
    blocks, features = ctx.doc.blocks, ctx.features
    half = len(blocks) // 2
    candidates = sorted(
        i for i, hit in ctx.phrase_hits.items()
        if i >= half and hit.rule == "BYL020" and AUTHOR_BIO_MIN_WORDS <= features[i].words <= AUTHOR_BIO_MAX_WORDS
    )
    if not candidates:
        return
    authors = _byline_words(ctx)
    for i in candidates:
        words = []
        for word in blocks[i].text.split()[:NAME_MAX_WORDS]:
            if not word[0].isupper():
                break
            words.append(word.strip(".,"))
        if len(words) >= NAME_MIN_WORDS and all(w in authors for w in words):
            yield Hit(i, "BYL021", f'bio of the byline\'s author "{" ".join(words)[:60]}"', Strength.CERTAIN)


# A header that names the person, "About Jane Doe", "Über Simon Dückert" (lexicon
# [BYL021] about: the words before the name), over a bio paragraph (_paragraph_after):
# the header names the person, so the bio need not. The name is two to four capitalised
# words, none of them a stopword or a word that opens a section's title ([BYL021]
# not_name: "About Our Course", "Über Unsere Arbeit" are a site's sections).
def _named_author_headers(ctx: RuleContext) -> Iterator[Hit]:
    blocks, features = ctx.doc.blocks, ctx.features
    abouts, not_names = _about_words(ctx.doc.language)
    if not abouts:
        return
    for i in [i for i, feats in enumerate(features)
              if NAME_MIN_WORDS + 1 <= feats.words <= NAME_MAX_WORDS + 3 and feats.chars <= 80]:
        text = blocks[i].text.rstrip(":").strip()
        lowered = text.lower()
        if not lowered.startswith(abouts):  # most lines: one C call says no
            continue
        about = next((a for a in abouts if lowered.startswith(a) and text[len(a):len(a) + 1] == " "), None)
        if about is None or not text[0].isupper():
            continue
        name = text[len(about) + 1:].strip()
        if not looks_like_name(name, 0) or any(w.lower() in not_names for w in name.split()):
            continue
        bio = _paragraph_after(features, i)
        if bio is None:
            continue
        reason = f'author box of "{name[:60]}"'
        for index in range(i, bio + 1):
            yield Hit(index, "BYL021", reason, Strength.CERTAIN)


@lru_cache(maxsize=64)
def _about_words(language: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The words before a name in such a header, longest first, and the words that
    open a section's title instead ("our", "unsere"), with the language's stopwords."""
    languages = (language,) if language in lexicon_languages() else lexicon_languages()
    words = {w for lang in languages for w in data(lang, "BYL021", "about")}
    not_names = {w for lang in languages for w in data(lang, "BYL021", "not_name")}
    not_names.update(*(stopwords(lang) for lang in languages))
    return tuple(sorted(words, key=len, reverse=True)), frozenset(not_names)


def _byline_words(ctx: RuleContext) -> set[str]:
    """The words of the page's byline lines ("By Rebecca Edwards"), and the parts of a word
    a converter glued to the next one ("By Rebecca NorrisPublished: Jun 25, 2025": inscriptis
    joins inline elements without a space, html-text with one)."""
    bylines = byline_like_lines(ctx)
    words = {w for text in bylines for w in _WORD.findall(text)}
    return words.union(*(_GLUED_PARTS.findall(w) for w in words if not w.istitle() and not w.isupper()))


# The parts of a glued word: a capital and the lower-case letters after it ("Norris", "Published").
_GLUED_PARTS = re.compile(r"[^\W\d_][^\W\d_A-Z]+")


def _paragraph_after(features: list, name: int) -> int | None:
    """The paragraph a bio would be: the first block after the name line longer than a
    role line, within AUTHOR_BOX_MAX_BETWEEN blocks, if its length fits a bio."""
    for j in range(name + 1, min(len(features), name + 2 + AUTHOR_BOX_MAX_BETWEEN)):
        words = features[j].words
        if words > AUTHOR_BOX_SHORT_WORDS:
            return j if AUTHOR_BIO_MIN_WORDS <= words <= AUTHOR_BIO_MAX_WORDS else None
    return None
