"""Phrase cases for cleaner/core/rules/byline.py (BYL rules): tests/core/rules/cases/byline.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params

FAMILY = "byline"


def test_cases_cover_languages_with_hits_and_near_misses():
    check_coverage(FAMILY, ("BYL",))


@pytest.mark.parametrize("lang, expected, text", params(FAMILY))
def test_phrase_case(lang, expected, text):
    check_case(lang, expected, text)


@pytest.mark.parametrize("lang, text", known_false_positive_params(FAMILY))
def test_known_false_positive_is_kept(lang, text):
    check_case(lang, "keep", text)


# --- BYL001 (code rule): bylines move to metadata.author; sentences stay ------------

from cleaner import clean  # noqa: E402
from phrasecases import BODY, removed_by  # noqa: E402


def _doc(lang, headline, byline, near_miss):
    body = BODY[lang]
    return "\n\n".join([headline, byline, *body[:3], near_miss, *body[3:]])


@pytest.mark.parametrize("lang, headline, byline, author, near_miss", [
    ("en", "Rail overhaul promises faster trains", "By Jane Smith and Tom Brown", "Jane Smith and Tom Brown",
     "By Thursday the talks had stalled."),
    ("de", "Bahn verspricht schnellere Züge", "Von Anna Muster", "Anna Muster",
     "Von den Plänen halten viele Pendler wenig."),
    ("fr", "La SNCF promet des trains plus rapides", "Par Marie Dupont et Jean Martin", "Marie Dupont et Jean Martin",
     "Par ailleurs, le ministre a promis un débat."),
])
def test_byline_removed_and_sentence_kept(lang, headline, byline, author, near_miss):
    result = clean(text=_doc(lang, headline, byline, near_miss), language=lang)
    removed = removed_by(result)
    assert removed.get(byline) == "BYL001"
    assert result.metadata.author == author
    assert near_miss not in removed
    assert near_miss in result.text
    assert byline not in result.text


def test_byline_with_date_keeps_only_the_name():
    byline = "By Rafi Schwartz, The Week US Published 3 March 2020"
    result = clean(text=_doc("en", "Rail overhaul promises faster trains", byline, "By then it was too late."),
                   language="en")
    assert removed_by(result).get(byline) == "BYL001"
    assert result.metadata.author == "Rafi Schwartz"
    assert "By then it was too late." in result.text


def test_german_sentence_starting_with_von_is_kept():
    near_miss = "Von Montag an gilt der neue Fahrplan."
    result = clean(text=_doc("de", "Bahn verspricht schnellere Züge", "Von Anna Muster", near_miss), language="de")
    assert near_miss in result.text


@pytest.mark.parametrize("lang, byline, author, date", [
    ("en", "By Jane Marie Smith Feb 8, 2020 5 min read", "Jane Marie Smith", "2020-02-08"),
    ("en", "By Tom Brown • 11/08/23 5:19pm", "Tom Brown", None),
    ("fr", "par Claire Martin, le 28 mai 2009", "Claire Martin", "2009-05-28"),
    ("de", "Von Anna Muster | 24.10.2023 | Zuletzt geändert: 07.11.2023, 08:54 Uhr", "Anna Muster", "2023-10-24"),
])
def test_byline_with_its_date_or_reading_time_is_a_byline(lang, byline, author, date):
    """The stamp's figures and month names must not make the name look like prose."""
    result = clean(text=_doc(lang, BODY[lang][0][:60], byline, BODY[lang][1]), language=lang)
    assert removed_by(result).get(byline) == "BYL001"
    assert result.metadata.author == author
    if date:
        assert result.metadata.date == date


@pytest.mark.parametrize("near_miss", [
    "By 2030 the city will need 40 new schools and 12 more hospitals",  # a year, but a sentence
    "By Thursday the talks had stalled at 3:15 in the morning",  # a time, but lower-case prose
    "By Jane Smith, who has covered the war since 2014 for the paper",  # a name, then prose
])
def test_stamped_byline_needs_a_name_and_only_a_stamp(near_miss):
    result = clean(text=_doc("en", "Rail overhaul promises faster trains", "By Jane Smith", near_miss), language="en")
    assert near_miss not in removed_by(result)
    assert near_miss in result.text
