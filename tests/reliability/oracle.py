"""What every cleaning must satisfy, whatever the input: shared by the hypothesis suites
(tests/reliability/) and the atheris harnesses (fuzz/).

"No output word absent from the input" is checked on words as `\\w+` runs, with the
input seen the way the pipeline's view sees it: zero-width characters and soft hyphens
removed (they split no word on screen, so "foo\\u200bbar" may come out as "foobar"); in HTML
mode unprintable code points too (trafilatura drops them). For
HTML the input's words are those of the decoded page with entities resolved, both with
its tags removed (text split across tags reads as one word) and with them kept (titles
and authors come from attributes), and a word may be part of a word joined across tags.
"""
from __future__ import annotations

import html as htmlmod
import re
import unicodedata

from cleaner.errors import CleanerError
from cleaner.html.decode import decode_html

WORD = re.compile(r"\w+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_TAG = re.compile(r"<[A-Za-z/!?][^>]*>")
# As the HTML tokenizer reads a tag: a quoted attribute value may hold ">" (test code on
# small inputs, so the backtracking this can cost does not matter here).
_QUOTED_TAG = re.compile(r"""<[A-Za-z/!?](?:[^>"']|"[^"]*"|'[^']*')*>""")
DOCUMENTED = (CleanerError,)


def words(text: str) -> set[str]:
    return set(WORD.findall(_INVISIBLE.sub("", text)))


def text_source_words(text: str | bytes) -> set[str]:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return words(text)


def _printable(text: str) -> str:
    return "".join(c for c in text if c.isprintable() or c in " \t\n\r")


def _html_views(page: str | bytes) -> list[str]:
    decoded = decode_html(page)
    views = []
    for view in (htmlmod.unescape(_TAG.sub("", decoded)), htmlmod.unescape(_QUOTED_TAG.sub("", decoded)),
                 htmlmod.unescape(decoded)):
        # trafilatura drops unprintable code points (private use, unassigned, controls),
        # and the parser drops NUL, which joins the letters around them as a zero-width
        # space does; the title and metadata keep them. Both readings count.
        # trafilatura also applies Unicode NFC (a CJK compatibility ideograph becomes
        # its unified twin), so the normalised page counts too.
        views += [view, _printable(view), unicodedata.normalize("NFC", _printable(view))]
    return views


def html_source_words(page: str | bytes) -> set[str]:
    return set().union(*(words(view) for view in _html_views(page)))


def invented_words(result, source_words: set[str]) -> set[str]:
    """Words of the title, body and author that the input never had (should be empty)."""
    produced = words(result.text) | words(result.title or "") | words(result.metadata.author or "")
    return produced - source_words


def check_text_result(text: str | bytes, result) -> None:
    invented = invented_words(result, text_source_words(text))
    assert not invented, f"invented words: {sorted(invented)[:10]}"


def check_html_result(page: str | bytes, result) -> None:
    """HTML text joins across tags ("<b>Hea</b>d"), and what is a tag to this oracle may
    be text to the parser (inside <title>, <textarea>), so a produced word may also be a
    run of word characters inside one of the page's joined words, or the end of one run
    of the page's text glued to whole runs and the start of a later one (the elements
    between them were pruned, and the page had no space there: "T</title><nav>..</nav>Sachsen")."""
    invented = invented_words(result, html_source_words(page))
    if invented:
        runs = WORD.findall("\x00".join(_INVISIBLE.sub("", v) for v in _html_views(page)))
        joined = "\x00" + "\x00".join(runs) + "\x00"
        invented = {w for w in invented if w not in joined and not _glued(w, joined)}
    assert not invented, f"invented words: {sorted(invented)[:10]}"


def _glued(word: str, joined: str) -> bool:
    """`word` is the end of one run of the page's text, then whole runs, then the start of
    another (each join is where elements between them were pruned or are unprintable)."""
    if len(word) > 300:  # the quadratic search below is for word-sized strings
        return all(ch in joined for ch in word)
    reach = [False] * (len(word) + 1)
    for k in range(1, len(word) + 1):
        reach[k] = word[:k] + "\x00" in joined
    for i in range(1, len(word)):
        if not reach[i]:
            continue
        if "\x00" + word[i:] in joined:
            return True
        for j in range(i + 1, len(word) + 1):
            if not reach[j] and "\x00" + word[i:j] + "\x00" in joined:
                reach[j] = True
    return reach[len(word)]
