"""DUP001's decision half: which copy of a repeated line stays (cleaner/core/heuristics/copies.py)."""
from cleaner import clean
from cleaner.core.document import Block, BlockClass, Verdict
from cleaner.core.heuristics.copies import keep_copies_inside_article
from cleaner.core.heuristics.score import Score

KEEP = Verdict(True)
DUP = Verdict(False, "DUP001", "repeats")
GONE = Verdict(False, "REL001", "teaser box")


class F:  # the one feature the pass reads
    def __init__(self, folded):
        self.folded = folded


def run(texts, verdicts, classes=None):
    blocks = [Block(i, 0, len(t), t, 0, False, False) for i, t in enumerate(texts)]
    scores = [Score(c) for c in (classes or [BlockClass.GOOD] * len(texts))]
    return keep_copies_inside_article(blocks, [F(t.lower()) for t in texts], scores, verdicts)


def test_later_copies_inside_the_article_come_back_when_the_first_copies_went():
    texts = ["1. write good commit messages", "2. commit often", "intro", "1. write good commit messages",
             "2. commit often", "outro"]
    out = run(texts, [GONE, GONE, KEEP, DUP, DUP, KEEP])
    assert out[3].keep and out[4].keep


def test_later_copy_stays_out_when_the_first_copy_is_kept():
    texts = ["a pull quote", "intro", "a pull quote", "outro"]
    assert not run(texts, [KEEP, KEEP, DUP, KEEP])[2].keep


def test_copy_touching_removed_text_stays_out():
    """A menu printed again in the footer: the copy borders removed text."""
    texts = ["home news sport", "intro", "home news sport", "contact us"]
    assert not run(texts, [GONE, KEEP, DUP, GONE])[2].keep


def test_copy_that_scores_as_boilerplate_stays_out():
    texts = ["most read today", "intro", "most read today", "outro"]
    classes = [BlockClass.BAD, BlockClass.GOOD, BlockClass.BAD, BlockClass.GOOD]
    assert not run(texts, [GONE, KEEP, DUP, KEEP], classes)[2].keep


def test_end_to_end_list_printed_in_a_removed_box_and_in_the_article():
    items = ["Write good commit messages: start with a concise summary, then explain what changed and why it did.",
             "Commit often and push deliberately: make small, focused commits while you work on a change."]
    body = ("Version control is the backbone of every software team, and the habits around it decide how much "
            "time a team loses to merge conflicts, lost work and unclear history over the years.")
    text = "\n\n".join(["Git habits that help teams", "Related stories", *items, "Most popular", body, *items,
                        body.replace("backbone", "basis"), "Share this article"])
    result = clean(text=text, language="en")
    for item in items:  # once, and in the article: after its first paragraph
        assert result.text.count(item) == 1
        assert result.text.index(item) > result.text.index(body)
