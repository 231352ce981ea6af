"""Markup bounds before parsing: deep nesting flattened with its text kept, elements counted."""
from __future__ import annotations

import re

import pytest

from cleaner import clean
from cleaner.html.limits import _TAG, DIRECT_PARSE_TAGS, bound_markup, parse_bounded, strip_comments
from cleaner.options import Options

PARA = "<p>Deep text paragraph here with plenty of words in it to count as the article body.</p>"


def nested(depth: int, tag: str = "div", inner: str = PARA * 3) -> str:
    return f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</body></html>"


def test_shallow_page_passes_through_untouched():
    page = "<html><body>" + "<div><p>a</p><br><img src=x></div>" * 300 + "</body></html>"
    out, bounds = bound_markup(page, 200)
    assert out is page
    assert bounds.dropped == 0 and bounds.depth == 3


def test_tags_beyond_the_depth_are_dropped_and_their_text_kept():
    out, bounds = bound_markup(nested(500), 200)
    assert bounds.dropped == 500 + 2 - 200  # html and body count as levels too
    assert out.count("<div>") == 198 and out.count("</div>") == 198
    assert out.count("Deep text paragraph") == 3


def test_a_dropped_block_tag_keeps_words_apart_and_inline_tags_glue_nothing():
    out, _ = bound_markup("<div>" * 3 + "one<div>two</div>three <span>fo</span>ur" + "</div>" * 3, 2)
    text = re.sub(r"<[^>]*>", "", out)
    assert text.split() == ["one", "two", "three", "four"]


def test_void_optional_end_and_raw_text_elements_do_not_deepen():
    page = "<ul>" + "<li>item<br><img src=x>" * 400 + "</ul><script>" + "'<div>'" * 400 + "</script>"
    out, bounds = bound_markup(page, 5)
    assert bounds.dropped == 0 and bounds.depth == 1


def test_comments_do_not_count():
    assert strip_comments("a<!-- <div> -->b<!--c") == "ab"
    _, bounds = bound_markup("<!--" + "<div>" * 500 + "-->" + "<p>x</p>", 10)
    assert bounds.dropped == 0


def test_a_stray_end_tag_does_not_hide_real_depth():
    """</x> with no open <x> closes nothing, as in the parser, so the depth still grows."""
    _, bounds = bound_markup("<div></x>" * 300, 100)
    assert bounds.depth == 100 and bounds.dropped == 200


@pytest.mark.parametrize("hostile", ["<a" * 50_000, '<a x="' * 50_000, "<" * 100_000, "<!---->" * 30_000, "<div/>" * 50_000])
def test_the_scan_is_linear_on_hostile_markup(hostile):
    """The tag pattern is possessive after a fixed '<': tokens found are bounded by the '<'s."""
    out, bounds = bound_markup(hostile, 200)
    assert len(_TAG.findall(hostile)) <= hostile.count("<")
    assert bounds.elements <= hostile.count("<")
    assert len(out) <= len(hostile) + bounds.dropped


def test_clean_keeps_deeply_nested_text_and_flags_the_flattening():
    """lxml drops everything below depth 255: without flattening this text would be lost."""
    result = clean(html=nested(10_000))
    assert "Deep text paragraph here" in result.text
    assert any(w.startswith("html_depth:") for w in result.warnings)


def test_clean_flags_a_page_over_the_node_limit_and_still_returns_its_text():
    page = "<html><body>" + "".join(f"<div><p>Paragraph number {i} of a long listing page.</p></div>" for i in range(60)) + "</body></html>"
    result = clean(html=page, options={"max_html_nodes": 50})
    assert any(w.startswith("html_nodes:") for w in result.warnings)
    assert "Paragraph number 17 of a long listing page." in result.text


def test_an_ordinary_page_has_no_warnings():
    result = clean(html="<html><body><article><h1>Title</h1>" + PARA * 4 + "</article></body></html>")
    assert result.warnings == []


def test_depth_option_is_bounded_by_what_lxml_can_hold():
    with pytest.raises(ValueError):
        Options(max_html_depth=300)


def _depth_of_text(tree, needle: str) -> int:
    node = next(n for n in tree.body.traverse(include_text=True) if n.text_content and needle in n.text_content)
    depth = 0
    while node.parent is not None:
        node, depth = node.parent, depth + 1
    return depth


def test_parse_bounded_parses_a_small_shallow_page_directly():
    page = nested(20)
    tree, bounds = parse_bounded(page, 200, 30_000)
    assert not bounds.exact and bounds.dropped == 0
    assert bounds.elements >= page.count("<div>")  # an upper bound, enough to show the limit holds
    assert tree.body.text().count("Deep text paragraph") == 3


def test_parse_bounded_flattens_a_small_page_that_nests_too_deep():
    tree, bounds = parse_bounded(nested(500), 200, 30_000)
    assert bounds.exact and bounds.dropped == 500 + 2 - 200
    assert tree.body.text().count("Deep text paragraph") == 3
    assert _depth_of_text(tree, "Deep text paragraph") <= 200 + 2  # + the text node and <p>


def test_parse_bounded_scans_a_page_with_many_tags_before_parsing():
    page = nested(DIRECT_PARSE_TAGS + 10)
    tree, bounds = parse_bounded(page, 200, 30_000)
    assert bounds.exact and bounds.dropped > 0
    assert tree.body.text().count("Deep text paragraph") == 3


def test_parse_bounded_counts_elements_when_the_tags_may_exceed_the_node_limit():
    page = "<html><body>" + "<div><p>x</p></div>" * 50 + "</body></html>"
    _, bounds = parse_bounded(page, 10, 60)
    assert bounds.exact and bounds.elements == 102  # html, body, 50 <div> and 50 <p>
    assert any("html_nodes" in w for w in bounds.warnings(10, 60))  # the caller skips the extractor
