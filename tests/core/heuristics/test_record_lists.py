"""HEUR107 record-list: a listing of records with recurring field labels between kept text comes back."""
from cleaner.core.document import Block, Verdict
from cleaner.core.heuristics.gaps import field_label, fill_record_lists, record_extent

KEEP = Verdict(True)
PROSE = "A paragraph long enough to be running text, kept by the earlier passes of the stage."


def removed(rule: str) -> Verdict:
    return Verdict(False, rule, "x")


def blocks(texts: list[str]) -> list[Block]:
    return [Block(i, i * 100, i * 100 + len(t), t, 0, False, False) for i, t in enumerate(texts)]


def papers(n: int) -> tuple[list[str], list[Verdict]]:
    texts, verdicts = [], []
    for i in range(n):
        texts += [f"[{i}] arXiv:2603.0{i}", f"Title: Paper number {i}", f"Author {i}, Other {i}",
                  "Comments: 12 pages", "Subjects: Artificial Intelligence (cs.AI)"]
        verdicts += [removed("HEUR101"), removed("HEUR101"), removed("HEUR002"),
                     removed("HEUR101" if i == 0 else "DUP001"), removed("TAG001")]
    return texts, verdicts


def test_records_come_back_with_their_repeats_and_the_hits_stay_out():
    texts, verdicts = papers(3)
    out = fill_record_lists(blocks([PROSE, *texts, PROSE]), [KEEP, *verdicts, KEEP])
    kept = [t for t, v in zip([PROSE, *texts, PROSE], out) if v.keep]
    assert "Title: Paper number 2" in kept and kept.count("Comments: 12 pages") == 3
    assert "Subjects: Artificial Intelligence (cs.AI)" not in kept


def test_two_recurring_labels_are_not_enough():
    texts = [PROSE] + ["Title: a", "Comments: b", "More"] * 3 + [PROSE]
    verdicts = [KEEP] + [removed("HEUR101"), removed("HEUR101"), removed("NAV001")] * 3 + [KEEP]
    assert fill_record_lists(blocks(texts), verdicts) == verdicts


def test_a_menu_has_no_fields():
    texts = [PROSE] + ["Home", "News", "Sport", "Menu", "Weather", "Contact"] * 2 + [PROSE]
    verdicts = [KEEP] + [removed("HEUR101")] * 3 + [removed("NAV001")] + [removed("HEUR101")] * 8 + [KEEP]
    assert fill_record_lists(blocks(texts), verdicts) == verdicts


def test_runs_at_the_edges_of_the_page_stay_out():
    texts, verdicts = papers(3)
    assert fill_record_lists(blocks([*texts, PROSE]), [*verdicts, KEEP]) == [*verdicts, KEEP]


def test_field_labels():
    assert field_label("Title: Judge Reliability Harness") == "title"
    assert field_label("* Temperature Rating:") == "temperature rating"
    assert field_label("Because of this, we decided: no") is None  # a sentence, not a label
    assert field_label("https://example.com") is None
    assert field_label("12:30 kick-off") is None


def test_is_record_list_counts_distinct_recurring_labels():
    assert record_extent(blocks(["Weight: 1", "Size: 2", "Colour: 3"] * 3)) is not None
    assert record_extent(blocks(["Weight: 1", "Size: 2"] * 5)) is None


def test_lines_around_the_records_stay_out():
    texts, verdicts = papers(3)
    texts = [PROSE, "Your cart is empty", *texts, "Showing 1 to 3 of 19 papers", PROSE]
    verdicts = [KEEP, removed("HEUR101"), *verdicts, removed("HEUR101"), KEEP]
    out = fill_record_lists(blocks(texts), verdicts)
    kept = [t for t, v in zip(texts, out) if v.keep]
    assert "Title: Paper number 0" in kept
    assert "Your cart is empty" not in kept and "Showing 1 to 3 of 19 papers" not in kept
