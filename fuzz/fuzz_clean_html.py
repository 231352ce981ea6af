"""atheris: clean(html=...) on arbitrary bytes and markup-shaped text.

    python fuzz/fuzz_clean_html.py -max_total_time=300 -rss_limit_mb=2048 fuzz/corpus/html

Half the inputs are raw bytes (decoding, charsets), half are assembled from tag-like
pieces so the parser, the depth bounds and the pruning see structure, including deep
nesting and attribute floods. Findings: any exception but CleanerError, or an invented output word.
"""
from __future__ import annotations

import sys

import _common  # noqa: F401  (import paths)
import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import clean
    from tests.reliability.oracle import DOCUMENTED, check_html_result

from _common import FUZZ_OPTIONS

TAGS = ["div", "p", "span", "a", "article", "nav", "footer", "aside", "script", "style", "b", "li", "ul",
        "table", "td", "h1", "title", "meta", "br", "form", "section", "main", "template", "svg", "!--"]
ATTRS = ['', ' class="share"', ' class="related-links"', ' hidden', ' style="display:none"', ' id="comments"',
         ' role="navigation"', ' aria-hidden="true"', ' charset="utf-8"', ' property="og:title" content="T"']


def markup(fdp: atheris.FuzzedDataProvider) -> str:
    parts = []
    for _ in range(fdp.ConsumeIntInRange(0, 200)):
        kind = fdp.ConsumeIntInRange(0, 5)
        if kind == 0:
            parts.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 80)))
        elif kind in (1, 2):
            tag = fdp.PickValueInList(TAGS)
            parts.append(f"<{tag}{fdp.PickValueInList(ATTRS)}>")
        elif kind == 3:
            parts.append(f"</{fdp.PickValueInList(TAGS)}>")
        elif kind == 4:
            tag = fdp.PickValueInList(TAGS)
            depth = fdp.ConsumeIntInRange(0, 400)
            parts.append(f"<{tag}>" * depth)
        else:  # an attribute flood (the parser checks each attribute against the others)
            count = fdp.ConsumeIntInRange(0, 3000)
            parts.append(f"<{fdp.PickValueInList(TAGS)} " + " ".join(f"a{i}" for i in range(count)) + ">")
    return "".join(parts)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    page: str | bytes = fdp.ConsumeBytes(fdp.remaining_bytes()) if fdp.ConsumeBool() else markup(fdp)
    try:
        result = clean(html=page, options=FUZZ_OPTIONS)
    except DOCUMENTED:
        return
    check_html_result(page, result)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
