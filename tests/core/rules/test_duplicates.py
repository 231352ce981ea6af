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


def _copies(result, line: str) -> list[int]:
    return [span.start for span in result.removed if span.rule == "DUP001" and span.text == line]


def test_contents_list_goes_and_the_headings_in_the_article_stay():
    # A table of contents names the headings before the article; each heading then
    # stands over its section's text. The list's copies go, the headings stay.
    body = BODY["en"]
    headings = ["What the plan promises", "Who pays for it", "What comes next"]
    text = "\n\n".join(["Rail overhaul promises faster trains", body[0], "Contents", *headings,
                        headings[0], body[1], headings[1], body[2], body[3], headings[2], body[4], body[5]])
    result = clean(text=text, language="en")
    for heading in headings:
        assert _copies(result, heading) == [text.index(heading)], heading
        assert f"{heading}\n\n" in result.text, heading


def test_one_repeated_heading_keeps_its_first_copy():
    # Near miss: a single line that shows up again over text (a promo box repeating the
    # page's banner) is no contents list; the first copy stays, as for any repeat.
    body = BODY["en"]
    banner = "Download our free guide to rail travel"
    text = "\n\n".join([*body[:2], banner, "Get the guide", body[2], banner, *body[3:]])
    result = clean(text=text, language="en")
    assert _copies(result, banner) == [text.index(banner, text.index(banner) + 1)]
