"""The decision stage: every keep/remove verdict on a block, made by one ordered list of passes.

Rules and heuristics only propose: rule hits (`rules/`), context-free block scores
(`heuristics/score.py`) and, for site profiles, the lines a site repeats. Here the
passes in PASSES, in that order and nowhere else, turn that evidence into one verdict
per block citing exactly one code, and find the headline. Each pass is a named
function over the Board with the codes it cites; disabling every one of its codes
(`Options.disable`) skips it. The pure decisions themselves live with their family
(`heuristics/<family>.py`, `rules/title.py`) and are tested there on hand-built blocks.

The HTML path feeds this same stage: its extract arrives as blocks with the page's
title, author and language as hints, and the codes that only make sense on a
whole-page scrape switched off (cleaner/html/extract.py, DISABLED_ON_EXTRACTED).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from cleaner.core.document import Block, BlockClass, Document, Hit, Strength, Verdict
from cleaner.core.features import Features
from cleaner.core.heuristics.copies import keep_copies_inside_article
from cleaner.core.heuristics.gaps import fill_article_gaps, fill_record_lists
from cleaner.core.heuristics.fallback import keep_something
from cleaner.core.heuristics.neighbours import promote_subheadings, revise
from cleaner.core.heuristics.posts import (
    keep_closing_lines, keep_following_sentences, keep_framed_posts, keep_opening_lines, keep_prose_runs,
)
from cleaner.core.heuristics.promos import bio_lexicon, drop_boxed_promos, drop_closing_bios
from cleaner.core.heuristics.records import keep_record_run
from cleaner.core.heuristics.score import Score
from cleaner.core.heuristics.sections import drop_outside_article, find_thread, keep_short_posts
from cleaner.core.heuristics.structure import (
    keep_announced_lists, keep_announced_questions, keep_introduced_lists, keep_joined_code, keep_tables, list_headers,
    question_headers,
)
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import is_disabled
from cleaner.core.rules.title import find_title


# The context codes a verdict may cite in place of a block's own score.
CONTEXT_CODES = ("HEUR101", "HEUR102", "HEUR103", "HEUR104")  # HEUR105 removes nothing
# Codes a block's verdict can carry from its score or its context: disabling one keeps
# the blocks it would have removed (HEUR001 was missing, so `disable` could not reach it).
VERDICT_CODES = ("HEUR001", "HEUR002", *CONTEXT_CODES)


@dataclass
class Board:
    """What the passes read (the evidence) and revise (classes, then verdicts, then title)."""

    ctx: RuleContext
    scores: list[Score]
    hits: list[Hit]  # rule hits, SITE001 excluded
    site_hits: list[Hit]  # SITE001: applied after the context passes
    headline_like: list[bool]
    disabled: tuple[str, ...] = ()
    title_hint: str | None = None
    strongest: dict[int, Hit] = field(default_factory=dict)
    classes: list[BlockClass] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    title: str | None = None
    warnings: list[str] = field(default_factory=list)  # for the result's `warnings`
    thread_markers: frozenset[int] | None = None  # a thread's post markers, once looked for

    @property
    def doc(self) -> Document:
        return self.ctx.doc

    @property
    def blocks(self) -> list[Block]:
        return self.ctx.doc.blocks

    @property
    def features(self) -> list[Features]:
        return self.ctx.features


class Pass(NamedTuple):
    name: str
    run: Callable[[Board], None]
    codes: tuple[str, ...] = ()  # the codes it cites; a pass with none always runs


def classify(board: Board) -> None:
    """Block classes from the scores, lowered by the strongest rule hit on each block."""
    board.strongest = strongest_hits(board.hits)
    board.classes = apply_hits(board.scores, board.strongest)


def revise_subheadings(board: Board) -> None:
    board.classes = promote_subheadings(board.classes, board.blocks, board.headline_like)


def revise_by_neighbours(board: Board) -> None:
    board.classes = revise(board.classes)


def word_verdicts(board: Board) -> None:
    disabled = frozenset(code for code in VERDICT_CODES if is_disabled(code, board.disabled))
    board.verdicts = first_verdicts(board.classes, board.scores, board.strongest, disabled)


def keep_prose_when_nothing_kept(board: Board) -> None:
    if not any(v.keep for v in board.verdicts):
        board.verdicts = relax(board.scores, board.strongest, board.verdicts)


def keep_article_copies(board: Board) -> None:
    board.verdicts = keep_copies_inside_article(board.blocks, board.features, board.scores, board.verdicts)


def fill_gaps_in_article(board: Board) -> None:
    board.verdicts = fill_article_gaps(board.blocks, board.verdicts)


def fill_record_lists_in_article(board: Board) -> None:
    board.verdicts = fill_record_lists(board.blocks, board.verdicts)


def keep_article_lists(board: Board) -> None:
    board.verdicts = keep_introduced_lists(board.blocks, board.verdicts)


def keep_announced_article_lists(board: Board) -> None:
    board.verdicts = keep_announced_lists(
        board.blocks, [f.folded for f in board.features], board.verdicts, list_headers(board.doc.language))


def keep_announced_article_questions(board: Board) -> None:
    board.verdicts = keep_announced_questions(
        board.blocks, [f.folded for f in board.features], board.verdicts, question_headers(board.doc.language))


def keep_article_tables(board: Board) -> None:
    board.verdicts = keep_tables(board.blocks, board.verdicts, board.doc.source)


def keep_article_code(board: Board) -> None:
    board.verdicts = keep_joined_code(board.blocks, board.verdicts)


def drop_promos(board: Board) -> None:
    board.verdicts = drop_boxed_promos(board.blocks, board.verdicts)


def keep_thread_posts(board: Board) -> None:
    """A thread's short posts come back; its markers are kept for the outside-article pass
    (the lines that came back are no markers, and post text between them already counted)."""
    thread = find_thread(board.blocks, board.verdicts)
    board.thread_markers = thread.markers if thread else frozenset()
    board.verdicts = keep_short_posts(board.blocks, board.verdicts, thread)


def drop_sections_outside_article(board: Board) -> None:
    board.verdicts = drop_outside_article(board.blocks, board.verdicts, board.thread_markers)


def drop_closing_author_bios(board: Board) -> None:
    board.verdicts = drop_closing_bios(board.blocks, board.verdicts, bio_lexicon(board.doc.language))


def keep_article_closing_lines(board: Board) -> None:
    board.verdicts = keep_closing_lines(board.blocks, board.verdicts)


def keep_article_opening_lines(board: Board) -> None:
    board.verdicts = keep_opening_lines(board.blocks, board.verdicts, board.thread_markers or frozenset())


def keep_article_following_sentences(board: Board) -> None:
    board.verdicts = keep_following_sentences(board.blocks, board.verdicts)


def keep_article_prose_runs(board: Board) -> None:
    prose = [score.cls is BlockClass.NEAR_GOOD for score in board.scores]
    board.verdicts = keep_prose_runs(board.blocks, board.features, prose, board.verdicts)


def keep_framed_post_lines(board: Board) -> None:
    board.verdicts = keep_framed_posts(board.blocks, board.verdicts)


def keep_records_without_article(board: Board) -> None:
    board.verdicts = keep_record_run(board.blocks, board.features, board.verdicts)


def drop_site_lines(board: Board) -> None:
    board.verdicts = remove_kept(board.verdicts, board.site_hits)


def keep_something_when_nothing_left(board: Board) -> None:
    """The passes above left (nearly) nothing: keep the short input whole, or the best region."""
    fallback = keep_something(board.blocks, board.features, board.verdicts)
    board.verdicts = fallback.verdicts
    if fallback.warning:
        board.warnings.append(fallback.warning)


def take_out_title(board: Board) -> None:
    """The headline, found among the final verdicts; it and its copies leave the body."""
    board.title, title_hits = find_title(board.ctx, board.verdicts, board.title_hint)
    if not is_disabled("TITLE", board.disabled):
        board.verdicts = overrule(board.verdicts, title_hits)


# The order of the stage. A pass whose codes are all disabled is skipped; the title is
# always looked for (the result's `title`), and only its removal obeys TITLE.
PASSES: tuple[Pass, ...] = (
    Pass("classify", classify),
    Pass("subheadings", revise_subheadings, ("HEUR101",)),
    Pass("neighbours", revise_by_neighbours, ("HEUR101",)),
    Pass("verdicts", word_verdicts),
    Pass("relax", keep_prose_when_nothing_kept),
    Pass("article-copies", keep_article_copies, ("DUP001",)),
    Pass("article-gaps", fill_gaps_in_article, ("HEUR102",)),
    Pass("record-lists", fill_record_lists_in_article, ("HEUR107",)),
    Pass("introduced-lists", keep_article_lists),
    Pass("announced-lists", keep_announced_article_lists, ("HEUR109",)),
    Pass("announced-questions", keep_announced_article_questions, ("HEUR110",)),
    Pass("tables", keep_article_tables),
    Pass("joined-code", keep_article_code, ("HEUR150",)),
    Pass("boxed-promos", drop_promos, ("HEUR103",)),
    Pass("thread-posts", keep_thread_posts, ("HEUR111",)),
    Pass("closing-lines", keep_article_closing_lines, ("HEUR119",)),
    Pass("opening-lines", keep_article_opening_lines, ("HEUR120",)),
    Pass("prose-runs", keep_article_prose_runs, ("HEUR141",)),
    Pass("outside-article", drop_sections_outside_article, ("HEUR104",)),
    Pass("closing-bios", drop_closing_author_bios, ("HEUR121",)),
    Pass("framed-posts", keep_framed_post_lines, ("HEUR118",)),
    Pass("following-sentences", keep_article_following_sentences, ("HEUR140",)),
    Pass("site-profile", drop_site_lines, ("SITE001",)),
    Pass("nothing-left", keep_something_when_nothing_left, ("HEUR105",)),
    Pass("record-run", keep_records_without_article, ("HEUR108",)),
    # The passes since the first gap pass brought back lines (closing and opening lines,
    # framed posts, thread posts, records): a shape-dropped run between them and the kept
    # text is a gap now, and a kept line ending in a colon may announce a list now.
    Pass("article-gaps-again", fill_gaps_in_article, ("HEUR102",)),
    Pass("introduced-lists-again", keep_article_lists),
    Pass("title", take_out_title),
)


def decide(board: Board, passes: tuple[Pass, ...] = PASSES) -> Board:
    """Run the passes in order over the board; its verdicts and title are the stage's answer."""
    for step in passes:
        if step.codes and all(is_disabled(code, board.disabled) for code in step.codes):
            continue
        step.run(board)
    return board


def strongest_hits(hits: list[Hit]) -> dict[int, Hit]:
    """Per block, the first CERTAIN hit, else the first SUGGEST hit."""
    best: dict[int, Hit] = {}
    for hit in hits:
        known = best.get(hit.block)
        if known is None or hit.strength > known.strength:
            best[hit.block] = hit
    return best


def apply_hits(scores: list[Score], hits: dict[int, Hit]) -> list[BlockClass]:
    """A certain hit makes a block bad; a suggestion lowers it one step."""
    classes = [s.cls for s in scores]
    for index, hit in hits.items():
        if hit.strength is Strength.CERTAIN or classes[index] is not BlockClass.GOOD:
            classes[index] = BlockClass.BAD
        else:
            classes[index] = BlockClass.NEAR_GOOD
    return classes


def relax(scores: list[Score], best: dict[int, Hit], verdicts: list[Verdict]) -> list[Verdict]:
    """Nothing survived the context pass: keep the prose-like blocks no rule claimed.

    A text that is one or two plain paragraphs has no good neighbours to lean on;
    returning nothing would be the worst answer (readability's relaxation ladder).
    """
    prose = (BlockClass.GOOD, BlockClass.NEAR_GOOD)
    return [Verdict(True) if scores[i].cls in prose and i not in best else v for i, v in enumerate(verdicts)]


def first_verdicts(
    classes: list[BlockClass], scores: list[Score], best: dict[int, Hit], disabled: frozenset[str]
) -> list[Verdict]:
    """A verdict per block from its class, score and strongest hit.

    The verdict depends on those alone, not on the block, and most blocks of a long
    page share a few such combinations: each is worded once.
    """
    worded: dict[tuple, Verdict] = {}
    out = []
    no_hit = (None, None, None)
    for i, cls in enumerate(classes):
        hit = best.get(i)
        key = (cls, scores[i], *(no_hit if hit is None else hit[1:]))
        verdict = worded.get(key)
        if verdict is None:
            verdict = worded[key] = _verdict(cls, scores[i], hit, disabled)
        out.append(verdict)
    return out


def _verdict(cls: BlockClass, score: Score, hit: Hit | None, disabled: frozenset[str]) -> Verdict:
    if hit is not None and (hit.strength is Strength.CERTAIN or cls is BlockClass.BAD):
        suffix = "" if hit.strength is Strength.CERTAIN else "; neighbours agree"
        return Verdict(False, hit.rule, hit.reason + suffix)
    if cls is BlockClass.GOOD or cls is BlockClass.NEAR_GOOD:
        return Verdict(True)
    if score.code and score.code not in disabled:
        return Verdict(False, score.code, score.reason)
    if score.cls is not BlockClass.BAD and "HEUR101" not in disabled:
        return Verdict(False, "HEUR101", f"{score.cls.value} block among boilerplate")
    return Verdict(True)


def remove_kept(verdicts: list[Verdict], hits: list[Hit]) -> list[Verdict]:
    """Hits that remove a block the other stages kept (a removed block keeps its first code)."""
    out = list(verdicts)
    for hit in hits:
        if out[hit.block].keep:
            out[hit.block] = Verdict(False, hit.rule, hit.reason)
    return out


def overrule(verdicts: list[Verdict], hits: list[Hit]) -> list[Verdict]:
    """Title hits take their blocks out whatever the heuristics said."""
    out = list(verdicts)
    for hit in hits:
        out[hit.block] = Verdict(False, hit.rule, hit.reason)
    return out
