"""Markdown and HTML renderers: every block type, the escaping that keeps text literal,
and markdown that parses (markdown-it-py, CommonMark + GFM tables) into what was meant."""
from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from cleaner.core.structure.render import md_line, to_html, to_markdown
from cleaner.result import BodyBlock

MD = MarkdownIt("commonmark").enable("table")


def tokens(source: str) -> list[str]:
    return [t.type for t in MD.parse(source) if t.nesting >= 0 and t.type != "inline"]


def inline_texts(source: str) -> list[str]:
    return ["".join(c.content for c in t.children or [] if c.type in ("text", "code_inline"))
            for t in MD.parse(source) if t.type == "inline"]


def test_heading_paragraph_list_table_quote_code():
    blocks = [
        BodyBlock(type="heading", text="Budget", level=2),
        BodyBlock(type="paragraph", text="The council voted."),
        BodyBlock(type="list", text="- roads\n- schools", items=["roads", "schools"], ordered=False),
        BodyBlock(type="table", text="", rows=[["Name", "Age"], ["Bob", "32"]], header=True),
        BodyBlock(type="quote", text="We did it."),
        BodyBlock(type="code", text="x = 1\nprint(x)"),
    ]
    md = to_markdown(blocks)
    kinds = [t.type for t in MD.parse(md) if t.type.endswith("_open") or t.type == "fence"]
    assert "heading_open" in kinds and "bullet_list_open" in kinds and "table_open" in kinds
    assert "blockquote_open" in kinds and "fence" in kinds
    assert [t for t in MD.parse(md) if t.type == "heading_open"][0].tag == "h2"
    assert [t.content for t in MD.parse(md) if t.type == "fence"] == ["x = 1\nprint(x)\n"]
    texts = inline_texts(md)
    for text in ("Budget", "The council voted.", "roads", "schools", "Name", "Age", "Bob", "32", "We did it."):
        assert text in texts


@pytest.mark.parametrize("text", [
    "# not a heading", "1. not a list", "- not a list", "+ plus", "> not a quote", "*not emphasis*",
    "a_b_c and __init__", "[not](a link)", "<b>not html</b>", "&amp; stays", "---", "| not | a table |",
    "back\\slash", "`not code`", "ends with #",
])
def test_text_that_looks_like_markup_stays_text(text):
    md = to_markdown([BodyBlock(type="paragraph", text=text)])
    assert [t.type for t in MD.parse(md)] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_texts(md) == [text]


def test_heading_text_ending_in_a_hash_keeps_it():
    md = to_markdown([BodyBlock(type="heading", text="Issue #", level=3)])
    assert inline_texts(md) == ["Issue #"]


def test_an_ordered_list_keeps_the_texts_numbers():
    block = BodyBlock(type="list", text="3. oven\n4. bake", items=["oven", "bake"], ordered=True)
    md = to_markdown([block])
    opened = [t for t in MD.parse(md) if t.type == "ordered_list_open"]
    assert md.startswith("3. oven") and opened and opened[0].attrGet("start") == 3


def test_two_lists_in_a_row_stay_two_lists():
    a = BodyBlock(type="list", text="", items=["a", "b"], ordered=False)
    b = BodyBlock(type="list", text="", items=["c"], ordered=False)
    c = BodyBlock(type="list", text="", items=["d"], ordered=False)
    md = to_markdown([a, b, c])
    assert sum(1 for t in MD.parse(md) if t.type == "bullet_list_open") == 3


@pytest.mark.parametrize("delimiter", [".", ")"])
def test_two_ordered_lists_in_a_row_stay_two_lists_whatever_their_delimiter(delimiter):
    a = BodyBlock(type="list", text=f"1{delimiter} a\n2{delimiter} b", items=["a", "b"], ordered=True)
    b = BodyBlock(type="list", text=f"1{delimiter} c\n2{delimiter} d", items=["c", "d"], ordered=True)
    md = to_markdown([a, b])
    assert sum(1 for t in MD.parse(md) if t.type == "ordered_list_open") == 2


def test_table_cells_with_pipes_and_a_table_without_header():
    block = BodyBlock(type="table", text="", rows=[["a|b", "c"], ["d", ""]], header=False)
    md = to_markdown([block])
    cells = [t for t in inline_texts(md)]
    assert cells[:2] == ["", ""], "no row is promoted to a header it was not"
    assert "a|b" in cells and "d" in cells


def test_md_line_escapes_only_a_block_start():
    assert md_line("2024 was a year") == "2024 was a year"
    assert md_line("1. item") == "1\\. item"


def test_html_escapes_text_and_uses_the_semantic_tags():
    blocks = [
        BodyBlock(type="heading", text="A <b> & C", level=3),
        BodyBlock(type="list", text="", items=["x"], ordered=True),
        BodyBlock(type="table", text="", rows=[["h"], ["v"]], header=True),
        BodyBlock(type="quote", text="q"),
        BodyBlock(type="code", text="<script>"),
    ]
    out = to_html(blocks)
    assert "<h3>A &lt;b&gt; &amp; C</h3>" in out
    assert "<ol><li>x</li></ol>" in out
    assert "<thead><tr><th>h</th></tr></thead><tbody><tr><td>v</td></tr></tbody>" in out
    assert "<blockquote><p>q</p></blockquote>" in out and "<pre><code>&lt;script&gt;</code></pre>" in out


def test_links_are_written_where_their_text_is_and_unsafe_targets_are_not():
    block = BodyBlock(type="paragraph", text="See the report here.", links=[("report", "https://x.org/r")])
    assert to_markdown([block]) == "See the [report](https://x.org/r) here."
    assert 'the <a href="https://x.org/r">report</a> here' in to_html([block])
    bad = BodyBlock(type="paragraph", text="Click me", links=[("me", "javascript:alert(1)")])
    assert "javascript" not in to_html([bad]) and "javascript" not in to_markdown([bad])


def test_a_linked_line_that_looks_like_a_list_stays_a_paragraph():
    block = BodyBlock(type="paragraph", text="1. See the report", links=[("report", "/r")])
    md = to_markdown([block])
    assert [t.type for t in MD.parse(md)] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_texts(md) == ["1. See the report"]


NESTED = BodyBlock(type="list", text="1. one\n- a\n- deep\n- b\n2. two", ordered=True,
                   items=["one", "a", "deep", "b", "two"], depths=[0, 1, 2, 1, 0])


def test_a_nested_list_parses_as_lists_inside_items():
    md = to_markdown([NESTED])
    parsed = MD.parse(md)
    opens = [(t.type, t.level) for t in parsed if t.type.endswith("list_open")]
    assert opens[0][0] == "ordered_list_open" and len(opens) == 3, md
    assert [t.type for t in parsed if t.type.endswith("list_open")].count("bullet_list_open") == 2
    assert [t.info for t in parsed if t.type == "list_item_open" and t.info] == ["1", "2"], \
        "the outer items are numbered 1, 2: nested items do not count"
    assert inline_texts(md) == ["one", "a", "deep", "b", "two"]


def test_a_nested_list_in_html_nests_its_elements():
    from lxml import html as lxml_html

    root = lxml_html.fromstring(to_html([NESTED]))
    assert root.tag == "ol"
    assert [li.text for li in root.xpath("./li")] == ["one", "two"]
    assert [li.text for li in root.xpath("./li/ul/li")] == ["a", "b"]
    assert [li.text for li in root.xpath("./li/ul/li/ul/li")] == ["deep"]


def test_an_item_deeper_than_its_parent_allows_is_one_level_in():
    block = BodyBlock(type="list", text="- a\n- b", items=["a", "b"], depths=[2, 3])
    md = to_markdown([block])
    assert [t.type for t in MD.parse(md) if t.type.endswith("list_open")].count("bullet_list_open") == 2
    assert inline_texts(md) == ["a", "b"]


def test_code_keeps_its_indentation_in_markdown_and_html():
    code = BodyBlock(type="code", text="def f(x):\n    if x:\n        return 1")
    assert [t.content for t in MD.parse(to_markdown([code])) if t.type == "fence"] == [code.text + "\n"]
    assert "\n    if x:\n        return 1" in to_html([code])
