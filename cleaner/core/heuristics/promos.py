"""HEUR103 promo-between-boilerplate: a short blurb boxed in by rule-removed blocks."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from cleaner.core.document import Block, Verdict
from cleaner.core.heuristics.sections import is_sentence
from cleaner.core.rules.lexicons import data
from cleaner.core.rules.match import languages_for

# A blurb this short between two rule-removed blocks is the text of the same widget
# ("Subscribe to The Week" / "Escape your echo chamber. ..." / "Sign up for ...").
PROMO_MAX_CHARS = 200

# The article's own furniture (headline, byline, dateline, reading time) frames its
# standfirst, not a widget: "von Jane Doe 13.12.2022" / standfirst / "Foto: dpa".
ARTICLE_HEADER_RULES = ("TITLE", "BYL")
# A photo's caption or credit stands between the article's paragraphs too: a sentence
# next to one is a paragraph (a how-to's step between two pictures' captions, a lead
# under the lead picture). A fragment between captions ("public domain", "and the stag
# beetle (Lucanus cervus)") is the caption's own.
CAPTION_RULES = ("CAP",)
DUPLICATE_RULE = "DUP001"


def drop_boxed_promos(blocks: list[Block], verdicts: list[Verdict]) -> list[Verdict]:
    out = list(verdicts)
    for i in range(1, len(blocks) - 1):
        if not verdicts[i].keep or len(blocks[i].text) > PROMO_MAX_CHARS:
            continue
        before, after = verdicts[i - 1], verdicts[i + 1]
        if not (_boxes_promo(before) and _boxes_promo(after) and _same_widget(blocks, verdicts, i)):
            continue
        if (before.rule.startswith(CAPTION_RULES) or after.rule.startswith(CAPTION_RULES)) \
                and is_sentence(blocks[i].text):
            continue
        out[i] = Verdict(False, "HEUR103", f"short blurb between {before.rule} and {after.rule}")
    return out


def _rule_removed(verdict: Verdict) -> bool:
    return not verdict.keep and not verdict.rule.startswith("HEUR")


def _boxes_promo(verdict: Verdict) -> bool:
    return _rule_removed(verdict) and not verdict.rule.startswith(ARTICLE_HEADER_RULES)


def _same_widget(blocks: list[Block], verdicts: list[Verdict], i: int) -> bool:
    """A repeated line frames a widget only when the same line stands on both sides (a
    card's "Save" button before and after its blurb). Two different repeated lines are a
    page printing its own text twice (tabs, a summary box): the text between is article."""
    both_repeats = verdicts[i - 1].rule == DUPLICATE_RULE and verdicts[i + 1].rule == DUPLICATE_RULE
    return not both_repeats or blocks[i - 1].text == blocks[i + 1].text


# HEUR121 closing-bio: after the article a page prints its author's or its site's blurb as a
# paragraph that reads like prose ("Will Knight is a senior writer for WIRED, covering ...",
# "Daniel Weinmann arbeitete viele Jahre als Redakteur ...", "I am Joyce from Sunny Singapore.
# This blog is ..."). Such a paragraph opens with a name of one to BIO_MAX_NAME_WORDS
# capitalised words and a verb of the lexicon (`[HEUR121] verb`: "is", "ist", "arbeitete"),
# with a profession of the lexicon (`profession`: "writer", "Redakteur", "founder") among the
# BIO_PROFESSION_REACH words after the verb ("is a senior writer", "has worked as a professional
# Python developer"); or with a first-person introduction (`intro`: "I am", "Ich bin")
# and a capitalised name. It goes only in the article's tail: after BIO_MIN_BEFORE characters
# of kept text, with less than BIO_TAIL_SHARE of that kept after it in sentences. Inside an article the
# same sentence introduces a person it quotes, and stays.
BIO_MAX_NAME_WORDS = 3
BIO_HEAD_WORDS = 14
BIO_PROFESSION_REACH = 5
BIO_MIN_BEFORE = 600
BIO_TAIL_SHARE = 0.5
BIO_MIN_WORDS = 8
BIO_MAX_WORDS = 120
_TOKEN_STRIP = ".,;:!?()\"'“”„«»"


class BioLexicon(NamedTuple):
    verbs: tuple[tuple[str, ...], ...]
    intros: tuple[tuple[str, ...], ...]
    professions: frozenset[str]
    # the first words of the verbs and intros: most paragraphs have none where a bio has
    # one, and are let go before the phrases are compared
    verb_starts: frozenset[str]
    intro_starts: frozenset[str]


def bio_lexicon(language: str) -> BioLexicon:
    """The HEUR121 data of the language's lexicon and English's (none when the language has no lexicon)."""
    return _bio_lexicon(languages_for(language))


@lru_cache(maxsize=None)
def _bio_lexicon(languages: tuple[str, ...]) -> BioLexicon:
    def words(key: str) -> list[str]:
        return [w.lower() for lang in languages for w in data(lang, "HEUR121", key)]
    verbs = tuple(tuple(p.split()) for p in words("verb"))
    intros = tuple(tuple(p.split()) for p in words("intro"))
    return BioLexicon(verbs, intros, frozenset(words("profession")),
                      frozenset(v[0] for v in verbs if v), frozenset(i[0] for i in intros if i))


def drop_closing_bios(blocks: list[Block], verdicts: list[Verdict], lexicon: BioLexicon) -> list[Verdict]:
    if not lexicon.verbs and not lexicon.intros:
        return verdicts
    kept = [i for i, verdict in enumerate(verdicts) if verdict.keep]
    # Walked from the end: the tail is the kept blocks after BIO_MIN_BEFORE characters with
    # less than BIO_TAIL_SHARE of the text before them still to come in sentences, and
    # going back from the end the text to come only grows and the text before only
    # shrinks: the walk stops at the first block outside the tail, and the article's
    # body above it is never read. The prose to come: a widget's long line that ends no
    # sentence (an archive's month list) is no article text going on.
    before = sum(len(blocks[i].text) for i in kept)
    after = 0
    out = verdicts
    for i in reversed(kept):
        text = blocks[i].text
        before -= len(text)
        if before < BIO_MIN_BEFORE or after >= BIO_TAIL_SHARE * before:
            break
        if _is_bio(text, lexicon):
            if out is verdicts:
                out = list(verdicts)
            out[i] = Verdict(False, "HEUR121", "an author's or site's blurb in the article's tail")
        if is_sentence(text):
            after += len(text)
    return out


def _is_bio(text: str, lexicon: BioLexicon) -> bool:
    words = text.split(maxsplit=BIO_HEAD_WORDS)[:BIO_HEAD_WORDS]
    if len(words) < BIO_MIN_WORDS:
        return False
    head = [w.strip(_TOKEN_STRIP).lower() for w in words[:BIO_MAX_NAME_WORDS + 1]]
    if head[0] not in lexicon.intro_starts and lexicon.verb_starts.isdisjoint(head[1:]):
        return False
    if len(text.split(maxsplit=BIO_MAX_WORDS)) > BIO_MAX_WORDS:
        return False
    plain = [w.strip(_TOKEN_STRIP) for w in words]
    lowered = [w.lower() for w in plain]
    for intro in lexicon.intros:
        n = len(intro)
        if tuple(lowered[:n]) == intro and len(plain) > n and _is_name_word(plain[n]):
            return True
    for k in range(1, BIO_MAX_NAME_WORDS + 1):
        if k >= len(plain) or not _is_name_word(plain[k - 1]):
            return False
        for verb in lexicon.verbs:
            end = k + len(verb)
            if tuple(lowered[k:end]) == verb:
                return any(w in lexicon.professions for w in lowered[end:end + BIO_PROFESSION_REACH])
    return False


def _is_name_word(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and word.replace("-", "").replace(".", "").isalpha()
