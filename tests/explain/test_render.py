"""The report escapes everything from the input: no markup from a scraped page survives."""
from __future__ import annotations

from html.parser import HTMLParser

from cleaner import clean
from cleaner.explain.render import render_report

HOSTILE = (
    "A headline about <script>alert(1)</script> things\n"
    "\n"
    "The body of the article talks about the negotiations that went on for weeks between "
    "the parties, and <img src=x onerror=alert(1)> appears in a sentence about images.\n"
    "Another paragraph of the article explains what happened next, at some length, so the "
    "cleaner keeps it as body text.\n"
    "Subscribe to our newsletter <script>alert(2)</script>\n"
    "Share on Facebook <img src=x onerror=alert(3)>\n"
)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_input_shows_literally_and_no_tag_survives():
    result = clean(text=HOSTILE)
    assert result.removed, "the fixture should make the cleaner remove something"
    page = render_report(HOSTILE, result, name="<script>alert(9)</script>.txt")
    parsed = Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>alert(2)</script>" in text  # inside a highlighted (removed) span
    # selectolax, the HTML5 parser a browser would agree with, finds no such element either.
    from selectolax.lexbor import LexborHTMLParser as Html5

    tree = Html5(page)
    assert tree.css("script") == [] and tree.css("img") == []
    assert "<img src=x onerror=alert(1)>" in tree.body.text()


def test_spans_carry_rule_reason_focus_and_legend_counts():
    result = clean(text=HOSTILE)
    page = render_report(HOSTILE, result)
    from selectolax.lexbor import LexborHTMLParser as Html5

    tree = Html5(page)
    marks = tree.css("mark.removed")
    located = [s for s in result.removed if s.start is not None]
    assert len(marks) == len(located)
    for node, span in zip(marks, sorted(located, key=lambda s: s.start)):
        assert node.attributes["data-rule"] == span.rule
        assert node.attributes["tabindex"] == "0"
        assert node.attributes["title"].startswith(span.rule + ": ")
        assert span.rule in node.attributes["aria-label"]
        assert node.text() == HOSTILE[span.start:span.end]
    legend = {li.attributes["data-rule"]: li.text() for li in tree.css("ul.legend li")}
    for code in {s.rule for s in result.removed}:
        n = sum(1 for s in result.removed if s.rule == code)
        assert legend[code].endswith(f"× {n}")
    assert tree.css_first("h3.title").text() == (result.title or "")


def test_html_mode_uses_source_text_and_lists_structural_prunes():
    page_in = (
        "<html><body><nav>Home <script>alert(1)</script></nav><h1>T</h1>"
        "<p>Hello world, this is the article text about a thing.</p>"
        "<p>Subscribe to our newsletter</p></body></html>"
    )
    result = clean(html=page_in)
    page = render_report(page_in, result)
    from selectolax.lexbor import LexborHTMLParser as Html5

    tree = Html5(page)
    assert tree.css("script") == []
    rules = {m.attributes["data-rule"] for m in tree.css("mark.removed")}
    assert {s.rule for s in result.removed} <= rules
