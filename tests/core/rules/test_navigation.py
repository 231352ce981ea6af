"""Phrase cases for cleaner/core/rules/navigation.py (NAV rules): tests/core/rules/cases/navigation.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params

FAMILY = "navigation"


def test_cases_cover_languages_with_hits_and_near_misses():
    check_coverage(FAMILY, ("NAV",))


@pytest.mark.parametrize("lang, expected, text", params(FAMILY))
def test_phrase_case(lang, expected, text):
    check_case(lang, expected, text)


@pytest.mark.parametrize("lang, text", known_false_positive_params(FAMILY))
def test_known_false_positive_is_kept(lang, text):
    check_case(lang, "keep", text)


# NAV004 (find_related_headlines): the headlines of a "Read also" box between paragraphs.
from cleaner import clean  # noqa: E402
from phrasecases import BODY  # noqa: E402


def _removed_by(result, rule: str) -> list[str]:
    return [span.text for span in result.removed if span.rule == rule]


@pytest.mark.parametrize("lang, header, headlines", [
    ("en", "Related", ["Inside the White House, doubts about the rail plan are beginning to creep in"]),
    ("de", "Lesen Sie auch", ["Bahn streicht Nachtzüge: Was Reisende jetzt wissen müssen"]),
    ("en", "Related", ["* How one small company turns old rails into bicycle lanes",
                       "* Regional leaders warn of cuts to rural lines",
                       "Rail plan explained"]),
])
def test_headlines_under_a_related_header_go(lang, header, headlines):
    body = BODY[lang]
    text = "\n\n".join([*body[:3], header, *headlines, *body[3:]])
    result = clean(text=text, language=lang)
    assert _removed_by(result, "NAV004") == [h for h in headlines if len(h.split()) >= 4]
    assert all(paragraph in result.text for paragraph in body)


def test_sentence_under_the_header_stays():
    # Near miss: a section called "Empfehlungen" over its advice; the advice ends a sentence.
    body = BODY["de"]
    advice = "Beachten Sie die Hinweise des Auswärtigen Amts zur Einreise"
    text = "\n\n".join([*body[:3], "Empfehlungen", advice + ".", *body[3:]])
    assert _removed_by(clean(text=text, language="de"), "NAV004") == []


def test_subheading_after_the_headlines_stays():
    # The box's headlines go; the article's next subheading, over its paragraph, stays.
    body = BODY["en"]
    teasers = ["How one small company turns old rails into bicycle lanes",
               "Regional leaders warn of cuts to rural lines"]
    subheading = "What the plan means for commuters"
    text = "\n\n".join([*body[:3], "Related", *teasers, subheading, *body[3:]])
    result = clean(text=text, language="en")
    assert _removed_by(result, "NAV004") == teasers
    assert subheading in result.text


@pytest.mark.parametrize("mark", ["", "- "])
def test_fields_under_recommended_stay_with_their_rule(mark):
    # Near miss: "Recommended:" over a game's system requirements is no box of headlines
    # (with the list mark HTML mode's text keeps, too).
    body = BODY["en"]
    fields = [f"{mark}OS: Windows 10 or newer (64bit)", f"{mark}Processor: Intel Core i5 or better",
              f"{mark}Graphics: DirectX 11 level video card"]
    text = "\n\n".join([*body[:3], "Recommended:", *fields, *body[3:]])
    assert _removed_by(clean(text=text, language="en"), "NAV004") == []


def test_header_after_every_item_of_a_list_is_no_box():
    # Near miss: a list of news items each closed by a "Read more" link: the next item's
    # headline follows each link, six times over.
    body = BODY["en"]
    parts = [body[0]]
    for n in range(6):
        parts += [f"Reading tutors help prepare early learners in district number {n + 1}", body[n % 6], "Read more"]
    result = clean(text="\n\n".join(parts), language="en")
    assert _removed_by(result, "NAV004") == []


# NAV005 (find_read_more_tails): a teaser's text closed by its read-more link.
@pytest.mark.parametrize("lang, teaser", [
    ("de", "Was gibt es Neues zur Bahnreform? Regelmäßig beantwortet unsere Redaktion Fragen und erläutert Hintergründe. mehr"),
    ("de", "Die neue Strecke verschönert aktuell das Tal mit ihren Brücken und Tunneln. Seht selbst! Weiterlesen →"),
    ("en", "The regulator has opened an inquiry into the rail operator's handling of delays last winter. Read more"),
])
def test_teaser_closed_by_its_link_goes(lang, teaser):
    body = BODY[lang]
    result = clean(text="\n\n".join([*body[:3], teaser, *body[3:]]), language=lang)
    assert _removed_by(result, "NAV005") == [teaser]
    assert all(paragraph in result.text for paragraph in body)


@pytest.mark.parametrize("lang, line", [
    # a sentence that ends in the link's word has its mark after it
    ("de", "Viele Pendler sagen, dass sie sich auf den Nachtzug nach Wien nicht mehr verlassen wollen, und fahren mehr."),
    # no sentence's end before the word
    ("de", "Die Bahn will in den kommenden zehn Jahren deutlich mehr"),
    # after an ellipsis: a listing's cut-off item, its content
    ("en", "In fewer than three hours of active learning, you can complete the course and earn a... Read more"),
    # a button: too short
    ("en", "Rail plans. Read more"),
])
def test_read_more_near_misses_stay(lang, line):
    body = BODY[lang]
    result = clean(text="\n\n".join([*body[:3], line, *body[3:]]), language=lang)
    assert _removed_by(result, "NAV005") == []
