"""Structural pruning with selectolax (Lexbor), driven by cleaner/lexicon/html.toml.

Every pruned node that held visible text becomes a RemovedSpan with null offsets and
its HTML rule code. Nodes that hold the article (html, body, main, article, or a large
share of the page's text) are never pruned.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from selectolax.lexbor import LexborHTMLParser

from cleaner.html.rules import BOILERPLATE_ATTRIBUTE, HIDDEN_ELEMENT, NON_CONTENT_ELEMENT
from cleaner.result import RemovedSpan

# The walk visits at most this many elements, this deep: past that, pages are generated
# listings or broken markup rather than articles, and the extractor copes alone.
MAX_NODES = 60_000
MAX_DEPTH = 256
# A candidate holding more than this share of the page's text is the article, not a widget.
MAX_TEXT_SHARE = 0.4
REPORT_CHARS = 500  # text kept per structural RemovedSpan
PROTECTED_TAGS = frozenset({"html", "body", "main", "article", "h1"})
# Attribute matches and <form> are weaker evidence than a widget tag: such a node is kept
# when it holds a paragraph of running text this long (a wrapper whose class says
# "share-enabled", an ASP.NET page inside one <form>), and trafilatura decides instead.
PROSE_CHARS = 250
WEAK_TAGS = frozenset({"form"})

_TOKEN_SPLIT = re.compile(r"[\s\-_]+")
_STYLE_SPACE = re.compile(r"\s+")
_TEXT_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PruneLexicon:
    silent_tags: frozenset[str]
    tags: frozenset[str]
    tokens: frozenset[str]
    roles: frozenset[str]
    hidden_styles: tuple[str, ...]


@lru_cache(maxsize=None)
def load_html_lexicon() -> PruneLexicon:
    """html.toml, validated once: every table is a known HTML code with known keys."""
    from cleaner.rules.registry import RULES

    raw = tomllib.loads((resources.files("cleaner.lexicon") / "html.toml").read_text(encoding="utf-8"))
    expected = {
        NON_CONTENT_ELEMENT.code: {"silent", "tags"},
        BOILERPLATE_ATTRIBUTE.code: {"tokens", "roles"},
        HIDDEN_ELEMENT.code: {"styles"},
    }
    for code, body in raw.items():
        if code not in RULES or RULES[code].kind != "html":
            raise ValueError(f"lexicon/html.toml [{code}]: not an HTML rule code")
        unknown = set(body) - expected.get(code, set())
        if unknown:
            raise ValueError(f"lexicon/html.toml [{code}]: unknown keys {sorted(unknown)}")
        for key, values in body.items():
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                raise ValueError(f"lexicon/html.toml [{code}].{key}: expected a list of non-empty strings")

    def get(code: str, key: str) -> list[str]:
        return [v.strip().casefold() for v in raw.get(code, {}).get(key, [])]

    return PruneLexicon(
        silent_tags=frozenset(get(NON_CONTENT_ELEMENT.code, "silent")),
        tags=frozenset(get(NON_CONTENT_ELEMENT.code, "tags")),
        tokens=frozenset(get(BOILERPLATE_ATTRIBUTE.code, "tokens")),
        roles=frozenset(get(BOILERPLATE_ATTRIBUTE.code, "roles")),
        hidden_styles=tuple(s.replace(" ", "") for s in get(HIDDEN_ELEMENT.code, "styles")),
    )


def prune(tree: LexborHTMLParser, disable: tuple[str, ...] = ()) -> list[RemovedSpan]:
    """Remove boilerplate nodes from `tree` in place; return what was removed."""
    from cleaner.rules.registry import is_disabled

    lex = load_html_lexicon()
    root = tree.body or tree.root
    if root is None:
        return []
    removed: list[RemovedSpan] = []
    tags_on = not is_disabled(NON_CONTENT_ELEMENT.code, disable)
    if tags_on and lex.silent_tags:
        for node in tree.css(",".join(sorted(lex.silent_tags))):
            node.decompose()
    page_chars = max(1, _text_len(root))
    attrs_on = not is_disabled(BOILERPLATE_ATTRIBUTE.code, disable)
    hidden_on = not is_disabled(HIDDEN_ELEMENT.code, disable)
    doomed = []
    visited = 0
    # Pre-order walk with an explicit stack: a pruned node's subtree is never entered,
    # and the walk stops at MAX_NODES elements and MAX_DEPTH levels (deeper or later
    # nodes are left to the extractor), so pathological pages cost linear time.
    stack = [(child, 1) for child in reversed(list(root.iter(include_text=False)))]
    while stack and visited < MAX_NODES:
        node, depth = stack.pop()
        visited += 1
        verdict = None if node.tag in PROTECTED_TAGS else _judge(node, lex, tags_on, hidden_on, attrs_on)
        if verdict is not None:
            rule, why = verdict
            text = _visible_text(node)
            if _may_prune(node, rule, text, page_chars):
                doomed.append(node)
                if text:
                    removed.append(
                        RemovedSpan(start=None, end=None, text=text[:REPORT_CHARS], rule=rule.code,
                                    reason=f"{rule.code} {rule.name}: {why}")
                    )
                continue
        if depth < MAX_DEPTH:
            stack.extend((child, depth + 1) for child in reversed(list(node.iter(include_text=False))))
    # Decompose only after the walk: a freed subtree must not be visited.
    for node in doomed:
        node.decompose()
    return removed


def _judge(node, lex: PruneLexicon, tags_on: bool, hidden_on: bool, attrs_on: bool):
    """(rule, evidence) when the node looks like boilerplate, else None."""
    tag = node.tag
    if tags_on and tag in lex.tags:
        return NON_CONTENT_ELEMENT, f"<{tag}>"
    attrs = node.attributes  # a fresh dict per call: read once for both checks
    if not attrs:
        return None
    if hidden_on and (why := _hidden(attrs, lex)):
        return HIDDEN_ELEMENT, why
    if attrs_on and (why := _boilerplate_attr(attrs, lex)):
        return BOILERPLATE_ATTRIBUTE, why
    return None


def _may_prune(node, rule, text: str, page_chars: int) -> bool:
    """False for a node that holds the article or, on weak evidence, running prose."""
    if len(text) > MAX_TEXT_SHARE * page_chars or _holds_article(node):
        return False
    weak = rule is BOILERPLATE_ATTRIBUTE or node.tag in WEAK_TAGS
    return not (weak and len(text) >= PROSE_CHARS and _holds_prose(node))


def _hidden(attrs: dict, lex: PruneLexicon) -> str:
    if "hidden" in attrs:
        return "hidden attribute"
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return 'aria-hidden="true"'
    style = attrs.get("style")
    if style:
        folded = _STYLE_SPACE.sub("", style).lower()
        for pattern in lex.hidden_styles:
            if pattern in folded:
                return f'style "{pattern}"'
    return ""


def _boilerplate_attr(attrs: dict, lex: PruneLexicon) -> str:
    role = (attrs.get("role") or "").strip().lower()
    if role in lex.roles:
        return f'role="{role}"'
    for name in ("class", "id", "aria-label"):
        value = attrs.get(name)
        if not value:
            continue
        for token in _TOKEN_SPLIT.split(value.casefold()):
            if token in lex.tokens:
                return f'{name} token "{token}"'
    return ""


def _holds_article(node) -> bool:
    return node.css_first("article, main, h1, [itemprop=articleBody]") is not None


def _holds_prose(node) -> bool:
    return any(len(_visible_text(p)) >= PROSE_CHARS for p in node.css("p"))


def _visible_text(node) -> str:
    return _TEXT_SPACE.sub(" ", node.text(deep=True, separator=" ")).strip()


def _text_len(node) -> int:
    return len(_TEXT_SPACE.sub(" ", node.text(deep=True, separator=" ")))


_BLOCK_TAGS = (
    "p,div,section,li,ul,ol,dl,dt,dd,h1,h2,h3,h4,h5,h6,blockquote,pre,table,tr,td,th,"
    "figure,figcaption,header,br,hr,address,details,summary"
)
_BREAK = "\u2029"  # paragraph separator: marks block edges, never in folded page text


def pruned_text(tree: LexborHTMLParser) -> str:
    """The remaining visible text, one line per block-level element (mutates `tree`)."""
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css(_BLOCK_TAGS):
        node.insert_before(_BREAK)
        node.insert_after(_BREAK)
    lines = []
    for line in root.text(deep=True).split(_BREAK):
        line = _TEXT_SPACE.sub(" ", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)
