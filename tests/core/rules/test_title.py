"""TITLE001/TITLE002 (cleaner/core/rules/title.py): the headline moves to result.title."""
import pytest

from cleaner import clean
from phrasecases import BODY, removed_by

HEADLINES = {"en": "Rail overhaul promises faster trains", "de": "Bahn verspricht schnellere Züge",
             "fr": "La SNCF promet des trains plus rapides"}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_headline_moves_to_title_and_site_copy_goes(lang):
    headline = HEADLINES[lang]
    site_copy = f"{headline} | The Daily"
    result = clean(text="\n\n".join([headline, *BODY[lang], site_copy]), language=lang)
    removed = removed_by(result)
    assert result.title == headline
    assert removed.get(headline) == "TITLE001"
    assert removed.get(site_copy) == "TITLE002"
    assert headline not in result.text
    for paragraph in BODY[lang]:
        assert paragraph in result.text


def test_sentence_that_starts_like_the_headline_is_kept():
    headline = HEADLINES["en"]
    sentence = f"{headline}, but critics say the funding is still unclear and the timetable is vague."
    result = clean(text="\n\n".join([headline, *BODY["en"], sentence]), language="en")
    assert result.title == headline
    assert sentence in result.text
    assert sentence not in removed_by(result)


def test_no_headline_is_invented_from_the_lead_paragraph():
    # With no headline-like line before the body, no TITLE001 is invented.
    result = clean(text="\n\n".join(BODY["en"]), language="en")
    assert "TITLE001" not in set(removed_by(result).values())
    for paragraph in BODY["en"][1:]:
        assert paragraph in result.text


# --- error classes of issue #22: a byline taken as the title; the headline left in the body


def test_a_bare_name_beside_the_date_line_is_the_byline_not_the_title():
    headline = HEADLINES["en"]
    text = "\n\n".join([headline, "Jane Smith", "3 March 2024", "Share", *BODY["en"]])
    result = clean(text=text, language="en")
    assert result.title == headline
    assert result.metadata.author == "Jane Smith"
    assert result.metadata.date == "2024-03-03"
    assert not result.text.startswith(headline)


def test_a_byline_nearer_the_body_does_not_outrank_the_headline_above_it():
    headline = HEADLINES["en"]
    result = clean(text="\n\n".join([headline, "Jane Smith", *BODY["en"]]), language="en")
    assert result.title == headline


def test_a_dateline_with_a_name_is_not_the_title():
    headline = HEADLINES["en"]
    result = clean(text="\n\n".join([headline, "Tom Talbot October 14, 2024", *BODY["en"]]), language="en")
    assert result.title == headline


def test_the_headline_is_not_left_at_the_top_of_the_body():
    headline = HEADLINES["en"]
    result = clean(text="\n\n".join(["Home | News | Sport", headline, *BODY["en"]]), language="en")
    assert result.title == headline
    assert result.paragraphs[0] == BODY["en"][0]


def test_a_site_suffixed_title_hint_still_takes_the_bare_headline_out():
    # HTML mode may hand the <title> form "Headline | Site" as the title; the body shows "Headline".
    from cleaner.core.document import Hints
    from cleaner.core.pipeline import clean_text
    from cleaner.options import Options

    headline = HEADLINES["en"]
    result = clean_text("\n\n".join([headline, *BODY["en"]]), Options(), language="en",
                        hints=Hints(title=f"{headline} | The Daily"))
    assert result.paragraphs[0] == BODY["en"][0]


@pytest.mark.parametrize("lang,headline", [
    ("de", "Von der Leyen stellt neuen Plan vor"),
    ("de", "Aus für den Verbrenner: EU kippt Verbot"),
    ("en", "By the Numbers: How Rail Fares Rose"),
])
def test_a_headline_opening_with_a_byline_prefix_word_is_still_the_title(lang, headline):
    result = clean(text="\n\n".join([headline, *BODY[lang]]), language=lang)
    assert result.title == headline


@pytest.mark.parametrize("byline", ["By: Saru Yeknom", "By ops@example.com"])
def test_a_byline_with_a_colon_or_an_address_is_not_the_title(byline):
    result = clean(text="\n\n".join([HEADLINES["en"], byline, *BODY["en"]]), language="en")
    assert result.title == HEADLINES["en"]


def test_a_headline_with_a_word_that_is_a_month_elsewhere_is_not_a_dateline():
    # "Sie" is August in Polish: read as German, "Sie 3 Tipps für 2024" names no day
    headline = "Sie 3 Tipps für 2024"
    result = clean(text="\n\n".join([headline, *BODY["de"]]), language="de")
    assert result.title == headline
