"""HTML mode's structure: headings, lists, tables, quotes and code come from the page's
DOM (via trafilatura's extraction tree), the text is the text format's, and a heading
the extractor dropped between paragraphs is won back."""
from __future__ import annotations

import lzma
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cleaner import clean
from cleaner.core.segment import segment
from cleaner.html.structure import line_key, line_shapes, tree_lines

MD = MarkdownIt("commonmark").enable("table")
DEV2 = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "dev2.jsonl.xz"
PARA = ("The city council approved the new budget on Tuesday after a long debate about funding "
        "for schools, roads and the public library, which had been closed for repairs since spring.")

PAGE = f"""<html><head><title>Budget approved</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Budget approved</h1>
<p>{PARA}</p>
<h2>What the money buys</h2>
<p>{PARA.replace('Tuesday', 'Monday')}</p>
<ul><li>New roads in the north of the city</li><li>Two schools renovated this summer</li></ul>
<ol><li>First the roads are paved</li><li>Then the schools are renovated</li></ol>
<h3>The figures</h3>
<table><thead><tr><th>Item</th><th>Cost</th></tr></thead>
<tbody><tr><td>Roads</td><td>$4m</td></tr><tr><td>Schools</td><td>$2m</td></tr></tbody></table>
<blockquote><p>We waited years for this budget and it is finally here for everyone.</p></blockquote>
<pre><code>total = 4 + 2</code></pre>
<p>{PARA.replace('Tuesday', 'Friday')}</p>
</article></body></html>"""


def parsed(md: str) -> list:
    return MD.parse(md)


def test_markdown_keeps_the_pages_headings_lists_table_quote_and_code():
    md = clean(html=PAGE, options={"format": "markdown"}).text
    tokens = parsed(md)
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert ("h2", "What the money buys") in headings and ("h3", "The figures") in headings
    assert any(t.type == "bullet_list_open" for t in tokens) and any(t.type == "ordered_list_open" for t in tokens)
    assert any(t.type == "blockquote_open" for t in tokens)
    assert "| Item | Cost |" in md and "| Roads | $4m |" in md and "| Schools | $2m |" in md


def test_json_blocks_hold_the_table_cells_and_text_stays_plain():
    result = clean(html=PAGE, options={"format": "json"})
    plain = clean(html=PAGE)
    assert result.text == plain.text
    table = next(b for b in result.blocks if b.type == "table")
    assert table.rows == [["Item", "Cost"], ["Roads", "$4m"], ["Schools", "$2m"]] and table.header
    lists = [b for b in result.blocks if b.type == "list"]
    assert [b.ordered for b in lists] == [False, True]
    assert lists[0].items == ["New roads in the north of the city", "Two schools renovated this summer"]
    for block in result.blocks:
        if block.start is not None:
            first_line = result.source_text[block.start:block.end].split("\n")[0]
            assert " ".join(first_line.split()) == block.text.split("\n")[0]


def test_html_format_is_the_semantic_subset():
    out = clean(html=PAGE, options={"format": "html"}).text
    assert "<h2>What the money buys</h2>" in out and "<table><thead><tr><th>Item</th>" in out
    assert "<ul><li>New roads in the north of the city</li>" in out and "<blockquote>" in out
    assert "<nav" not in out and "Home" not in out


def test_tables_off_writes_the_rows_as_paragraphs():
    out = clean(html=PAGE, options={"format": "markdown", "tables": False}).text
    assert not any(t.type == "table_open" for t in parsed(out))
    assert "Roads" in out and "$4m" in out


def test_the_text_format_does_not_change_with_a_structured_format():
    for fmt in ("markdown", "html", "json"):
        result = clean(html=PAGE, options={"format": fmt})
        assert result.paragraphs == clean(html=PAGE).paragraphs


def test_a_subheading_in_its_own_wrapper_is_won_back_as_a_heading():
    # trafilatura drops a heading that sits alone in a wrapper between the paragraphs it takes
    page = (f"<html><body><main><div><p>{PARA}</p></div><div class='x'><h3>Private cloud</h3></div>"
            f"<div><p>Private clouds are built and owned by one organization. {PARA}</p></div></main></body></html>")
    md = clean(html=page, options={"format": "markdown"}).text
    assert "### Private cloud" in md
    assert "Private cloud" in clean(html=page).text.split("\n\n")


def test_line_shapes_follow_the_tree_in_order_and_leave_unknown_lines_alone():
    from lxml import etree

    body = etree.fromstring("<body><head rend='h2'>Title here</head><p>Some text</p>"
                            "<list rend='ul'><item>one</item><item>two</item></list></body>")
    lines = tree_lines(body)
    text = "Title here\nSome text\n- one\n- two\nWon back line"
    shapes = line_shapes(segment(text), lines)
    assert [s.kind if s else None for s in shapes] == ["heading", "paragraph", "item", "item", None]
    assert shapes[2].group == shapes[3].group
    assert line_key("| a |  b |") == "ab" and line_key("- item") == "item"


@pytest.mark.skipif(not DEV2.exists(), reason="the dev2 corpus is not beside this checkout")
def test_real_pages_tables_come_out_cell_for_cell():
    """dev2 pages whose article holds a plain <table>: its rows and cells in a GFM table."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import structure as bench

    matched = total = 0
    with lzma.open(DEV2, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if "<table" not in record["html"]:
                continue
            tables = [t for t in bench.page_tables(record["html"]) if bench._in_body(t, record["gold"]["body"])]
            if not tables:
                continue
            md = clean(html=record["html"], options={"format": "markdown"}).text
            ours = bench.markdown_tables(MD, md)
            total += len(tables)
            matched += sum(bench.table_matches(table, ours) for table in tables)
            if total >= 40:
                break
    assert total >= 20 and matched >= 0.6 * total, (matched, total)


LINKED = f"""<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Budget</h1>
<p>{PARA} Read the <a href="https://city.example/report.pdf">full report</a> online.</p>
<figure><img src="https://city.example/hall.jpg" alt="The city hall"></figure>
<p>{PARA.replace('Tuesday', 'Monday')}</p>
<ul><li>See <a href="javascript:steal()">this page</a> now please</li><li>And the <a href="/b">budget page</a> too</li></ul>
</article><footer><img src="/logo.png" alt="Logo"> Copyright</footer></body></html>"""


def test_links_on_keep_the_articles_links_and_drop_unsafe_ones():
    md = clean(html=LINKED, options={"format": "markdown", "links": True}).text
    assert "[full report](https://city.example/report.pdf)" in md and "[budget page](/b)" in md
    assert "javascript" not in md and "this page" in md
    assert "](/news)" not in md, "the menu's links went with the menu"
    assert "](" not in clean(html=LINKED, options={"format": "markdown"}).text, "links are off by default"


def test_images_on_put_an_image_after_the_line_it_follows_in_the_page():
    result = clean(html=LINKED, options={"format": "json", "images": True})
    kinds = [b.type for b in result.blocks]
    image = result.blocks[kinds.index("image")]
    assert (image.text, image.src) == ("The city hall", "https://city.example/hall.jpg")
    assert "full report" in result.blocks[kinds.index("image") - 1].text
    assert "logo" not in str(result.blocks).lower(), "an image after removed text goes with it"
    assert "image" not in [b.type for b in clean(html=LINKED, options={"format": "json"}).blocks]


def test_links_and_images_leave_the_text_unchanged():
    assert (clean(html=LINKED, options={"format": "json", "links": True, "images": True}).text
            == clean(html=LINKED).text)


def test_recovery_brings_a_heading_back_only_between_extracted_lines():
    from cleaner.html.recover import recover_dropped_prose

    first, second = PARA, PARA.replace("Tuesday", "Monday")
    page = ["Private cloud", first, "Private cloud", "Private clouds are owned by one organization.", second,
            "Related stories"]
    extract = f"{first}\nPrivate clouds are owned by one organization.\n{second}"
    headings = frozenset({"Private cloud", "Related stories"})
    out = recover_dropped_prose(extract, page, folded=True, headings=headings).split("\n")
    # back between two extracted lines (a heading found only inside a paragraph is not
    # "extracted"); not before the first extracted line, nor after the last
    assert out == [first, "Private cloud", "Private clouds are owned by one organization.", second]
    assert "Private cloud" not in recover_dropped_prose(extract, page, folded=True).split("\n")


def test_a_line_holding_part_of_a_row_is_no_row():
    """A table row trafilatura writes on several lines: no line may carry the whole row's
    cells (that would write text the line does not hold)."""
    from lxml import etree

    body = etree.fromstring("<body><table><row><cell>Undergraduate</cell><cell>Full-time<lb/>$390 per hour</cell>"
                            "</row></table></body>")
    text = "| Undergraduate | Full-time\n$390 per hour |"
    shapes = line_shapes(segment(text), tree_lines(body))
    assert all(shape is None or shape.kind == "paragraph" for shape in shapes)


def test_every_link_of_a_line_is_written_in_its_place():
    page = (f"<html><body><article><h1>Budget</h1><p>{PARA} The <a href='/a'>first report</a> and the "
            f"<a href='/b'>second report</a> are online.</p><p>{PARA.replace('Tuesday', 'Monday')}</p>"
            "</article></body></html>")
    md = clean(html=page, options={"format": "markdown", "links": True}).text
    assert "The [first report](/a) and the [second report](/b) are online." in md
    html_out = clean(html=page, options={"format": "html", "links": True}).text
    assert 'The <a href="/a">first report</a> and the <a href="/b">second report</a> are online.' in html_out


def test_the_structured_extract_is_trafilaturas_text_extract():
    import trafilatura

    from cleaner.html.extract import EXTRACT_KWARGS
    from cleaner.html.structure import extract_with_tree

    page = (f"<html><body><article><h1>Budget</h1><p>{PARA}</p><ul><li>one item</li><li>two items</li></ul>"
            f"<p>{PARA.replace('Tuesday', 'Monday')}</p></article></body></html>")
    text, body = extract_with_tree(page, None, EXTRACT_KWARGS)
    assert body is not None and text == trafilatura.extract(page, **EXTRACT_KWARGS)
    with pytest.raises(KeyError):
        extract_with_tree(page, None, {**EXTRACT_KWARGS, "no_such_argument": True})


def test_relative_links_and_images_resolve_against_the_pages_address():
    options = {"format": "json", "links": True, "images": True}
    result = clean(html=LINKED, url="https://city.example/news/budget.html", options=options)
    links = [target for block in result.blocks for _, target in (block.links or ())]
    assert "https://city.example/b" in links and "https://city.example/report.pdf" in links
    assert not any("javascript" in target for target in links), "an unsafe link stays out once resolved"
    relative_image = LINKED.replace('src="https://city.example/hall.jpg"', 'src="img/hall.jpg"')
    result = clean(html=relative_image, url="https://city.example/news/budget.html", options=options)
    assert [b.src for b in result.blocks if b.type == "image"] == ["https://city.example/news/img/hall.jpg"]


def test_the_pages_base_element_and_canonical_address_set_the_base():
    md = {"format": "markdown", "links": True}
    with_base = LINKED.replace("<html>", '<html><head><base href="/v2/"></head>')
    assert "[budget page](https://cdn.example/b)" in clean(html=with_base.replace('"/v2/"', '"https://cdn.example/"'),
                                                           options=md).text
    assert "[budget page](https://city.example/b)" in clean(html=with_base, url="https://city.example/a/x",
                                                            options=md).text
    canonical = LINKED.replace("<html>", '<html><head><link rel="canonical" href="https://city.example/a/b"></head>')
    assert "[budget page](https://city.example/b)" in clean(html=canonical, options=md).text
    assert "[budget page](/b)" in clean(html=LINKED, url="not an address", options=md).text


NESTED_PAGE = f"""<html><body><article><h1>Steps</h1><p>{PARA}</p>
<ol><li>Install the tool<ul><li>on Linux with apt</li><li>on macOS with brew</li></ul></li><li>Run it once</li></ol>
<pre><code>def f(x):
    if x:
        return 1
    return 2
</code></pre>
<p>{PARA.replace('Tuesday', 'Monday')}</p></article></body></html>"""


def test_a_nested_lists_items_are_items_with_their_depth():
    blocks = clean(html=NESTED_PAGE, options={"format": "json"}).blocks
    lists = [b for b in blocks if b.type == "list"]
    assert len(lists) == 1, [(b.type, b.text) for b in blocks]
    assert lists[0].items == ["Install the tool", "on Linux with apt", "on macOS with brew", "Run it once"]
    assert lists[0].depths == [0, 1, 1, 0] and lists[0].ordered
    md = clean(html=NESTED_PAGE, options={"format": "markdown"}).text
    assert "1. Install the tool\n   - on Linux with apt\n   - on macOS with brew\n2. Run it once" in md


def test_code_from_the_page_keeps_its_indentation():
    result = clean(html=NESTED_PAGE, options={"format": "json"})
    code = [b for b in result.blocks if b.type == "code"]
    assert [b.text for b in code] == ["def f(x):\n    if x:\n        return 1\n    return 2"]
    assert "```\ndef f(x):\n    if x:\n        return 1\n    return 2\n```" in clean(
        html=NESTED_PAGE, options={"format": "markdown"}).text
    assert result.text == clean(html=NESTED_PAGE).text, "the text format is unchanged"


FAQ_PAGE = f"""<html><body><article><h1>Cycle lanes</h1><p>{PARA}</p>
<h2>Questions</h2>
<ul><li><h3>What is a cycle lane?</h3><p>A lane of the road kept for bicycles, marked with paint or a kerb.</p></li>
<li><h3>Who pays for the lanes?</h3><p>The city pays for them out of the roads budget approved this week.</p></li></ul>
<ul><li>Plain items: <strong>Roads</strong> first</li><li>then the schools in the north</li></ul>
<p>{PARA.replace('Tuesday', 'Monday')}</p></article></body></html>"""


def test_a_list_item_that_opens_with_a_heading_writes_the_heading():
    md = clean(html=FAQ_PAGE, options={"format": "markdown"}).text
    tokens = parsed(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "What is a cycle lane?" in headings and "Who pays for the lanes?" in headings
    assert "### What is a cycle lane?" in md and "- A lane of the road kept for bicycles" in md
    # the text format holds each question once (the recovery does not add it again)
    text = clean(html=FAQ_PAGE).text
    assert text.count("What is a cycle lane?") == 1 and text.count("Who pays for the lanes?") == 1
    blocks = clean(html=FAQ_PAGE, options={"format": "json"}).blocks
    kinds = [(b.type, b.text) for b in blocks]
    assert ("heading", "What is a cycle lane?") in kinds
    # near miss: items that do not open with a heading stay items, bold text and all
    plain = next(b for b in blocks if b.type == "list" and "Plain items" in b.text)
    assert plain.items == ["Plain items: Roads first", "then the schools in the north"]


def test_an_items_heading_splits_only_the_line_that_opens_with_it():
    from lxml import etree

    body = etree.fromstring("<body><list rend='ul'><item><head rend='h3'>Card title</head><p>First line</p>"
                            "<lb/>Second line</item><item><head rend='h4'>Alone</head></item>"
                            "<item><head rend='h3'>Card</head>s are cheap</item></list></body>")
    lines = tree_lines(body)
    text = "- Card title First line\nSecond line\n- Alone\n- Cards are cheap"
    shapes = line_shapes(segment(text), lines)
    assert [s.lead for s in shapes] == ["Card title", "", "Alone", ""]
    assert shapes[0].level == 3 and shapes[2].level == 4
    from cleaner.core.structure.build import lead_end

    assert lead_end("- Card  title First", "Card title") == (2, 13)
    assert lead_end("- Card titles", "Card title") is None  # not at a word's end
    assert lead_end("Other - Card title", "Card title") is None


def test_a_cells_blocks_are_spaced_apart_as_the_text_writes_them():
    from lxml import etree

    from cleaner.html.structure import spaced_text

    cell = etree.fromstring("<cell><p>Personal Training</p><p>Designed for <hi>new</hi>comers</p>"
                            "Student: $80<lb/>Member: $130</cell>")
    assert spaced_text(cell) == "Personal Training Designed for newcomers Student: $80 Member: $130"
    body = etree.fromstring("<body><table><row><cell>Package</cell><cell>Fee</cell></row>"
                            "<row><cell><p>Training</p><p>Designed for you</p></cell><cell>$80</cell></row></table></body>")
    text = "| Package | Fee |\n| Training Designed for you | $80 |"
    shapes = line_shapes(segment(text), tree_lines(body))
    assert [s.kind for s in shapes] == ["row", "row"]
    assert shapes[1].cells == ("Training Designed for you", "$80")
    # near miss: a line that holds only part of the row is not given its cells
    shapes = line_shapes(segment("| Training Designed for you |"), tree_lines(body))
    assert shapes[0].kind == "paragraph"


def test_lines_match_their_elements_whatever_the_spacing():
    from lxml import etree

    body = etree.fromstring("<body><list rend='ul'><item><p>First</p><p>part</p></item>"
                            "<item>Second  item</item></list></body>")
    shapes = line_shapes(segment("- First part\n- Second item\nSecondary line"), tree_lines(body))
    assert [s.kind if s else None for s in shapes] == ["item", "item", None]


def test_a_heading_written_on_two_lines_is_one_heading():
    from lxml import etree

    from cleaner.core.structure import Unit, build_blocks

    body = etree.fromstring("<body><head rend='h3'>WYNN LAS VEGAS<lb/>★★★★★</head><p>Las Vegas, Nevada</p>"
                            "<head rend='h3'>HOTEL RIU</head><head rend='h3'>★★★★</head></body>")
    text = "WYNN LAS VEGAS\n★★★★★\nLas Vegas, Nevada\nHOTEL RIU\n★★★★"
    blocks = segment(text)
    shapes = line_shapes(blocks, tree_lines(body))
    units = [Unit(b.text, b.start, b.end) for b in blocks]
    built = build_blocks(units, list(shapes))
    assert [(b.type, b.text) for b in built] == [
        ("heading", "WYNN LAS VEGAS ★★★★★"), ("paragraph", "Las Vegas, Nevada"),
        # near miss: two heading elements in a row stay two headings
        ("heading", "HOTEL RIU"), ("heading", "★★★★")]
    assert built[0].start == blocks[0].start and built[0].end == blocks[1].end
