"""Context-free block verdicts, on hand-built blocks."""
from cleaner.core.document import Block, BlockClass
from cleaner.core.features import measure
from cleaner.core.heuristics.score import THRESHOLDS, score_block
from cleaner.core.lexicon import stopwords
from cleaner.options import Preset

LIMITS = THRESHOLDS[Preset.BALANCED]


def verdict(text, lang="en"):
    block = Block(0, 0, len(text), text, 0, False, False)
    return score_block(block, measure(block, stopwords(lang)), LIMITS, True)


def test_no_letters_is_bad_with_its_code():
    assert (verdict("12 | 34 -").cls, verdict("12 | 34 -").code) == (BlockClass.BAD, "HEUR001")


def test_short_lines_are_left_to_context():
    assert verdict("Most Popular").cls is BlockClass.SHORT


def test_long_prose_is_good():
    text = "The United States said on Thursday that it stands ready to continue the talks with the North, and that it has been waiting for an answer."
    assert verdict(text).cls is BlockClass.GOOD


def test_long_lists_of_names_are_not_prose():
    text = "Politik Wirtschaft Sport Kultur Panorama Wissen Gesundheit Digital Reise Auto Karriere Immobilien Familie"
    result = verdict(text, "de")
    assert (result.cls, result.code) == (BlockClass.BAD, "HEUR002")


def test_disabling_heur002_leaves_poor_prose_to_context():
    text = "Politik Wirtschaft Sport Kultur Panorama Wissen Gesundheit Digital Reise Auto Karriere Immobilien Familie"
    block = Block(0, 0, len(text), text, 0, False, False)
    result = score_block(block, measure(block, stopwords("de")), LIMITS, True, judge_prose=False)
    assert (result.cls, result.code) == (BlockClass.NEAR_GOOD, "")


def test_disabling_heur001_keeps_letterless_lines():
    from cleaner import clean

    prose = ("The index rose by two points over the month, its best run since the spring, "
             "and the analysts expect the rise to hold until the end of the year.")
    # one figure alone is a counter, not a table row (a row of figures comes back, HEUR102)
    text = f"{prose}\n| 2013 |\n{prose.replace('two', 'three')}"
    assert "| 2013 |" not in clean(text=text).text
    kept = clean(text=text, options={"disable": ["HEUR001"]})
    assert "| 2013 |" in kept.text
    assert "HEUR001" not in kept.stats.removed_by_rule
