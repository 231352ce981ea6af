"""Phrase cases for cleaner/core/rules/consent.py (COOK rules): tests/core/rules/cases/consent.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params, assert_run_goes_and_body_stays

FAMILY = "consent"


def test_cases_cover_languages_with_hits_and_near_misses():
    check_coverage(FAMILY, ("COOK",))


@pytest.mark.parametrize("lang, expected, text", params(FAMILY))
def test_phrase_case(lang, expected, text):
    check_case(lang, expected, text)


@pytest.mark.parametrize("lang, text", known_false_positive_params(FAMILY))
def test_known_false_positive_is_kept(lang, text):
    check_case(lang, "keep", text)


# --- COOK002 (code rule): the prose and headings of a consent dialog ----------------

from cleaner import clean  # noqa: E402
from phrasecases import BODY, removed_by  # noqa: E402

DIALOG_EN = [
    "Privacy Overview",
    "This website uses cookies to improve your experience while you navigate through the website. Out of these "
    "cookies, the cookies that are categorized as necessary are stored on your browser as they are essential for "
    "the working of basic functionalities of the website.",
    "Necessary",
    "Always Enabled",
    "Necessary cookies are absolutely essential for the website to function properly. This category only includes "
    "cookies that ensures basic functionalities and security features of the website.",
    "Functional Cookies",
    "Functional cookies help to perform certain functionalities like sharing the content of the website on social "
    "media platforms, collect feedbacks, and other third-party features.",
]
DIALOG_DE = [
    "Cookie-Zustimmung verwalten",
    "Um dir ein optimales Erlebnis zu bieten, verwenden wir Technologien wie Cookies, um Geräteinformationen zu "
    "speichern und/oder darauf zuzugreifen. Wenn du diesen Technologien zustimmst, können wir Daten wie das "
    "Surfverhalten oder eindeutige IDs auf dieser Website verarbeiten.",
    "Funktional",
    "Immer aktiv",
    "Statistik-Cookies",
    "Die technische Speicherung oder der Zugriff, der ausschließlich zu anonymen statistischen Zwecken verwendet wird.",
]


def test_consent_dialog_after_the_article_goes_whole():
    result = clean(text="\n\n".join(["Rail overhaul promises faster trains", *BODY["en"], *DIALOG_EN]), language="en")
    assert_run_goes_and_body_stays(result, DIALOG_EN[1:], "COOK002", BODY["en"])


def test_german_consent_dialog_goes():
    result = clean(text="\n\n".join([*BODY["de"], *DIALOG_DE]), language="de")
    removed = removed_by(result)
    for line in DIALOG_DE:
        assert removed.get(line) == "COOK002", line
    for paragraph in BODY["de"]:
        assert paragraph in result.text


def test_articles_about_cookies_are_kept():
    # Near misses: a recipe, and reporting on consent banners, name cookies in every line.
    recipe = [
        "Chewy oatmeal cookies",
        "These cookies keep for a week in a tin, and the dough freezes well for up to three months.",
        "Cream the butter and sugar, then beat in the egg and vanilla before folding in the oats.",
        "Bake the cookies for twelve minutes, until the edges are golden but the centres still soft.",
        "Leave the cookies on the tray for five minutes before moving them to a rack to cool.",
    ]
    report = [
        "The regulator said banners that read 'Accept all cookies' in large type and hide the refusal button "
        "break the rules on consent.",
        "Functional cookies, which remember a reader's settings, were not part of the inquiry.",
        *BODY["en"][:3],
    ]
    for text in ("\n\n".join(recipe), "\n\n".join(report)):
        result = clean(text=text, language="en")
        assert "COOK002" not in set(removed_by(result).values())


def test_embed_placeholder_asking_consent_goes():
    # An embedded post's placeholder: the page connects to the platform only after consent.
    embed = ("Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine Verbindung "
             "zu Twitter her. Hier kannst du deine Einstellungen verwalten, um die Verbindung zu erlauben.")
    result = clean(text="\n\n".join([*BODY["de"][:3], embed, *BODY["de"][3:]]), language="de")
    assert removed_by(result).get(embed) == "COOK002"
    for paragraph in BODY["de"]:
        assert paragraph in result.text


# An IAB TCF v2 dialog (any CMP prints the framework's standard purpose names and texts).
DIALOG_TCF = [
    "Use limited data to select advertising 80 partners can use this purpose",
    "Use limited data to select advertising Off",
    "Advertising presented to you on this service can be based on limited data, such as the website or app you are "
    "using, your non-precise location, your device type or which content you are (or have been) interacting with.",
    "Object to Legitimate Interests",
    "List of IAB Vendors | View Illustrations",
    "Create profiles for personalised advertising 71 partners can use this purpose",
    "Information about your activity on this service (such as forms you submit, content you look at) can be stored "
    "and combined with other information about you or similar users.",
]


def test_tcf_dialog_after_the_article_goes():
    result = clean(text="\n\n".join(["Rail overhaul promises faster trains", *BODY["en"], *DIALOG_TCF]), language="en")
    assert_run_goes_and_body_stays(result, DIALOG_TCF, "COOK002", BODY["en"])


def test_reporting_on_ad_profiles_is_kept():
    # Near misses: prose about advertising profiles and legitimate interests, not the framework's wording.
    report = [
        "The regulator found that the company used its partners to create profiles for advertising without asking.",
        "Publishers may object that legitimate interests cover the measurement of advertising performance.",
        *BODY["en"][:3],
    ]
    result = clean(text="\n\n".join(report), language="en")
    assert "COOK002" not in set(removed_by(result).values())
    for paragraph in report:
        assert paragraph in result.text
