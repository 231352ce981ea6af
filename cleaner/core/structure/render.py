"""The body's blocks written as markdown (CommonMark with GFM tables) or as a small
semantic HTML subset. Only markup is added: every character of the blocks' text is
written (escaped where markdown or HTML would read it as markup)."""
from __future__ import annotations

import html
import re

from cleaner.result import BodyBlock

# Inline characters CommonMark may read as markup; a backslash makes each literal.
MD_INLINE = re.compile(r"([\\`*_\[\]<>&~!])")
# Line starts that open a block: heading, quote, list item, thematic break, table, code fence.
MD_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+=](?=\s|$)|[-=_]{2,}|(\d{1,9})([.)])(?=\s|$)|\||:)")


def to_markdown(blocks: list[BodyBlock]) -> str:
    parts = []
    alternate = False  # lists in a row alternate their markers, or they would read as one
    for block in blocks:
        if block.type == "list":
            parts.append(_md_list(block, alternate))
            alternate = not alternate
        else:
            parts.append(MARKDOWN_WRITERS.get(block.type, _md_paragraph)(block))
            alternate = False
    return "\n\n".join(part for part in parts if part)


def md_escape(text: str) -> str:
    """Inline text as literal markdown."""
    return MD_INLINE.sub(r"\\\1", text)


def md_line(text: str) -> str:
    """A line that must not open a block of its own."""
    escaped = md_escape(text)
    match = MD_BLOCK_START.match(escaped)
    if match is None:
        return escaped
    if match.group(2):  # "1." -> "1\." : the number stays, the list marker goes
        return f"{match.group(2)}\\{escaped[match.end(2):]}"
    return "\\" + escaped


# Link targets written out: web and mail addresses and relative ones; a script or data
# address (javascript:, data:) would run in whatever shows the output, and is left out.
SAFE_TARGET = re.compile(r"(?:https?:|mailto:|[/#?.]|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def safe_links(links: list[tuple[str, str]] | None) -> list[tuple[str, str]]:
    return [(label, target) for label, target in links or () if SAFE_TARGET.match(target.strip())]


def link_pieces(text: str, links: list[tuple[str, str]] | None) -> tuple[list[tuple[str, str, str]], str]:
    """(text before, label, target) of each safe link, in the order their labels first
    occur in `text` (a label absent, or overlapping an earlier link, is left out), and
    the text after the last one."""
    placed = sorted((text.find(label), label, target) for label, target in safe_links(links) if label.strip())
    pieces, at = [], 0
    for found, label, target in placed:
        if found < at:
            continue
        pieces.append((text[at:found], label, target))
        at = found + len(label)
    return pieces, text[at:]


def md_inline(text: str, links: list[tuple[str, str]] | None) -> str:
    """Escaped text with its links, each written once where its text first occurs."""
    pieces, tail = link_pieces(text, links)
    if not pieces:
        return md_line(text)
    out = []
    for n, (before, label, target) in enumerate(pieces):
        # the line's first piece must not open a block ("1. ", "# "); a link first cannot
        out.append(md_line(before) if n == 0 else md_escape(before))
        out.append(f"[{md_escape(label)}]({_md_target(target)})")
    out.append(md_escape(tail))
    return "".join(out)


def _links_in(text: str, links: list[tuple[str, str]] | None) -> list[tuple[str, str]]:
    """A list's links that lie in this item."""
    return [(label, target) for label, target in links or () if label in text]


def _md_target(target: str) -> str:
    if any(ch in target for ch in " <>()\n"):
        inner = target.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>").replace("\n", "")
        return f"<{inner}>"
    return target


def _md_paragraph(block: BodyBlock) -> str:
    return md_inline(block.text, block.links)


def _md_heading(block: BodyBlock) -> str:
    text = md_escape(block.text)
    if text.endswith("#"):  # a closing "#" run would be read as markup and dropped
        text = text[:-1] + "\\#"
    return f"{'#' * (block.level or 2)} {text}"


def _md_list(block: BodyBlock, alternate: bool = False) -> str:
    """Nested items stand under the item before them, indented to its text (CommonMark
    reads a line indented less as a new paragraph or a list of the outer level)."""
    lines = []
    markers = _list_markers(block, alternate)
    depths = block.depths or [0] * len(markers)
    columns = [0]  # the text column of the last item at each depth
    for marker, item, depth in zip(markers, block.items or [], depths):
        depth = min(depth, len(columns) - 1)
        del columns[depth + 1:]
        if depth:
            marker = "-"  # a nested list's own numbers are not in the text
        indent = columns[depth]
        lines.append(f"{' ' * indent}{marker} {md_inline(item, _links_in(item, block.links)) if item else ''}".rstrip())
        columns.append(indent + len(marker) + 1)
    return "\n".join(lines)


def _list_markers(block: BodyBlock, alternate: bool) -> list[str]:
    """Ordered lists keep each item's own number ("3." stays 3): it is the text's; the
    delimiter is markup: "." (")" in a list right after another, so the two stay two)."""
    items = block.items or []
    if not block.ordered:
        return ["*" if alternate else "-"] * len(items)
    delimiter = ")" if alternate else "."
    numbers = [line.split(None, 1)[0] if line else "" for line in block.text.split("\n")]
    depths = block.depths or [0] * len(numbers)
    markers, count = [], 0
    for n, depth in zip(numbers, depths):
        count += depth == 0  # nested items are not counted in the outer list's numbers
        markers.append((n[:-1] if n[:-1].isdigit() and n[-1:] in ".)" else str(count)) + delimiter)
    return markers


def _md_table(block: BodyBlock) -> str:
    rows = block.rows or []
    if not rows:
        return ""
    width = len(rows[0])
    # GFM needs a header row; a table without one gets an empty header, so no row is
    # promoted to a header it was not.
    head, body = (rows[0], rows[1:]) if block.header else ([""] * width, rows)
    lines = [_md_row(head), "|" + " --- |" * width]
    lines.extend(_md_row(row) for row in body)
    return "\n".join(lines)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(md_escape(cell).replace("|", "\\|") for cell in cells) + " |"


def _md_quote(block: BodyBlock) -> str:
    return "\n>\n".join("> " + md_line(line) for line in block.text.split("\n"))


def _md_code(block: BodyBlock) -> str:
    longest = max((len(run) for run in re.findall(r"`+", block.text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{block.text}\n{fence}"


def _md_image(block: BodyBlock) -> str:
    if not SAFE_TARGET.match((block.src or "").strip()):
        return ""
    return f"![{md_escape(block.text)}]({_md_target(block.src or '')})"


MARKDOWN_WRITERS = {
    "heading": _md_heading, "paragraph": _md_paragraph, "list": _md_list, "table": _md_table,
    "quote": _md_quote, "code": _md_code, "image": _md_image,
}


# ---- HTML -------------------------------------------------------------------------------


def to_html(blocks: list[BodyBlock]) -> str:
    parts = (HTML_WRITERS.get(block.type, _html_paragraph)(block) for block in blocks)
    return "\n".join(part for part in parts if part)


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def html_inline(text: str, links: list[tuple[str, str]] | None) -> str:
    pieces, tail = link_pieces(text, links)
    out = []
    for before, label, target in pieces:
        out.append(_h(before))
        out.append(f'<a href="{html.escape(target, quote=True)}">{_h(label)}</a>')
    out.append(_h(tail))
    return "".join(out)


def _html_paragraph(block: BodyBlock) -> str:
    return f"<p>{html_inline(block.text, block.links)}</p>"


def _html_heading(block: BodyBlock) -> str:
    level = block.level or 2
    return f"<h{level}>{_h(block.text)}</h{level}>"


def _html_list(block: BodyBlock) -> str:
    """Nested items in a list inside the item before them."""
    outer = "ol" if block.ordered else "ul"
    depths = block.depths or [0] * len(block.items or [])
    parts = [f"<{outer}>"]
    open_tags = [outer]  # the list element open at each depth
    for n, (item, depth) in enumerate(zip(block.items or [], depths)):
        depth = min(depth, len(open_tags) - 1 + (1 if n else 0))
        if n and depth < len(open_tags):
            parts.append("</li>")
        while len(open_tags) > depth + 1:
            parts.append(f"</{open_tags.pop()}></li>")
        if depth == len(open_tags):
            parts.append("<ul>")
            open_tags.append("ul")
        parts.append(f"<li>{html_inline(item, _links_in(item, block.links))}")
    if block.items:
        parts.append("</li>")
    while len(open_tags) > 1:
        parts.append(f"</{open_tags.pop()}></li>")
    parts.append(f"</{outer}>")
    return "".join(parts)


def _html_table(block: BodyBlock) -> str:
    rows = block.rows or []
    head, body = (rows[:1], rows[1:]) if block.header else ([], rows)
    parts = ["<table>"]
    if head:
        parts.append("<thead><tr>" + "".join(f"<th>{_h(c)}</th>" for c in head[0]) + "</tr></thead>")
    parts.append("<tbody>" + "".join(
        "<tr>" + "".join(f"<td>{_h(c)}</td>" for c in row) + "</tr>" for row in body) + "</tbody>")
    parts.append("</table>")
    return "".join(parts)


def _html_quote(block: BodyBlock) -> str:
    return "<blockquote>" + "".join(f"<p>{_h(line)}</p>" for line in block.text.split("\n")) + "</blockquote>"


def _html_code(block: BodyBlock) -> str:
    return f"<pre><code>{_h(block.text)}</code></pre>"


def _html_image(block: BodyBlock) -> str:
    if not SAFE_TARGET.match((block.src or "").strip()):
        return ""
    return f'<img src="{html.escape(block.src or "", quote=True)}" alt="{html.escape(block.text, quote=True)}">'


HTML_WRITERS = {
    "heading": _html_heading, "paragraph": _html_paragraph, "list": _html_list, "table": _html_table,
    "quote": _html_quote, "code": _html_code, "image": _html_image,
}
