"""HEUR140 sentence-after-text: a not-prose sentence directly under kept text comes back."""
from cleaner.core.heuristics.posts import keep_following_sentences

from tests.core.heuristics.verdicts import KEEP, removed, text_blocks

ARTICLE = "The interview went on for an hour, and we talked about the shop's first digital steps and tools."


def kept(texts, verdicts):
    return [v.keep for v in keep_following_sentences(text_blocks(texts), verdicts)]


def test_a_not_prose_sentence_under_kept_text_comes_back():
    texts = [ARTICLE, "3. Install dependencies separately and earlier in your Dockerfile to ensure faster builds."]
    assert kept(texts, [KEEP, removed("HEUR002")]) == [True, True]


def test_a_run_of_such_sentences_comes_back_line_by_line():
    texts = [ARTICLE, "Baal T, Denke B, Mühlen W, 1994. Die Ursachen des Massensterbens.",
             "Jacobs W, 1998. Biologie und Ökologie der Insekten."]
    assert kept(texts, [KEEP, removed("HEUR002"), removed("HEUR002")]) == [True, True, True]


def test_a_line_that_ends_no_sentence_stays_out():
    texts = [ARTICLE, "Home News Sport Weather Culture Travel Future Worklife"]
    assert kept(texts, [KEEP, removed("HEUR002")]) == [True, False]


def test_a_short_sentence_stays_out():
    assert kept([ARTICLE, "Foto: dpa."], [KEEP, removed("HEUR002")]) == [True, False]


def test_only_not_prose_drops_come_back():
    sentence = "Read our full Privacy Policy as well as Terms & Conditions."
    for rule in ("HEUR101", "LEGAL002", "HEUR104"):
        assert kept([ARTICLE, sentence], [KEEP, removed(rule)]) == [True, False]


def test_a_sentence_not_under_kept_text_stays_out():
    texts = [ARTICLE, "Share this", "Verlag Dr. Otto Schmidt, 5. Auflage, 2014, 896 Seiten."]
    assert kept(texts, [KEEP, removed("SHARE001"), removed("HEUR002")]) == [True, False, False]
    assert kept(texts[2:] + [ARTICLE], [removed("HEUR002"), KEEP]) == [False, True]
