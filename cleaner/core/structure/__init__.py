"""The structure stage (docs/formats.md): kept lines -> blocks -> markdown, HTML or JSON.

It runs only when `Options.format` is not text, so the text format costs nothing more.
The lines' shapes come from the page's DOM in HTML mode (cleaner/html/structure.py, handed
over in `Hints.shapes`) and are inferred from the text in text mode (infer.py).
"""
from __future__ import annotations

from cleaner.core.structure.build import build_blocks
from cleaner.core.structure.infer import infer_shapes
from cleaner.core.structure.render import to_html, to_markdown
from cleaner.core.structure.shapes import PARAGRAPH, Shape, Unit
from cleaner.options import OutputFormat
from cleaner.result import BodyBlock

__all__ = ["PARAGRAPH", "Shape", "Unit", "build_blocks", "render", "infer_shapes"]


def render(blocks: list[BodyBlock], fmt: OutputFormat) -> str | None:
    """The body in `fmt`; None for text and json, whose `text` stays plain."""
    if fmt is OutputFormat.MARKDOWN:
        return to_markdown(blocks)
    if fmt is OutputFormat.HTML:
        return to_html(blocks)
    return None
