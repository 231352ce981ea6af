"""HTML mode's structure (docs/formats.md): each line of the extract gets the Shape of the
element it came from in trafilatura's extraction tree (head, p, list item, table row,
quote, code), so markdown, HTML and JSON output keep the page's own headings, lists and
tables. Runs only for a structured format: the text format keeps trafilatura's plain
`extract`, and this path gives the very same text (trafilatura's own serialiser on the
same tree), so both formats clean the same lines.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

from trafilatura.core import bare_extraction, determine_returnstring
from trafilatura.settings import Extractor

from cleaner.core.document import Block
from cleaner.core.structure import PARAGRAPH, Shape
from cleaner.core.structure.build import lead_end
from cleaner.core.structure.render import SAFE_TARGET

# Elements that hold a line of their own in trafilatura's tree.
LEAF_TAGS = frozenset({"head", "p", "item", "row", "code", "quote"})
# trafilatura's inline elements (emphasis, links, deletions): no break in the text.
INLINE_TAGS = frozenset({"hi", "ref", "del"})
# Inside these a p or head is part of the container's line (a list item, a table cell).
CONTAINERS = frozenset({"item", "cell", "code"})
# Nesting written out up to this depth (deeper items stay at it): lists nested deeper are
# menus more often than prose, and each level indents the markdown further.
MAX_LIST_DEPTH = 5
# How far ahead (in characters of the tree's text) a line is looked for: past that, a line
# the tree does not hold (won back from the page) is not pinned to a far-away element.
LOOKAHEAD_CHARS = 20_000
# Left out of a line's key: spacing (the tree joins an item's heading and paragraph with
# none, the text output with a space or a line break) and table pipes.
_KEY_NOISE = re.compile(r"[\s|]+")
# A text table's delimiter row ("|---|:---:|"): only these characters, some dashes, a pipe.
DELIMITER_CHARS = frozenset("|-: ")


# trafilatura.extract's keyword arguments and the Extractor fields they set (its own
# mapping, written out): an argument missing here raises, rather than being dropped and
# giving the structured formats another extract than the text format.
EXTRACTOR_FIELDS = {
    "output_format": "output_format", "fast": "fast", "favor_precision": "precision",
    "favor_recall": "recall", "include_comments": "comments", "include_tables": "tables",
    "include_links": "links", "include_images": "images", "include_formatting": "formatting",
    "deduplicate": "dedup", "with_metadata": "with_metadata", "target_language": "lang",
}


def extract_with_tree(page_html: str, url: str | None, kwargs: dict[str, object]) -> tuple[str, Any]:
    """(trafilatura's text extract, its extraction tree): the text is what
    `trafilatura.extract(page_html, **kwargs)` returns, by the same serialiser."""
    options = Extractor(url=url, **{EXTRACTOR_FIELDS[key]: value for key, value in kwargs.items()})
    try:
        document = bare_extraction(page_html, options=options)
    except Exception:  # noqa: BLE001  (as extract's own failure: the pruned text is used)
        return "", None
    if document is None:
        return "", None
    return determine_returnstring(document, options) or "", document.body


# ---- the page's own headings ---------------------------------------------------------------

HEADING_SELECTOR = "h1, h2, h3, h4, h5, h6"
HEADING_MAX_CHARS = 200


def heading_levels(tree: Any) -> dict[str, int]:
    """The folded text of each h1-h6 of the (pruned) page, with its level (the first
    one's, for a text headed twice)."""
    body = getattr(tree, "body", None)
    if body is None:
        return {}
    levels: dict[str, int] = {}
    for node in body.css(HEADING_SELECTOR):
        text = " ".join(node.text(deep=True).split())
        if text and len(text) <= HEADING_MAX_CHARS:
            levels.setdefault(text, int(node.tag[1]))
    return levels


# ---- links and images (options links, images) ---------------------------------------------

# Attributes the pruning keeps besides the extractor's when links or images are asked for.
REF_ATTRIBUTES = frozenset({"href", "src", "alt"})
MAX_LINKS = 3_000  # a page's links looked for in its lines (each line is searched for each)
IMAGE_ANCHOR_CHARS = 40


def link_base(tree: Any, url: str | None) -> str | None:
    """The absolute http(s) address relative links and images resolve against: the page's
    own <base href> (itself resolved against `url`), else the document's `url`; None when
    neither is one (targets then stay as the page wrote them)."""
    base = _attribute(tree.css_first("base[href]") if tree is not None else None, "href")
    candidates = (urljoin(url, base) if url and base else base, url)
    return next((c for c in candidates if c and urlsplit(c).scheme in ("http", "https") and urlsplit(c).netloc),
                None)


def _attribute(node: Any, name: str) -> str:
    return ((node.attributes.get(name) if node is not None else None) or "").strip()


def resolved(target: str, base: str | None) -> str:
    """`target` made absolute against `base` (a target that is absolute already, or one
    that does not parse as an address, stays as written)."""
    if base is None:
        return target
    try:
        return urljoin(base, target)
    except ValueError:  # an unbalanced "[" in the host part
        return target


def page_links(tree: Any, base: str | None = None) -> list[tuple[str, str]]:
    """(text, target) of the pruned page's links, in page order (not in-page anchors nor
    script or data addresses, which no format writes out), targets resolved against `base`."""
    body = getattr(tree, "body", None)
    links: list[tuple[str, str]] = []
    for node in body.css("a[href]") if body is not None else ():
        label = " ".join(node.text(deep=True).split())
        target = (node.attributes.get("href") or "").strip()
        if len(label) >= 2 and target and not target.startswith("#") and SAFE_TARGET.match(target):
            links.append((label, resolved(target, base)))
            if len(links) >= MAX_LINKS:
                break
    return links


def page_images(tree: Any, base: str | None = None) -> list[tuple[str, str, str]]:
    """(the end of the text before it, alt, src) of the pruned page's images, in page
    order: an image comes out after the kept line it follows in the page. Sources are
    resolved against `base`."""
    body = getattr(tree, "body", None)
    images = []
    for node in body.css("img[src]") if body is not None else ():
        src = (node.attributes.get("src") or "").strip()
        if src and SAFE_TARGET.match(src):
            alt = " ".join((node.attributes.get("alt") or "").split())
            images.append((_text_before(node), alt, resolved(src, base)))
    return images


def _text_before(node: Any) -> str:
    """The last characters of the text that comes before the node in the page."""
    current = node
    while current is not None:
        sibling = current.prev
        while sibling is not None:
            text = " ".join((sibling.text(deep=True) or "").split())
            if text:
                return text[-IMAGE_ANCHOR_CHARS:]
            sibling = sibling.prev
        current = current.parent
    return ""


def with_refs(blocks: list[Block], shapes: tuple[Shape | None, ...], links: list[tuple[str, str]],
              images: list[tuple[str, str, str]]) -> tuple[Shape | None, ...]:
    """The shapes with each line's links (a link whose text the line holds) and the
    images that follow it in the page."""
    out = list(shapes)
    targets: dict[str, str] = {}
    for label, target in links:  # page order; a text linked twice: its first target
        targets.setdefault(label, target)
    for k, block in enumerate(blocks):
        found = tuple((label, targets[label]) for label in targets if label in block.text)
        if found:
            out[k] = (out[k] or PARAGRAPH)._replace(links=found)
    cursor = 0
    for anchor, alt, src in images:
        for k in range(cursor, len(blocks)):
            if anchor and (blocks[k].text.endswith(anchor) or anchor.endswith(blocks[k].text)):
                shape = out[k] or PARAGRAPH
                out[k] = shape._replace(images=(*shape.images, (alt, src)))
                cursor = k
                break
    return tuple(out)


# ---- the tree's lines ---------------------------------------------------------------------


def tree_lines(body: Any) -> list[tuple[str, Shape]]:
    """(key, Shape) of each line-holding element of the tree, in document order."""
    lines: list[tuple[str, Shape]] = []
    if body is None:
        return lines
    # keyed by the element itself: lxml's proxy objects come and go, so their id() is no
    # identity, but a proxy held here is the one lxml hands out for that node again
    groups: dict[Any, int] = {}

    def group_of(element: Any) -> int:
        return groups.setdefault(element, len(groups) + 1)

    for element in body.iter(*LEAF_TAGS):
        # an item inside an item is a nested list's: a line of its own (its text is not
        # in the outer item's line, see _own_text)
        if _inside(element, CONTAINERS - {"item"} if element.tag == "item" else CONTAINERS):
            continue
        shape = _shape(element, group_of)
        if shape is None:
            continue
        text = shape.cells and " ".join(shape.cells) or _own_text(element)
        key = line_key(text)
        if key:
            lines.append((key, shape))
    return lines


def _shape(element: Any, group_of) -> Shape | None:
    tag = element.tag
    quote = _ancestor(element, "quote")
    if tag == "head":
        # grouped: a heading the text writes on two lines ("NAME<br>★★★★") is one heading
        return Shape("heading", level=_head_level(element), group=group_of(element))
    if tag == "item":
        # a nested list's items join the outermost list's block, each with its depth
        lists = list(element.iterancestors("list"))
        outer = lists[-1:] or [element.getparent()]
        lead = _leading_head(element)
        return Shape("item", group=group_of(outer[0]), ordered=outer[0] is not None and outer[0].get("rend") == "ol",
                     marker="-", depth=min(max(len(lists) - 1, 0), MAX_LIST_DEPTH),
                     lead=lead[0] if lead else "", level=lead[1] if lead else 0)
    if tag == "row":
        cells = tuple(spaced_text(cell) for cell in element.iterchildren("cell"))
        header = any(cell.get("role") == "head" for cell in element.iterchildren("cell"))
        return Shape("row", group=group_of(element.getparent()), cells=cells, header=header)
    if tag == "code":
        return Shape("code", group=group_of(element))
    if tag == "quote":
        if any(child.tag in LEAF_TAGS for child in element.iterdescendants()):
            return None  # its p children carry the lines
        return Shape("quote", group=group_of(element))
    if quote is not None:
        return Shape("quote", group=group_of(quote))
    return PARAGRAPH


def _head_level(element: Any) -> int:
    rend = element.get("rend") or ""
    return int(rend[1]) if len(rend) == 2 and rend[1] in "123456" else 2


def _leading_head(item: Any) -> tuple[str, int] | None:
    """(text, level) of the heading a list item opens with (a card's or a question's
    title: "<li><h3>Title</h3><p>Text</p></li>"), when nothing comes before it."""
    if (item.text or "").strip() or not len(item) or item[0].tag != "head":
        return None
    text = " ".join("".join(item[0].itertext()).split())
    return (text, _head_level(item[0])) if text else None


def spaced_text(element: Any) -> str:
    """The element's text, folded, with a space where a block inside it (a p, a head, a
    line break) begins or ends: "<cell><p>Training</p><p>Designed for</p></cell>" is
    "Training Designed for", as the text output writes it; inline markup joins nothing."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            block = child.tag not in INLINE_TAGS
            if block:
                parts.append(" ")
            walk(child)
            if block:
                parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())


def _inside(element: Any, tags: frozenset[str]) -> bool:
    return any(parent.tag in tags for parent in element.iterancestors())


def _ancestor(element: Any, tag: str) -> Any:
    return next(element.iterancestors(tag), None)


def _own_text(element: Any) -> str:
    """The element's text without nested lists (their items are lines of their own)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag != "list":
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())


def line_key(text: str) -> str:
    """A line's text as compared with the tree's: a leading list dash dropped, then all
    spacing and table pipes (the tree and the text output space a line's parts apart
    differently: "Title<p>Text" is "TitleText" in the tree, "Title Text" in the text)."""
    text = text.strip()
    return _KEY_NOISE.sub("", text[2:] if text.startswith("- ") else text)


# ---- the extract's lines -> shapes --------------------------------------------------------


def line_shapes(blocks: list[Block], lines: list[tuple[str, Shape]],
                headings: dict[str, int] | None = None) -> tuple[Shape | None, ...]:
    """The Shape of each block of the extract: that of the tree element its text is
    found in, reading both in order; a line that is a heading of the page (`headings`,
    folded text -> level) and that the tree holds as a paragraph or not at all (won back
    by the recovery) is that heading; None for any other line the tree does not hold."""
    headings = headings or {}
    joined, starts = _joined(lines)
    shapes: list[Shape | None] = []
    cursor = 0
    previous: Shape | None = None
    for block in blocks:
        key = line_key(block.text)
        shape = None
        if previous is not None and previous.kind == "row" and is_delimiter_row(block.text):
            shape = previous._replace(cells=tuple("---" for _ in previous.cells), header=False)
        elif key:
            found = joined.find(key, cursor, cursor + LOOKAHEAD_CHARS + len(key))
            if found >= 0:
                line_key_found, shape = lines[bisect_right(starts, found) - 1]
                cursor = found + len(key)
                if shape.kind == "row" and line_key_found != key:
                    # a part of a row that spans lines (a cell with breaks): its cells
                    # hold text this line does not, so it stays a paragraph
                    shape = PARAGRAPH
        if shape is not None and shape.lead and lead_end(block.text, shape.lead) is None:
            shape = shape._replace(lead="", level=0)  # a later line of the item
        folded = " ".join(block.text.split())
        if (shape is None or shape.kind == "paragraph") and folded in headings:
            shape = Shape("heading", level=headings[folded])
        shapes.append(shape)
        previous = shape
    return tuple(shapes)


def is_delimiter_row(text: str) -> bool:
    """A set check, not a regex: a pattern of repeated optional parts backtracks badly."""
    return "|" in text and "---" in text and set(text) <= DELIMITER_CHARS


def _joined(lines: list[tuple[str, Shape]]) -> tuple[str, list[int]]:
    starts, at = [], 0
    for key, _ in lines:
        starts.append(at)
        at += len(key) + 1
    return "\n".join(key for key, _ in lines), starts


def iter_kinds(shapes: tuple[Shape | None, ...]) -> Iterator[str]:
    return (shape.kind if shape else "none" for shape in shapes)
