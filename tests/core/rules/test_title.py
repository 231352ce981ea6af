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
