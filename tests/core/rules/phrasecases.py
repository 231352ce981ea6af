"""Shared by tests/core/rules/test_*.py: the phrase cases in tests/core/rules/cases and how to check one.

A case file is named <family>.<lang>.txt (family = the module in cleaner/core/rules); each
line is the expected rule code, or `keep`, a TAB, then one block of text. Lines that
start with '#' and blank lines are skipped. A code case must be a certain hit of that
code; a `keep` case must not be removed on the phrase evidence alone (no hit, or only
a suggestion on a long block).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import cleaner.core.rules  # noqa: F401  (registers every rule)
from cleaner.core.document import Strength
from cleaner.core.normalize import fold
from cleaner.core.rules.match import languages_for, matcher_for

CASES = Path(__file__).resolve().parent / "cases"
_WORD = re.compile(r"\w+")  # as cleaner.core.features counts words


def case_files(family: str) -> dict[str, Path]:
    return {p.name.split(".")[1]: p for p in sorted(CASES.glob(f"{family}.*.txt"))}


def read_cases(path: Path) -> list[tuple[str, str]]:
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        expected, tab, text = raw.partition("\t")
        if not tab or not text.strip():
            raise ValueError(f"{path.name}:{number}: expected 'CODE<TAB>text' or 'keep<TAB>text'")
        out.append((expected.strip(), text))
    return out


def params(family: str) -> list:
    """pytest params (lang, expected, text) for every case of a family."""
    out = []
    for lang, path in case_files(family).items():
        for i, (expected, text) in enumerate(read_cases(path), 1):
            out.append(pytest.param(lang, expected, text, id=f"{lang}-{i}-{expected}"))
    return out


def find(lang: str, text: str):
    matcher = matcher_for(languages_for(lang))
    return matcher.find(text, fold(text), len(_WORD.findall(text)))


def check_case(lang: str, expected: str, text: str) -> None:
    found = find(lang, text)
    if expected == "keep":
        assert found is None or found[3] is not Strength.CERTAIN, f"near miss removed: {text!r} -> {found[:3]}"
    else:
        assert found is not None, f"{text!r}: expected {expected}, no rule matched"
        code, mode, evidence, strength = found
        assert code == expected, f"{text!r}: expected {expected}, got {code} ({mode} {evidence!r})"
        assert strength is Strength.CERTAIN, f"{text!r}: {code} hit is only a suggestion"


def check_coverage(family: str, prefixes: tuple[str, ...], min_languages: int = 4) -> None:
    """The family has case files for en, de and more, each with hits and near misses."""
    files = case_files(family)
    assert {"en", "de"} <= set(files), f"{family}: cases for en and de are required, have {sorted(files)}"
    assert len(files) >= min_languages, f"{family}: cases in only {sorted(files)}"
    for lang, path in files.items():
        cases = read_cases(path)
        codes = {e for e, _ in cases if e != "keep"}
        assert codes, f"{path.name}: no positive case"
        assert any(e == "keep" for e, _ in cases), f"{path.name}: no near-miss keep case"
        assert all(c.startswith(prefixes) for c in codes), f"{path.name}: codes {codes} outside {prefixes}"


# Near misses found while writing these cases: short article sentences that a
# start/contains/regex phrase used to remove outright (mostly start phrases whose colon
# was folded away: "tags:", "mehr:", "source:"). They must stay. The few still removed
# are listed in STILL_REMOVED and run as strict xfails, so that a fix shows up.
KNOWN_FALSE_POSITIVES: dict[str, list[tuple[str, str]]] = {
    "related": [("en", "More than 200 people were evicted from the camp on Tuesday."),
                ("en", "Related research suggests the effect is small."),
                ("en", "Video footage showed the car speeding through the square."),
                ("en", "Watch the skies, the forecaster said."),
                ("de", "Mehr als 200 Menschen wurden am Dienstag evakuiert."),
                ("de", "Zum Thema äußerte sich die Ministerin nicht."),
                ("de", "Quelle der Unruhe war ein Streit um Geld.")],
    "captions": [("en", "Source of the leak was never found."),
                 ("en", "Credit card debt rose sharply last year.")],
    "navigation": [("en", "Back to the office, the staff found the doors locked.")],
    "tags": [("en", "Tagged images were removed from the platform within hours."),
             ("de", "Tags darauf kam er zurück."),
             ("de", "Thema war auch die Rente."),
             ("de", "Schlagwörter wie Heimat haben im Wahlkampf Konjunktur.")],
    "byline": [("en", "Published in 2003, the novel won 2 prizes")],
    "ads": [("en", "In partnership with local schools, the city launched a reading scheme."),
            ("en", "Presented by the minister, the bill passed easily.")],
    "consent": [("en", "The regulator restricted the use of cookies."),
                ("de", "Die Behörde prüft die Verwendung von Cookies.")],
}
STILL_REMOVED = {
    "Published in 2003, the novel won 2 prizes",
    "Presented by the minister, the bill passed easily.",
    "Mehr als 200 Menschen wurden am Dienstag evakuiert.",
}


def known_false_positive_params(family: str) -> list:
    still = pytest.mark.xfail(strict=True, reason="known false positive in the lexicon")
    return [pytest.param(lang, text, id=f"{lang}-{i}", marks=[still] if text in STILL_REMOVED else [])
            for i, (lang, text) in enumerate(KNOWN_FALSE_POSITIVES.get(family, []), 1)]


# Article bodies for the code-rule tests: enough prose that the heuristics keep it.
BODY = {
    "en": [
        "The government on Monday unveiled a long-awaited plan to overhaul the national rail network, promising faster trains and lower fares within five years.",
        "Critics said the proposal lacked detail on funding, and several regional leaders warned that rural lines could be cut to pay for the upgrades.",
        "Officials said consultations with unions and operators would begin next month, with legislation expected before the end of the year.",
        "The transport minister told reporters that the plan would be paid for partly by selling land around stations and partly by new borrowing.",
        "Passenger groups welcomed the promise of lower fares but said they would wait to see whether the timetable changes were real improvements.",
        "The opposition said it would study the details but accused ministers of recycling promises that had been made and broken several times before.",
    ],
    "de": [
        "Die Bundesregierung hat am Montag einen lange erwarteten Plan zur Modernisierung des Schienennetzes vorgestellt, der schnellere Züge und günstigere Tickets verspricht.",
        "Kritiker bemängelten, dass die Finanzierung nicht geklärt sei, und mehrere Länder warnten davor, dass Nebenstrecken gestrichen werden könnten.",
        "Die Gespräche mit Gewerkschaften und Betreibern sollen im kommenden Monat beginnen, ein Gesetz wird noch vor Ende des Jahres erwartet.",
        "Der Verkehrsminister sagte, der Plan werde zum Teil durch den Verkauf von Grundstücken an Bahnhöfen und zum Teil durch neue Kredite bezahlt.",
        "Fahrgastverbände begrüßten die Aussicht auf günstigere Preise, wollen aber abwarten, ob der neue Fahrplan wirklich Verbesserungen bringt.",
        "Die Opposition kündigte an, die Einzelheiten zu prüfen, warf der Regierung aber vor, alte Versprechen nur neu zu verpacken.",
    ],
    "fr": [
        "Le gouvernement a présenté lundi un plan très attendu pour moderniser le réseau ferroviaire, avec la promesse de trains plus rapides et de billets moins chers.",
        "Les critiques estiment que le financement reste flou, et plusieurs présidents de région craignent la fermeture de petites lignes pour payer les travaux.",
        "Les discussions avec les syndicats et les opérateurs doivent commencer le mois prochain, et un projet de loi est attendu avant la fin de l'année.",
        "Le ministre des transports a expliqué que le plan serait financé en partie par la vente de terrains autour des gares et en partie par l'emprunt.",
        "Les associations d'usagers ont salué la baisse annoncée des prix, mais attendent de voir si les nouveaux horaires apporteront de vrais progrès.",
        "L'opposition a promis d'étudier le texte en détail, tout en accusant le gouvernement de recycler des promesses déjà faites à plusieurs reprises.",
    ],
}


def removed_by(result) -> dict[str, str]:
    """Removed text -> the rule that removed it."""
    return {span.text: span.rule for span in result.removed}


def assert_run_goes_and_body_stays(result, lines: list[str], code: str, body: list[str]) -> None:
    """Every line of the run was removed by `code`; every body paragraph is in the text."""
    removed = removed_by(result)
    for line in lines:
        assert removed.get(line) == code, line
    for paragraph in body:
        assert paragraph in result.text
