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


def test_headline_above_a_photo_credit_is_chosen_by_the_words_the_body_shares():
    # Between the headline and the body: byline, date, a photo credit and a price tag; the
    # credit stands nearest the body, but the body shares the headline's words, not its.
    headline = "Government plan promises faster national rail network"
    page = "\n\n".join([headline, "By Jane Smith", "Updated on June 18, 2025 at 12:35 PM",
                         "Courtesy of the ministry", "$1795", *BODY["en"]])
    result = clean(text=page, language="en")
    assert result.title == headline
    assert removed_by(result).get(headline) == "TITLE001"
    assert "Courtesy of the ministry" not in result.text


def test_a_lead_sentence_above_the_body_is_not_taken_for_the_headline_however_many_words_it_shares():
    lead = BODY["en"][0]
    result = clean(text="\n\n".join([HEADLINES["en"], *BODY["en"]]), language="en")
    assert result.title == HEADLINES["en"] and lead in result.text


def test_first_body_line_is_the_headline_over_a_section_label_above_it():
    # A menu label stands before the body; the headline is the body's first line.
    headline = "Government rail plan promises faster trains and lower fares"
    page = "\n\n".join(["Transport and Infrastructure", headline, *BODY["en"]])
    result = clean(text=page, language="en")
    assert result.title == headline
    assert headline not in result.text and "Transport and Infrastructure" not in result.text


def test_first_item_of_a_list_is_not_taken_for_a_headline():
    items = [f"Blue cotton shirt number {i}, size M, ships in two days from the warehouse" for i in range(8)]
    page = "\n\n".join(["Menu", "Shop now", *items])
    result = clean(text=page, language="en")
    assert result.title != items[0]


def test_headline_words_are_counted_as_character_pairs_in_chinese():
    body = [
        "政府周一公布了一项期待已久的计划，将全面改造国家铁路网络，承诺在五年内提供更快的列车和更低的票价。",
        "批评人士说，该提案在资金方面缺乏细节，一些地方领导人警告说，农村线路可能会被削减。",
        "官员们说，与工会和运营商的磋商将于下个月开始，预计年底前将出台相关立法。",
        "交通部长对记者说，该计划的资金部分来自出售车站周边土地，部分来自新的借款。",
    ]
    headline = "政府公布铁路改造计划承诺更快列车"
    page = "\n\n".join([headline, "立即订阅我们的新闻简报", *body])
    assert clean(text=page, language="zh").title == headline


# --- the page's <title> on the first line (html-text, BeautifulSoup's get_text render it)


def test_a_site_suffixed_first_line_is_the_page_title_over_a_button_above_the_body():
    page_title = "Government rail plan promises faster trains | The Daily"
    page = "\n\n".join([page_title, "Menu", "Subscribe now", "Get Started", *BODY["en"]])
    result = clean(text=page, language="en")
    assert result.title == "Government rail plan promises faster trains"
    assert removed_by(result).get(page_title) == "TITLE001"


def test_the_headline_inside_a_page_title_that_wraps_it_is_not_left_on_top_of_the_body():
    # html-text's first line: "date | headline: site"; the headline stands again over the body
    page_title = "08.11.2021 | Government rail plan promises faster trains: The Daily"
    headline = "Government rail plan promises faster trains"
    page = "\n\n".join([page_title, "Menu", "Subscribe now", headline, *BODY["en"]])
    result = clean(text=page, language="en")
    assert removed_by(result).get(headline) == "TITLE002"
    assert all(paragraph in result.text for paragraph in BODY["en"])


def test_a_line_the_page_title_only_partly_holds_stays():
    page_title = "Government rail plan promises faster trains across the north and the south | The Daily"
    section = "Government rail plan"  # a short line, a small part of the <title>
    page = "\n\n".join([page_title, "Menu", section, *BODY["en"]])
    assert "TITLE002" not in set(removed_by(clean(text=page, language="en")).values())


def test_a_page_title_that_asks_a_question_is_still_the_title():
    page = "\n\n".join(["Rail plan vs. road plan: which brings faster trains? | The Daily", "Menu", *BODY["en"]])
    assert clean(text=page, language="en").title == "Rail plan vs. road plan: which brings faster trains?"


def test_an_unsuffixed_first_line_is_the_page_title_when_the_page_repeats_it():
    # Far above the body (a long menu between), and repeated at the page's foot.
    headline = "Government rail plan promises faster trains"
    menu = ["Home", "News", "Sport", "Business", "Culture", "Travel", "Weather", "Video", "Podcasts", "Opinion",
            "Science", "Health", "Money", "Cars", "Food", "Books", "Music", "Film", "TV", "Games", "Style", "Homes",
            "Jobs", "Puzzles", "Events"]
    page = "\n\n".join([headline, *menu, "Get Started", *BODY["en"], f"{headline} | The Daily"])
    result = clean(text=page, language="en")
    assert result.title == headline
    assert headline not in result.text


def test_an_announcement_bar_on_the_first_line_is_not_the_page_title():
    # It has a separator, but the body shares none of its words: the headline is chosen above the body.
    headline = HEADLINES["en"]
    page = "\n\n".join(["Summer sale on all hoodies - Shop Now", "Menu", headline, *BODY["en"]])
    assert clean(text=page, language="en").title == headline


def test_a_first_line_without_suffix_or_repeat_is_judged_like_any_other_line():
    # "Transport and Infrastructure" shares words with nothing: the headline wins as before.
    headline = "Government rail plan promises faster trains and lower fares"
    page = "\n\n".join(["Transport and Infrastructure", headline, *BODY["en"]])
    assert clean(text=page, language="en").title == headline


def test_a_sentence_the_page_repeats_is_not_taken_for_its_title():
    # On the first line and again at the foot, a sentence is still no <title>.
    sentence = "The government unveiled a plan to overhaul the national rail network."
    page = "\n\n".join([sentence, "Menu", HEADLINES["en"], *BODY["en"], sentence])
    assert clean(text=page, language="en").title == HEADLINES["en"]
