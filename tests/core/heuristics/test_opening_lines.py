"""HEUR120 opening-line: the sentence directly over the main section's first line is its opening."""
from cleaner import clean
from cleaner.core.heuristics.posts import keep_opening_lines

from tests.core.heuristics.verdicts import KEEP, removed, text_blocks

ARTICLE = ["The first paragraph of the article goes on for a while, long enough to be its main text. " * 2,
           "And a second paragraph follows it, just as long as the first one and as plainly prose. " * 2]


def page(over: list[tuple[str, str]], teaser: bool = False):
    texts = (["A teaser kept far above."] if teaser else []) + [t for t, _ in over] + ARTICLE
    verdicts = ([KEEP] if teaser else []) + [removed(r) for _, r in over] + [KEEP, KEEP]
    return text_blocks(texts), verdicts


def kept(blocks, verdicts):
    return [v.keep for v in keep_opening_lines(blocks, verdicts)]


def test_a_standfirst_over_the_article_comes_back():
    over = [("Menu", "NAV001"), ("Die Masse eines Körpers berechnest du, indem du multiplizierst.", "HEUR002")]
    assert kept(*page(over)) == [False, True, True, True]


def test_one_line_only():
    over = [("The first of two lines over the article.", "HEUR101"), ("The second of the two lines over it.", "HEUR101")]
    assert kept(*page(over)) == [False, True, True, True]


def test_it_is_the_main_sections_opening_not_a_teasers():
    over = [("Menu", "NAV001"), ("A sentence right over the article text.", "HEUR101")]
    assert kept(*page(over, teaser=True)) == [True, False, True, True, True]


def test_near_miss_a_heading_or_label_is_no_sentence():
    for line in ("Vintage trifft Urban Jungle", "Read more:", "Lesen Sie Modeblogs?"):
        assert kept(*page([(line, "HEUR101")])) == [False, True, True]


def test_near_miss_a_row_of_links_is_no_sentence():
    assert kept(*page([("Rentenpolitik | Blog | Mailaktion Bundestag | Alles klar?", "HEUR101")])) == [False, True, True]


def test_near_miss_a_line_a_rule_recognised_stays_out():
    assert kept(*page([("Sign up for our newsletter and never miss a story.", "NEWS001")])) == [False, True, True]


def test_a_standfirst_survives_the_whole_pipeline():
    menu = "\n".join(f"* Menu item {i}" for i in range(8))
    body = "\n\n".join(ARTICLE * 2)
    text = f"{menu}\n\nLeandra Lou – Der etwas andere Modeblog\n\nDann sollten Sie erst recht dieses Buch lesen, in dem zwei Blogger über Mode, Trends und Laufstege schreiben!\n\n{body}\n\n{menu}\n"
    line = "Dann sollten Sie erst recht dieses Buch lesen, in dem zwei Blogger über Mode, Trends und Laufstege schreiben!"
    assert line not in clean(text=text, options={"disable": ["HEUR120"]}).text
    result = clean(text=text)
    assert line in result.text and result.title == "Leandra Lou – Der etwas andere Modeblog"
