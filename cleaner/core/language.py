"""Language of a document: its script when one written without spaces dominates it, else
a stopword vote, langdetect when the vote is unsure.

Both are deterministic: the vote is arithmetic, and langdetect runs with a fixed seed.
Only a bounded sample of the longest lines is read, so a 1 MB page costs what a
short article does.
"""
from __future__ import annotations

import re
from functools import lru_cache

from cleaner.core.document import Block
from cleaner.core.features import count_letters
from cleaner.core.lexicon import stopwords, stopword_languages
from cleaner.core.normalize import lower_words, non_ascii

UNKNOWN = "unknown"
# Longest lines first: menus and footers are short, prose is long.
SAMPLE_CHARS = 1500
# No one line gives more than this to the sample: a scraper that joins a tag cloud, a
# menu or an inline data blob into one line (html-text does, inscriptis breaks them)
# made that line the longest and the whole sample, and German pages were read as Polish
# or English from it.
SAMPLE_LINE_CHARS = 300
# Below this much prose the guess is noise ("Home", "Login", a headline).
MIN_SAMPLE_CHARS = 40
# The vote decides alone when the winner covers this share of the sample's words ...
VOTE_MIN_SHARE = 0.18
# ... and beats the runner-up by this factor; otherwise langdetect is asked.
VOTE_MIN_LEAD = 1.8
LANGDETECT_MIN_PROB = 0.80
# The vote compares these curated lists only. The wider stoplists (jusText's, used to
# judge prose once the language is known) mix in English: Marathi's, Nepali's and
# Telugu's hold "the", "and", "of", so with them every English page was a near tie and
# went to langdetect, several milliseconds a page. Other languages are langdetect's.
VOTE_LANGUAGES = ("cs", "da", "de", "en", "es", "fr", "it", "nl", "pl", "pt", "ru", "sv")

# A sample line needs this share of letters to say anything about the language: dates,
# prices, scores and link lists ("2023-11-17 15:13", "| 1 | 2 | 3 |") say nothing.
SAMPLE_MIN_LETTER_SHARE = 0.5
LETTER_CHECK_CHARS = 120
# Scripts that name their language: when their letters are this share of the sample's,
# the script decides (langdetect's guesses on short Chinese, Japanese and Thai text
# vary, and the stopword vote cannot read them).
SCRIPT_MIN_SHARE = 0.6
# Japanese mixes kana into its Han characters; Chinese has next to none.
KANA_MIN_SHARE = 0.1
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003fffd]")
_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]")
_THAI = re.compile(r"[\u0e01-\u0e5b]")
_SCRIPTS = re.compile("|".join(p.pattern for p in (_HAN, _KANA, _HANGUL, _THAI)))


def sample_for_detection(blocks: list[Block], limit: int = SAMPLE_CHARS) -> str:
    """The longest blocks, up to `limit` characters and SAMPLE_LINE_CHARS of each, in document order."""
    chosen: list[tuple[int, str]] = []
    total = 0
    # longest first, ties in document order (a stable sort on a C-level key)
    negative_lengths = [-len(block.text) for block in blocks]
    for block in map(blocks.__getitem__, sorted(range(len(blocks)), key=negative_lengths.__getitem__)):
        if total >= limit:
            break
        piece = without_markup(block.text[:MARKUP_SCAN_CHARS])[: min(limit - total, SAMPLE_LINE_CHARS)]
        if not mostly_letters(piece):
            continue
        chosen.append((block.index, piece))
        total += len(piece)
    return " ".join(text for _, text in sorted(chosen))


# Scrapes carry markup and addresses as text (a <noscript> pixel, an escaped embed code):
# their letters are Latin whatever the page's language, and a Japanese page whose longest
# lines are tracking-pixel tags was read as English. Tags and URLs are left out of the
# sample; bounded repeats, so the pattern stays linear-time.
_MARKUP = re.compile(r"<[A-Za-z/!][^<>\n]{0,800}>|(?:https?://|www\.)[^\s<>\"']{1,2000}")
MARKUP_SCAN_CHARS = 4 * SAMPLE_LINE_CHARS


def without_markup(text: str) -> str:
    if "<" not in text and "http" not in text and "www." not in text:
        return text
    return " ".join(_MARKUP.sub(" ", text).split())


def mostly_letters(piece: str) -> bool:
    """Letters make SAMPLE_MIN_LETTER_SHARE of the line's start (its first
    LETTER_CHECK_CHARS characters: enough to tell prose from a row of figures)."""
    head = piece[:LETTER_CHECK_CHARS]
    return count_letters(head) >= SAMPLE_MIN_LETTER_SHARE * len(head)


def normalize_code(code: str | None) -> str | None:
    """'de-DE' -> 'de', 'zh-cn' -> 'zh', '' -> None; only the primary subtag is kept."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def detect_language(blocks: list[Block]) -> str:
    sample = sample_for_detection(blocks)
    if len(sample) < MIN_SAMPLE_CHARS:
        return UNKNOWN
    by_script = language_by_script(sample)
    if by_script:
        return by_script
    voted = vote_by_stopwords(sample)
    if voted:
        return voted
    return _langdetect(sample)


def language_by_script(sample: str) -> str | None:
    """zh, ja, ko or th when that script's letters dominate the sample, else None."""
    # the scripts' letters are all outside ASCII: only those characters are scanned
    if sample.isascii() or not _SCRIPTS.search(non_ascii(sample)):
        return None
    letters = count_letters(sample)
    han, kana = len(_HAN.findall(sample)), len(_KANA.findall(sample))
    counts = {"cjk": han + kana, "ko": len(_HANGUL.findall(sample)), "th": len(_THAI.findall(sample))}
    script, most = max(counts.items(), key=lambda item: item[1])
    if not letters or most < SCRIPT_MIN_SHARE * letters:
        return None
    if script != "cjk":
        return script
    return "ja" if kana >= KANA_MIN_SHARE * most else "zh"


def vote_by_stopwords(sample: str) -> str | None:
    words = lower_words(sample)  # "İ" read as "i", a Polish stopword, not "i" and a dot
    if len(words) < 8:
        return None
    languages = _vote_languages()
    # Every language's count at once: each stopword adds its languages' packed ones (see
    # _stopword_index), a C-level sum over the words with no per-language loop.
    index = _stopword_index()
    packed = sum(map(index.__getitem__, filter(index.__contains__, words)))
    hits = [(packed >> (_COUNT_BITS * i)) & _COUNT_MASK for i in range(len(languages))]
    shares = sorted(((hits[i] / len(words), lang) for i, lang in enumerate(languages)), reverse=True)
    (best, lang), (second, _) = shares[0], shares[1]
    if best >= VOTE_MIN_SHARE and best >= VOTE_MIN_LEAD * second:
        return lang
    return None


# A language's count in the packed sum: a field of this many bits, far more than a
# sample of SAMPLE_CHARS characters has words, so no field carries into the next.
_COUNT_BITS = 32
_COUNT_MASK = (1 << _COUNT_BITS) - 1


@lru_cache(maxsize=1)
def _vote_languages() -> tuple[str, ...]:
    return tuple(lang for lang in VOTE_LANGUAGES if lang in stopword_languages())


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, int]:
    """Stopword -> a one in the field (_COUNT_BITS wide) of each language of
    _vote_languages() whose list holds it, field i for the i-th language.

    Summed over a sample's words, the fields count every language's stopwords at once.
    """
    index: dict[str, int] = {}
    for i, lang in enumerate(_vote_languages()):
        for word in stopwords(lang):
            index[word] = index.get(word, 0) + (1 << (_COUNT_BITS * i))
    return index


@lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def _langdetect(sample: str) -> str:
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = _factory().create()
        detector.append(sample)
        candidates = detector.get_probabilities()
    except LangDetectException:
        return UNKNOWN
    if not candidates or candidates[0].prob < LANGDETECT_MIN_PROB:
        return UNKNOWN
    return normalize_code(candidates[0].lang) or UNKNOWN


def warm_up() -> None:
    """Load the langdetect profiles and the stopword index now (the service calls this before /readyz)."""
    _factory()
    _stopword_index()
