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
    ("de", "Bahn verspricht schnellere Züge", "Gepostet von Katharina Volkwein | Wohnen", "Katharina Volkwein",
     "Erstellt von der Stadtverwaltung wurde der Plan im Frühjahr."),
    ("fr", "La SNCF promet des trains plus rapides", "Publié par Marie Dupont", "Marie Dupont",
     "Publié par ailleurs, le rapport a fait grand bruit."),
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


# --- BYL021 (code rule): an author box after the article ----------------------------

BIO = ("Karina Cohen is the owner of a local cleaning company serving the Greater Denver area, and writes "
       "about running a small business, hiring staff and keeping customers.")


# --- BYL025 (code rule): a date stamp with a time, a rubric or an author -------------

@pytest.mark.parametrize("lang, stamp", [
    ("en", "17 April 2012 • 2:54pm"),
    ("de", "Energie 12.12.2022, 08:30 Uhr"),
    ("de", "24. März 2004, 19:49 | Genesis"),
    ("de", "2021-10-16 | Botschaft"),
    ("de", "19.6.2007 9:40 Uhr Christoph Becker 71 Kommentare"),
    ("it", "Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02"),
])
def test_stamp_line_goes(lang, stamp):
    body = BODY.get(lang, BODY["en"])
    result = clean(text="\n\n".join([body[0], stamp, *body[1:]]), language=lang)
    assert removed_by(result).get(stamp) == "BYL025"
    for paragraph in body:
        assert paragraph in result.text


@pytest.mark.parametrize("lang, line", [
    ("de", "Am 12.03.2020 um 14:00 begann die Sitzung."),  # a sentence
    ("de", "Einsendeschluss: 03.11.2019 (Poststempel)"),  # neither a time nor a separator
    ("en", "Veterans gathered at 11:00 on 11 November 2019 to remember the fallen soldiers of both world wars"),
    ("en", '{ "order_date" : "2025-12-18T17:02:12+08:00" , "items" : [ ] }'),  # a line of data
    ("en", "On 6/14/2024 at 9:14 AM, Lisias said:"),  # a quote's header
    ("en", "| First Listed on Newegg | February 10, 2023 |"),  # a table's row
])
def test_sentence_or_data_with_a_date_is_no_stamp(lang, line):
    body = BODY[lang]
    result = clean(text="\n\n".join([body[0], line, *body[1:]]), language=lang)
    assert "BYL025" not in set(removed_by(result).values())


def test_a_pages_many_stamps_are_records_and_left_alone():
    body = BODY["en"]
    stamps = [f"By Jane Doe • Dec. {day}, 2025" for day in (1, 4, 9)]
    parts = [body[0]] + [x for stamp, paragraph in zip(stamps, body[1:]) for x in (stamp, paragraph)]
    result = clean(text="\n\n".join(parts), language="en")
    assert "BYL025" not in set(removed_by(result).values())


def test_stamp_line_gives_the_date():
    body = BODY["de"]
    result = clean(text="\n\n".join([body[0], "Energie 12.12.2022, 08:30 Uhr", *body[1:]]), language="de")
    assert result.metadata.date == "2022-12-12"


@pytest.mark.parametrize("header", ["About the author", "Written by"])
def test_author_box_under_a_header_goes(header):
    lines = [header, "Karina Cohen", "Contributing Writer", BIO]
    result = clean(text="\n\n".join(["Rail overhaul promises faster trains", *BODY["en"], *lines]), language="en")
    removed = removed_by(result)
    assert [removed.get(line) for line in lines] == ["BYL020", "BYL021", "BYL021", "BYL021"]
    for paragraph in BODY["en"]:
        assert paragraph in result.text


def test_author_box_naming_the_byline_author_goes_without_a_header():
    bio = ("Rebecca has been a journalist and blogger for over 30 years, with a focus on home services and "
           "technology for the past decade.")
    text = "\n\n".join(["Rail overhaul promises faster trains", "By Rebecca Edwards", *BODY["en"],
                        "Rebecca Edwards", bio])
    removed = removed_by(clean(text=text, language="en"))
    assert removed.get("Rebecca Edwards") == "BYL021" and removed.get(bio) == "BYL021"


def test_author_box_naming_a_byline_author_glued_to_the_date_goes():
    # inscriptis joins inline elements without a space: "By Rebecca EdwardsPublished: ..."
    bio = ("Rebecca Edwards has covered home services and technology from the Washington, D.C. metro area "
           "for over ten years.")
    text = "\n\n".join(["Rail overhaul promises faster trains", "By Rebecca EdwardsPublished: Jun 25, 2025",
                        *BODY["en"], "Rebecca Edwards", "Contributing Writer", bio])
    removed = removed_by(clean(text=text, language="en"))
    assert removed.get("Rebecca Edwards") == "BYL021" and removed.get(bio) == "BYL021"


def test_a_glued_byline_does_not_name_other_people():
    # near miss: the parts of the glued word name no one else; a box for another person stays.
    bio = ("Tom Carter is a retired engineer who has spent forty years building bridges across the country "
           "and now advises the council.")
    text = "\n\n".join(["Rail overhaul promises faster trains", "By Rebecca EdwardsPublished: Jun 25, 2025",
                        *BODY["en"], "Tom Carter", bio])
    removed = removed_by(clean(text=text, language="en"))
    assert removed.get(bio) != "BYL021"


def test_boxes_one_after_another_under_one_header_all_go():
    second = ("Patrick Reinhart leads the digital strategy team of the company as its vice president of "
              "services and thought leadership.")
    lines = ["About the authors", "Karina Cohen", BIO, "Read Karina's bio", "Patrick Reinhart", second]
    removed = removed_by(clean(text="\n\n".join([*BODY["en"], *lines]), language="en"))
    assert removed.get(BIO) == "BYL021" and removed.get(second) == "BYL021"


@pytest.mark.parametrize("lang, header", [("en", "About Karina Cohen"), ("de", "Über Karina Cohen"),
                                           ("fr", "À propos de Karina Cohen")])
def test_header_naming_the_author_over_a_bio_goes(lang, header):
    # The header names the person, so the bio need not ("Scholarch der Cogneon Akademie ...").
    bio = ("Owner of a local cleaning company serving the Greater Denver area; writes about running a small "
           "business, hiring staff and keeping customers.")
    result = clean(text="\n\n".join([*BODY[lang], header, bio]), language=lang)
    removed = removed_by(result)
    assert removed.get(header) == "BYL021" and removed.get(bio) == "BYL021"
    for paragraph in BODY[lang]:
        assert paragraph in result.text


@pytest.mark.parametrize("header", ["About Our Course", "About Your Skin", "About 200 People"])
def test_header_naming_no_person_stays_a_subheading(header):
    # Near misses: a site's "About Our Course" section, a sentence's start: no function
    # word or figure may stand in the name.
    paragraph = ("The course runs for six weeks and covers the most common skin conditions, how they are "
                 "treated and when to see a doctor about them.")
    result = clean(text="\n\n".join([*BODY["en"], header, paragraph]), language="en")
    assert "BYL021" not in removed_by(result).values()


SITARAMAN = ("{name} is a professor at Vanderbilt Law School and the author of The Great Democracy: How to Fix "
             "Our Politics, Unrig the Economy, and Unite America, from which this essay is adapted, and of two "
             "earlier books on the history of American economic policy and its critics.")


def test_a_long_bio_of_the_byline_author_closing_the_page_goes():
    bio = SITARAMAN.format(name="Ganesh Sitaraman")
    text = "\n\n".join(["Rail overhaul promises faster trains", "By Ganesh Sitaraman", *BODY["en"], bio])
    result = clean(text=text, language="en")
    assert removed_by(result).get(bio) == "BYL021"
    for paragraph in BODY["en"]:
        assert paragraph in result.text


def test_a_long_bio_of_someone_else_stays():
    # Near miss: the same sentence about a person the byline does not name.
    bio = SITARAMAN.format(name="Tom Carter")
    text = "\n\n".join(["Rail overhaul promises faster trains", "By Ganesh Sitaraman", *BODY["en"], bio])
    assert removed_by(clean(text=text, language="en")).get(bio) != "BYL021"


def test_subheadings_and_the_paragraphs_they_introduce_stay():
    # Near misses: a name-like subheading whose paragraph starts with it, with no author
    # header before it and no byline naming it.
    sections = [
        "Art Deco",
        "Art Deco is a distinctive furniture style that emerged in the early twentieth century and remains "
        "highly sought after for its bold geometric forms.",
        "Electrolux ELFE7637AT",
        "The Electrolux ELFE7637AT is a feature-packed dryer that aced every test we put it through, and it is "
        "also the quietest machine we have tried.",
        "Karina Cohen",
        BIO,
    ]
    result = clean(text="\n\n".join(["Rail overhaul promises faster trains", "By Jane Smith", *BODY["en"][:3],
                                     *sections, *BODY["en"][3:]]), language="en")
    assert "BYL021" not in removed_by(result).values()
    for paragraph in sections[1::2]:
        assert paragraph in result.text


def test_byline_carrying_its_dates_is_a_byline():
    # The numbers of a date do not count against a byline's capitalised words; a
    # sentence that starts with "By" and a year still stays.
    byline = "By Jaime Marchwinski December 7, 2015March 4, 2020"
    near_miss = "By 2030 the city wants every bus to run on electricity, the mayor said"
    result = clean(text=_doc("en", "Rail overhaul promises faster trains", byline, near_miss), language="en")
    removed = removed_by(result)
    assert removed.get(byline) == "BYL001"
    assert result.metadata.author == "Jaime Marchwinski"
    assert near_miss in result.text


@pytest.mark.parametrize("byline, author", [
    ("By Jill Barshay August 18, 2025", "Jill Barshay"),
    ("By Alyssa Maio on January 5, 2024", "Alyssa Maio"),
    ("Von Anna Muster am 3. März 2020", "Anna Muster"),
    # near misses: a month that is a name, not followed by a day; a name in lower case
    ("By Theresa May", "Theresa May"),
    ("By Jan de Vries", "Jan de Vries"),
    ("By e.e. cummings", "e.e. cummings"),
])
def test_author_stops_where_the_written_date_starts(byline, author):
    from cleaner.core.rules.byline import author_from_byline, byline_prefixes
    assert author_from_byline(byline, byline_prefixes("en") + byline_prefixes("de")) == author

