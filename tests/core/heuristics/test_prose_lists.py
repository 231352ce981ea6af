"""HEUR106 prose-list: sentence-like items between kept text come back past a sparse rule hit."""
from cleaner import clean
from cleaner.core.document import Block, Verdict
from cleaner.core.heuristics.gaps import fill_prose_lists, reads_as_sentence

KEEP = Verdict(True)
PROSE = "A paragraph long enough to be running text, kept by the earlier passes of the stage."
POINTS = [
    "* Identify struggling students early so teachers can provide help",
    "* Find which teaching methods work best for different learners",
    "* Track attendance patterns to reduce dropout rates",
    "* Allocate school resources better by understanding student needs",
]
LABELS = ["Data Platform Migration", "Gift Cards and Vouchers", "Stocking Stuffers", "Roast Variety Packs"]


def removed(rule: str) -> Verdict:
    return Verdict(False, rule, "x")


def blocks(texts: list[str]) -> list[Block]:
    return [Block(i, i * 100, i * 100 + len(t), t, 0, False, False) for i, t in enumerate(texts)]


def test_sentence_items_come_back_past_one_sparse_hit_which_stays_out():
    texts = [PROSE, "Education", *POINTS, PROSE]
    verdicts = [KEEP, removed("TAG002"), *[removed("HEUR101")] * 4, KEEP]
    out = fill_prose_lists(blocks(texts), verdicts)
    assert [v.keep for v in out] == [True, False, True, True, True, True, True]


def test_title_case_labels_stay_out():
    texts = [PROSE, "Menu", *LABELS, PROSE]
    verdicts = [KEEP, removed("NAV001"), *[removed("HEUR101")] * 4, KEEP]
    assert fill_prose_lists(blocks(texts), verdicts) == verdicts


def test_dense_hits_hold_the_run_out():
    texts = [PROSE, "Share", POINTS[0], "Tweet", POINTS[1], PROSE]
    verdicts = [KEEP, removed("SHARE001"), removed("HEUR101"), removed("SHARE001"), removed("HEUR101"), KEEP]
    assert fill_prose_lists(blocks(texts), verdicts) == verdicts


def test_a_run_with_only_half_sentences_needs_half_of_them():
    texts = [PROSE, "Education", POINTS[0], LABELS[0], LABELS[1], LABELS[2], PROSE]
    verdicts = [KEEP, removed("TAG002"), *[removed("HEUR101")] * 4, KEEP]
    assert fill_prose_lists(blocks(texts), verdicts) == verdicts


def test_runs_at_the_edges_of_the_page_stay_out():
    texts = ["Education", *POINTS, PROSE]
    verdicts = [removed("TAG002"), *[removed("HEUR101")] * 4, KEEP]
    assert fill_prose_lists(blocks(texts), verdicts) == verdicts


def test_runs_without_a_hit_are_left_to_heur102():
    texts = [PROSE, *POINTS, PROSE]
    verdicts = [KEEP, *[removed("HEUR101")] * 4, KEEP]
    assert fill_prose_lists(blocks(texts), verdicts) == verdicts


def test_reads_as_sentence():
    assert reads_as_sentence("* Track attendance patterns to reduce dropout rates")
    assert not reads_as_sentence("Track Attendance Patterns To Reduce Dropout Rates")
    assert not reads_as_sentence("reduce dropout rates")  # too short for a point
    assert not reads_as_sentence("$104.93 2.76 to 3.06 lbs")


def test_end_to_end():
    closing = "Another paragraph of running text closes the article, long enough to be kept by the stage."
    text = "\n\n".join([PROSE, "Education", *POINTS, closing])
    kept = clean(text=text).text
    assert "Track attendance patterns to reduce dropout rates" in kept
    assert "Education" not in kept
    off = clean(text=text, options={"disable": ["HEUR106"]})
    assert "HEUR106" not in {span.rule for span in off.removed}  # it never removes


def test_disabling_heur106_skips_its_pass():
    from cleaner.core.decide import PASSES
    assert [p.name for p in PASSES if "HEUR106" in p.codes] == ["prose-lists"]
