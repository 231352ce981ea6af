"""HEUR141 prose-run: two or more prose sentences in a row, dropped by the context revision, come back."""
from cleaner.core.features import measure
from cleaner.core.heuristics.posts import keep_prose_runs
from cleaner.core.lexicon import stopwords

from tests.core.heuristics.verdicts import KEEP, removed, text_blocks

EN = stopwords("en")
S1 = "British Foreign Secretary Elizabeth Truss said she was appalled by the allegations."
S2 = "As a result of the arrest, the Deputy Premier will function as Acting Premier."
S3 = "He also urged calm and patience, saying he could not comment further on the case."


def kept(texts, rules, prose=None):
    blocks = text_blocks(texts)
    features = [measure(b, EN) for b in blocks]
    prose = prose if prose is not None else [True] * len(texts)
    verdicts = [KEEP if r is None else removed(r) for r in rules]
    return [v.keep for v in keep_prose_runs(blocks, features, prose, verdicts)]


def test_a_run_of_prose_sentences_between_ad_markers_comes_back():
    texts = ["- Advertisement -", S1, S2, S3, "- Advertisement -"]
    rules = ["AD001", "HEUR101", "HEUR101", "HEUR101", "AD001"]
    assert kept(texts, rules, [False, True, True, True, False]) == [False, True, True, True, False]


def test_two_sentences_are_a_run():
    assert kept([S1, S2], ["HEUR101", "HEUR101"]) == [True, True]


def test_one_sentence_alone_stays_out():
    assert kept(["Share", S1, "Share"], ["SHARE001", "HEUR101", "SHARE001"], [False, True, False]) == [False] * 3


def test_lines_that_end_no_sentence_break_the_run():
    texts = [S1, "Turkey, Poland and three Caribbean islands added to the UK quarantine list", S2]
    assert kept(texts, ["HEUR101"] * 3) == [False, False, False]


def test_questions_do_not_count():
    texts = ["Can a PhD student be paid to collaborate on research outside their topic?",
             "Does it make sense to reduce contributions if a future employer has a better match?"]
    assert kept(texts, ["HEUR101", "HEUR101"]) == [False, False]


def test_only_near_good_lines_dropped_by_the_context_revision():
    assert kept([S1, S2], ["HEUR101", "HEUR101"], [True, False]) == [False, False]
    assert kept([S1, S2], ["HEUR002", "HEUR101"]) == [False, False]
    assert kept([S1, S2], ["LEGAL001", "HEUR101"]) == [False, False]


def test_a_run_under_a_related_stories_header_stays_out():
    assert kept(["Related stories", S1, S2], ["REL001", "HEUR101", "HEUR101"], [False, True, True]) == [False] * 3
    assert kept(["Share", S1, S2], ["SHARE001", "HEUR101", "HEUR101"], [False, True, True]) == [False, True, True]
