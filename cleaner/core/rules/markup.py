"""HTML006: a line of HTML source that wraps prose paragraphs, shown as text."""
from __future__ import annotations

import re
from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import code_rule

# A republish box ("Republish this article": the story's HTML in a text area to copy) or
# an embed code holds the page's own paragraphs as markup, on one line. html-text renders
# a text area's contents, inscriptis does not; a line the reader never saw as text should
# not be kept because one converter printed it. A tutorial's HTML example closes elements
# too, but its elements hold a few words ("<h2>First article</h2> <p>Content</p>"): the
# rule asks for MARKUP_MIN_ELEMENTS closed paragraphs, headings or items holding on
# average MARKUP_MIN_CHARS_PER_ELEMENT characters of text each.
MARKUP_MIN_ELEMENTS = 3
MARKUP_MIN_CHARS_PER_ELEMENT = 80
_CLOSING = re.compile(r"</(?:p|h[1-6]|li|blockquote)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>\n]{0,500}>")


@code_rule(
    "HTML006",
    "markup-source",
    "A line of HTML source whose elements wrap prose paragraphs (a republish box's copy of the article, "
    "an embed code).",
    "Catches: '<h1>Headline</h1> <p class=\"byline\">by A. Writer</p> <p>First paragraph of the story ...</p> "
    "<p>...</p>' printed on one line, as html-text renders a republish box's text area (inscriptis leaves it "
    "out). Keeps: a tutorial's HTML example, whose elements hold a few words each ('<h2>First article</h2> "
    "<p>Content</p>'), and a line that shows a tag or two inside prose.",
)
def find_markup_source(ctx: RuleContext) -> Iterator[Hit]:
    if "</" not in ctx.doc.source:
        return
    for block in ctx.doc.blocks:
        if is_markup_source(block.text):
            yield Hit(block.index, "HTML006", "a line of HTML source wrapping paragraphs", Strength.CERTAIN)


def is_markup_source(text: str) -> bool:
    """Whether the line is HTML markup around MARKUP_MIN_ELEMENTS or more prose-length elements."""
    if len(text) < MARKUP_MIN_ELEMENTS * MARKUP_MIN_CHARS_PER_ELEMENT or "</" not in text:
        return False
    elements = len(_CLOSING.findall(text))
    if elements < MARKUP_MIN_ELEMENTS:
        return False
    return len(_TAG.sub("", text).strip()) >= elements * MARKUP_MIN_CHARS_PER_ELEMENT
