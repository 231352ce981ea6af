"""Codes cited by structural pruning in HTML mode (see lexicon/html.toml)."""
from cleaner.core.rules.registry import html_rule

NON_CONTENT_ELEMENT = html_rule(
    "HTML001",
    "non-content-element",
    "Element that never holds article text (script, style, nav, header, footer, aside, form).",
)
BOILERPLATE_ATTRIBUTE = html_rule(
    "HTML002",
    "boilerplate-attribute",
    "Element whose class, id, role or aria-label names a widget (share, newsletter, related, ...).",
)
HIDDEN_ELEMENT = html_rule(
    "HTML003",
    "hidden-element",
    "Element hidden from readers (the hidden attribute or a hiding style such as visibility:hidden).",
)
LINK_LIST = html_rule(
    "HTML004",
    "link-list",
    "List whose text is nearly all link text: a menu, a related-stories or tag list.",
)
MATH_RENDERING = html_rule(
    "HTML005",
    "math-rendering",
    "A formula's extra renderings (a preview, the typeset copy, an image): written once, as its MathML text or TeX source.",
)
NOT_EXTRACTED = html_rule(
    "HTML010",
    "not-main-text",
    "Page text left out by main-text extraction.",
)
