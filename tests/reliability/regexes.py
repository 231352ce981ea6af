"""Every regular expression in `cleaner/`, found automatically, and hostile inputs for each.

Discovery (so a new pattern is covered without editing a list):
  * module level: every compiled `re` / RE2 object bound to a name in any `cleaner.*`
    module (imported with pkgutil);
  * inline: every `re.*(...)` / `re2.*(...)` call in the source whose pattern is a string
    literal (found with `ast`), e.g. `re.fullmatch(r"...", name)` inside a function;
  * lexicons: the RE2 patterns of every `cleaner/core/lexicon/<lang>.toml`, compiled as the
    matcher compiles them, plus the matcher's combined all-patterns program.

Hostile inputs are built from what each pattern repeats: the characters its repeated
sub-patterns can match (read with the `re` parser; for RE2 syntax it cannot read, the
pattern's literal characters and class representatives), in long runs, in runs of two
alternating characters, behind the pattern's literal words (to get past anchors), and as
near misses (a run followed by a character that makes the match fail, which is what
makes a backtracking engine retry every split).

`python -m tests.reliability.regexes --size 100000` prints one JSON line per pattern with
its worst input and time; tests/reliability/test_regex_safety.py and bench/regex_worst.py
both run it.
"""
from __future__ import annotations

import argparse
import ast
import importlib
import json
import pkgutil
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

try:
    import re._parser as sre_parse  # Python 3.11+
    from re import _constants as sre
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]
    import sre_constants as sre  # type: ignore[no-redef]

import re2

import cleaner

ROOT = Path(cleaner.__file__).resolve().parent
_RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
# Always tried, whatever the pattern: spaces, word and non-word characters, other scripts,
# invisible characters, markup and line breaks.
GENERIC = [" ", "a", "A", "1", "-", ".", "<", ">", "\n", "\t", "é", "\u0627", "\u4e2d", "\u200b", "\xa0", "'", '"', "/"]
# Patterns that are only ever applied to a bounded slice of a line: tested on that slice
# size (the bound is at the call site, which these tests cannot see). name -> (chars, why)
BOUNDED_CALL_SITES: dict[str, tuple[int, str]] = {
    "cleaner.core.rules.match._LAST_WORD": (64, "searched on folded[-64:] only (\\w*$ rescans every start)"),
}


@dataclass
class Pattern:
    name: str  # where it lives: module.attribute, file:line, or lexicon/<lang>.toml [CODE]
    engine: str  # "re" or "re2"
    source: str | bytes
    compiled: Any
    is_bytes: bool = False
    max_chars: int | None = None  # a bound applied at every call site
    notes: list[str] = field(default_factory=list)

    def run(self, text: str) -> None:
        subject: Any = text.encode("utf-8", "surrogatepass") if self.is_bytes else text
        if self.max_chars is not None:
            subject = subject[-self.max_chars:]
        self.compiled.search(subject)
        for _ in self.compiled.finditer(subject):
            pass


def _module_patterns() -> Iterator[Pattern]:
    for info in pkgutil.walk_packages([str(ROOT)], prefix="cleaner."):
        if info.name.endswith("__main__"):
            continue  # importing it runs the CLI
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - an optional extra missing: its source is still scanned
            continue
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield Pattern(f"{info.name}.{attr}", "re", value.pattern, value, isinstance(value.pattern, bytes))
            elif isinstance(value, re2._Regexp):
                yield Pattern(f"{info.name}.{attr}", "re2", value.pattern, value)


def _inline_patterns() -> Iterator[Pattern]:
    """`re.x("literal", ...)` calls anywhere in the source (module-level ones included)."""
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id in ("re", "re2") and node.func.attr in _RE_FUNCS):
                continue
            if not node.args or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, (str, bytes)):
                continue
            source = node.args[0].value
            flags = _literal_flags(node)
            where = f"{path.relative_to(ROOT.parent)}:{node.lineno}"
            if owner.id == "re2":
                yield Pattern(where, "re2", source, re2.compile(source))
            else:
                yield Pattern(where, "re", source, re.compile(source, flags), isinstance(source, bytes))


def _literal_flags(call: ast.Call) -> int:
    """re.I | re.S style flags given as the call's last positional or `flags=` argument."""
    candidates = [kw.value for kw in call.keywords if kw.arg == "flags"]
    if call.func.attr == "compile" and len(call.args) > 1:  # type: ignore[attr-defined]
        candidates.append(call.args[1])
    flags = 0
    for expr in candidates:
        for sub in ast.walk(expr):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "re":
                flags |= getattr(re, sub.attr, 0)
    return flags


def _lexicon_patterns() -> Iterator[Pattern]:
    from cleaner.core.lexicon import lexicon_languages
    from cleaner.core.rules.lexicons import load_lexicon
    from cleaner.core.rules.match import matcher_for

    for language in lexicon_languages():
        for code, entry in load_lexicon(language).items():
            for source in entry.get("regex", ()):
                yield Pattern(f"lexicon/{language}.toml [{code}] {source[:40]}", "re2", source, None)
    matcher = matcher_for(())
    for compiled, code in matcher.regex:
        yield Pattern(f"matcher {code} {compiled.pattern[:40]}", "re2", compiled.pattern, compiled)
    if matcher.any_regex is not None:
        yield Pattern("matcher any_regex (all lexicon patterns)", "re2", matcher.any_regex.pattern, matcher.any_regex)


def discover() -> list[Pattern]:
    """Every distinct pattern, first name wins (module attribute names read best)."""
    found: dict[tuple[str, Any], Pattern] = {}
    for pattern in (*_module_patterns(), *_inline_patterns(), *_lexicon_patterns()):
        if pattern.compiled is None:
            continue  # lexicon entries are tested through the matcher's compiled objects
        key = (pattern.engine, pattern.source, getattr(pattern.compiled, "flags", 0))
        if key not in found:
            bound = BOUNDED_CALL_SITES.get(pattern.name)
            if bound:
                pattern.max_chars = bound[0]
                pattern.notes.append(bound[1])
            found[key] = pattern
    return list(found.values())


# ---- hostile inputs ---------------------------------------------------------------------

_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op)
_CATEGORY_CHARS = {
    sre.CATEGORY_DIGIT: "1", sre.CATEGORY_NOT_DIGIT: "a", sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_SPACE: "a", sre.CATEGORY_WORD: "a", sre.CATEGORY_NOT_WORD: " ",
    sre.CATEGORY_LINEBREAK: "\n", sre.CATEGORY_NOT_LINEBREAK: "a",
}


def _class_chars(items: list) -> set[str]:
    chars: set[str] = set()
    negate = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            lo, hi = av
            chars.update({chr(lo), chr(hi), chr((lo + hi) // 2)})
        elif op is sre.CATEGORY:
            chars.add(_CATEGORY_CHARS.get(av, "a"))
    if negate:  # anything outside the class: try a few common characters not in it
        return {c for c in ("a", " ", "1", "x", "\u00e9", "!") if c not in chars}
    return chars


def _chars_of(parsed) -> set[str]:
    """Characters that the (sub)pattern can consume anywhere."""
    chars: set[str] = set()
    for op, av in parsed:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.NOT_LITERAL:
            chars.update({"a", " "} - {chr(av)})
        elif op is sre.IN:
            chars |= _class_chars(av)
        elif op is sre.ANY:
            chars.update({"a", " "})
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            chars |= _chars_of(av[2])
        elif op is sre.SUBPATTERN:
            chars |= _chars_of(av[-1])
        elif op is sre.BRANCH:
            for branch in av[1]:
                chars |= _chars_of(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            chars |= _chars_of(av[1])
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            chars |= _chars_of(av)
    return chars


def _repeated_chars(parsed) -> set[str]:
    """Characters inside repeated sub-patterns: the ones a long run makes it chew on."""
    chars: set[str] = set()
    for op, av in parsed:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            chars |= _chars_of(av[2]) | _repeated_chars(av[2])
        elif op is sre.SUBPATTERN:
            chars |= _repeated_chars(av[-1])
        elif op is sre.BRANCH:
            for branch in av[1]:
                chars |= _repeated_chars(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            chars |= _repeated_chars(av[1])
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            chars |= _repeated_chars(av)
    return chars


def _shortest(parsed, bump: bool = False) -> str:
    """A short string the (sub)pattern matches: each repeat at its minimum count (or one
    more, with `bump`), each branch its first alternative, each class one member."""
    out = []
    for op, av in parsed:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.NOT_LITERAL:
            out.append("a" if chr(av) != "a" else "b")
        elif op is sre.IN:
            out.append(min(_class_chars(av) or {"a"}))
        elif op is sre.ANY:
            out.append("a")
        elif op in _REPEATS:
            low, high, body = av
            count = min(high, low + 1) if bump else low
            out.append(_shortest(body, bump) * count)
        elif op is sre.SUBPATTERN:
            out.append(_shortest(av[-1], bump))
        elif op is sre.BRANCH:
            out.append(_shortest(av[1][0], bump))
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            out.append(_shortest(av, bump))
    return "".join(out)


def _repeat_units(parsed) -> set[str]:
    """The shortest strings each repeated sub-pattern matches: repeated back to back they
    are what makes a nested quantifier try every way of splitting the run."""
    units: set[str] = set()
    for op, av in parsed:
        if op in _REPEATS:
            units.update(u for u in (_shortest(av[2]), _shortest(av[2], bump=True)) if u)
            units |= _repeat_units(av[2])
        elif op is sre.SUBPATTERN:
            units |= _repeat_units(av[-1])
        elif op is sre.BRANCH:
            for branch in av[1]:
                units |= _repeat_units(branch)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            units |= _repeat_units(av[1])
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            units |= _repeat_units(av)
    return units


_RE2_CLASSES = {r"\s": " ", r"\d": "1", r"\w": "a", r"\pL": "é", r"\p{Lu}": "A", r"\p{L}": "é", r"\S": "a", r".": "a"}


def _text_chars(source: str) -> set[str]:
    """For patterns `re` cannot parse (RE2 syntax): literal characters and class stand-ins."""
    chars = {rep for cls, rep in _RE2_CLASSES.items() if cls in source}
    stripped = re.sub(r"\\[pP]\{\w+\}|\\.|\(\?[a-zA-Z]+\)|[()|?*+{}^$\[\]]", "", source)
    chars.update(stripped)
    return chars


def _literal_words(source: str) -> list[str]:
    """Words in the pattern text, to put before a run so anchored patterns engage."""
    words = re.findall(r"[A-Za-zÀ-ÿ]{3,}", re.sub(r"\\[pP]\{\w+\}", "", source))
    return list(dict.fromkeys(words))[:4]


def hostile_inputs(pattern: Pattern, size: int) -> Iterator[tuple[str, str]]:
    """(label, text) pairs of about `size` characters."""
    source = pattern.source.decode("latin-1") if isinstance(pattern.source, bytes) else pattern.source
    try:
        parsed = sre_parse.parse(source, getattr(pattern.compiled, "flags", 0) & ~re.UNICODE if pattern.is_bytes else 0)
        repeated = _repeated_chars(parsed)
        anywhere = _chars_of(parsed)
        units = sorted(_repeat_units(parsed), key=len)[:12]
    except Exception:  # noqa: BLE001 - RE2-only syntax
        repeated = anywhere = _text_chars(source)
        units = []
    repeated = {c for c in repeated if c and ord(c) < 0x110000}
    own = sorted(repeated)[:12]
    for c in own + [c for c in GENERIC if c not in repeated]:
        run = c * size
        yield f"run {c!r}", run
        # Near misses: the run, then a character that makes the match fail at the end.
        for tail in ("!", "\x00") if c in repeated else ("!",):
            if tail != c:
                yield f"run {c!r} + {tail!r}", run[:-1] + tail
    pairs = sorted(repeated | (anywhere & set(GENERIC)))[:6]
    for i, a in enumerate(pairs):
        for b in pairs[i + 1:]:
            yield f"alternating {a!r}{b!r} + '!'", (a + b) * (size // 2) + "!"
    for unit in units[:8]:
        run = unit * max(1, size // len(unit))
        for tail in ("x", "\x00"):
            yield f"({unit!r})* + {tail!r}", run + tail
    for word in _literal_words(source)[:3]:
        for c in own[:3] or [" "]:
            yield f"{word!r} + run {c!r} + '!'", word + c * size + "!"
            yield f"({word!r} + {c!r})* + '!'", (word + c) * (size // (len(word) + 1)) + "!"


@dataclass
class Worst:
    name: str
    engine: str
    seconds: float
    label: str
    inputs: int
    notes: list[str]


def measure(pattern: Pattern, size: int, clock: Callable[[], float] = time.perf_counter) -> Worst:
    worst = Worst(pattern.name, pattern.engine, 0.0, "", 0, pattern.notes)
    for label, text in hostile_inputs(pattern, size):
        start = clock()
        pattern.run(text)
        elapsed = clock() - start
        worst.inputs += 1
        if elapsed > worst.seconds:
            worst.seconds, worst.label = elapsed, label
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters per hostile input")
    parser.add_argument("--list", action="store_true", help="only list the patterns found")
    args = parser.parse_args(argv)
    for pattern in discover():
        if args.list:
            print(json.dumps({"name": pattern.name, "engine": pattern.engine, "pattern": str(pattern.source)[:120]}))
            continue
        worst = measure(pattern, args.size)
        print(json.dumps(worst.__dict__, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
