"""HEUR102 article-gap: shape-dropped runs between kept text come back unless a rule spoke in them."""
from cleaner import clean
from cleaner.core.document import Block, Verdict
from cleaner.core.heuristics.gaps import fill_article_gaps, removed_runs

KEEP = Verdict(True)


def removed(rule: str) -> Verdict:
    return Verdict(False, rule, "x")


def blocks(n: int, indents: list[int] | None = None) -> list[Block]:
    indents = indents or [0] * n
    return [Block(i, i * 10, i * 10 + 5, f"line {i}", indents[i], False, False) for i in range(n)]


def test_a_run_dropped_for_shape_between_kept_text_comes_back():
    verdicts = [KEEP, removed("HEUR101"), removed("HEUR002"), KEEP]
    assert all(v.keep for v in fill_article_gaps(blocks(4), verdicts))


def test_a_run_holding_a_rule_hit_stays_out_whole():
    verdicts = [KEEP, removed("HEUR101"), removed("SHARE001"), removed("HEUR101"), KEEP]
    assert fill_article_gaps(blocks(5), verdicts) == verdicts


def test_runs_at_the_edges_of_the_page_stay_out():
    verdicts = [removed("HEUR101"), KEEP, removed("HEUR101")]
    assert fill_article_gaps(blocks(3), verdicts) == verdicts


def test_lines_without_letters_neither_come_back_nor_hold_the_run_out():
    verdicts = [KEEP, removed("HEUR101"), removed("HEUR001"), KEEP]
    out = fill_article_gaps(blocks(4), verdicts)
    assert [v.keep for v in out] == [True, True, False, True]


def test_a_repeated_line_neither_comes_back_nor_holds_the_run_out():
    # a code block broken into lines repeats "import asyncio"; a widget carries a phrase hit
    verdicts = [KEEP, removed("HEUR101"), removed("DUP001"), removed("HEUR002"), KEEP]
    out = fill_article_gaps(blocks(5), verdicts)
    assert [v.keep for v in out] == [True, True, False, True, True]


def test_context_removals_other_than_shape_are_not_undone():
    verdicts = [KEEP, removed("HEUR104"), KEEP]
    assert fill_article_gaps(blocks(3), verdicts) == verdicts


def test_indentation_plays_no_part():
    verdicts = [KEEP, removed("HEUR101"), removed("HEUR101"), KEEP, KEEP]
    flat = fill_article_gaps(blocks(5), verdicts)
    laid_out = fill_article_gaps(blocks(5, [4, 12, 0, 4, 20]), verdicts)
    assert flat == laid_out


def test_removed_runs_are_maximal_and_end_exclusive():
    verdicts = [removed("A"), KEEP, removed("B"), removed("C"), KEEP, removed("D")]
    assert removed_runs(verdicts) == [(0, 1), (2, 4), (5, 6)]
    assert removed_runs([KEEP, KEEP]) == []


PROSE = (
    "The committee met on Tuesday to discuss the proposal, and after a long debate it was agreed "
    "that the plan would go ahead in the spring, once the funding had been confirmed by the council."
)


def test_a_short_list_inside_an_article_is_kept_end_to_end_and_disabling_heur102_drops_it():
    # a line poor in function words (HEUR002) next to short items: the context revision drops them all
    items = "Flour\nSugar\nButter, eggs, vanilla extract, baking powder, salt, lemon zest, cinnamon"
    text = f"{PROSE}\n\n{PROSE.replace('Tuesday', 'Monday')}\n\n{items}\n\n{PROSE.replace('Tuesday', 'Friday')}\n"
    assert "Sugar" in clean(text=text, language="en").text
    assert "Sugar" not in clean(text=text, language="en", options={"disable": ["HEUR102"]}).text


def test_a_share_bar_between_two_paragraphs_stays_out():
    bar = "Share on Facebook\nTweet\nEggs"
    text = f"{PROSE}\n\n{PROSE.replace('Tuesday', 'Monday')}\n\n{bar}\n\n{PROSE.replace('Tuesday', 'Friday')}\n"
    result = clean(text=text, language="en")
    assert "Eggs" not in result.text and "Friday" in result.text


def test_one_caption_in_a_list_does_not_hold_it_out():
    # a list with a picture in it: the items come back, the caption stays removed
    verdicts = [KEEP, removed("HEUR002"), removed("CAP001"), removed("HEUR101"), removed("HEUR002"), KEEP]
    out = fill_article_gaps(blocks(6), verdicts)
    assert [v.keep for v in out] == [True, True, False, True, True, True]
    assert out[2].rule == "CAP001"


def test_two_captions_or_a_caption_alone_with_one_line_hold_the_run_out():
    # near misses: a gallery (captions in a row), and a media box of a credit and a title
    gallery = [KEEP, removed("HEUR101"), removed("CAP001"), removed("HEUR101"), removed("CAP003"), KEEP]
    assert fill_article_gaps(blocks(6), gallery) == gallery
    box = [KEEP, removed("CAP001"), removed("HEUR101"), KEEP]
    assert fill_article_gaps(blocks(4), box) == box


def test_a_shop_button_under_a_product_does_not_hold_its_pros_and_cons_out():
    verdicts = [KEEP, removed("HEUR101"), removed("HEUR101"), removed("AD002"), KEEP]
    out = fill_article_gaps(blocks(5), verdicts)
    assert [v.keep for v in out] == [True, True, True, False, True]


def texts(lines: list[str]) -> list[Block]:
    return [Block(i, 0, len(t), t, 0, False, False) for i, t in enumerate(lines)]


def test_rows_of_figures_come_back_with_their_run_and_separators_stay_out():
    """A table of figures inside an article: its letterless rows are data, not noise."""
    lines = ["The index rose in most years:", "Date Change", "12/1/2021 +14.8%", "11/1/2019 +1.0%", "* * *",
             "42", "It fell only once."]
    verdicts = [KEEP, removed("HEUR101"), removed("HEUR001"), removed("HEUR001"), removed("HEUR001"),
                removed("HEUR001"), KEEP]
    out = fill_article_gaps(texts(lines), verdicts)
    assert [v.keep for v in out] == [True, True, True, True, False, False, True]


def test_rows_of_figures_stay_out_when_a_rule_spoke_in_their_run():
    lines = ["Story text.", "12/1/2021 +14.8%", "Share this article", "3 4", "More story text."]
    verdicts = [KEEP, removed("HEUR001"), removed("SHARE001"), removed("HEUR001"), KEEP]
    assert fill_article_gaps(texts(lines), verdicts) == verdicts


def test_the_gaps_are_looked_for_again_after_the_passes_that_bring_lines_back():
    # a closing line, an opening line or a framed post brought back after the first gap
    # pass can close a gap between it and the article: the decision stage looks again.
    from cleaner.core.decide import PASSES
    names = [p.name for p in PASSES]
    last_gaps = max(i for i, p in enumerate(PASSES) if p.run.__name__ == "fill_gaps_in_article")
    for restoring in ("thread-posts", "closing-lines", "opening-lines", "framed-posts", "record-run"):
        assert names.index(restoring) < last_gaps
    assert last_gaps < names.index("title")

