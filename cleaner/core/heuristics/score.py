"""Context-free block verdicts (jusText's classify step), from shape alone.

The aggressive preset is jusText's defaults; balanced keeps shorter lines, which the
article-column evidence (decide.align_to_article_column) then vets. Chosen on the
development corpus: balanced 0.849 F1 against 0.846 for jusText's own thresholds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from cleaner.core.document import Block, BlockClass
from cleaner.core.features import Features
from cleaner.options import Preset


@dataclass(frozen=True)
class Thresholds:
    # Below this many characters a block is too short to judge alone.
    length_low: int
    # Above this many, a block with enough function words is good outright.
    length_high: int
    # Function-word share below which a block is not running text.
    stopwords_low: float
    # Function-word share from which a block reads as prose.
    stopwords_high: float


THRESHOLDS = {
    Preset.CONSERVATIVE: Thresholds(length_low=40, length_high=100, stopwords_low=0.22, stopwords_high=0.25),
    Preset.BALANCED: Thresholds(length_low=55, length_high=120, stopwords_low=0.27, stopwords_high=0.29),
    Preset.AGGRESSIVE: Thresholds(length_low=70, length_high=200, stopwords_low=0.30, stopwords_high=0.32),
}


class Score(NamedTuple):
    cls: BlockClass
    code: str = ""  # heuristic code when the class is BAD
    reason: str = ""


_SHORT = Score(BlockClass.SHORT)


def score_block(
    block: Block, feats: Features, limits: Thresholds, has_stopwords: bool, judge_prose: bool = True
) -> Score:
    if feats.letters == 0:
        return Score(BlockClass.BAD, "HEUR001", "no letters")
    # Lengths in Latin-letter equivalents (Features.width): a CJK line says in 30
    # characters what an English one says in 60.
    if feats.width < limits.length_low:
        return _SHORT
    if not has_stopwords:
        # No stopword list for this language: length is the only evidence left.
        return Score(BlockClass.GOOD if feats.width >= limits.length_high else BlockClass.NEAR_GOOD)
    density = feats.stopword_density
    if density >= limits.stopwords_high:
        return Score(BlockClass.GOOD if feats.width >= limits.length_high else BlockClass.NEAR_GOOD)
    if density >= limits.stopwords_low or not judge_prose:
        # With HEUR002 disabled (tables and lists already chosen by an extractor) a
        # poor function-word share no longer condemns a block; context still decides.
        return Score(BlockClass.NEAR_GOOD)
    return Score(BlockClass.BAD, "HEUR002", f"function-word share {density:.2f} < {limits.stopwords_low:.2f}")


def score_blocks(
    blocks: list[Block], feats: list[Features], preset: Preset, has_stopwords: bool, judge_prose: bool = True
) -> list[Score]:
    limits = THRESHOLDS[preset]
    low = limits.length_low
    # A score depends on the measures alone, and repeated lines share one Features
    # record (features.measure_document): each distinct record is scored once. Short lines
    # with letters, most lines of a long page, all get the one SHORT score.
    scored: dict[int, Score] = {}
    out = []
    for block, f in zip(blocks, feats):
        if f.width < low and f.letters:
            out.append(_SHORT)
            continue
        score = scored.get(id(f))
        if score is None:
            score = scored[id(f)] = score_block(block, f, limits, has_stopwords, judge_prose)
        out.append(score)
    return out
