"""HEUR105 nothing-left: a short input emptied by the heuristics comes back whole, a longer
one keeps its best region; rule removals stay; the result's warnings say which."""
from cleaner import clean
from cleaner.core.document import Block, Verdict
from cleaner.core.features import measure
from cleaner.core.heuristics.fallback import (
    NEARLY_NOTHING_CHARS,
    REGION_LINE_COST,
    SHORT_INPUT_CHARS,
    best_region,
    keep_something,
)

KEEP = Verdict(True)


def removed(rule: str) -> Verdict:
    return Verdict(False, rule, "test")


def page(*texts: str) -> tuple[list[Block], list]:
    blocks = [Block(i, 0, len(t), t, 0, False, False) for i, t in enumerate(texts)]
    return blocks, [measure(b, frozenset()) for b in blocks]


def test_a_short_input_the_heuristics_emptied_comes_back_whole_with_a_warning():
    blocks, feats = page("Headline", "Body paragraph.")
    out = keep_something(blocks, feats, [removed("HEUR101"), removed("HEUR101")])
    assert out.verdicts == [KEEP, KEEP]
    assert out.warning.startswith("short_input_kept:") and "(2 lines); it is returned whole" in out.warning


def test_lines_a_rule_removed_stay_removed():
    blocks, feats = page("Home | News | Sport", "A short note about the meeting.", "Share on Facebook")
    verdicts = [removed("NAV001"), removed("HEUR101"), removed("SHARE001")]
    out = keep_something(blocks, feats, verdicts)
    assert out.verdicts == [removed("NAV001"), KEEP, removed("SHARE001")]
    assert "returned but for the 2 lines a rule named" in out.warning


def test_an_input_with_something_kept_is_left_alone():
    blocks, feats = page("x" * 300, "y" * NEARLY_NOTHING_CHARS)
    verdicts = [removed("HEUR101"), KEEP]
    assert keep_something(blocks, feats, verdicts) == (verdicts, None)


def test_a_lone_date_left_of_a_long_page_counts_as_nothing():
    lines = ["Menu item"] * 20 + ["A long paragraph of the article that the heuristics misread. " * 4] * 4 + ["Footer"] * 20
    blocks, feats = page("17 May 2024", *lines)
    verdicts = [KEEP] + [removed("HEUR101")] * len(lines)
    out = keep_something(blocks, feats, verdicts)
    assert out.warning.startswith("best_region_kept:")
    assert [v.keep for v in out.verdicts] == [True] + [False] * 20 + [True] * 4 + [False] * 20


def test_the_best_region_is_the_run_with_the_most_text_net_of_a_cost_per_line():
    blocks, feats = page("ab", "x" * 200, "cd", "y" * 150, *["z"] * 30, "w" * 100)
    undoable = [True] * len(blocks)
    assert best_region(feats, undoable) == (1, 4)
    # a line only a rule removed adds nothing but its cost
    assert best_region(feats, [True, False, True, True] + [True] * 31) == (3, 4)
    assert REGION_LINE_COST > 1  # short menu lines cost more than they bring


def test_nothing_with_letters_is_left_alone():
    blocks, feats = page("12345", "----")
    verdicts = [removed("HEUR001"), removed("HEUR001")]
    assert keep_something(blocks, feats, verdicts) == (verdicts, None)


def test_clean_returns_a_short_note_with_the_warning_and_the_code():
    result = clean(text="Headline\n\nBody paragraph.")
    assert result.text == "Headline\n\nBody paragraph."
    assert len(result.warnings) == 1 and result.warnings[0].startswith("short_input_kept:")
    assert "HEUR105" in result.warnings[0]


def test_disabling_heur105_lets_the_input_be_emptied():
    result = clean(text="Headline\n\nBody paragraph.", options={"disable": ["HEUR105"]})
    assert result.text == "" and result.warnings == []


def test_an_article_cleaned_as_usual_has_no_warning(seeds):
    for _, text, _ in seeds:
        assert clean(text=text).warnings == []


def test_a_long_input_emptied_keeps_its_best_region():
    menu = "\n".join(f"Section {i}" for i in range(40))
    listing = "\n".join(f"Item {i}: blue cotton shirt, size M, 19.99 EUR, ships in two days" for i in range(30))
    result = clean(text=f"{menu}\n\n{listing}\n\n{menu}")
    assert len(menu) + len(listing) > SHORT_INPUT_CHARS
    assert result.warnings[0].startswith("best_region_kept:")  # the heuristics emptied this listing
    assert "Item 0: blue cotton shirt" in result.text and "Item 29:" in result.text
    assert "Section 5" not in result.text
