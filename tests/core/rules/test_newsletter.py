"""Phrase cases for cleaner/core/rules/newsletter.py (NEWS rules): tests/core/rules/cases/newsletter.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params

FAMILY = "newsletter"


def test_cases_cover_languages_with_hits_and_near_misses():
    check_coverage(FAMILY, ("NEWS",))


@pytest.mark.parametrize("lang, expected, text", params(FAMILY))
def test_phrase_case(lang, expected, text):
    check_case(lang, expected, text)


@pytest.mark.parametrize("lang, text", known_false_positive_params(FAMILY))
def test_known_false_positive_is_kept(lang, text):
    check_case(lang, "keep", text)
