"""End-to-end gold: every seed cleans perfectly (the bar of ../shared/tools/seedcheck.py)."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from cleaner import clean
from tests.conftest import load_seeds

TOKEN = re.compile(r"\w+")


def fold(s: str) -> str:
    return " ".join(s.split())


def shingles(text: str, n: int = 4) -> Counter:
    toks = TOKEN.findall(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)))


def shingle_f1(true: str, pred: str) -> float:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp, fn = sum((p - t).values()), sum((t - p).values())
    if fp == fn == 0:
        return 1.0
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


@pytest.mark.parametrize("name,raw,gold", load_seeds(), ids=[s[0] for s in load_seeds()])
def test_seed_cleans_perfectly(name, raw, gold):
    result = clean(text=raw)
    body = result.text
    pred = fold(body)
    for line in gold["either"]:
        pred = pred.replace(fold(line), " ")
    assert shingle_f1("\n".join(gold["body"]), pred) == 1.0
    assert fold(result.title or "") == fold(gold["title"])
    assert fold(gold["title"]) not in fold(body)
    whole = fold((result.title or "") + " " + body)
    assert [d for d in gold["drop"] if fold(d) in whole] == []
    assert [g for g in gold["must_not_contain"] if g in body] == []


@pytest.mark.parametrize("name,raw,gold", load_seeds(), ids=[s[0] for s in load_seeds()])
def test_every_removed_span_slices_the_input_and_cites_a_rule(name, raw, gold):
    from cleaner import RULES

    result = clean(text=raw)
    assert result.removed
    for span in result.removed:
        assert raw[span.start:span.end] == span.text
        assert span.rule in RULES and span.reason
    assert sum(result.stats.removed_by_rule.values()) == len(result.removed)
