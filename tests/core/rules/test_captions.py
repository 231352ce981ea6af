"""Phrase cases for cleaner/core/rules/captions.py (CAP rules): tests/core/rules/cases/captions.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params

FAMILY = "captions"


def test_cases_cover_languages_with_hits_and_near_misses():
    check_coverage(FAMILY, ("CAP",))


@pytest.mark.parametrize("lang, expected, text", params(FAMILY))
def test_phrase_case(lang, expected, text):
    check_case(lang, expected, text)


@pytest.mark.parametrize("lang, text", known_false_positive_params(FAMILY))
def test_known_false_positive_is_kept(lang, text):
    check_case(lang, "keep", text)


# --- CAP002 (code rule): a caption repeated with a credit appended ------------------

from cleaner import clean  # noqa: E402
from phrasecases import BODY, removed_by  # noqa: E402

CAPTION = "Passengers wait on a crowded platform at Leeds station on Monday."


def test_caption_and_credited_copy_both_removed():
    body = BODY["en"]
    credited = CAPTION + "Danny Lawson"
    result = clean(text="\n\n".join([*body[:2], CAPTION, credited, *body[2:]]), language="en")
    removed = removed_by(result)
    assert removed.get(CAPTION) == "CAP002"
    assert removed.get(credited) == "CAP002"
    assert "Leeds station" not in result.text


def test_sentence_repeated_without_credit_is_left_to_dup001():
    body = BODY["en"]
    result = clean(text="\n\n".join([*body[:2], CAPTION, *body[2:4], CAPTION, *body[4:]]), language="en")
    rules = [span.rule for span in result.removed if span.text == CAPTION]
    assert rules == ["DUP001"]
    assert result.text.count(CAPTION) == 1


def test_sentence_continued_is_not_a_credit():
    body = BODY["en"]
    longer = CAPTION + " Trains were delayed by up to an hour."
    result = clean(text="\n\n".join([*body[:2], CAPTION, longer, *body[2:]]), language="en")
    assert "CAP002" not in set(removed_by(result).values())
    assert longer in result.text
