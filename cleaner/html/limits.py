"""Bounds on the markup handed to the HTML parsers: nesting depth and element count.

Why before parsing: an HTML5 tree builder checks "element in scope" against the stack
of open elements for every block-level tag, so 50,000 nested <div>s cost Lexbor about
10 s and a 5 MB page of them hours, in C code no time budget can interrupt. And lxml
(under trafilatura) silently drops everything below depth 255, so an article nested
deeper than that vanishes from the extraction.

`bound_markup` scans the page once (a possessive regex that lists tag names at C speed,
then a stack walk; linear on any input) and drops the tags that open beyond
`max_depth`, with their end tags: their text stays in place, and a dropped block-level
tag leaves a newline so words on either side are not glued together. It also counts
elements, so the caller can skip the extractor on a page with more than `max_nodes` of
them. Depth is counted as the tree builder nests, closely enough: void elements and
elements whose end tag is optional (p, li, td, ...; the parser closes them implicitly)
do not deepen it, an end tag closes up to its open element and a stray one closes
nothing, raw-text elements (script, style, ...) and comments are skipped whole. As in
HTML parsers, "/>" on an HTML element does not close it.

Before any of that, an element's attributes past its first MAX_ATTRIBUTES are cut
(`cap_attributes`): the tree builder checks each attribute against the element's others
for duplicates, so one element with 20,000 attributes cost Lexbor 0.8 s and one with
200,000 (a 2.3 MB tag) minutes, and the pruning walk then spent as long again deleting
them. The dev corpora's most attributes on one element is 57.

`parse_bounded` skips that scan where it cannot matter: a page with at most
DIRECT_PARSE_TAGS tags can nest no deeper than that, which costs Lexbor tens of
milliseconds at worst, so it is parsed as it is and the tree's own depth is checked
(a selector matching an element below `max_depth`, evaluated in C). Only a deeper or
larger page pays the scan and a second parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

# Where a start or end tag begins, and its name: all the depth count needs, found by
# findall at C speed. A possessive quantifier after a fixed "<": no backtracking, linear.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:_.-]*+")
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen command basefont bgsound frame image".split()
)
# The parser closes these itself when a sibling opens, so an author who never writes
# their end tags does not nest them.
OPTIONAL_END = frozenset("p li dt dd option optgroup tr td th thead tbody tfoot rt rp rb rtc colgroup caption".split())
# Their content is text to the tokenizer, never tags.
RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes plaintext".split())
# Dropping one of these glues nothing: they sit inside a line of text.
# Tags a page may hold and still be parsed before its depth is known: 5,000 nested
# <div>s take Lexbor about 40 ms (50,000 take 10 s); 99% of the dev corpus's pages have fewer.
DIRECT_PARSE_TAGS = 5_000
INLINE = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q s samp small span "
    "strike strong sub sup time tt u var".split()
)


# Attributes one element keeps (see the module's docstring).
MAX_ATTRIBUTES = 256
# One attribute as the tokenizer reads it: a name, then maybe "=" and a quoted or bare
# value. Every part possessive or atomic, and neither a name nor a bare value holds "<",
# so an attempt that fails stops at the next tag: linear on any input.
_ATTRIBUTE = r"""[\s/]*+[^\s"'<>/=]++(?>\s*+=\s*+(?>"[^"]*+"|'[^']*+'|[^\s"'<>]++))?+"""
# A start tag with more than MAX_ATTRIBUTES attributes: group 1 is the tag up to its last kept one.
_FLOODED_TAG = re.compile(rf"(<[A-Za-z][^\s/<>]*+(?>{_ATTRIBUTE}){{{MAX_ATTRIBUTES}}})(?>{_ATTRIBUTE})++")


@dataclass(frozen=True, slots=True)
class MarkupBounds:
    """What the scan found: the deepest nesting, the element count, the tags dropped.

    Without a scan (`exact` false) depth and elements are upper bounds that were
    enough to show the page within its limits.
    """

    depth: int
    elements: int
    dropped: int
    exact: bool = True
    flooded: int = 0  # elements whose attributes past MAX_ATTRIBUTES were cut

    def warnings(self, max_depth: int, max_nodes: int) -> list[str]:
        out = []
        if self.flooded:
            out.append(
                f"html_attributes: attributes past an element's first {MAX_ATTRIBUTES} were dropped "
                f"before parsing ({self.flooded} elements)"
            )
        if self.dropped:
            out.append(
                f"html_depth: markup nested deeper than {max_depth} levels was flattened "
                f"({self.dropped} tags dropped, their text kept)"
            )
        if self.elements > max_nodes:
            out.append(
                f"html_nodes: {self.elements} elements is over the {max_nodes} limit; "
                "main-text extraction skipped, the pruned page's text used instead"
            )
        return out


def parse_bounded(page: str, max_depth: int, max_nodes: int) -> tuple[LexborHTMLParser, MarkupBounds]:
    """The page's tree, with tags nested deeper than `max_depth` and attributes past
    MAX_ATTRIBUTES dropped, and its bounds."""
    page, flooded = cap_attributes(page)
    tags = page.count("<")  # every element's start tag has one: an upper bound on elements
    if tags <= min(DIRECT_PARSE_TAGS, max_nodes):
        tree = LexborHTMLParser(page)
        if tree.css_first(_below(max_depth)) is None:
            return tree, MarkupBounds(depth=max_depth, elements=tags, dropped=0, exact=False, flooded=flooded)
    page, bounds = bound_markup(page, max_depth)
    return LexborHTMLParser(page), replace(bounds, flooded=flooded)


def cap_attributes(page: str) -> tuple[str, int]:
    """`page` with each start tag's attributes past the first MAX_ATTRIBUTES cut, and how
    many tags were cut (one regex pass; a page without such a tag is returned as is)."""
    cut = 0

    def keep_first(match: re.Match) -> str:
        nonlocal cut
        cut += 1
        return match.group(1)

    capped = _FLOODED_TAG.sub(keep_first, page)
    return (capped, cut) if cut else (page, 0)


@lru_cache(maxsize=8)
def _below(max_depth: int) -> str:
    """A selector for any element nested deeper than `max_depth` (<html> is level 1)."""
    return "html" + " > *" * max_depth


def bound_markup(page: str, max_depth: int) -> tuple[str, MarkupBounds]:
    """`page` with tags nested deeper than `max_depth` dropped, and what the scan found."""
    if page.count("<") <= max_depth:  # too few tags to nest that deep, or to be many
        return page, MarkupBounds(0, page.count("<"), 0)
    # Pass 1 reads the tag list findall builds at C speed and marks the tags to drop;
    # pass 2 (only when there are any) cuts them out of the page without its comments.
    bare = strip_comments(page)
    depth, elements, dropped, doomed = _plan(_TAG.findall(bare), max_depth)
    if not doomed:
        return page, MarkupBounds(depth, elements, 0)
    pieces: list[str] = []
    kept_to = 0
    for index, match in enumerate(_TAG.finditer(bare)):
        gap = doomed.get(index)
        if gap is None or match.start() < kept_to:
            continue
        close = bare.find(">", match.end())
        pieces += (bare[kept_to:match.start()], gap)
        kept_to = len(bare) if close < 0 else close + 1
    pieces.append(bare[kept_to:])
    return "".join(pieces), MarkupBounds(depth, elements, dropped)


# What each tag token means, by kind: cached, since a page repeats a few dozen names.
_NEST, _LEAF, _RAW = 0, 1, 2
_KINDS: dict[str, tuple[bool, str, int]] = {}
_KINDS_MAX = 4096  # random tag names must not grow the cache without bound


def _kind(token: str) -> tuple[bool, str, int]:
    info = _KINDS.get(token)
    if info is None:
        end = token.startswith("/", 1)
        name = token[2 if end else 1:].lower()
        kind = _RAW if name in RAW_TEXT else _LEAF if name in VOID or name in OPTIONAL_END else _NEST
        info = (end, name, kind)
        if len(_KINDS) < _KINDS_MAX:
            _KINDS[token] = info
    return info


def _plan(tokens: list[str], max_depth: int) -> tuple[int, int, int, dict[int, str]]:
    """(deepest nesting kept, elements seen, start tags dropped, {token index: replacement}).

    Self-closing syntax is not honoured, as HTML parsers do not honour it on HTML
    elements; a raw-text element's content is skipped up to its end tag.
    """
    stack: list[str] = []
    open_counts: dict[str, int] = {}  # names on the stack
    dropped_open: dict[str, int] = {}  # dropped start tags whose end tag is still due
    doomed: dict[int, str] = {}
    deepest = elements = dropped = 0
    raw_text = ""  # inside <script> etc.: tags are text until its end tag
    for index, token in enumerate(tokens):
        end, name, kind = _KINDS.get(token) or _kind(token)
        if raw_text:
            if end and name == raw_text:
                raw_text = ""
            continue
        if end:
            if dropped_open.get(name):
                # The innermost open element of that name is a dropped one: drop its end.
                dropped_open[name] -= 1
                doomed[index] = _gap(name)
            elif open_counts.get(name):
                # Pop to the matching element, as the parser does; every element is
                # pushed and popped once, so this stays linear.
                while stack:
                    top = stack.pop()
                    open_counts[top] -= 1
                    if top == name:
                        break
            continue
        elements += 1
        if kind:
            if kind == _RAW:
                raw_text = name
            continue
        if len(stack) >= max_depth:
            dropped += 1
            dropped_open[name] = dropped_open.get(name, 0) + 1
            doomed[index] = _gap(name)
            continue
        stack.append(name)
        open_counts[name] = open_counts.get(name, 0) + 1
        if len(stack) > deepest:
            deepest = len(stack)
    return deepest, elements, dropped, doomed


def _gap(name: str) -> str:
    # A newline is whitespace to the parser: words on either side of a dropped block tag
    # stay apart without adding a node per dropped tag.
    return "" if name in INLINE else "\n"


def strip_comments(page: str) -> str:
    """`page` without its <!-- --> comments; an unclosed one runs to the end, as in HTML."""
    start = page.find("<!--")
    if start < 0:
        return page
    pieces = []
    kept_to = 0
    while start >= 0:
        pieces.append(page[kept_to:start])
        close = page.find("-->", start + 4)
        if close < 0:
            return "".join(pieces)
        kept_to = close + 3
        start = page.find("<!--", kept_to)
    pieces.append(page[kept_to:])
    return "".join(pieces)
