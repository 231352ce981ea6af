"""A list announced by a line ending in a colon (kept, or dropped for its shape right after kept text) stays with the article."""
from cleaner import clean
from cleaner.core.heuristics.structure import keep_introduced_lists
from cleaner.core.document import Block, Verdict

KEEP = Verdict(True)


def block(i: int, text: str, bullet: bool) -> Block:
    return Block(i, 0, len(text), text, 0, bullet, False)


LONG = "A line much longer than any list item, which is where the list is taken to have ended at last."


def test_items_dropped_for_their_shape_come_back_after_an_intro():
    blocks = [block(0, "You will need:", False), block(1, "flour", True), block(2, "two eggs", True), block(3, LONG, False),
              block(4, "Menu", False)]
    verdicts = [KEEP, Verdict(False, "HEUR002", "x"), Verdict(False, "HEUR101", "x"), Verdict(False, "HEUR002", "x"),
                Verdict(False, "HEUR101", "x")]
    out = keep_introduced_lists(blocks, verdicts)
    assert [v.keep for v in out] == [True, True, True, False, False]


def test_list_markers_play_no_part():
    # inscriptis writes "* flour", html-text "flour": the same list either way
    texts = ["You will need:", "flour", "two eggs", "Next steps:", "stir"]
    verdicts = [KEEP, Verdict(False, "HEUR101", "x"), Verdict(False, "HEUR101", "x"), Verdict(False, "HEUR101", "x"),
                Verdict(False, "HEUR101", "x")]
    marked = keep_introduced_lists([block(i, t, i > 0) for i, t in enumerate(texts)], verdicts)
    plain = keep_introduced_lists([block(i, t, False) for i, t in enumerate(texts)], verdicts)
    assert marked == plain
    # a line ending in a colon is not an item: it ends the list (it announces its own)
    assert [v.keep for v in plain] == [True, True, True, False, False]


def test_rule_removed_items_and_unannounced_lists_stay_removed():
    blocks = [block(0, "You will need:", False), block(1, "Share on Facebook", True), block(2, "flour", True)]
    verdicts = [KEEP, Verdict(False, "SHARE001", "x"), Verdict(False, "HEUR101", "x")]
    assert keep_introduced_lists(blocks, verdicts) == verdicts
    blocks = [block(0, "You will need.", False), block(1, "flour", True)]
    verdicts = [KEEP, Verdict(False, "HEUR101", "x")]
    assert keep_introduced_lists(blocks, verdicts) == verdicts


def test_a_dropped_intro_does_not_bring_its_list_back():
    blocks = [block(0, "Popular:", False), block(1, "Story one", True)]
    verdicts = [Verdict(False, "REL001", "x"), Verdict(False, "HEUR101", "x")]
    assert keep_introduced_lists(blocks, verdicts) == verdicts


def test_a_closing_list_survives_the_boilerplate_after_it_end_to_end():
    text = (
        "The cake is easy to make and it keeps for a week in a tin, which is why my grandmother made it "
        "every Sunday for the whole family when we came to visit her in the village.\n\n"
        "Mix everything in a large bowl and bake the dough for forty minutes at a moderate heat, then let "
        "the cake cool down on the window sill before you cut it into pieces and serve it with cream.\n\n"
        "For the dough you will need the following ingredients from the shop around the corner:\n"
        "* 200 g flour\n* 2 eggs\n* 100 g sugar\n\n"
        "Share this article\nFacebook\nTwitter\nRelated stories\n"
    )
    result = clean(text=text, language="en")
    for item in ("200 g flour", "2 eggs", "100 g sugar"):
        assert item in result.text
    assert "Twitter" not in result.text


def test_an_intro_dropped_for_its_shape_right_after_kept_text_comes_back_with_its_list():
    # "... screening of renters." / "Key topics include:" (short, so shape dropped it) / items
    texts = [LONG, "Key topics discussed in the guide include:", "Reporting losses", "Rental steps", LONG]
    shape = Verdict(False, "HEUR101", "x")
    verdicts = [KEEP, shape, shape, shape, Verdict(False, "HEUR002", "x")]
    out = keep_introduced_lists([block(i, t, False) for i, t in enumerate(texts)], verdicts)
    assert [v.keep for v in out] == [True, True, True, True, False]


def test_a_dropped_intro_after_removed_lines_or_before_no_list_stays_removed():
    shape = Verdict(False, "HEUR101", "x")
    # after a menu, not after the article's text
    texts = ["Home", "Our services:", "Plumbing", "Heating"]
    verdicts = [Verdict(False, "NAV001", "x"), shape, shape, shape]
    assert keep_introduced_lists([block(i, t, False) for i, t in enumerate(texts)], verdicts) == verdicts
    # after kept text, but a rule took the next line: no list follows
    texts = [LONG, "Share this article:", "Facebook"]
    verdicts = [KEEP, shape, Verdict(False, "SHARE001", "x")]
    assert keep_introduced_lists([block(i, t, False) for i, t in enumerate(texts)], verdicts) == verdicts


def test_a_dropped_intro_sentence_after_kept_text_comes_back_before_a_long_block():
    # "As usual, StackOverflow knows the answer. In short:" over a code block that html-text
    # joins into one long line: the intro is the article's own even with no list after it
    shape, not_prose = Verdict(False, "HEUR101", "x"), Verdict(False, "HEUR002", "x")
    code = "# .tmux.conf set-option -g mouse on set-option -s set-clipboard off bind-key -T copy-mode-vi y"
    texts = [LONG, "As usual, StackOverflow knows the answer. In short:", code]
    out = keep_introduced_lists([block(i, t, False) for i, t in enumerate(texts)], [KEEP, shape, not_prose])
    assert [v.keep for v in out] == [True, True, False]
    # a short label over a long line is no such sentence
    texts = [LONG, "Downloads:", code]
    verdicts = [KEEP, shape, not_prose]
    assert keep_introduced_lists([block(i, t, False) for i, t in enumerate(texts)], verdicts) == verdicts
