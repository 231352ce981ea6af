"""HEUR119 closing-line: an article's short last sentence before its footer comes back."""
from cleaner import clean
from cleaner.core.heuristics.posts import keep_closing_lines

from tests.core.heuristics.verdicts import KEEP, removed, text_blocks

ARTICLE = "The interview went on for an hour, and we talked about the shop's first digital steps and tools."


def page(closing: list[str], footer: str = "REL001", rule: str = "HEUR101", between: list[str] = ()):
    texts = [ARTICLE] + closing + ["x"] * len(between) + ["Related posts"]
    verdicts = [KEEP] + [removed(rule)] * len(closing) + [removed(r) for r in between] + [removed(footer)]
    return text_blocks(texts), verdicts


def kept(blocks, verdicts):
    return [v.keep for v in keep_closing_lines(blocks, verdicts)]


def test_a_closing_sentence_before_the_footer_comes_back():
    for footer in ("REL001", "SHARE001", "CMT001", "TAG001"):
        assert kept(*page(["Thank you very much for the interview!"], footer)) == [True, True, False]


def test_footer_rule_hits_and_lines_without_letters_may_stand_between():
    blocks, verdicts = page(["Ich hoffe euch gefällt der Relaunch."], "SHARE001", between=["NAV001", "HEUR001"])
    assert kept(blocks, verdicts) == [True, True, False, False, False]


def test_two_closing_sentences_at_most():
    two = ["Thank you very much for the interview!", "We will meet again in the spring."]
    assert kept(*page(two)) == [True, True, True, False]
    three = two + ["And that was the whole story of it."]
    assert kept(*page(three)) == [True, False, False, False, False]


def test_near_miss_a_label_or_menu_item_is_no_sentence():
    assert kept(*page(["Read more:"])) == [True, False, False]
    assert kept(*page(["Kreole: Stella Hoops"])) == [True, False, False]


def test_near_miss_a_line_poor_in_function_words_stays_out():
    blocks, verdicts = page(["Enter email to receive marketing emails. Review our Privacy Statement."], rule="HEUR002")
    assert kept(blocks, verdicts) == [True, False, False]


def test_near_miss_an_inline_read_more_link_or_a_rubric_is_no_footer():
    for footer in ("REL002", "TAG002", "NAV001"):
        assert kept(*page(["Thank you very much for the interview!"], footer)) == [True, False, False]


def test_near_miss_other_shape_dropped_lines_before_the_footer():
    blocks, verdicts = page(["Thank you very much for the interview!"], between=["HEUR101"])
    assert kept(blocks, verdicts) == [True, False, False, False]


def test_an_interviews_last_line_survives_the_whole_pipeline():
    body = "\n\n".join(
        f"Frage {i}: Wie habt ihr das im Team eingeführt, und was hat sich dabei für die Kunden geändert, "
        f"als ihr die neuen Werkzeuge und die neuen Abläufe im Laden und online eingeführt habt?" for i in range(4))
    text = f"{body}\n\nVielen Dank für das interessante Interview!\n\nÄhnliche Beiträge\n\n* Ein anderer Beitrag\n"
    assert "Vielen Dank für das interessante Interview!" not in clean(text=text, options={"disable": ["HEUR119"]}).text
    assert "Vielen Dank für das interessante Interview!" in clean(text=text).text
