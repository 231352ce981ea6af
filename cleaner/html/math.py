"""Formulas written once.

A page's formula carries itself two or three times: MathML for screen readers (often
hidden), a typeset copy for the eye (KaTeX's spans, MathJax's frames, Wikipedia's image
with an alt text), and the TeX source (an `<annotation>`, an `alttext`, MathJax 2's
`<script type="math/tex">`). Left alone, the hidden MathML is pruned, the image's alt is
no text, and the formula vanishes from its sentence ("Given a set of  objects"); or the
preview and the typeset copy both stay ("A = πr²A=πr2"). Before pruning, each formula's
markup is replaced by one text: the MathML's own text (what a browser's text of the page
holds, and what reference bodies hold), else its TeX source (MathJax 2 keeps only that).
Every character still comes from the page. On readability's Wikipedia pages this ended
paragraphs printed twice: once from the extract with the formula, once recovered from
the pruned page without it.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from cleaner.core.rules.html import MATH_RENDERING
from cleaner.result import RemovedSpan

# Classes of the elements that wrap one formula with all its renderings: KaTeX,
# MediaWiki's Math extension, MathJax 2 and 3.
WRAPPER_CLASSES = frozenset({"katex-display", "katex", "mwe-math-element", "MathJax_Display", "MathJax",
                             "MathJax_SVG_Display", "MathJax_SVG", "MathJax_CHTML", "math-tex"})
WRAPPER_TAGS = frozenset({"mjx-container"})
WRAPPER_DEPTH = 4  # ancestors searched for a formula's wrapper
# Bound on the work per page (a generated page of formulas): later ones are left as they are.
MAX_FORMULAS = 5_000
FORMULAS = 'math, script[type^="math/tex"]'
TEX_ANNOTATION = 'annotation[encoding="application/x-tex"], annotation[encoding="TeX"]'
# MediaWiki writes "{\displaystyle x}": a style switch around the whole formula.
_STYLE_GROUP = re.compile(r"^\{\\(?:displaystyle|textstyle|scriptstyle)\s*(.*)\}$", re.S)
REPORT_CHARS = 200


def write_formulas_once(tree: LexborHTMLParser) -> list[RemovedSpan]:
    """Replace each formula's markup by its MathML's text (or its TeX source), in place;
    return the renderings dropped. One selector pass over the tree (0.2 ms on a dev2
    page; searching the page's source for the markers first cost more)."""
    root = tree.body or tree.root
    if root is None:
        return []
    removed: list[RemovedSpan] = []
    for node in root.css(FORMULAS)[:MAX_FORMULAS]:  # one pass over the tree
        if node.tag == "script":
            _mathjax2(node, removed)
        elif node.parent is not None:  # not inside a formula replaced already
            _mathml(node, removed)
    return removed


def _mathml(math, removed: list[RemovedSpan]) -> None:
    """The formula as MathML's own text (what a browser's text of the page holds), or its
    TeX source when the MathML holds no text."""
    wrapper = _wrapper(math)
    annotation = math.css_first(TEX_ANNOTATION)
    if wrapper is math and annotation is None:
        return  # plain MathML: nothing else renders it
    tex = _bare(annotation.text(deep=True) if annotation is not None else math.attributes.get("alttext") or "")
    for node in math.css("annotation, annotation-xml"):
        node.decompose()
    text = " ".join(math.text(deep=True, separator=" ").split()) or tex
    if not text:
        return
    _report(wrapper.text(deep=True, separator=" "), text, removed)
    wrapper.replace_with(f" {text} ")


def _mathjax2(script, removed: list[RemovedSpan]) -> None:
    """MathJax 2 keeps the source in a script after its preview and its typeset frame."""
    tex = _bare(script.text(deep=True) or "")
    renderings = []
    node = script.prev
    while node is not None and (node.tag == "-text" and not (node.text_content or "").strip()
                                or _mathjax_rendering(node)):
        if node.tag != "-text":
            renderings.append(node)
        node = node.prev
    if not tex:
        return
    for node in reversed(renderings):  # in page order
        _report(node.text(deep=True, separator=" "), "", removed)
        node.decompose()
    script.replace_with(f" {tex} ")


def _mathjax_rendering(node) -> bool:
    classes = (node.attributes.get("class") or "").split()
    return any(c.startswith("MathJax") for c in classes)


def _wrapper(math):
    """The outermost element within WRAPPER_DEPTH ancestors that wraps this formula alone."""
    found, node = math, math.parent
    for _ in range(WRAPPER_DEPTH):
        if node is None:
            break
        classes = (node.attributes.get("class") or "").split()
        if node.tag in WRAPPER_TAGS or not WRAPPER_CLASSES.isdisjoint(classes):
            found = node
        node = node.parent
    return found


def _bare(tex: str) -> str:
    tex = " ".join(tex.split())
    match = _STYLE_GROUP.match(tex)
    return match.group(1).strip() if match and _balanced(match.group(1)) else tex


def _balanced(tex: str) -> bool:
    """Whether the braces of `tex` pair up (so the style group wrapped the whole formula)."""
    depth = 0
    for char in tex:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _report(rendered: str, kept: str, removed: list[RemovedSpan]) -> None:
    text = " ".join(rendered.split())
    if text and text != kept:
        removed.append(RemovedSpan(start=None, end=None, text=text[:REPORT_CHARS], rule=MATH_RENDERING.code,
                                   reason=f"{MATH_RENDERING.code} {MATH_RENDERING.name}: written once, as {kept[:60]!r}"))
