"""The page's repeated records (a listing's cards, a catalogue's products, a table of
entries): brought back when the extract holds only a small share of the page.

trafilatura looks for one article: on a listing page it keeps the intro, or a handful of
cards, and drops the grid of cards that is the page's content. Readability's and
trafilatura's own scoring have the same blind spot (they favour one block of running
prose); what marks such a page is a structure, not prose: many sibling elements of one
shape (the same tag and class), each holding a title (a heading or a link), that
together carry most of the page's text.

`record_lines` finds the largest such group in the pruned page (nav, footer, aside,
menus and link lists are pruned already) and returns which of the page's lines it holds,
for the recovery (cleaner/html/recover.py) to keep them in page order. It runs only
when the extract is thin (under RECORDS_EXTRACT_SHARE of the pruned page's text): under
an article the extract is not thin, so the related-story grid below it never comes back.
A group counts when it has at least MIN_RECORDS members, most of them titled, no member
holding more than MAX_MEMBER_SHARE of the group's text (a page's few layout sections, a
wrapper and its empty siblings, are no grid), and the group holding at least
RECORDS_PAGE_SHARE of the page's text. Link-only cards (a mega menu's or a footer's
columns, a carousel of link tiles) do not count: a record has text of its own besides
its links and headings. Nor does a group inside an element whose class or id names a
widget (a consent panel the pruning spared for its size), nor one beside an extract that
is an article of its own (ARTICLE_PROSE_CHARS of running prose outside the group: the
teasers under a short article).

Cost: one C-level selection of the page's container elements, grouped by tag and class
(or parent); the text of a few sampled members of each group; then the whole text of the
EXACT_CANDIDATES largest groups. Only on thin pages (a quarter of dev2, a fifth of dev):
about 3% of HTML mode's time on dev2, 2-3 ms on a 1 MB catalogue page.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import islice
from typing import Any

from cleaner.html.recover import MAX_PAGE_LINES, is_prose
from cleaner.html.prune import boilerplate_attribute, load_html_lexicon

# Elements that can be a record: block containers (not paragraphs, headings or inline
# elements, whose runs are an article's own text).
RECORD_TAGS = ("div", "li", "article", "section", "tr", "dd", "figure")
# A record <div> has a class (its kind): the page's many bare wrapper divs are left out
# of the grouping, which is most of its cost.
RECORD_SELECTOR = ", ".join("div[class]" if tag == "div" else tag for tag in RECORD_TAGS)
MIN_RECORDS = 4
# Share of the members that must hold a title (a heading or a link).
TITLED_SHARE = 0.75
# No member may hold more than this share of the group's text.
MAX_MEMBER_SHARE = 0.35
# The extract is thin under this share of the pruned page's text.
RECORDS_EXTRACT_SHARE = 0.5
# The group must hold at least this share of the pruned page's text.
RECORDS_PAGE_SHARE = 0.3
# Link-only cards (a menu's or footer's columns, a carousel of link tiles): under this
# share of the group's text stands outside links and headings.
FREE_TEXT_SHARE = 0.03
# The extract is an article, whose teasers the group is, when it holds this much running
# prose outside the group (a few paragraphs), unless that is a small share of the
# group's text (the intro of a long listing).
ARTICLE_PROSE_CHARS = 1000
ARTICLE_PROSE_SHARE = 0.15
MAIN_AREA = frozenset({"main", "article", "body"})
# A record's title: a heading or a link (nested in each other, counted once).
TITLES = "h1, h2, h3, h4, h5, h6, a"
NESTED_TITLES = ", ".join(f"a {h}, {h} a" for h in ("h1", "h2", "h3", "h4", "h5", "h6"))
# At most this many container elements are grouped (the pruning's own bound).
MAX_ELEMENTS = 60_000
# Groups are ranked by the text of this many of their members, and this many of the
# first are measured whole.
SAMPLE = 4
EXACT_CANDIDATES = 3
CHECK_SAMPLE = 16
_BREAK = "\u2029"  # pruned_text's block-edge marker, left in the tree


def record_lines(tree: Any, page: list[str], extracted: str = "") -> list[bool] | None:
    """For each of the page's lines (`page`, pruned_text's lines of this tree), whether it
    belongs to the page's record group; None when the page has no such group, or when
    the extract (`extracted`) is an article of its own beside the group."""
    body = getattr(tree, "body", None)
    if body is None or not page or len(page) > MAX_PAGE_LINES:  # (the recovery's bound)
        return None
    # the page's text, measured on its lines (the tree's text would be read once more)
    group = _record_group(body, RECORDS_PAGE_SHARE * sum(map(len, page)))
    if group is None:
        return None
    members, total = group
    where: dict[str, list[int]] = {}
    for k, line in enumerate(page):
        where.setdefault(line, []).append(k)
    kept = [False] * len(page)
    cursor = 0
    for member in members:
        for line in _lines(member):
            # the members' lines are page lines, in page order: each is the next
            # occurrence of its text from the previous one on
            at = where.get(line)
            if at:
                j = bisect_left(at, cursor)
                if j < len(at):
                    kept[at[j]] = True
                    cursor = at[j] + 1
    if not any(kept):
        return None
    in_group = {line for line, k in zip(page, kept) if k}
    prose = sum(len(line) for line in (" ".join(piece.split()) for piece in extracted.split("\n")) if line not in in_group and is_prose(line))
    if prose >= ARTICLE_PROSE_CHARS and prose >= ARTICLE_PROSE_SHARE * total:
        return None
    return kept


def _record_group(body: Any, floor: float) -> tuple[list[Any], int] | None:
    """The group of same-shaped siblings holding the most text (at least `floor`
    characters), with that text's length.

    Groups are ranked by an estimate of their text (the members' count times the mean
    text of SAMPLE members spread over the group: a page's nested wrappers make groups
    of thousands of members); the EXACT_CANDIDATES first are measured whole, and the
    largest that passes the checks is the page's records (titles and link-only shape
    read on CHECK_SAMPLE members).
    """
    groups: dict[tuple, list[Any]] = {}
    for node in islice(body.css(RECORD_SELECTOR), MAX_ELEMENTS):
        css_class = node.attrs.get("class")
        if css_class:
            # one class names one kind of record wherever it stands (a listing split in
            # sections, each section its own list of the same cards)
            key = (node.tag, css_class)
        else:
            parent = node.parent
            key = (node.tag, parent.mem_id if parent is not None else 0)
        groups.setdefault(key, []).append(node)
    estimates: list[tuple[float, bool, list[Any]]] = []
    for key, members in groups.items():
        if len(members) < MIN_RECORDS:
            continue
        sample = members[::max(1, len(members) // SAMPLE)]
        estimate = len(members) * sum(map(_text_chars, sample)) / len(sample)
        if estimate >= floor:
            estimates.append((estimate, isinstance(key[1], str), members))
    estimates.sort(key=lambda e: -e[0])
    measured: list[tuple[int, list[Any], list[int]]] = []
    for _, by_class, members in estimates[:EXACT_CANDIDATES]:
        if by_class:
            # a class-keyed group may nest (a wrapper inside a wrapper of the same
            # class): its outermost members only
            members = _outermost(members)
            if len(members) < MIN_RECORDS:
                continue
        sizes = [_text_chars(m) for m in members]
        total = sum(sizes)
        if total >= floor and max(sizes) <= MAX_MEMBER_SHARE * total:
            measured.append((total, members, sizes))
    measured.sort(key=lambda c: -c[0])
    for total, members, sizes in measured:
        # the records' shape, read on CHECK_SAMPLE members spread over the group
        step = max(1, len(members) // CHECK_SAMPLE)
        sample, sample_sizes = members[::step], sizes[::step]
        titled = sum(1 for m in sample if m.css_first(TITLES) is not None)
        if titled >= TITLED_SHARE * len(sample) and not _in_widget(members[0], body) \
                and not _link_only(sample, sum(sample_sizes)):
            return members, total
    return None


def _in_widget(node: Any, body: Any) -> bool:
    """Whether the node or a container of it below the page's main area (body, main,
    article) names a widget (a consent panel's cookie categories, spared by the pruning
    for their prose: cleaner/html/prune.py)."""
    lex = load_html_lexicon()
    while node is not None and node.mem_id != body.mem_id and node.tag not in MAIN_AREA:
        if boilerplate_attribute(node.attributes, lex):
            return True
        node = node.parent
    return False


def _outermost(members: list[Any]) -> list[Any]:
    ids = {m.mem_id for m in members}
    out = []
    for member in members:
        parent = member.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(member)
    return out


def _link_only(members: list[Any], total: int) -> bool:
    """Whether the members are bare links (a menu's or a footer's columns, a carousel of
    link tiles): nearly all their text in links and headings, none of their own."""
    linked = sum(_text_chars(node) for m in members for node in m.css(TITLES))
    nested = sum(_text_chars(node) for m in members for node in m.css(NESTED_TITLES))  # counted twice
    return total - (linked - nested) < FREE_TEXT_SHARE * total


def _text_chars(node: Any) -> int:
    """The length of the node's text without its spacing (the block-edge markers are
    whitespace, stripped too)."""
    return len(node.text(deep=True, strip=True))


def _lines(node: Any) -> list[str]:
    """The member's lines as pruned_text wrote them."""
    return [line for line in (" ".join(piece.split()) for piece in node.text(deep=True).split(_BREAK)) if line]
