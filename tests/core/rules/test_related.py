"""Phrase cases for cleaner/core/rules/related.py (REL rules): tests/core/rules/cases/related.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params, assert_run_goes_and_body_stays

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


# --- REL011 (code rule): runs of teasers whose standfirsts end cut off ---------------

CUT_TEASERS = [
    "A Practical Guide to Improve PPC Performance",
    "If your pay-per-click results have hit a wall, you're in the right place. To truly improve PPC performance, you can't just guess what's wrong. The only way forward is…",
    "Free QR Code Generators (No Sign-Up & Unlimited Use)",
    "QR codes are everywhere, from restaurant menus to packaging and business cards. But most online generators either limit how much you can use them or bait…",
    "How to Reduce Costs Without Cutting Quality",
    "Clear employee guidance and smarter processes are among the most effective ways to control the spend of a relocation programme....",
]


def test_cut_off_teaser_run_after_article_is_removed():
    result = clean(text="\n\n".join(["Rail overhaul promises faster trains", *BODY["en"], *CUT_TEASERS]), language="en")
    assert_run_goes_and_body_stays(result, CUT_TEASERS, "REL011", BODY["en"])


def test_one_paragraph_trailing_off_is_kept():
    # Near miss: a single line ending in an ellipsis is the article's own.
    body = [*BODY["en"][:3], "The minister paused, looked at the crowd and said only that the trains would come, one day…",
            *BODY["en"][3:]]
    result = clean(text="\n\n".join(["Rail overhaul promises faster trains", *body]), language="en")
    assert "REL011" not in set(removed_by(result).values())
    for paragraph in body:
        assert paragraph in result.text


def test_table_rows_and_cut_addresses_are_not_teasers():
    # Near misses: rows of a table whose cells end in ellipses (no headline over each),
    # and a list of web addresses cut short.
    rows = [
        "Google 450+ free certificates and badges on Android Development, Google Analytics, Google Cloud…",
        "LinkedIn Learning 470+ hours of online courses with free certificates on business, design, technology…",
        "Harvard 10 online courses with free certificates on computer science, programming, AI…",
        "[1] https://www.example.org/news/news-stories/guidance-on-crypto-firms-and-their-adverts-fir...",
        "[2] https://www.example.org/venture/global-venture-funding-in-the-fourth-quarter-of-the-year-i...",
    ]
    result = clean(text="\n\n".join(["Rail overhaul promises faster trains", *BODY["en"][:3], *rows, *BODY["en"][3:]]),
                   language="en")
    assert "REL011" not in set(removed_by(result).values())


def test_archive_page_of_cut_off_teasers_is_kept():
    # Near miss: on an archive page the teasers are the page's text.
    result = clean(text="\n\n".join(["Blog", *CUT_TEASERS]), language="en")
    assert "REL011" not in set(removed_by(result).values())


# --- REL012 (code rule): teasers stamped with a label and a date --------------------

STAMPED = [
    "Pressemitteilung 16.02.2022", "Europäische Union: Rechtsstaatsmechanismus muss angewendet werden",
    "Der Mechanismus erlaubt es der EU, Zahlungen an Mitgliedstaaten auszusetzen.",
    "Pressemitteilung Äthiopien 16.02.2022", "Äthiopien: Kämpfer morden und plündern",
    "Ein neuer Bericht dokumentiert zahlreiche Menschenrechtsverletzungen in der Region Amhara.",
    "Aktuell USA 15.02.2022", "USA: Gesichtserkennung fördert rassistische Kontrollen",
    "Der Einsatz der Technologie durch die Polizei führt zu mehr diskriminierenden Kontrollen.",
]


def test_stamped_teasers_after_the_article_go():
    result = clean(text="\n\n".join(["Bahnreform verspricht schnellere Züge", *BODY["de"], *STAMPED]), language="de")
    removed = removed_by(result)
    assert all(removed.get(line) == "REL012" for line in STAMPED)
    for paragraph in BODY["de"]:
        assert paragraph in result.text


def test_a_timeline_of_bare_dates_and_a_thread_of_timed_posts_stay():
    # Near misses: an article's chronology (a date alone over each entry), and posts whose
    # stamps carry the time of day.
    timeline = ["12.03.2020", "Die WHO erklärt den Ausbruch zur Pandemie und ruft zu Vorsicht auf.",
                "16.03.2020", "Die Schulen in fast allen Bundesländern schließen bis nach Ostern.",
                "22.03.2020", "Bund und Länder beschließen weitreichende Kontaktbeschränkungen."]
    posts = ["blondeascustard · 03/03/2026 19:54", "When I make bolognese I bulk it up with celery and carrots.",
             "HattiesBag · 03/03/2026 19:55", "Big chicken to roast, seasonal veg and roast spuds.",
             "FolioQuarto · 03/03/2026 19:58", "Sorry, I missed the bit about needing meat in every meal."]
    for lang, lines in (("de", timeline), ("en", posts)):
        result = clean(text="\n\n".join([*BODY[lang], *lines]), language=lang)
        assert "REL012" not in removed_by(result).values()


def test_lines_opening_with_a_date_under_a_related_header_go_and_a_chronology_stays():
    dated = ["01.01.2022 - Formel 1 - Gasly: Ich will um die WM kämpfen. Gasly hatte eine lange Odyssee hinter sich.",
             "13.12.2021 - Formel 1 - Tsunoda: Selbstvertrauen zurück. AlphaTauri räumt beim Finale ab.",
             "21.11.2021 - Formel 1 - Gasly-Frust in Katar: Auto war plötzlich anders, keine Punkte."]
    result = clean(text="\n\n".join([*BODY["de"], "Weitere Inhalte:", *dated]), language="de")
    assert all(removed_by(result).get(line) == "REL012" for line in dated)
    # Near miss: the same lines in the article, under no related header.
    result = clean(text="\n\n".join([*BODY["de"][:2], "Die Chronik:", *dated, *BODY["de"][2:]]), language="de")
    assert "REL012" not in removed_by(result).values()
