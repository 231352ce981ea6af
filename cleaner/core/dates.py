"""Dates: read a publication date from a string, as an ISO 8601 day (YYYY-MM-DD), or refuse.

Both modes use it: HTML mode on meta tags, JSON-LD and <time datetime> values, text mode
on the date and byline lines the rules take out of the body. A value is a date only when
it names a day, a month and a four-digit year that form a real calendar day between
EARLIEST_YEAR and a little after today; everything else is refused: opening hours
("Mo-Fr 9:00-18:00"), times, phone numbers, version numbers ("2.10.2023.1"), a year
alone, a month and year without a day, and days far in the future (an event, not a
publication).
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import lru_cache
from importlib import resources

EARLIEST_YEAR = 1990
# A page's date may be stamped in a time zone ahead of ours; beyond that, a future day is
# an event's date or a typo, not when the page was published.
FUTURE_MARGIN_DAYS = 2
# Where the numeric day order is month first ("03/04/2020" is March 4th).
MONTH_FIRST_LANGUAGES = frozenset({"en"})
# A date string worth reading is short; a longer value is prose, read no further.
MAX_CHARS = 200

# ISO forms first: 2020-03-04, 2020/03/04, 2020-03-04T10:00:00Z. Digits may not touch the
# match on either side (a phone number or an id holding such a run is not a date).
_ISO = re.compile(r"(?<![\d.\-/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d\-/]|\.\d)")
# Day-first or month-first numeric dates: 04.03.2020, 4/3/2020, 04-03-2020.
_NUMERIC = re.compile(r"(?<![\d.\-/])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d\-/]|\.\d)")
# Compact 20200304, only as a whole value (meta content such as "20200304").
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{4,6})?")
_WORDS = re.compile(r"[^\W\d_]+\.?|\d{1,4}(?:st|nd|rd|th|er|º|\.)?", re.UNICODE)
_YEAR = re.compile(r"\d{4}")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th|er|º|\.)?")


@lru_cache(maxsize=1)
def _month_table() -> dict[str, dict[str, int]]:
    """language -> month name or abbreviation -> month number (1-12)."""
    raw = tomllib.loads((resources.files("cleaner.core.lexicon") / "dates.toml").read_text(encoding="utf-8"))
    return {
        lang: {name: number for number, names in enumerate(body["months"], 1) for name in names.split()}
        for lang, body in raw.items()
    }


@lru_cache(maxsize=64)
def month_names(language: str | None) -> dict[str, int]:
    """The language's month names; every language's when it is unknown or has none listed."""
    table = _month_table()
    if language in table:
        return table[language]
    merged: dict[str, int] = {}
    for lang in ("en", *sorted(table)):  # English first: "mar" is March there and in most others
        for name, number in table[lang].items():
            merged.setdefault(name, number)
    return merged


def parse_date(value: str | None, language: str | None = None, *, today: dt.date | None = None) -> str | None:
    """The ISO day `value` names, or None when it names no single plausible day."""
    if not value:
        return None
    value = value.strip()
    if not value or len(value) > MAX_CHARS:
        return None
    # Every form names a four-digit year: without one, no reader can read a day (one
    # scan spares four, on the many lines of a page that are no date).
    if _YEAR.search(value) is None:
        return None
    for read in _READERS:  # in order, the first that reads a day decides
        found = read(value, language)
        if found is not None:
            return _plausible(found, today)
    return None


def _iso(value: str, language: str | None = None) -> tuple[int, int, int] | None:
    match = _ISO.search(value)
    return (int(match[1]), int(match[3]), int(match[4])) if match else None


def _numeric(value: str, language: str | None) -> tuple[int, int, int] | None:
    match = _NUMERIC.search(value)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    if first > 12:
        return year, second, first
    if second > 12:
        return year, first, second
    # Both could be the month: dots are day-first everywhere; slashes and dashes follow the language.
    if match[2] != "." and language in MONTH_FIRST_LANGUAGES:
        return year, first, second
    return year, second, first


def _compact(value: str, language: str | None = None) -> tuple[int, int, int] | None:
    match = _COMPACT.fullmatch(value)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def _spelled_out(value: str, language: str | None) -> tuple[int, int, int] | None:
    """'March 4, 2020', '4 March 2020', '4. März 2020', '4 de marzo de 2020', 'Mar 4th 2020'.

    The month's name, a day number next to it (before, or after it), and a four-digit
    year among the next few words; nothing else between them but little words ("de",
    "of", a weekday's comma).
    """
    months = month_names(language)
    words = _WORDS.findall(value.lower())
    for i, word in enumerate(words):
        month = months.get(word.rstrip("."))
        if month is None:
            continue
        day = _day_near(words, i)
        year = _year_near(words, i)
        if day is not None and year is not None:
            return year, month, day
    return None


_READERS = (_iso, _numeric, _compact, _spelled_out)


def _day_near(words: list[str], i: int) -> int | None:
    for j in (i - 1, i + 1, i - 2):  # "4 March", "March 4", "4 de marzo"
        if 0 <= j < len(words):
            match = _DAY.fullmatch(words[j])
            if match and not _YEAR.fullmatch(words[j]):
                day = int(match[1])
                if 1 <= day <= 31 and (j != i - 2 or not words[i - 1][0].isdigit()):
                    return day
    return None


def _year_near(words: list[str], i: int) -> int | None:
    for word in words[i + 1:i + 5]:
        if _YEAR.fullmatch(word):
            return int(word)
    return None


def _plausible(ymd: tuple[int, int, int], today: dt.date | None) -> str | None:
    year, month, day = ymd
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    latest = (today or dt.date.today()) + dt.timedelta(days=FUTURE_MARGIN_DAYS)
    if date.year < EARLIEST_YEAR or date > latest:
        return None
    return date.isoformat()
