"""The rule registry: every code that can remove a span, declared once, looked up by code.

Declaring a rule registers it (no second table to keep in step). Codes are a family
prefix plus three digits; selection works on any prefix, as ruff's --select does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Literal

Kind = Literal["phrase", "code", "heuristic", "html"]

FAMILIES: dict[str, str] = {
    "NEWS": "newsletter, subscription and paywall prompts",
    "REL": "related-story lists and their headers",
    "SHARE": "share and social widgets",
    "TITLE": "the headline and its duplicates",
    "DUP": "repeated lines",
    "CAP": "image captions and credits",
    "BYL": "bylines and datelines",
    "NAV": "navigation and interface strings",
    "TAG": "tag lists and section labels",
    "LEGAL": "copyright, legal and contact lines, disclaimers and form consent",
    "COOK": "cookie and consent banners",
    "AD": "advertisement markers",
    "CMT": "comment prompts and counters",
    "HEUR": "block-shape and context heuristics",
    "HTML": "structural pruning of HTML pages",
    "SITE": "boilerplate learned from a site's own pages",
}

# Codes that were renamed keep working in options, as ruff's redirects do.
RETIRED: dict[str, str] = {}

_CODE = re.compile(r"^([A-Z]+)(\d{3})$")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    kind: Kind
    explanation: str = ""
    data_keys: tuple[str, ...] = ()
    check: Callable[..., Iterable] | None = field(default=None, compare=False, repr=False)

    @property
    def family(self) -> str:
        return _CODE.match(self.code).group(1)  # type: ignore[union-attr]


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    match = _CODE.match(rule.code)
    if not match or match.group(1) not in FAMILIES:
        raise ValueError(f"rule code {rule.code!r} is not a known family prefix plus three digits")
    if rule.code in RULES or rule.code in RETIRED:
        raise ValueError(f"rule code {rule.code} is declared twice")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name):
        raise ValueError(f"rule {rule.code}: name {rule.name!r} must be kebab-case")
    RULES[rule.code] = rule
    return rule


def phrase_rule(code: str, name: str, summary: str, explanation: str = "") -> Rule:
    """A rule whose whole evidence is its lexicon entries (see rules/match.py)."""
    return register(Rule(code, name, summary, "phrase", explanation))


def code_rule(code: str, name: str, summary: str, explanation: str = "", data_keys: tuple[str, ...] = ()):
    """Decorator: a rule whose check is a function of the document -> hits."""

    def wrap(check: Callable[..., Iterable]) -> Callable[..., Iterable]:
        register(Rule(code, name, summary, "code", explanation or (check.__doc__ or "").strip(), data_keys, check))
        return check

    return wrap


def heuristic_rule(code: str, name: str, summary: str, explanation: str = "", data_keys: tuple[str, ...] = ()) -> Rule:
    """A code cited by the block-shape and context heuristics (heuristics/)."""
    return register(Rule(code, name, summary, "heuristic", explanation, data_keys))


def html_rule(code: str, name: str, summary: str, explanation: str = "", data_keys: tuple[str, ...] = ()) -> Rule:
    """A code cited by structural pruning in HTML mode."""
    return register(Rule(code, name, summary, "html", explanation, data_keys))


def is_disabled(code: str, disabled: Iterable[str]) -> bool:
    # str.startswith takes a tuple of prefixes: one call, no generator per rule and pass
    return bool(disabled) and code.startswith(tuple(disabled))
