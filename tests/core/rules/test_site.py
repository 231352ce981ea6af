"""SITE001 (cleaner/core/rules/site.py): lines a site repeats on most of its learned pages."""
from __future__ import annotations

import itertools

import pytest

from cleaner import Options, clean
from cleaner.errors import InvalidInput
from cleaner.core.pipeline import clean_text
from cleaner.profiles.learn import document_lines
from cleaner.profiles.lookup import ProfileReader
from cleaner.profiles.store import Counts, MemoryStore, ProfileError, SQLiteStore
from phrasecases import BODY

SITE = "zebra.example"
UI_LINE = "Zebra Quarterly reader club"
SENTENCE = ("The Zebra Quarterly is published by the Zebra Foundation, an independent charity "
            "registered in 1998 that funds wildlife journalism.")


# Paragraphs are ordered triples of the six English body sentences, three per page, so
# every page's paragraphs are its own (up to 40 pages), as an article's are.
TRIPLES = list(itertools.permutations(range(6), 3))
TOPICS = ["fares", "unions", "stations", "funding", "timetables", "rural lines", "borrowing", "tickets"]


def article(n: int, *extra: str) -> str:
    """Page n: its own headline and paragraphs, with the extra lines after the first paragraph."""
    paras = [" ".join(BODY["en"][i] for i in TRIPLES[3 * n + k]) for k in range(3)]
    title = f"Rail plan: what it means for {TOPICS[n % 8]} and {TOPICS[(n // 8) % 8]} ({'new' * (n // 64 + 1)})"
    return "\n\n".join([title, paras[0], *extra, *paras[1:]])


def paragraphs(n: int) -> list[str]:
    return article(n).split("\n\n")[1:]


def learned(pages: list[str], site: str = SITE) -> MemoryStore:
    store = MemoryStore()
    counts = Counts()
    for i, text in enumerate(pages):
        counts.add(site, i, document_lines(text))
    store.commit(counts)
    return store


def run(store: MemoryStore, text: str, site: str = SITE, **thresholds):
    opts = Options(**{f"site_{k}": v for k, v in thresholds.items()})
    profile = ProfileReader(store).profile(
        site, min_documents=opts.site_min_documents, share=opts.site_share, long_share=opts.site_long_share)
    return clean_text(text, opts, language="en", site=profile)


def site_spans(result) -> dict[str, str]:
    return {span.text: span.reason for span in result.removed if span.rule == "SITE001"}


def pages_with(line: str, holding: int, total: int) -> list[str]:
    return [article(i, line) if i < holding else article(i) for i in range(total)]


def test_line_on_every_page_goes_with_its_frequency():
    store = learned(pages_with(UI_LINE, 12, 12))
    result = run(store, article(39, UI_LINE))
    assert site_spans(result) == {UI_LINE: f"line occurs in 12 of 12 pages of {SITE}"}
    assert UI_LINE not in result.text
    assert all(p in result.text for p in paragraphs(39))


@pytest.mark.parametrize("total", [2, 3, 9])
def test_few_pages_never_trigger(total):
    store = learned(pages_with(UI_LINE, total, total))
    result = run(store, article(39, UI_LINE))
    assert site_spans(result) == {}


def test_short_line_needs_the_share():
    assert site_spans(run(learned(pages_with(UI_LINE, 4, 10)), article(39, UI_LINE))) == {}
    assert UI_LINE in site_spans(run(learned(pages_with(UI_LINE, 5, 10)), article(39, UI_LINE)))


def test_long_sentence_needs_the_higher_share():
    assert UI_LINE in site_spans(run(learned(pages_with(UI_LINE, 6, 10)), article(39, UI_LINE)))
    kept = run(learned(pages_with(SENTENCE, 6, 10)), article(39, SENTENCE))
    assert site_spans(kept) == {} and SENTENCE in kept.text
    gone = run(learned(pages_with(SENTENCE, 7, 10)), article(39, SENTENCE))
    assert SENTENCE in site_spans(gone)


def test_thresholds_come_from_options():
    store = learned(pages_with(UI_LINE, 3, 10))
    assert site_spans(run(store, article(39, UI_LINE))) == {}
    assert UI_LINE in site_spans(run(store, article(39, UI_LINE), share=0.3))
    few = learned(pages_with(UI_LINE, 4, 4))
    assert UI_LINE in site_spans(run(few, article(39, UI_LINE), min_documents=4))


def test_digit_variants_count_as_one_line():
    store = learned([article(i, f"Edition {i + 1} of {2000 + i}, page {i % 7}") for i in range(12)])
    result = run(store, article(39, "Edition 140 of 2031, page 3"))
    assert "Edition 140 of 2031, page 3" in site_spans(result)


def test_article_text_repeated_on_two_pages_stays():
    quote = "Officials quoted the same statement in two articles, word for word, as reporters do."
    store = learned([article(i, UI_LINE, quote) if i < 2 else article(i, UI_LINE) for i in range(30)])
    result = run(store, article(39, UI_LINE, quote))
    assert quote in result.text
    assert UI_LINE in site_spans(result)


def test_other_site_is_untouched():
    store = learned(pages_with(UI_LINE, 12, 12))
    assert site_spans(run(store, article(39, UI_LINE), site="other.example")) == {}


def test_clean_applies_a_profile_db_by_url(tmp_path):
    path = tmp_path / "profiles.db"
    db = SQLiteStore(path)
    counts = Counts()
    for i in range(12):
        counts.add(SITE, i, document_lines(article(i, UI_LINE)))
    db.commit(counts)
    db.close()
    opts = Options(profiles=str(path))
    text = article(39, UI_LINE)
    by_url = clean(text=text, url=f"https://www.{SITE}/news/1", language="en", options=opts)
    assert UI_LINE in site_spans(by_url)
    by_site = clean(text=text, site=SITE, language="en", options=opts)
    assert UI_LINE in site_spans(by_site)
    assert site_spans(clean(text=text, language="en", options=opts)) == {}  # no site: no profile
    off = clean(text=text, url=f"https://{SITE}/a", language="en", options=Options(profiles=str(path), disable=["SITE"]))
    assert site_spans(off) == {}
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</article></body></html>"
    in_html = clean(html=html, url=f"https://{SITE}/b", language="en", options=opts)
    assert UI_LINE not in in_html.text


def test_bad_profile_path_and_site_are_input_errors(tmp_path):
    with pytest.raises(ProfileError, match="no such profile DB"):
        clean(text="Some text here.", url="https://a.example/", options=Options(profiles=str(tmp_path / "none.db")))
    with pytest.raises(InvalidInput):
        clean(text="Some text here.", site=42)  # type: ignore[arg-type]
