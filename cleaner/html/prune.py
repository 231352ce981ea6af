"""Structural pruning with selectolax (Lexbor), driven by cleaner/core/lexicon/html.toml.

Every pruned node that held visible text becomes a RemovedSpan with null offsets and
its HTML rule code. Nodes that hold the article (html, body, main, article, or a large
share of the page's text) are never pruned.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from importlib import resources

from selectolax.lexbor import LexborHTMLParser

from cleaner.core.rules import RULES
from cleaner.core.rules.registry import is_disabled
from cleaner.core.rules.html import BOILERPLATE_ATTRIBUTE, HIDDEN_ELEMENT, LINK_LIST, NON_CONTENT_ELEMENT
from cleaner.result import RemovedSpan

# The walk judges at most this many elements: past that, pages are generated listings
# rather than articles, and the extractor copes alone.
MAX_NODES = 60_000
# A candidate holding more than this share of the page's text is the article, not a widget.
MAX_TEXT_SHARE = 0.4
REPORT_CHARS = 500  # text kept per structural RemovedSpan
# The attributes a verdict can rest on: a node with none of them (and no listed tag)
# needs no judging.
JUDGED_ATTRIBUTES = frozenset({"hidden", "aria-hidden", "style", "role", "class", "id", "aria-label"})
PROTECTED_TAGS = frozenset({"html", "body", "main", "article", "h1"})
# Attribute matches, <form> and <aside> are weaker evidence than a widget tag: such a node
# is kept when it holds a paragraph of running text this long (a wrapper whose class says
# "share-enabled", an ASP.NET page inside one <form>, a product's description in an
# <aside> sheet, an article's boxed explainer), and trafilatura and the text path decide
# instead (on dev2 +0.001 F1, dev unchanged: a sidebar's links and teasers have no such
# paragraph).
PROSE_CHARS = 250
WEAK_TAGS = frozenset({"form", "aside"})
# A button that holds a heading is an accordion's (a FAQ's question, a section's title):
# the button goes, its heading stays in its place (trafilatura would drop the button,
# heading and all). So does a button inside a heading, the WAI-ARIA accordion pattern
# (<h3><button aria-expanded="false">Question</button></h3>): its text is the heading's,
# the button is unwrapped and the heading keeps it (within HEADING_BUTTON_DEPTH levels).
TITLE_BUTTONS = frozenset({"button"})
HEADINGS = "h1, h2, h3, h4, h5, h6"
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HEADING_BUTTON_DEPTH = 3
# A list (<ul>, <ol>) with at least this many links, at least this share of its text in
# them, is navigation (a menu, "Related", tags), whatever its class says: the link-density
# test of jusText, Readability and trafilatura itself, made before extraction, so the
# extractor no longer spends a tenth of its time walking such lists. On the dev corpus a
# share from 0.7 to 0.9 and a minimum of 2 to 5 links gave F1 0.9443-0.9448 (0.9437
# without the rule). Not weak evidence, unlike a class match: a list's paragraphs of
# running text that are links are story cards.
LINK_LIST_MIN_LINKS = 3
LINK_LIST_SHARE = 0.8
LIST_TAGS = frozenset({"ul", "ol"})
# The test reads each list's subtree, so lists nested in lists are read once per level:
# a page's lists are read up to this much markup in all (real pages: tens of KB), and the
# lists past it are left to the extractor, so a hostile nest costs linear time.
LINK_LIST_READ_MAX = 1 << 20

_TOKEN_SPLIT = re.compile(r"[\s\-_]+")
_STYLE_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
# Headings, whose id is often their own text as an anchor ("13-social-driver").
SLUGGED_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True, slots=True)
class PruneLexicon:
    silent_tags: frozenset[str]
    tags: frozenset[str]
    tokens: frozenset[str]
    roles: frozenset[str]
    hidden_styles: tuple[str, ...]
    # class/id values already judged: they repeat across a page's nodes and across pages
    # ("menu-item", "col-md-6"), so each is split and looked up once. Bounded, as a page
    # may hold any number of distinct ones.
    token_verdicts: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@lru_cache(maxsize=None)
def load_html_lexicon() -> PruneLexicon:
    """html.toml, validated once (see parse_html_lexicon)."""
    return parse_html_lexicon((resources.files("cleaner.core.lexicon") / "html.toml").read_text(encoding="utf-8"))


def parse_html_lexicon(text: str) -> PruneLexicon:
    """Every table is a known HTML code with known keys, and every token can match."""
    raw = tomllib.loads(text)
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
        # Values are split into tokens on these very characters, so a token holding one
        # would never match.
        for token in body.get("tokens", ()) if code == BOILERPLATE_ATTRIBUTE.code else ():
            if _TOKEN_SPLIT.search(token.strip()):
                raise ValueError(f"lexicon/html.toml [{code}].tokens: {token!r} can never match "
                                 "(class and id values are split on spaces, '-' and '_')")

    def get(code: str, key: str) -> list[str]:
        return [v.strip().casefold() for v in raw.get(code, {}).get(key, [])]

    return PruneLexicon(
        silent_tags=frozenset(get(NON_CONTENT_ELEMENT.code, "silent")),
        tags=frozenset(get(NON_CONTENT_ELEMENT.code, "tags")),
        tokens=frozenset(get(BOILERPLATE_ATTRIBUTE.code, "tokens")),
        roles=frozenset(get(BOILERPLATE_ATTRIBUTE.code, "roles")),
        hidden_styles=tuple(s.replace(" ", "") for s in get(HIDDEN_ELEMENT.code, "styles")),
    )


def prune(tree: LexborHTMLParser, disable: tuple[str, ...] = (),
          keep_attributes: frozenset[str] | None = None) -> list[RemovedSpan]:
    """Remove boilerplate nodes from `tree` in place; return what was removed.

    With `keep_attributes`, the walk also removes every other attribute from the nodes
    it judges (what the extractor never reads costs it parse and copy time), once it has
    judged them.
    """
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
    list_reads = LINK_LIST_READ_MAX if not is_disabled(LINK_LIST.code, disable) else 0
    # Every element is judged in one C-driven pre-order pass (at most MAX_NODES of them,
    # later ones are left to the extractor); then the judged ones are pruned in page
    # order, skipping those inside a node already pruned. Lexbor's traversal is
    # iterative, so no nesting depth can make it recurse.
    judged = []
    for node in islice(root.traverse(include_text=False), 0 if keep_attributes else 1, MAX_NODES + 1):
        tag = node.tag
        attrs = node.attributes  # a fresh dict: judged below even after the node's are dropped
        if keep_attributes is not None and attrs:
            for name in attrs.keys() - keep_attributes:
                del node.attrs[name]
        if tag not in PROTECTED_TAGS and (tag in lex.tags or not attrs.keys().isdisjoint(JUDGED_ATTRIBUTES)):
            verdict = _judge(tag, attrs, lex, tags_on, hidden_on, attrs_on)
            if verdict is not None and verdict[0] is BOILERPLATE_ATTRIBUTE and tag in SLUGGED_TAGS \
                    and _names_itself(node, attrs):
                # the id is the heading's own text made an anchor ("13-social-driver"):
                # no evidence; the rest of its attributes are judged
                verdict = _judge(tag, {k: v for k, v in attrs.items() if k != "id"}, lex, tags_on, hidden_on,
                                 attrs_on)
            if verdict is not None:
                judged.append((node, verdict))
                continue
        if list_reads > 0 and tag in LIST_TAGS:
            list_reads -= len(node.html or "")  # what the test reads, paid before it reads
            if list_reads >= 0 and (why := _link_list(node)):
                judged.append((node, (LINK_LIST, why)))
    doomed, unwrapped = [], []
    doomed_ids: set[int] = set()
    for node, (rule, why) in judged:
        if doomed_ids and _inside(node, doomed_ids):
            continue
        if rule is NON_CONTENT_ELEMENT and node.tag in TITLE_BUTTONS and _titles(node):
            unwrapped.append(node)
            continue
        text = _visible_text(node)
        if _may_prune(node, rule, text, page_chars):
            doomed.append(node)
            doomed_ids.add(node.mem_id)
            if text:
                removed.append(
                    RemovedSpan(start=None, end=None, text=text[:REPORT_CHARS], rule=rule.code,
                                reason=f"{rule.code} {rule.name}: {why}")
                )
    # Decompose only after the walk: a freed subtree must not be visited.
    for node in doomed:
        node.decompose()
    for node in unwrapped:  # none inside a doomed node (checked in page order above)
        node.unwrap()
    return removed


def _names_itself(node, attrs: dict) -> bool:
    """Whether the element's id is made of its own text's words (a heading's anchor)."""
    ident = (attrs.get("id") or "").casefold()
    tokens = [t for t in _TOKEN_SPLIT.split(ident) if t]
    if not tokens:
        return False
    words = set(_WORDS.findall(node.text(deep=True).casefold()))
    return all(token in words for token in tokens)


def _titles(button) -> bool:
    """Whether a button holds a heading or stands inside one (an accordion's trigger)."""
    parent = button.parent
    for _ in range(HEADING_BUTTON_DEPTH):
        if parent is None:
            break
        if parent.tag in HEADING_TAGS:
            return True
        parent = parent.parent
    return button.css_first(HEADINGS) is not None


def _inside(node, doomed_ids: set[int]) -> bool:
    """Whether one of the node's ancestors is already doomed."""
    parent = node.parent
    while parent is not None:
        if parent.mem_id in doomed_ids:
            return True
        parent = parent.parent
    return False


def _judge(tag: str, attrs: dict, lex: PruneLexicon, tags_on: bool, hidden_on: bool, attrs_on: bool):
    """(rule, evidence) when an element with this tag and these attributes looks like boilerplate, else None."""
    if tags_on and tag in lex.tags:
        return NON_CONTENT_ELEMENT, f"<{tag}>"
    if not attrs:
        return None
    if hidden_on and ("hidden" in attrs or "style" in attrs):
        why = _hidden(attrs, lex)
        if why:
            return HIDDEN_ELEMENT, why
    if attrs_on and (why := boilerplate_attribute(attrs, lex)):
        return BOILERPLATE_ATTRIBUTE, why
    return None


def _may_prune(node, rule, text: str, page_chars: int) -> bool:
    """False for a node that holds the article or, on weak evidence, running prose."""
    if len(text) > MAX_TEXT_SHARE * page_chars or _holds_article(node):
        return False
    weak = rule is BOILERPLATE_ATTRIBUTE or node.tag in WEAK_TAGS
    return not (weak and len(text) >= PROSE_CHARS and _holds_prose(node))


def _link_list(node) -> str:
    """'N links, S% of its text' for a list that is mostly links, else ""."""
    links = node.css("a")
    if len(links) < LINK_LIST_MIN_LINKS:
        return ""
    total = len(node.text(deep=True, strip=True))
    linked = sum(len(link.text(deep=True, strip=True)) for link in links)
    if not total or linked < LINK_LIST_SHARE * total:
        return ""
    return f"{len(links)} links, {min(linked / total, 1):.0%} of its text"


def _hidden(attrs: dict, lex: PruneLexicon) -> str:
    # aria-hidden is no evidence: it hides an element from screen readers only, and pages
    # put it on visible text (decorative headings, drop caps, whole article wrappers of
    # slide-in layouts); what readers cannot see is marked hidden or display:none.
    if "hidden" in attrs:
        return "hidden attribute"
    style = attrs.get("style")
    if style:
        folded = _STYLE_SPACE.sub("", style).lower()
        for pattern in lex.hidden_styles:
            if pattern in folded:
                return f'style "{pattern}"'
    return ""


def boilerplate_attribute(attrs: dict, lex: PruneLexicon) -> str:
    """The evidence ('class token "consent"') when the attributes name a widget, else ""."""
    role = attrs.get("role")
    if role and (role := role.strip().lower()) in lex.roles:
        return f'role="{role}"'
    verdicts = lex.token_verdicts
    for name in ("class", "id", "aria-label"):
        value = attrs.get(name)
        if value:
            # Looked up here first: a page's class values are nearly all seen before.
            token = verdicts.get(value)
            if token is None:
                token = _boilerplate_token(value, lex)
            if token:
                return f'{name} token "{token}"'
    return ""


TOKEN_VERDICTS_MAX = 20_000


def _boilerplate_token(value: str, lex: PruneLexicon) -> str:
    """The first lexicon token among the value's tokens, or "", remembered for the value
    (callers look it up in `lex.token_verdicts` first)."""
    verdicts = lex.token_verdicts
    verdict = next((t for t in _TOKEN_SPLIT.split(value.casefold()) if t in lex.tokens), "")
    if len(verdicts) >= TOKEN_VERDICTS_MAX:
        verdicts.clear()
    verdicts[value] = verdict
    return verdict


def _holds_article(node) -> bool:
    return node.css_first("article, main, h1, [itemprop=articleBody]") is not None


def _holds_prose(node) -> bool:
    return any(len(_visible_text(p)) >= PROSE_CHARS for p in node.css("p"))


def _visible_text(node) -> str:
    return " ".join(node.text(deep=True, separator=" ").split())


def _text_len(node) -> int:
    """Length of the node's text with whitespace runs folded (a share's denominator)."""
    return len(_visible_text(node))


_BLOCK_TAGS = (
    "p,div,section,li,ul,ol,dl,dt,dd,h1,h2,h3,h4,h5,h6,blockquote,pre,table,tr,td,th,"
    "figure,figcaption,header,br,hr,address,details,summary"
)
BLOCK_TAG_NAMES = frozenset(_BLOCK_TAGS.split(","))
_BREAK = "\u2029"  # paragraph separator: marks block edges, never in folded page text


def pruned_text(tree: LexborHTMLParser) -> str:
    """The remaining visible text, one line per block-level element (mutates `tree`)."""
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css(_BLOCK_TAGS):
        node.insert_before(_BREAK)
        node.insert_after(_BREAK)
    # Each piece between markers with its whitespace runs folded, empty ones dropped
    # (most are: one per block edge), in C-level iteration.
    pieces = root.text(deep=True).split(_BREAK)
    return "\n".join(filter(None, map(" ".join, map(str.split, pieces))))
