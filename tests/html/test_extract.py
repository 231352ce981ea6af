"""HTML mode end to end: extraction, fallback, offsets, empty pages."""
import json
from pathlib import Path

import pytest

from cleaner import clean

PARAS = [
    "The river rose by two metres overnight, and the town's lower streets were flooded by the morning.",
    "Volunteers filled sandbags in the market square while the fire brigade pumped water out of cellars.",
    "The mayor said the damage would be assessed once the water had gone down, probably by the weekend.",
]
PAGE = f"""<html lang="en"><head><title>River floods town</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li></ul></nav>
<article><h1>River floods town</h1>{''.join(f'<p>{p}</p>' for p in PARAS)}
<div class="share-buttons">Share this article</div>
<p>Sign up for our newsletter</p></article>
<aside class="related">Related: Bridge reopens</aside>
<footer>Copyright 2024 Valley News</footer></body></html>"""


def test_article_extracted_and_boilerplate_gone():
    result = clean(html=PAGE)
    assert result.mode == "html" and result.title == "River floods town"
    for para in PARAS:
        assert para in result.text
    for gone in ("Home", "Share this article", "Bridge reopens", "Copyright", "River floods town"):
        assert gone not in result.text


def test_removed_spans_structural_then_text_offsets():
    result = clean(html=PAGE)
    assert result.source_text
    structural = [r for r in result.removed if r.start is None]
    assert structural and all(r.rule.startswith("HTML") and r.end is None for r in structural)
    for span in result.removed:
        if span.start is not None:
            assert result.source_text[span.start:span.end] == span.text
    assert sum(1 for r in result.removed if r.rule.startswith("HTML")) == sum(
        n for code, n in result.stats.removed_by_rule.items() if code.startswith("HTML"))


def test_explain_off_has_no_source_text():
    result = clean(html=PAGE, options={"explain": False})
    assert result.source_text is None and result.removed == []
    assert PARAS[0] in result.text


@pytest.mark.parametrize("page", ["", "   \n\t ", b"", b"  ", "<html></html>", "<html><body>  </body></html>"])
def test_empty_pages(page):
    result = clean(html=page)
    assert result.mode == "html" and result.text == "" and result.paragraphs == []


def test_page_without_article_never_raises():
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav>"
            "<ul><li><a href='/1'>Product one</a></li><li><a href='/2'>Product two</a></li></ul>"
            "<footer>Contact us</footer></body></html>")
    result = clean(html=page)
    assert result.mode == "html"
    assert "Home" not in result.text and "Contact us" not in result.text


def test_fallback_to_pruned_text_when_extractor_finds_nothing(monkeypatch):
    from cleaner.html import extract

    monkeypatch.setattr(extract.trafilatura, "extract", lambda *a, **k: None)
    result = clean(html=PAGE)
    assert PARAS[1] in result.text
    assert "Home" not in result.text


def test_language_from_html_lang_unless_contradicted():
    assert clean(html=PAGE).language == "en"
    german = ("<html lang='en'><body><article>" + "".join(
        f"<p>Die Stadt hat am Montag beschlossen, dass die Brücke über den Fluss im nächsten Jahr {i} "
        "erneuert wird, weil sie nicht mehr sicher ist.</p>" for i in range(3)) + "</article></body></html>")
    assert clean(html=german).language == "de"
    assert clean(html=PAGE, language="fr").language == "fr"


def test_text_mode_seeds_still_pass_through_text_path():
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    golds = sorted((seeds / "gold").glob("*.json"))
    assert golds
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        assert clean(text=(seeds / gold["seed"]).read_text(encoding="utf-8")).mode == "text"


def _fake_extractor(calls, fast_text, default_text):
    def extract(*args, **kwargs):
        calls.append(kwargs["fast"])
        return fast_text if kwargs["fast"] else default_text
    return extract


def test_extract_that_missed_the_article_gives_way_to_the_pruned_page(monkeypatch):
    from cleaner.html import extract

    calls = []
    long_page = PAGE.replace("".join(f"<p>{p}</p>" for p in PARAS), "".join(f"<p>{p}</p>" for p in PARAS * 4))
    # fast mode finds one paragraph of a page holding twelve: a miss, the pruned page goes on
    monkeypatch.setattr(extract.trafilatura, "extract", _fake_extractor(calls, PARAS[0], "unused"))
    result = clean(html=long_page)
    assert calls == [True]
    assert all(p in result.text for p in PARAS)
    assert "Home" not in result.text


def test_short_extract_of_a_short_page_is_kept(monkeypatch):
    from cleaner.html import extract

    calls = []
    # the extract is short, but so is the page: no sign of a miss, and no whole-page
    # heuristics: the share widget the extract left out stays out
    monkeypatch.setattr(extract.trafilatura, "extract", _fake_extractor(calls, "\n".join(PARAS), "unused"))
    result = clean(html=PAGE, options={"explain": True})
    assert calls == [True]
    assert result.source_text.startswith(PARAS[0])


def test_long_extract_holding_a_small_share_of_the_page_is_a_miss():
    from cleaner.html.extract import MISS_PAGE_SHARE, looks_missed

    extract_text = "x" * 2000
    assert looks_missed(extract_text, (MISS_PAGE_SHARE + 1) * len(extract_text))
    assert not looks_missed(extract_text, MISS_PAGE_SHARE * len(extract_text))
    assert looks_missed("  \n", 10)


LONG = [
    "The river rose by two metres overnight, and the town's lower streets were flooded by the morning, "
    "before the first buses had left the depot.",
    "Volunteers filled sandbags in the market square while the fire brigade pumped water out of cellars "
    "along the old harbour road until late at night.",
    "The mayor said the damage would be assessed once the water had gone down, probably by the weekend, "
    "and that the council would pay for the clean-up.",
]


def test_paragraph_the_extractor_dropped_is_recovered_and_indexed_by_source_text(monkeypatch):
    from cleaner.html import extract

    page = PAGE.replace("".join(f"<p>{p}</p>" for p in PARAS), "".join(f"<p>{p}</p>" for p in LONG))
    # an extractor that keeps the first and the last paragraph only
    monkeypatch.setattr(extract.trafilatura, "extract", lambda *a, **k: f"{LONG[0]}\n{LONG[2]}")
    result = clean(html=page)
    assert LONG[1] in result.source_text and LONG[1] in result.text
    assert result.text.index(LONG[0]) < result.text.index(LONG[1]) < result.text.index(LONG[2])
    assert "Home" not in result.source_text
    for span in result.removed:
        if span.start is not None:
            assert result.source_text[span.start:span.end] == span.text


def test_language_detected_on_the_body_without_html_lang():
    german = ("<html><body><article>" + "".join(
        f"<p>Die Stadt hat am Montag beschlossen, dass die Brücke über den Fluss im nächsten Jahr {i} "
        "erneuert wird, weil sie nicht mehr sicher ist.</p>" for i in range(3)) + "</article></body></html>")
    assert clean(html=german).language == "de"


def test_html_lang_kept_when_the_body_is_too_short_to_contradict_it():
    page = "<html lang='pt-BR'><body><article><p>OK 2024</p></article></body></html>"
    assert clean(html=page).language == "pt"


def test_markup_the_extractor_discards_goes_before_it_and_the_text_stays(monkeypatch):
    import cleaner.html.extract as extract

    seen = []
    monkeypatch.setattr(extract, "extract_main_text", lambda page, url=None: seen.append(page) or "")
    page = (
        '<html><body><article><p>The <small>small</small> <font color="red">print</font> '
        '<abbr title="x">NATO</abbr> said.<img src="a.png"></p><picture><source srcset="b.webp"></picture>'
        '<table><tbody><tr><td>cell</td></tr></tbody></table>'
        '<address>Town Hall</address><p class="lead" data-track="1">Lead.</p></article></body></html>'
    )
    clean(html=page)
    (served,) = seen
    for gone in ("<small", "<font", "<abbr", "<img", "<picture", "<source", "<tbody", "data-track", "title="):
        assert gone not in served
    for kept in ("small", "print", "NATO", "<td>cell</td>", "<address>Town Hall</address>", 'class="lead"'):
        assert kept in served


def test_a_line_break_inside_a_heading_keeps_the_heading_one_line():
    """<h2>How the town<br>coped</h2> is one heading set on two lines: the extractor, the
    pruned page's lines and the page's heading list all read it as one line, words apart,
    so the recovery finds it (trafilatura drops a heading in its own wrapper) and the
    markdown heads the section with it; a break inside a paragraph still breaks it."""
    for heading in ("How the town<br>coped", "How the town <br>coped"):
        page = (f'<html lang="en"><body><div><p>{PARAS[0]}</p></div><div class="box"><h2>{heading}</h2></div>'
                f'<div><p>{PARAS[1]}<br>{PARAS[2]}</p></div></body></html>')
        result = clean(html=page, options={"format": "markdown"})
        assert f"\n\n## How the town coped\n\n{PARAS[1]}\n" in result.text, heading


def test_every_extractor_discard_list_is_trafilaturas_own_or_textless():
    from trafilatura.settings import MANUALLY_CLEANED, MANUALLY_STRIPPED

    from cleaner.html.extract import EXTRACTOR_DROPS, EXTRACTOR_UNWRAPS
    from cleaner.html.limits import VOID

    assert set(EXTRACTOR_UNWRAPS) <= set(MANUALLY_STRIPPED)
    assert all(tag in VOID or tag in MANUALLY_CLEANED or tag == "colgroup" for tag in EXTRACTOR_DROPS)


def _served(monkeypatch, page: str) -> str:
    import cleaner.html.extract as extract

    seen = []
    monkeypatch.setattr(extract, "extract_main_text", lambda html, url=None: seen.append(html) or "")
    clean(html=page)
    (served,) = seen
    return served


def test_an_article_holding_most_of_the_text_goes_to_the_extractor_alone(monkeypatch):
    teaser = "<div class='teaser'><p>Another story from the same paper, one sentence long.</p></div>"
    page = f"<html><body>{teaser}<article>{''.join(f'<p>{p}</p>' for p in PARAS)}</article></body></html>"
    served = _served(monkeypatch, page)
    assert "<article>" in served and "Another story" not in served


def test_an_article_holding_a_small_share_is_not_singled_out(monkeypatch):
    others = "".join(f"<section><p>{p}</p></section>" for p in PARAS)
    page = f"<html><body><article><p>{PARAS[0][:40]}</p></article>{others}</body></html>"
    served = _served(monkeypatch, page)
    assert all(p in served for p in PARAS)


def test_the_innermost_container_with_enough_text_is_chosen(monkeypatch):
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    page = (f"<html><body><main><h2>Section</h2><div class='x'><p>Side note.</p></div>"
            f"<article><div itemprop='articleBody'>{body}</div></article></main></body></html>")
    served = _served(monkeypatch, page)
    assert "itemprop" in served and "<article>" not in served and "Side note" not in served
