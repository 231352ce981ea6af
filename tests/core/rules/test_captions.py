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


# --- CAP004 (code rule): a caption ending in a credit, however it is labelled -----------

LONG_CAPTION_DE = (
    "Katastrophenschutz: Engagierte ehrenamtliche Frauen und Männer helfen bei der Evakuierung, bei der "
    "medizinischen Versorgung verunglückter oder kranker Menschen, errichten Notunterkünfte und versorgen "
    "die Betroffenen mit Essen und Trinken. Foto: Galli/Malteser"
)


@pytest.mark.parametrize("lang, caption", [
    ("de", "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO"),
    ("de", "Das Bundeskabinett bei seiner Klausurtagung am 21. Januar, bei der es sich unter anderem auf das "
           "Programm der deutschen G7-Präsidentschaft 2022 festlegt © Bundesregierung/Steffen Kugler"),
    ("de", "Nicht labern, ranklotzen! BrandenburgerInnen haben immer zu tun. Foto: Timur | flickr| CC BY 2.0"),
    ("de", LONG_CAPTION_DE),
    ("fr", "Le piquet de grève dans le hall de l’université / (C) Kab Niang"),
    ("en", "One algorithm that lets a robot manipulate a Rubik's Cube used as much energy as three nuclear "
           "plants produce in an hour, the researchers estimate. Photograph: Getty Images"),
    # Estonian has no lexicon: the credit's label is not known, its shape is.
    (None, "Saksamaa liidukantsler Angela Merkel kohtus kolmapäeval Berliinis Soome peaministri "
           "Sanna Mariniga. Pilt: ALEXANDER BECHER"),
])
def test_caption_ending_in_a_credit_goes(lang, caption):
    body = BODY[lang or "de"]
    result = clean(text="\n\n".join([*body[:3], caption, *body[3:]]), language=lang or "et")
    assert removed_by(result).get(caption) == "CAP004"
    for paragraph in body:
        assert paragraph in result.text


@pytest.mark.parametrize("lang, line", [
    # an agency's sign-off closes an article's paragraph: no label, no copyright sign
    ("de", "Der südkoreanische Geheimdienst nahm damals an, dass Kim wegen einer Zyste im rechten Sprunggelenk "
           "operiert worden und deshalb wochenlang verschwunden gewesen sei, hieß es. (FR mit dpa)"),
    ("en", "The licence lets anyone reuse the photographs, and this work is licensed under CC BY-NC-ND 4.0"),
    ("en", "The © sign marks the work as protected, the court said, whether or not it was registered."),
    ("en", "The union's answer was short: NO DEAL"),
    ("de", "Der Kanzler sagte am Abend vor Journalisten: NEIN DANKE"),
    # an agency's sign-off closing an article's paragraph of more than 40 words
    ("de", " ".join([BODY["de"][0], BODY["de"][1], "(c)AFP/Aminu ABUBAKAR"])),
    # a paragraph of more than 60 words that happens to end in a credit is not a caption
    ("de", " ".join([BODY["de"][0], BODY["de"][1], BODY["de"][3], "Foto: Michael Kappeler"])),
])
def test_sentence_or_long_paragraph_with_a_credit_shape_stays(lang, line):
    body = BODY[lang]
    result = clean(text="\n\n".join([*body[:3], line, *body[3:]]), language=lang)
    assert "CAP004" not in set(removed_by(result).values())
    assert line in result.text
