"""DUP001 (cleaner/core/rules/duplicates.py): a repeated line goes, its first copy stays."""
import pytest

from cleaner import clean
from phrasecases import BODY


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_later_copy_removed_first_kept(lang):
    body = BODY[lang]
    quote = body[1]
    text = "\n\n".join([*body[:3], quote, *body[3:]])
    result = clean(text=text, language=lang)
    dup = [span for span in result.removed if span.rule == "DUP001"]
    assert [span.text for span in dup] == [quote]
    # the removed copy is the later one: its offset is past the first occurrence
    assert dup[0].start == text.index(quote, text.index(quote) + 1)
    assert result.text.count(quote) == 1


def test_one_word_repeat_is_not_a_duplicate():
    body = BODY["en"]
    text = "\n\n".join([*body[:2], "Yes", *body[2:4], "Yes", *body[4:]])
    result = clean(text=text, language="en")
    assert all(span.rule != "DUP001" for span in result.removed)


def test_similar_but_different_lines_are_kept():
    body = BODY["en"]
    variant = body[2].replace("next month", "next week")
    result = clean(text="\n\n".join([*body, variant]), language="en")
    assert all(span.rule != "DUP001" for span in result.removed)
    assert variant in result.text and body[2] in result.text
