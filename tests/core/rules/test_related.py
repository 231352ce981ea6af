"""Phrase cases for cleaner/core/rules/related.py (REL rules): tests/core/rules/cases/related.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params

FAMILY = "related"


def test_cases_cover_languages_with_hits_and_near_misses():
    check_coverage(FAMILY, ("REL",))


@pytest.mark.parametrize("lang, expected, text", params(FAMILY))
def test_phrase_case(lang, expected, text):
    check_case(lang, expected, text)


@pytest.mark.parametrize("lang, text", known_false_positive_params(FAMILY))
def test_known_false_positive_is_kept(lang, text):
    check_case(lang, "keep", text)


# --- REL010 (code rule): runs of headline / teaser / byline groups ----------------

from cleaner import clean  # noqa: E402
from phrasecases import BODY, removed_by  # noqa: E402

TEASERS = [
    "-", "Floods close schools in the north", "Heavy rain forced dozens of schools to shut on Monday.",
    "By Anna Lee Published 2 hours ago",
    "-", "Mayor resigns over expenses", "The mayor quit after an inquiry into his claims.",
    "By Ben Cole Published 3 hours ago",
    "-", "Markets rally on rate hopes", "Shares rose across Europe on Tuesday.",
    "By Cara Diaz Published 5 hours ago",
]


def test_teaser_run_after_article_is_removed():
    result = clean(text="\n\n".join(["Rail overhaul promises faster trains", *BODY["en"], *TEASERS]), language="en")
    removed = removed_by(result)
    for line in ("Floods close schools in the north", "Heavy rain forced dozens of schools to shut on Monday.",
                 "Mayor resigns over expenses", "Markets rally on rate hopes", "Shares rose across Europe on Tuesday."):
        assert removed.get(line) == "REL010", line
    for line in TEASERS:
        assert line not in result.text.split("\n"), line
    for paragraph in BODY["en"]:
        assert paragraph in result.text


def test_single_byline_under_headline_is_not_a_teaser_run():
    text = "\n\n".join(["Rail overhaul promises faster trains", "By Jane Smith", "-", *BODY["en"]])
    result = clean(text=text, language="en")
    assert "REL010" not in set(removed_by(result).values())
    for paragraph in BODY["en"]:
        assert paragraph in result.text
