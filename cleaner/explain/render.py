"""`render_report(source, result)`: one self-contained HTML page explaining a clean.

Everything that comes from the input (text, removed spans, reasons, title) goes through
`html.escape`; the page carries no script, so nothing from a scraped page can run in it.
"""
from __future__ import annotations

import html
import re
from collections import Counter

from cleaner.result import CleanResult, RemovedSpan

# One colour per rule family (background for highlights and legend swatches).
FAMILY_COLOURS: dict[str, str] = {
    "NEWS": "#ffd6a5", "REL": "#caffbf", "SHARE": "#9bf6ff", "TITLE": "#bdb2ff",
    "DUP": "#ffc6ff", "CAP": "#fdffb6", "BYL": "#a0c4ff", "NAV": "#ffadad",
    "TAG": "#d0f4de", "LEGAL": "#e4c1f9", "COOK": "#f1c0e8", "AD": "#ff9f9f",
    "CMT": "#b9fbc0", "HEUR": "#e0e0e0", "HTML": "#cfd8dc", "SITE": "#ffe5b4",
}
_FAMILY = re.compile(r"^([A-Z]+)\d{3}$")

_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111;background:#fff}
h1{font-size:1.3rem}h2{font-size:1.1rem}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
.doc{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.85rem;border:1px solid #ccc;padding:.75rem;overflow-wrap:anywhere}
.removed{border-radius:2px;outline-offset:1px}
.removed:focus,.removed:hover{outline:2px solid #000}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.legend li{padding:.1rem .4rem;border-radius:3px;font-size:.85rem}
.pruned li{margin:.2rem 0}
.note{font-size:.8rem;color:#555}
"""


def family_of(code: str) -> str:
    match = _FAMILY.match(code)
    return match.group(1) if match else code


def _colour(code: str) -> str:
    return FAMILY_COLOURS.get(family_of(code), "#eeeeee")


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _span(span: RemovedSpan, body: str) -> str:
    label = f"{span.rule}: {span.reason}"
    return (
        f'<mark class="removed fam-{_e(family_of(span.rule))}" data-rule="{_e(span.rule)}" '
        f'style="background:{_colour(span.rule)}" tabindex="0" title="{_e(label)}" '
        f'aria-label="removed by {_e(label)}">{_e(body)}</mark>'
    )


def highlight(source: str, spans: list[RemovedSpan]) -> str:
    """The source escaped, with each located span wrapped; overlaps keep the earlier span."""
    located = sorted(
        (s for s in spans if s.start is not None and s.end is not None and 0 <= s.start < s.end <= len(source)),
        key=lambda s: (s.start, -(s.end or 0)),
    )
    out: list[str] = []
    pos = 0
    for span in located:
        start, end = span.start, span.end
        assert start is not None and end is not None
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(_e(source[pos:start]))
        out.append(_span(span, source[start:end]))
        pos = end
    out.append(_e(source[pos:]))
    return "".join(out)


def cleaned_body(result: CleanResult, fmt: str = "text") -> str:
    """The cleaned body as the view shows it: paragraphs for text; the structured HTML for
    html (every text in it escaped by the renderer) and json (its blocks, rendered); the
    markdown source for markdown."""
    if fmt == "html":
        return f'<div class="structured">{result.text}</div>'
    if fmt == "json" and result.blocks is not None:
        return f'<div class="structured">{to_html(result.blocks)}</div>'
    if fmt == "markdown":
        return f'<pre class="doc">{_e(result.text)}</pre>'
    return "".join(f"<p>{_e(p)}</p>" for p in result.paragraphs) or f'<div class="doc">{_e(result.text)}</div>'


def render_report(source: str, result: CleanResult, *, name: str = "document", index_href: str | None = None,
                  fmt: str = "text") -> str:
    """The whole page. `source` is the input as given (text mode) or ignored in favour of
    `result.source_text` in HTML mode, whose offsets the spans index. `index_href`: a link
    back to the batch report's index (our own relative path, never input)."""
    shown = result.source_text if result.mode == "html" and result.source_text is not None else source
    counts = Counter(span.rule for span in result.removed)
    legend = "".join(
        f'<li style="background:{_colour(code)}" data-rule="{_e(code)}">'
        f"<strong>{_e(code)}</strong> ({_e(family_of(code))}) &times; {n}</li>"
        for code, n in sorted(counts.items())
    )
    pruned = [s for s in result.removed if s.start is None or s.end is None]
    pruned_html = ""
    if pruned:
        items = "".join(
            f'<li>{_span(s, s.text[:200] + ("…" if len(s.text) > 200 else ""))}</li>' for s in pruned
        )
        pruned_html = (
            "<h2>Pruned from the HTML structure</h2>"
            f'<ul class="pruned">{items}</ul>'
        )
    body_html = cleaned_body(result, fmt)
    title = result.title or ""
    mode_note = (
        "HTML mode: offsets index the text extracted from the page."
        if result.mode == "html" else "Text mode: offsets index the input as given."
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>cleaner explain: {_e(name)}</title><style>{_CSS}</style></head><body>"
        + (f'<p><a href="{_e(index_href)}">&larr; all documents</a></p>' if index_href else "")
        + f"<h1>cleaner explain: {_e(name)}</h1>"
        f'<p class="note">{_e(mode_note)} {len(result.removed)} removed spans; '
        "hover or focus (Tab) a highlight for its rule and reason.</p>"
        f'<h2>Legend</h2><ul class="legend" aria-label="removed spans per rule">{legend or "<li>nothing removed</li>"}</ul>'
        '<div class="cols">'
        f'<section aria-label="input with removed spans"><h2>Input</h2><div class="doc">{highlight(shown, result.removed)}</div>'
        f"{pruned_html}</section>"
        f'<section aria-label="cleaned result"><h2>Cleaned</h2><h3 class="title">{_e(title)}</h3>'
        f'<div class="body">{body_html}</div></section>'
        "</div></body></html>\n"
    )
