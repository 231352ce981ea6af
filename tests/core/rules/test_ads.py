"""Phrase cases for cleaner/core/rules/ads.py (AD rules): tests/core/rules/cases/ads.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params

FAMILY = "ads"


def test_cases_cover_languages_with_hits_and_near_misses():
    check_coverage(FAMILY, ("AD",))


@pytest.mark.parametrize("lang, expected, text", params(FAMILY))
def test_phrase_case(lang, expected, text):
    check_case(lang, expected, text)


@pytest.mark.parametrize("lang, text", known_false_positive_params(FAMILY))
def test_known_false_positive_is_kept(lang, text):
    check_case(lang, "keep", text)


# AD003 (find_affiliate_disclosures): a disclosure of a few sentences, past the 25 words
# AD001's phrase decides alone on.
from cleaner import clean  # noqa: E402
from phrasecases import BODY  # noqa: E402

DISCLOSURES = {
    "en": ("We recommend the best products through an independent review process, and advertisers do not "
           "influence our picks. We may receive compensation if you visit partners we recommend. Read our "
           "advertiser disclosure for more info."),
    "de": ("Unsere Empfehlungen wählt die Redaktion unabhängig aus. Wenn ihr über einen der Links auf dieser "
           "Seite einkauft, erhalten wir ggf. eine Provision vom Händler. Für euch ändert sich dadurch nichts am "
           "Preis."),
}


def _rules(result) -> dict[str, str]:
    return {span.text: span.rule for span in result.removed}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_disclosure_over_the_article_goes(lang):
    body = BODY[lang]
    disclosure = DISCLOSURES[lang]
    assert len(disclosure.split()) > 25
    result = clean(text="\n\n".join([disclosure, *body]), language=lang)
    assert _rules(result).get(disclosure) == "AD003"
    assert all(paragraph in result.text for paragraph in body)


def test_long_paragraph_quoting_a_disclosure_is_only_suggested():
    # Near miss: an article's paragraph of more than 110 words that quotes the wording.
    body = BODY["en"]
    paragraph = " ".join([body[0], "Critics noted the small print, which said that advertisers do not influence the picks.",
                          body[1], body[2], body[3], body[4]])
    assert len(paragraph.split()) > 110
    result = clean(text="\n\n".join([paragraph, *body]), language="en")
    assert _rules(result).get(paragraph) != "AD003"


def test_sentence_opening_with_an_ad_marker_is_no_disclosure():
    # Near miss: AD001's start phrase ("Werbung") opens an article's sentence.
    body = BODY["de"]
    sentence = ("Werbung nervt, Tracking nervt, und gerade mobil habe ich eigentlich keine Zeit, mich durch "
                "Banner zu klicken, bevor ich den eigentlichen Text eines Artikels lesen kann, sagt die Autorin.")
    result = clean(text="\n\n".join([body[0], sentence, *body[1:]]), language="de")
    assert _rules(result).get(sentence) != "AD003"
