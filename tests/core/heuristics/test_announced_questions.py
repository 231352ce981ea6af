"""HEUR110 announced-questions: a header such as 'FAQs' over a kept question is the article's
section title and comes back; a footer's 'FAQ' link, or a header over no question, stays out."""
from cleaner import clean
from cleaner.core.heuristics.structure import keep_announced_questions, question_headers

from verdicts import KEEP, removed, text_blocks as blocks

INTRO = ("Moving is stressful, and choosing the right company matters more than most people think "
         "when they plan a move across the country with children and pets.")
ANSWER = ("Full-service moves usually cover loading, transport and unloading, and many companies also "
          "pack your belongings for you before the truck arrives.")


def folded(texts: list[str]) -> list[str]:
    return [t.lower().rstrip(":?") for t in texts]


HEADERS = question_headers("en")


def test_the_headers_come_from_the_lexicon_with_english_beside_the_language():
    assert {"faq", "faqs", "frequently asked questions"} <= HEADERS
    assert {"häufige fragen", "faq"} <= question_headers("de")
    assert "contact us" not in HEADERS


def test_a_header_over_a_kept_question_comes_back_whatever_removed_it():
    texts = [INTRO, "FAQs", "What is included in a full-service move?", ANSWER]
    verdicts = [KEEP, removed("LEGAL002"), KEEP, KEEP]
    assert keep_announced_questions(blocks(texts), folded(texts), verdicts, HEADERS) == [KEEP] * 4


def test_a_header_over_no_question_or_a_removed_one_stays_out():
    # a footer's links: the next line is no question
    texts = [INTRO, "FAQ", "Contact us", "Privacy policy"]
    verdicts = [KEEP, removed("LEGAL002"), removed("LEGAL002"), removed("LEGAL002")]
    assert keep_announced_questions(blocks(texts), folded(texts), verdicts, HEADERS) == verdicts
    # a question the other passes removed does not vouch for its header
    texts = [INTRO, "FAQs", "Need help?"]
    verdicts = [KEEP, removed("LEGAL002"), removed("NAV001")]
    assert keep_announced_questions(blocks(texts), folded(texts), verdicts, HEADERS) == verdicts
    # any other short line over a question is not a header of questions
    texts = [INTRO, "Help", "What is included in a full-service move?"]
    verdicts = [KEEP, removed("LEGAL002"), KEEP]
    assert keep_announced_questions(blocks(texts), folded(texts), verdicts, HEADERS) == verdicts


def test_end_to_end_the_faq_header_stays_and_disabling_heur110_drops_it():
    page = "\n\n".join([
        "How to choose a moving company", INTRO, "FAQs", "What is included in a full-service move?", ANSWER,
    ]) + "\n"
    assert "FAQs" in clean(text=page).text.splitlines()
    assert "FAQs" not in clean(text=page, options={"disable": ["HEUR110"]}).text.splitlines()
