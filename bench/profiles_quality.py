"""Site profiles: text-mode F1 with a learned profile (SITE001) against the rules alone.

Run by hand from the project root:
    python bench/profiles_quality.py                 # the corpora below
    python bench/profiles_quality.py --sweep [--varied] --hosts 30   # SITE001 thresholds

Corpora (every one scored with ../shared/bench's substring scorer: a kept `with` snippet
is a true positive, a kept `without` snippet a false positive):
- synthetic: tests/profiles/synthetic.py, 30 pages per seed site (the seed's real frame
  around recombined article paragraphs); with = body paragraphs, without = frame lines.
- dev-frames: a multi-page-per-site corpus made from the dev corpus, which has almost no
  site with two pages. Each of --hosts dev pages lends its page frame (the lines above its
  first and below its last annotated article line) to a site of --pages pages, each holding
  the article region of another dev page in the same language. Gold: the host's `without`
  snippets in its frame, and the donor's `with`/`without` snippets in its region.
- dev-frames-varied (--varied): the same, but each frame line is on only some of a
  site's pages (LINE_PRESENCE) and two article lines per site recur on 2 to 6 of its
  pages (SERIES_PAGES; gold: keep): what the share thresholds trade off.
- dev-sites: the dev corpus as it is, grouped by URL domain (the only real groups: 14
  web.archive.org pages and 2 nationnews pages whose pseudo-URLs carry no host).
Profiles are learned from the very corpus they clean, as `cleaner batch --learn` does.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests" / "profiles"))

from cleaner import Options, clean  # noqa: E402
from cleaner.core.language import detect_language  # noqa: E402
from cleaner.profiles.learn import learn_local  # noqa: E402
from cleaner.profiles.store import SQLiteStore  # noqa: E402
from cleaner.core.segment import segment  # noqa: E402
from score_segments import fold, metrics, read_jsonl, score  # noqa: E402

ONLY_SITE = ("NEWS", "REL", "SHARE", "DUP", "CAP", "BYL", "NAV", "TAG", "LEGAL", "COOK", "AD", "CMT", "HEUR")


# ---- corpora -------------------------------------------------------------------------


def synthetic_corpus(pages: int) -> list[dict]:
    from synthetic import generate

    out = []
    for page in generate(pages=pages):
        body = " ".join(page.body)
        without = sorted({line for line in page.frame if len(line) >= 15 and line not in body})
        out.append({"id": page.id, "url": page.url, "text": page.text, "with": page.body, "without": without})
    return out


def _split(record: dict) -> tuple[list[str], list[str], list[str]] | None:
    """(frame above, article region, frame below) of a dev page, by its `with` snippets."""
    lines = [b.text for b in segment(record["text"])]
    snippets = [fold(s) for s in record.get("with", []) if fold(s)]
    holding = [i for i, line in enumerate(lines) if any(s in line or (len(line) > 20 and line in s) for s in snippets)]
    if not holding:
        return None
    first, last = holding[0], holding[-1]
    return lines[:first], lines[first:last + 1], lines[last + 1:]


def _headline(record: dict) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    node = LexborHTMLParser(record["html"]).css_first("h1")
    text = fold(node.text()) if node is not None else ""
    return [text] if text else []


# --varied: how often a frame line is on a site's page (section-specific blocks, A/B
# tests, a menu item added mid-way), and on how many pages a site repeats an article line
# (a series intro, a syndicated paragraph, a standing disclaimer inside the article).
LINE_PRESENCE = (1.0, 1.0, 1.0, 0.9, 0.75, 0.6, 0.45, 0.3)
SERIES_PAGES = (2, 3, 4, 5, 6)


def dev_frames_corpus(hosts: int, pages: int, seed: int = 11, varied: bool = False) -> list[dict]:
    rng = random.Random(seed)
    parsed = []
    for record in read_jsonl(BENCH / "dev.jsonl.xz"):
        parts = _split(record)
        if parts is None or not parts[1]:
            continue
        language = detect_language(segment("\n".join(parts[1])))
        above, region, below = parts
        # The donor's headline goes with its article, as on a real page (neither kept nor
        # dropped by the gold); without it the title finder takes an article line.
        parsed.append((record, (above, [*_headline(record), *region], below), language))
    by_language: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, language) in enumerate(parsed):
        by_language[language].append(i)
    chosen = [i for i in rng.sample(range(len(parsed)), len(parsed)) if parsed[i][1][0] or parsed[i][1][2]][:hosts]
    out = []
    for n, host in enumerate(chosen):
        record, (above, _, below), language = parsed[host]
        frame_text = "\n".join(above + below)
        frame_without = [s for s in record.get("without", []) if fold(s) and fold(s) in fold(frame_text)]
        pool = [i for i in by_language[language] if i != host]
        donors = rng.sample(pool, min(pages, len(pool)))
        presence = {line: rng.choice(LINE_PRESENCE) if varied else 1.0 for line in above + below}
        series = _series(rng, [parsed[d] for d in donors], len(donors)) if varied else {}
        for k, donor in enumerate(donors):
            drecord, (_, region, _), _ = parsed[donor]
            region = [*region[:1], *series.get(k, []), *region[1:]]
            top = [line for line in above if rng.random() < presence[line]]
            bottom = [line for line in below if rng.random() < presence[line]]
            region_text = fold("\n".join(region))
            page_text = "\n".join(top + region + bottom)
            with_ = [s for s in drecord.get("with", []) if fold(s) and fold(s) in region_text]
            with_ += [line for line in series.get(k, [])]
            without = [s for s in drecord.get("without", []) if fold(s) and fold(s) in region_text]
            without += [s for s in frame_without if fold(s) not in region_text and fold(s) in fold(page_text)]
            if not with_:
                continue
            out.append({
                "id": f"site{n:03d}/{k:02d}", "url": f"https://www.site{n:03d}.example/{k}",
                "text": page_text, "with": with_, "without": without,
            })
    return out


def _series(rng: random.Random, donors: list, pages: int) -> dict[int, list[str]]:
    """Two article lines of the site's own, each repeated on a few of its pages."""
    lines = [line for record, (_, region, _), _ in donors for line in region[1:]
             if len(line.split()) >= 6 and any(fold(s) in line for s in record.get("with", []) if fold(s))]
    placed: dict[int, list[str]] = defaultdict(list)
    for line in rng.sample(lines, min(2, len(lines))):
        for k in rng.sample(range(pages), min(pages, rng.choice(SERIES_PAGES))):
            placed[k].append(line)
    return placed


def dev_sites_corpus() -> list[dict]:
    return list(read_jsonl(BENCH / "dev.jsonl.xz"))


# ---- runs ----------------------------------------------------------------------------


def learn(records: list[dict], folder: str, name: str) -> str:
    path = str(Path(folder) / f"{name}.db")
    store = SQLiteStore(path)
    learn_local(({"id": r["id"], "url": r.get("url"), "text": r["text"]} for r in records), store, workers=1)
    store.close()
    return path


def evaluate(records: list[dict], options: Options) -> tuple[dict, float, int]:
    start = time.perf_counter()
    preds, site_spans = {}, 0
    for r in records:
        url = r.get("url") if isinstance(r.get("url"), str) else None
        result = clean(text=r["text"], url=url, options=options)
        preds[r["id"]] = result.text
        site_spans += result.stats.removed_by_rule.get("SITE001", 0)
    ms = (time.perf_counter() - start) * 1000 / max(1, len(records))
    total, _ = score(records, preds)
    return metrics(total), ms, site_spans


def row(name: str, m: dict, ms: float, spans: int) -> None:
    print(f"  {name:<44} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:7.3f} {ms:7.1f} {spans:8d}")


def compare(label: str, records: list[dict], folder: str, site_only: bool = False) -> None:
    db = learn(records, folder, label.split()[0])
    sites = {r.get("url") for r in records}
    print(f"\n{label}: {len(records)} documents, {len(sites)} urls")
    print(f"  {'run':<44} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/doc':>7} {'SITE001':>8}")
    row("rules alone", *evaluate(records, Options()))
    row("rules + site profiles", *evaluate(records, Options(profiles=db)))
    if site_only:
        row("no rules (only TITLE)", *evaluate(records, Options(disable=ONLY_SITE)))
        row("no rules + site profiles (SITE001 alone)", *evaluate(records, Options(disable=ONLY_SITE, profiles=db)))


def sweep(records: list[dict], folder: str, label: str) -> None:
    db = learn(records, folder, "sweep")
    base, _, _ = evaluate(records, Options())
    print(f"\nsweep on {label} ({len(records)} documents); rules alone F1 {base['f1']:.3f}")
    print(f"  {'share':>5} {'long':>5} {'precision':>9} {'recall':>7} {'F1':>7} {'SITE001':>8}")
    for share in (0.2, 0.3, 0.4, 0.5, 0.7, 0.9):
        for long_share in (0.5, 0.7, 0.8, 0.95):
            if long_share < share:
                continue
            m, _, spans = evaluate(records, Options(profiles=db, site_share=share, site_long_share=long_share))
            print(f"  {share:5.2f} {long_share:5.2f} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:7.3f} {spans:8d}")


def pages_curve(hosts: int, folder: str, varied: bool) -> None:
    """F1 gain by pages learned per site, with the minimum document count lowered to 2:
    where profiles start to help, and whether a handful of pages can hurt."""
    print(f"\npages learned per site ({hosts} sites; site_min_documents=2 so every size applies)")
    print(f"  {'pages':>5} {'docs':>5} {'rules F1':>8} {'+profiles':>9} {'SITE001':>8}")
    for pages in (2, 3, 5, 10, 20):
        records = dev_frames_corpus(hosts, pages, varied=varied)
        db = learn(records, folder, f"curve{pages}")
        base, _, _ = evaluate(records, Options())
        m, _, spans = evaluate(records, Options(profiles=db, site_min_documents=2))
        print(f"  {pages:5d} {len(records):5d} {base['f1']:8.3f} {m['f1']:9.3f} {spans:8d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=60, help="dev-frames: sites (default 60)")
    parser.add_argument("--pages", type=int, default=20, help="dev-frames: pages per site (default 20)")
    parser.add_argument("--sweep", action="store_true", help="threshold sweep and pages curve on dev-frames")
    parser.add_argument("--varied", action="store_true",
                        help="dev-frames with partial frames and article lines repeated on 2-6 pages")
    parser.add_argument("--only", choices=("synthetic", "dev-frames", "dev-sites"), default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="profiles-bench-") as folder:
        if args.sweep:
            label = "dev-frames" + (" (varied)" if args.varied else "")
            sweep(dev_frames_corpus(args.hosts, args.pages, varied=args.varied), folder, label)
            pages_curve(args.hosts, folder, args.varied)
            return 0
        if args.only in (None, "synthetic"):
            compare("synthetic (seeds, 30 pages per site)", synthetic_corpus(30), folder, site_only=True)
        if args.only in (None, "dev-frames"):
            compare(f"dev-frames ({args.hosts} sites x {args.pages} pages)",
                    dev_frames_corpus(args.hosts, args.pages), folder, site_only=True)
            compare(f"dev-frames-varied ({args.hosts} sites x {args.pages} pages)",
                    dev_frames_corpus(args.hosts, args.pages, varied=True), folder, site_only=True)
        if args.only in (None, "dev-sites"):
            compare("dev-sites (dev corpus grouped by URL domain)", dev_sites_corpus(), folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
