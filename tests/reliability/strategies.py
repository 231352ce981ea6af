"""Hypothesis strategies for hostile input: text, HTML-ish text, bytes, deep markup, JSONL."""
from __future__ import annotations

import json

from hypothesis import strategies as st

from tests.reliability.hostile import attribute_flood, deep_json

# Scripts and characters scrapers hand over: Latin with accents, Cyrillic, Arabic and
# Hebrew (RTL, with bidi marks), CJK, Devanagari, emoji, zero-width and bidi controls,
# NBSP, line and paragraph separators, NUL and other controls.
SPECIALS = list("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202e\u2066\u2069"
                "\u00a0\u2028\u2029\x00\x0b\x0c\x1c\x85\r\t")
WORDS = ["Share", "Facebook", "Subscribe", "newsletter", "Advertisement", "Read", "more", "Copyright", "©",
         "Home", "›", "News", "said", "Thursday.Negotiations", "Привет", "мир", "مرحبا", "بالعالم", "שלום",
         "עולם", "你好", "世界", "नमस्ते", "😀", "Ünïcödé", "tags:", "1", "2024", "|", "•", "-", "..."]
ALPHABET = st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(SPECIALS))

# Any text at all (surrogates aside), and text made of words and separators, which
# reaches the rules more often than random code points do.
any_text = st.text(ALPHABET, max_size=600)
word_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "  ", "\n", "\n\n", "\t", ". "]), st.sampled_from(SPECIALS)),
    max_size=120,
).map("".join)
texts = st.one_of(any_text, word_text)
raw_bytes = st.binary(max_size=2000)

TAGS = ["html", "head", "body", "title", "meta", "div", "p", "span", "a", "b", "article", "main", "nav", "footer",
        "aside", "section", "header", "ul", "li", "table", "tr", "td", "script", "style", "template", "form", "h1",
        "figure", "figcaption", "br", "img", "svg", "iframe", "textarea", "noscript", "x-custom"]
ATTRS = ["", ' class="share-buttons"', ' id="comments"', ' class="related"', ' hidden', ' aria-hidden="true"',
         ' style="display: none"', ' role="navigation"', ' lang="ar" dir="rtl"', ' charset="windows-1252"',
         ' property="og:title" content="A title"', ' name="author" content="Jane Doe"', ' class=\'a>b\'', ' x="<div>"']
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&#x41;", "&#128512;", "&eacute;", "&bogus;", "&#0;", "&#xD800;"]


@st.composite
def html_ish(draw) -> str:
    """Tag soup: start and end tags in any order, attributes, entities, comments, text."""
    parts = draw(st.lists(st.one_of(
        st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
        st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
        st.sampled_from(ENTITIES),
        st.sampled_from(["<!--", "-->", "<!-- c -->", "<!DOCTYPE html>", "<![CDATA[x]]>", "<", ">", "</", "<?xml?>"]),
        texts,
    ), max_size=60))
    return "".join(parts)


@st.composite
def deep_markup(draw) -> str:
    """One element nested thousands deep (closed or not), with text at the bottom."""
    tag = draw(st.sampled_from(["div", "span", "b", "ul", "section", "blockquote", "table", "a", "x-y"]))
    depth = draw(st.integers(min_value=200, max_value=3000))
    inner = draw(word_text)
    closed = draw(st.booleans())
    return f"<html><body>{f'<{tag}>' * depth}<p>{inner}</p>{f'</{tag}>' * depth if closed else ''}</body></html>"


# One element with hundreds to thousands of attributes (the cap is 256), an article inside.
attribute_floods = st.builds(attribute_flood, st.integers(min_value=100, max_value=5000), word_text)

html_inputs = st.one_of(html_ish(), deep_markup(), attribute_floods, raw_bytes, texts)

@st.composite
def surrogate_text(draw) -> str:
    """Text with one to three lone surrogates (what a valid "\\ud800" JSON escape delivers) anywhere."""
    text = draw(texts)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        where = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:where] + chr(draw(st.integers(min_value=0xD800, max_value=0xDFFF))) + text[where:]
    return text


surrogate_texts = surrogate_text()
# JSON nested from just under the limit (200) to far past what the parser can recurse.
deep_json_lines = st.builds(deep_json, st.integers(min_value=150, max_value=20_000),
                            st.sampled_from(["text", "html", "url", "extra", "id"]))


@st.composite
def jsonl_bytes(draw) -> bytes:
    """Lines of JSON records (some wrong-typed), malformed lines, blanks and raw bytes."""
    record = st.fixed_dictionaries(
        {},
        optional={
            "id": st.one_of(st.text(max_size=10), st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
            "text": st.one_of(texts, st.integers(), st.none()),
            "html": st.one_of(html_ish(), st.booleans()),
            "url": st.one_of(st.text(max_size=20), st.integers()),
            "language": st.one_of(st.sampled_from(["en", "de", "xx", "", "EN-us"]), st.integers()),
            "extra": st.text(max_size=10),
        },
    )
    lines = draw(st.lists(st.one_of(
        record.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
        # ASCII JSON: a lone surrogate arrives as a valid "\ud800" escape
        st.fixed_dictionaries({"text": surrogate_texts}, optional={"url": surrogate_texts, "id": surrogate_texts})
        .map(lambda r: json.dumps(r).encode("ascii")),
        deep_json_lines,
        st.sampled_from([b"", b"   ", b"{", b"[1, 2]", b"null", b'"text"', b'{"id": 1}', b"\xff\xfe\x00", b"{\"text\": \"\xc3\x28\"}"]),
        st.binary(max_size=40).filter(lambda b: b"\n" not in b),
    ), max_size=12))
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n"]))
