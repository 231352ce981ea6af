"""HEUR121 closing-bio (cleaner/core/heuristics/promos.py): an author's or site's blurb in the article's tail."""
import pytest

from cleaner import clean
from cleaner.core.heuristics.promos import bio_lexicon, drop_closing_bios
from verdicts import KEEP, text_blocks

ARTICLE = [
    f"Paragraph {n} of the story explains what the council decided about the new bridge and why "
    "the residents who live near the river were asked for their opinion before the vote was held."
    for n in range(1, 6)
]


@pytest.mark.parametrize("lang, bio", [
    ("en", "Will Knight is a senior writer for WIRED, covering artificial intelligence. He was previously an editor."),
    ("en", "Martin has worked as a professional Python developer since 2007, although his career began in 2001."),
    ("en", "I am Joyce from Sunny Singapore. This blog is a collection of the foods we have enjoyed so far."),
    ("de", "Daniel Weinmann arbeitete viele Jahre als Redakteur bei einem der bekanntesten deutschen Medien."),
    ("de", "Ich bin Steffi, bekennende Tiernärrin und Dosenöffner für zwei Kater und zwei Hunde aus Portugal."),
])
def test_a_blurb_after_the_article_goes(lang, bio):
    blocks = text_blocks(ARTICLE + [bio])
    out = drop_closing_bios(blocks, [KEEP] * len(blocks), bio_lexicon(lang))
    assert out[-1].rule == "HEUR121" and all(v.keep for v in out[:-1])


def test_the_same_sentence_inside_the_article_stays():
    # Near miss: a person the article quotes, introduced before most of its text.
    bio = "Jane Smith is a researcher at the institute who has studied the river for twenty years now."
    blocks = text_blocks(ARTICLE[:2] + [bio] + ARTICLE[2:])
    assert all(v.keep for v in drop_closing_bios(blocks, [KEEP] * len(blocks), bio_lexicon("en")))


@pytest.mark.parametrize("text", [
    # a product, not a person: no profession right after the verb
    "Spacelift is an infrastructure orchestration platform that improves your developer velocity by far.",
    # a news sentence with a name and "has": no bio verb phrase
    "Yubico has appointed current COO Jerrod Chong as its acting CEO, the company said on Monday.",
    # too short to be a blurb
    "Jane Smith is a writer.",
])
def test_closing_sentences_that_are_no_blurb_stay(text):
    blocks = text_blocks(ARTICLE + [text])
    assert all(v.keep for v in drop_closing_bios(blocks, [KEEP] * len(blocks), bio_lexicon("en")))


def test_a_language_without_a_lexicon_is_left_alone():
    blocks = text_blocks(ARTICLE + ["Will Knight is a senior writer for WIRED, covering artificial intelligence."])
    assert all(v.keep for v in drop_closing_bios(blocks, [KEEP] * len(blocks), bio_lexicon("xx")))


def test_heur121_end_to_end_and_disabled():
    bio = ("Candice Sealey is the Founder & Principal Consultant at Ignite! a Full-service Marketing & PR "
           "Consultancy that helps brands stand out.")
    text = "\n\n".join(ARTICLE + [bio])
    result = clean(text=text, language="en")
    assert "Candice Sealey" not in result.text and any(s.rule == "HEUR121" for s in result.removed)
    assert "Candice Sealey" in clean(text=text, language="en", options={"disable": ["HEUR121"]}).text
