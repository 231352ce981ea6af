#!/usr/bin/env python3
"""Quality harness: cleaner next to the extractors it must beat, on dev and dev2, in one run.

Run from the project root (the anchors other than trafilatura come with the bench extra:
`pip install --require-hashes -r requirements/bench-lock.txt`):

    python bench/quality.py                          # both corpora, text and HTML mode, both renderings
    python bench/quality.py --corpus dev2 --mode html
    python bench/quality.py --quick                  # the CI slices of tests/quality/ (about 100 pages each)
    python bench/quality.py --markdown               # also print README's quality table
    python bench/quality.py --quick --write-floors   # recompute tests/quality/floors.json from the slices

Runs, on every page, interleaved in one process: cleaner's text mode on each rendering of
the page (`text`, inscriptis; `text_htmltext`, html-text), its HTML mode (`html`), and the
anchors on the HTML: trafilatura default, favor_precision and fast; readability-lxml
(`Document(html).summary()` rendered by html-text, as the shared baselines were made);
resiliparse `extract_plain_text(main_content=True)`. An anchor that is not installed is
named and skipped, the rest still run.

dev is scored with ../shared/bench/score_segments.py (snippets, pooled), dev2 with
score_bodies.py (whole reference bodies, 4-token shingles, per page then averaged).
For each run: precision, recall, F1, median and mean CPU ms per page, docs/s and its
ratio to trafilatura default's (same pages, same run, one core), empty outputs (a page
whose reference holds text: on dev2 a gold body of 50 words or more, on dev at least one
snippet to keep; and an empty prediction), pages that raised; for each cleaner run the
paired bootstrap 95% interval of its F1 minus the best anchor's; dev2 by page_type; and
text mode's speed on the seeds (seed-size documents per second per core).

Timing: every per-process table built first (cleaner.warm_up) and each run over the
first pages once outside the timing; then the runs go page by page in an order rotated
from page to page; CPU time of the process (time.process_time), which other jobs on a
shared machine distort less than wall time. Nothing here is asserted; the CI gate
(tests/quality/) scores cleaner on the fixed slices with the same functions.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import lzma
import math
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
GATE = ROOT / "tests" / "quality"
FLOORS = GATE / "floors.json"
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
WARM_PAGES = 20
MIN_GOLD_WORDS = 50  # a dev2 page whose reference has this many tokens must not come out empty
FLOOR_MARGIN = 0.01  # CI floors sit this far below the measured F1
SEED_PASSES = 40
BENCH_EXTRA = "pip install --require-hashes -r requirements/bench-lock.txt"
if str(ROOT) not in sys.path:  # this tree's cleaner, when run as a script from a clone
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Corpus:
    name: str
    file: str
    metric: str  # "segments" (score_segments.py) or "bodies" (score_bodies.py)
    slice_file: str  # the pinned CI slice under tests/quality/


CORPORA = {
    "dev": Corpus("dev", "dev.jsonl.xz", "segments", "sample_ids.txt"),
    "dev2": Corpus("dev2", "dev2.jsonl.xz", "bodies", "dev2_sample_ids.txt"),
}
RENDERINGS = {"inscriptis": "text", "htmltext": "text_htmltext"}
# cleaner's runs, by the key floors.json uses: (label, the record field it cleans)
CLEANER_RUNS = {
    "text-inscriptis": ("cleaner text mode", "text"),
    "text-htmltext": ("cleaner text mode", "text_htmltext"),
    "html": ("cleaner HTML mode", "html"),
}


@dataclass
class Run:
    key: str  # file-name and floors key: text-inscriptis, html, trafilatura-default, ...
    label: str
    field: str  # the record field it reads
    extract: Callable[[str], str | None]
    is_cleaner: bool = False

    def __call__(self, record: dict) -> str:
        return self.extract(record.get(self.field) or "") or ""


# ---- corpora and slices ---------------------------------------------------------------

_ID = re.compile(r'"id":\s*"([^"\\]*)"')


def bench_dir(given: str | Path | None = None) -> Path:
    """--bench-dir, else CLEANER_BENCH_DIR, else ../shared/bench."""
    return Path(given or os.environ.get("CLEANER_BENCH_DIR") or DEFAULT_BENCH)


def slice_ids(corpus: str) -> list[str]:
    return (GATE / CORPORA[corpus].slice_file).read_text(encoding="utf-8").split()


def load_records(path: Path, ids: Iterable[str] | None = None, limit: int = 0) -> list[dict]:
    """The corpus's records (all, or those whose id is in ids), in file order.

    Lines of another id are skipped before json.loads (the id comes first in these
    corpora): the CI slices read 200 of some 1,060 large records.
    """
    wanted = set(ids) if ids is not None else None
    opener = lzma.open if path.suffix == ".xz" else open
    records = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            if wanted is not None:
                found = _ID.search(line, 0, 200)
                if found and found.group(1) not in wanted:
                    continue
            record = json.loads(line)
            if wanted is None or record["id"] in wanted:
                records.append(record)
            if limit and len(records) >= limit:
                break
    if wanted is not None and not limit and len(records) != len(wanted):
        missing = sorted(wanted - {r["id"] for r in records})
        raise SystemExit(f"{path.name}: {len(missing)} pinned ids are not in the corpus: {missing[:5]}")
    return records


def hash_slice(records: list[dict], size: int, by: str | None = None) -> list[str]:
    """A fixed slice chosen by a hash of the id: the size ids of smallest sha1, stratified by
    the field `by` (each value's share of the corpus, largest remainders rounded up)."""
    import hashlib

    def rank(record: dict) -> str:
        return hashlib.sha1(record["id"].encode("utf-8")).hexdigest()

    groups: dict[str, list[dict]] = {}
    for record in records:
        groups.setdefault(str(record.get(by, "")) if by else "", []).append(record)
    quotas = {k: size * len(v) / len(records) for k, v in groups.items()}
    counts = {k: math.floor(q) for k, q in quotas.items()}
    for k in sorted(quotas, key=lambda k: (counts[k] - quotas[k], k))[: size - sum(counts.values())]:
        counts[k] += 1
    chosen = [r["id"] for k, v in groups.items() for r in sorted(v, key=rank)[: counts[k]]]
    return sorted(chosen)


# ---- scoring ----------------------------------------------------------------------------

_SCORERS: dict[Path, ModuleType] = {}


def scorer(bench: Path, corpus: str) -> ModuleType:
    """score_segments.py (dev) or score_bodies.py (dev2) from the bench folder, by path."""
    path = (bench / f"score_{CORPORA[corpus].metric}.py").resolve()
    if path not in _SCORERS:
        if not path.exists():
            raise SystemExit(f"scorer not found: {path} (--bench-dir or CLEANER_BENCH_DIR)")
        spec = importlib.util.spec_from_file_location(f"_bench_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _SCORERS[path] = module
    return _SCORERS[path]


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    per_doc: list  # the scorer's per-document list, for its bootstrap
    empty: int  # pages whose reference holds text and whose prediction is empty


def has_reference_text(record: dict, scoring: ModuleType) -> bool:
    """Whether an empty output on this page is a loss: a dev2 reference body of
    MIN_GOLD_WORDS tokens or more (the scorer's tokens), a dev page with a snippet to keep."""
    if hasattr(scoring, "reference"):
        return len(scoring.tokenize(scoring.reference(record))) >= MIN_GOLD_WORDS
    return bool(record.get("with"))


def empty_outputs(records: list[dict], preds: dict[str, str], scoring: ModuleType) -> int:
    return sum(1 for r in records if not (preds.get(r["id"]) or "").strip() and has_reference_text(r, scoring))


def score(bench: Path, corpus: str, records: list[dict], preds: dict[str, str]) -> Score:
    scoring = scorer(bench, corpus)
    if CORPORA[corpus].metric == "segments":
        total, per_doc = scoring.score(records, preds)
        m = scoring.metrics(total)
    else:
        m, per_doc = scoring.score(records, preds)
    return Score(m["precision"], m["recall"], m["f1"], per_doc, empty_outputs(records, preds, scoring))


def floor_of(f1: float) -> float:
    """The CI floor for a measured F1: FLOOR_MARGIN below it, rounded down to 3 decimals."""
    return math.floor(round((f1 - FLOOR_MARGIN) * 1000, 6)) / 1000


# ---- runs -------------------------------------------------------------------------------


def cleaner_runs(keys: Iterable[str]) -> dict[str, Run]:
    from cleaner import clean

    def make(field_name: str) -> Callable[[str], str]:
        if field_name == "html":
            return lambda page: clean(html=page).text
        return lambda text: clean(text=text).text

    runs = {}
    for key in keys:
        label, field_name = CLEANER_RUNS[key]
        runs[key] = Run(key, label, field_name, make(field_name), is_cleaner=True)
    return runs


def _trafilatura(**settings) -> Callable[[str], str | None]:
    import trafilatura  # a runtime dependency, imported when the run is built

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    return lambda page: trafilatura.extract(page, **settings)


def _readability() -> Callable[[str], str]:
    import html_text  # bench extra
    from readability import Document  # bench extra

    logging.getLogger("readability").setLevel(logging.CRITICAL)
    return lambda page: html_text.extract_text(Document(page).summary())


def _resiliparse() -> Callable[[str], str]:
    from resiliparse.extract.html2text import extract_plain_text  # bench extra

    return lambda page: extract_plain_text(page, main_content=True)


@dataclass(frozen=True)
class Anchor:
    key: str  # as in ../shared/bench/baselines/{corpus}-{key}.jsonl.xz
    label: str
    package: str  # what to install when the import fails
    build: Callable[[], Callable[[str], str | None]]


ANCHORS = (
    Anchor("trafilatura-default", "trafilatura default", "trafilatura", lambda: _trafilatura()),
    Anchor("trafilatura-precision", "trafilatura favor_precision", "trafilatura",
           lambda: _trafilatura(favor_precision=True)),
    Anchor("trafilatura-fast", "trafilatura fast", "trafilatura", lambda: _trafilatura(fast=True)),
    Anchor("readability", "readability-lxml", "readability-lxml and html-text", _readability),
    Anchor("resiliparse", "resiliparse main_content", "resiliparse", _resiliparse),
)
REFERENCE_ANCHOR = "trafilatura-default"  # the speed ratios are against this one


def anchor_runs(wanted: Iterable[str]) -> tuple[dict[str, Run], dict[str, str]]:
    """The anchors that can run, and a message for each one skipped (not installed)."""
    runs, skipped = {}, {}
    for anchor in (a for a in ANCHORS if a.key in set(wanted)):
        try:
            runs[anchor.key] = Run(anchor.key, anchor.label, "html", anchor.build())
        except ImportError as error:
            skipped[anchor.key] = (f"anchor skipped: {anchor.label} is not installed ({error}); "
                                   f"install {anchor.package} with the bench extra: {BENCH_EXTRA}")
    return runs, skipped


# ---- timing -----------------------------------------------------------------------------


def time_interleaved(records: list[dict], runs: dict[str, Callable[[dict], str | None]],
                     progress: Callable[[int], None] | None = None):
    """CPU ms per page of each run, its texts by record id, and its count of pages that raised.

    Steady state, as a long-running process sees it: every per-process table built
    (cleaner.warm_up) and each run over the first WARM_PAGES pages once, outside the
    timing. Then the runs are interleaved page by page, so a busy spell on the machine
    hits them alike, in an order rotated from page to page: a run right after another on
    the same page finds it warm in the CPU's caches (about 4% faster on this machine),
    which a fixed order would hand to the same run every time.
    """
    from cleaner import warm_up

    warm_up()
    for record in records[:WARM_PAGES]:
        for run in runs.values():
            try:
                run(record)
            except Exception:  # noqa: BLE001  (counted in the timed pass below)
                pass
    times: dict[str, list[float]] = {name: [] for name in runs}
    preds: dict[str, dict[str, str]] = {name: {} for name in runs}
    errors = dict.fromkeys(runs, 0)
    names = list(runs)
    for index, record in enumerate(records):
        for name in names[index % len(names):] + names[:index % len(names)]:
            start = time.process_time()
            try:
                text = runs[name](record) or ""
            except Exception:  # noqa: BLE001  (a page that raises scores as empty)
                text = ""
                errors[name] += 1
            times[name].append((time.process_time() - start) * 1000)
            preds[name][record["id"]] = text
        if progress:
            progress(index + 1)
    return times, preds, errors


def seed_speed(seed_dir: Path, passes: int = SEED_PASSES) -> tuple[float, int]:
    """Text mode's seed-size documents per CPU second (median pass), and the seed count."""
    from cleaner import clean

    texts = [p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("*.txt"))]
    if not texts:
        return 0.0, 0
    for text in texts:
        clean(text=text)
    per_pass = []
    for _ in range(passes):
        start = time.process_time()
        for text in texts:
            clean(text=text)
        per_pass.append(time.process_time() - start)
    return len(texts) / max(statistics.median(per_pass), 1e-9), len(texts)


# ---- one corpus -------------------------------------------------------------------------


@dataclass
class RunResult:
    run: Run
    score: Score
    times: list[float]
    raised: int

    @property
    def docs_per_s(self) -> float:
        return len(self.times) / max(sum(self.times) / 1000, 1e-9)


@dataclass
class CorpusResult:
    bench: Path
    corpus: str
    records: list[dict]
    results: dict[str, RunResult]
    skipped: dict[str, str]
    intervals: dict[str, dict] = field(default_factory=dict)  # cleaner key -> bootstrap vs best anchor
    best_anchor: str | None = None

    def speed_ratio(self, key: str) -> float | None:
        ref = self.results.get(REFERENCE_ANCHOR)
        return self.results[key].docs_per_s / ref.docs_per_s if ref else None


def run_corpus(bench: Path, corpus: str, records: list[dict], cleaner_keys: list[str],
               anchor_keys: list[str], save: str | None = None) -> CorpusResult:
    runs: dict[str, Run] = dict(cleaner_runs(cleaner_keys))
    anchors, skipped = anchor_runs(anchor_keys)
    runs.update(anchors)
    for message in skipped.values():
        print(message, file=sys.stderr, flush=True)
    step = max(len(records) // 10, 1)

    def progress(done: int) -> None:
        if done % step == 0 or done == len(records):
            print(f"  {corpus}: {done}/{len(records)} pages", file=sys.stderr, flush=True)

    times, preds, errors = time_interleaved(records, runs, progress)
    results = {key: RunResult(run, score(bench, corpus, records, preds[key]), times[key], errors[key])
               for key, run in runs.items()}
    result = CorpusResult(bench, corpus, records, results, skipped)
    if anchors:
        result.best_anchor = max(anchors, key=lambda k: results[k].score.f1)
        bootstrap = scorer(bench, corpus).bootstrap
        best = results[result.best_anchor].score.per_doc
        for key in cleaner_keys:
            result.intervals[key] = bootstrap(results[key].score.per_doc, best)
    if save:
        for key in runs:
            write_predictions(Path(f"{save}-{corpus}-{key}.jsonl"), records, preds[key])
    return result


def write_predictions(path: Path, records: list[dict], preds: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps({"id": record["id"], "text": preds.get(record["id"], "")}, ensure_ascii=False) + "\n")


# ---- reports ----------------------------------------------------------------------------


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(head: list[str], rows: list[list[str]]) -> str:
    return "\n".join([_row(head), _row(["---"] * len(head)), *(_row(r) for r in rows)])


def _signed_interval(iv: dict) -> str:
    return f"{iv['difference']:+.3f} [{iv['low']:+.3f}, {iv['high']:+.3f}]"


def corpus_report(result: CorpusResult) -> str:
    metric = "segment F1, pooled" if CORPORA[result.corpus].metric == "segments" else "body F1, per page averaged"
    lines = [f"## {result.corpus}: {len(result.records)} pages ({metric})", ""]
    head = ["run", "input", "precision", "recall", "F1", "median ms/page", "mean ms/page", "docs/s",
            "speed vs trafilatura default", "empty", "raised"]
    rows = []
    for key, r in result.results.items():
        ratio = result.speed_ratio(key)
        f1 = f"**{r.score.f1:.3f}**" if r.run.is_cleaner else f"{r.score.f1:.3f}"
        rows.append([r.run.label, f"`{r.run.field}`", f"{r.score.precision:.3f}", f"{r.score.recall:.3f}", f1,
                     f"{statistics.median(r.times):.1f}", f"{statistics.fmean(r.times):.1f}",
                     f"{r.docs_per_s:.1f}", f"{ratio:.2f}x" if ratio is not None else "n/a",
                     str(r.score.empty), str(r.raised)])
    for key in result.skipped:
        rows.append([next(a.label for a in ANCHORS if a.key == key), "`html`", *(["skipped"] * 9)])
    lines.append(_table(head, rows))
    lines.append("")
    if result.best_anchor:
        best = result.results[result.best_anchor]
        for key, iv in result.intervals.items():
            r = result.results[key]
            lines.append(f"- {r.run.label} on `{r.run.field}` minus the best anchor ({best.run.label}, "
                         f"F1 {best.score.f1:.3f}): {_signed_interval(iv)} (paired bootstrap 95% interval, "
                         f"{iv['resamples']} resamples of pages)")
    else:
        lines.append("- no anchor ran: no interval against the best anchor")
    for message in result.skipped.values():
        lines.append(f"- {message}")
    if CORPORA[result.corpus].metric == "bodies" and any("page_type" in r for r in result.records):
        lines += ["", by_page_type(result)]
    return "\n".join(lines)


def by_page_type(result: CorpusResult) -> str:
    """F1 of every run per page type (dev2), from each run's per-page figures."""
    means = scorer(result.bench, result.corpus).means
    groups: dict[str, list[int]] = {}
    for index, record in enumerate(result.records):
        groups.setdefault(str(record.get("page_type", "")), []).append(index)
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    keys = list(result.results)
    head = ["page_type", "pages", *(_short_label(result.results[k].run) for k in keys)]
    rows = []
    for group in [*order, "all"]:
        idx = range(len(result.records)) if group == "all" else groups[group]
        cells = []
        for key in keys:
            per_doc = result.results[key].score.per_doc
            cells.append(f"{means([per_doc[i] for i in idx])['f1']:.3f}")
        rows.append([group, str(len(idx)), *cells])
    return f"F1 by page_type ({result.corpus}):\n\n" + _table(head, rows)


def _short_label(run: Run) -> str:
    if run.is_cleaner:
        return f"cleaner `{run.field}`"
    return run.label


def markdown_summary(results: dict[str, CorpusResult], seeds: tuple[float, int] | None) -> str:
    """README's quality table: F1 per corpus of every run, dev2's article pages and empty
    outputs, speed against trafilatura default, and the interval against the best anchor."""
    corpora = list(results)
    head = ["run", "input"]
    for corpus in corpora:
        head.append(f"{corpus} F1")
        if corpus == "dev2":
            head += ["dev2 article F1", "dev2 empty"]
    head.append("speed vs trafilatura default" + (f" ({', '.join(corpora)})" if len(corpora) > 1 else ""))
    keys = list(dict.fromkeys(k for r in results.values() for k in r.results))
    rows = []
    for key in keys:
        first = next(r.results[key] for r in results.values() if key in r.results)
        label = f"**{first.run.label}**" if first.run.is_cleaner else first.run.label
        row = [label, f"`{first.run.field}`"]
        speeds = []
        for corpus, result in results.items():
            r = result.results.get(key)
            row.append((f"**{r.score.f1:.3f}**" if r.run.is_cleaner else f"{r.score.f1:.3f}") if r else "")
            if corpus == "dev2":
                row.append(f"{_article_f1(result, key):.3f}" if r else "")
                row.append(str(r.score.empty) if r else "")
            ratio = result.speed_ratio(key) if r else None
            speeds.append(f"{ratio:.2f}x" if ratio is not None else "n/a")
        row.append(" / ".join(speeds))
        rows.append(row)
    lines = [_table(head, rows), ""]
    for corpus, result in results.items():
        if result.best_anchor and "html" in result.intervals:
            best = result.results[result.best_anchor].run.label
            lines.append(f"- HTML mode minus the best anchor on {corpus} ({best}): "
                         f"{_signed_interval(result.intervals['html'])} (F1, paired bootstrap 95% interval).")
    if seeds and seeds[1]:
        lines.append(f"- Text mode speed: {seeds[0]:,.0f} seed-size documents per second per core "
                     f"({seeds[1]} seed articles, CPU time).")
    skipped = sorted({k for r in results.values() for k in r.skipped})
    if skipped:
        lines.append(f"- Not installed, skipped: {', '.join(skipped)} ({BENCH_EXTRA}).")
    return "\n".join(lines).rstrip()


def _article_f1(result: CorpusResult, key: str) -> float:
    per_doc = result.results[key].score.per_doc
    means = scorer(result.bench, result.corpus).means
    return means([d for rec, d in zip(result.records, per_doc) if rec.get("page_type") == "article"])["f1"]


# ---- floors -----------------------------------------------------------------------------


def read_floors(path: Path = FLOORS) -> dict:
    """floors.json: {corpus: {cleaner run key: F1 floor}}; other top-level keys (metadata)
    are kept as they are."""
    return json.loads(path.read_text(encoding="utf-8"))


def new_floors(results: dict[str, CorpusResult], old: dict) -> tuple[dict, list[str]]:
    """floors.json with every measured cleaner run's floor replaced, and the changes."""
    floors = json.loads(json.dumps(old))
    changes = []
    for corpus, result in results.items():
        for key, r in result.results.items():
            if not r.run.is_cleaner:
                continue
            before = old.get(corpus, {}).get(key) if isinstance(old.get(corpus), dict) else None
            after = floor_of(r.score.f1)
            floors.setdefault(corpus, {})[key] = after
            if before != after:
                note = " LOWERED: a deliberate, reviewed edit" if before is not None and after < before else ""
                changes.append(f"{corpus} {key}: {before} -> {after} (measured {r.score.f1:.4f}){note}")
    return floors, changes


# ---- main -------------------------------------------------------------------------------


def _choices(value: str, both: list[str]) -> list[str]:
    return both if value == "both" else [value]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=["text", "html", "both"], default="both")
    ap.add_argument("--rendering", choices=["inscriptis", "htmltext", "both"], default="both",
                    help="which full-page text text mode cleans: text (inscriptis), text_htmltext, or both")
    ap.add_argument("--corpus", choices=["dev", "dev2", "both"], default="both")
    ap.add_argument("--quick", action="store_true", help="only the fixed CI slices (tests/quality/*sample_ids.txt)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages of each corpus")
    ap.add_argument("--anchors", default="all",
                    help="comma-separated anchor keys, 'all' or 'none' "
                         f"({', '.join(a.key for a in ANCHORS)})")
    ap.add_argument("--save", metavar="PREFIX", help="write PREFIX-{corpus}-{run}.jsonl predictions for the scorers")
    ap.add_argument("--markdown", action="store_true", help="also print README's quality table")
    ap.add_argument("--write-floors", action="store_true",
                    help="with --quick: rewrite tests/quality/floors.json from this run (prints the changes)")
    ap.add_argument("--floors-file", type=Path, default=FLOORS, help=argparse.SUPPRESS)
    ap.add_argument("--seeds", type=Path, default=None, help="seed folder for text-mode speed (default seeds/)")
    ap.add_argument("--bench-dir", default=None,
                    help="folder of the corpora and scorers (default CLEANER_BENCH_DIR, else ../shared/bench)")
    args = ap.parse_args(argv)
    if args.write_floors and not (args.quick and not args.limit):
        ap.error("--write-floors recomputes the CI floors: it needs --quick (the fixed slices) and no --limit")
    known = [a.key for a in ANCHORS]
    args.anchor_keys = (known if args.anchors == "all" else [] if args.anchors == "none"
                        else [k.strip() for k in args.anchors.split(",") if k.strip()])
    unknown = [k for k in args.anchor_keys if k not in known]
    if unknown:
        ap.error(f"unknown anchors {unknown}; known: {known}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = bench_dir(args.bench_dir)
    keys = []
    if args.mode in ("text", "both"):
        keys += [f"text-{r}" for r in _choices(args.rendering, list(RENDERINGS))]
    if args.mode in ("html", "both"):
        keys.append("html")
    results: dict[str, CorpusResult] = {}
    for corpus in _choices(args.corpus, list(CORPORA)):
        path = bench / CORPORA[corpus].file
        if not path.exists():
            print(f"{corpus}: corpus not found at {path}: skipped", file=sys.stderr)
            continue
        records = load_records(path, slice_ids(corpus) if args.quick else None, args.limit)
        print(f"{corpus}: {len(records)} pages{' (CI slice)' if args.quick else ''}", file=sys.stderr, flush=True)
        results[corpus] = run_corpus(bench, corpus, records, keys, args.anchor_keys, args.save)
        print(corpus_report(results[corpus]) + "\n", flush=True)
    if not results:
        print(f"no corpus found under {bench}", file=sys.stderr)
        return 2
    seeds = None
    if any(k.startswith("text-") for k in keys):
        seed_dir = args.seeds or (ROOT / "seeds" if (ROOT / "seeds").is_dir() else bench.parent / "seeds")
        seeds = seed_speed(seed_dir, passes=10 if args.quick else SEED_PASSES)
        if seeds[1]:
            where = seed_dir.resolve().relative_to(ROOT) if seed_dir.resolve().is_relative_to(ROOT) else seed_dir
            print(f"Text mode on the seeds ({seeds[1]} articles in {where}/): {seeds[0]:,.0f} seed-size "
                  f"docs/s per core (CPU time, median of {10 if args.quick else SEED_PASSES} passes; "
                  f"#19 asks >= 1,000)\n")
    if args.markdown:
        print(markdown_summary(results, seeds))
    if args.write_floors:
        old = read_floors(args.floors_file) if args.floors_file.exists() else {}
        floors, changes = new_floors(results, old)
        args.floors_file.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
        print(f"\n{args.floors_file}: " + ("no change" if not changes else "\n  " + "\n  ".join(changes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
