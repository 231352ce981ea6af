#!/usr/bin/env python3
"""Structured output checks on the dev corpora (figures go to docs/formats.md).

Run from the project root:  python bench/structure.py [--corpus dev|dev2|both] [--limit N]
    [--modes inscriptis,htmltext,html] [--no-trafilatura] [--speed]

--speed only times each format (CPU ms per record, the formats interleaved).

For each corpus and mode (text mode on both renderings, HTML mode) every record is
cleaned in `text` and in `markdown` format, and:
1. every markdown output must parse with markdown-it-py (CommonMark plus GFM tables) into
   as many headings, lists and tables as the result's blocks (format json) hold;
2. the markdown with its markup removed (markdown-it's text of each block) is scored
   like the text format (dev: snippets, score_segments; dev2: whole bodies,
   score_bodies) and the two F1 must agree within 0.002;
3. on dev2 in HTML mode: the h2-h4 headings of the page that lie inside the reference
   body (a heading whose text is a line of `gold.body`) and come out as markdown
   headings, against trafilatura's own markdown (`extract(output_format="markdown")`);
4. on dev2 in HTML mode: the article tables (a page <table> whose every row's cells come
   out as a markdown table row) matched exactly, row by row and cell by cell.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(SHARED))
sys.path.insert(0, str(ROOT))

import score_bodies  # noqa: E402
import score_segments  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

from cleaner import clean  # noqa: E402

FIELDS = {"inscriptis": "text", "htmltext": "text_htmltext", "html": "html"}
F1_TOLERANCE = 0.002
HEADING_TAGS = ("h2", "h3", "h4")


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def fold(text: str) -> str:
    return " ".join(text.split())


def markdown_text(md: MarkdownIt, source: str) -> str:
    """The markdown with its markup removed: each block's text, blocks apart by blank lines
    (an ordered list's numbers are markup too)."""
    parts: list[str] = []
    line: list[str] = []
    for token in md.parse(source):
        if token.type == "inline":
            line.append("".join(child.content if child.type != "softbreak" else "\n"
                                for child in token.children or [] if child.type in ("text", "code_inline", "softbreak")))
        elif token.type in ("fence", "code_block"):
            parts.append(token.content.rstrip("\n"))
        elif token.type in ("paragraph_close", "heading_close", "th_close", "td_close") and line:
            parts.append(" ".join(line))
            line = []
    return "\n\n".join(part for part in parts if part.strip())


def structure_counts(md: MarkdownIt, source: str) -> dict[str, int]:
    counts = {"heading": 0, "list": 0, "table": 0}
    depth = 0
    for token in md.parse(source):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:
                counts["list"] += 1
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "heading_open":
            counts["heading"] += 1
        elif token.type == "table_open":
            counts["table"] += 1
    return counts


def markdown_headings(md: MarkdownIt, source: str) -> set[str]:
    found, inside = set(), False
    for token in md.parse(source):
        if token.type == "heading_open":
            inside = True
        elif token.type == "heading_close":
            inside = False
        elif inside and token.type == "inline":
            found.add(fold("".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))).lower())
    return found


def markdown_tables(md: MarkdownIt, source: str) -> list[list[list[str]]]:
    tables, rows, row, cell, in_cell = [], None, None, [], False
    for token in md.parse(source):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            cell, in_cell = [], True
        elif token.type == "inline" and in_cell:
            cell.append("".join(c.content for c in token.children or [] if c.type in ("text", "code_inline")))
        elif token.type in ("th_close", "td_close"):
            row.append(fold(" ".join(cell)))
            in_cell = False
        elif token.type == "tr_close":
            if any(row):
                rows.append(row)
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def page_headings(html: str, gold_body: str) -> set[str]:
    """The page's h2-h4 texts that are a line of the reference body."""
    from selectolax.lexbor import LexborHTMLParser

    lines = {fold(line).lower() for line in gold_body.split("\n") if line.strip()}
    tree = LexborHTMLParser(html)
    found = set()
    for node in tree.css(",".join(HEADING_TAGS)):
        text = fold(node.text(deep=True)).lower()
        if text and text in lines:
            found.add(text)
    return found


def page_tables(html: str) -> list[list[list[str]]]:
    """Each <table> of the page (not a layout table holding another), as rows of cell texts."""
    from selectolax.lexbor import LexborHTMLParser

    tables = []
    for table in LexborHTMLParser(html).css("table"):
        if table.css_first("table table") is not None or table.css("table")[1:]:
            continue
        rows = []
        for tr in table.css("tr"):
            cells = [fold(td.text(deep=True)) for td in tr.iter() if td.tag in ("td", "th")]
            if any(cells):
                rows.append(cells)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append(rows)
    return tables


def table_matches(page: list[list[str]], outputs: list[list[list[str]]]) -> bool:
    """Some output table holds the page table's rows, in order and in a run, each with
    the same cells (an output row padded with empty cells to the table's width still matches)."""
    wanted = [_trim(row) for row in page]
    for rows in outputs:
        trimmed = [_trim(row) for row in rows]
        # a caption or title row the extractor made a row of may come first
        if any(trimmed[k: k + len(wanted)] == wanted for k in range(len(trimmed) - len(wanted) + 1)):
            return True
    return False


def _trim(row: list[str]) -> list[str]:
    row = list(row)
    while row and not row[-1]:
        row.pop()
    return row


def score(corpus: str, records: list[dict], preds: dict[str, str]) -> float:
    if corpus == "dev":
        total, _ = score_segments.score(records, preds)
        return score_segments.metrics(total)["f1"]
    metrics, _ = score_bodies.score(records, preds)
    return metrics["f1"]


def run(corpus: str, mode: str, records: list[dict], trafilatura_too: bool) -> dict:
    md = parser()
    field = FIELDS[mode]
    plain, stripped, problems = {}, {}, []
    headings_in_body = headings_ours = headings_traf = 0
    by_type: dict[str, list[int]] = {}  # page_type -> [in body, ours, trafilatura's]
    tables_in_page = tables_ours = tables_traf = 0
    started = time.perf_counter()
    for record in records:
        source = {("html" if mode == "html" else "text"): record[field]}
        text_result = clean(**source)
        md_result = clean(**source, options={"format": "markdown"})
        json_result = clean(**source, options={"format": "json"})
        plain[record["id"]] = text_result.text
        try:
            counts = structure_counts(md, md_result.text)
            stripped[record["id"]] = markdown_text(md, md_result.text)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{record['id']}: markdown-it raised {type(exc).__name__}: {exc}")
            stripped[record["id"]] = ""
            continue
        expected = {kind: sum(1 for b in json_result.blocks or [] if b.type == kind) for kind in counts}
        if counts != expected:
            problems.append(f"{record['id']}: parsed {counts}, blocks {expected}")
        if corpus == "dev2" and mode == "html":
            wanted = page_headings(record["html"], record["gold"]["body"])
            headings_in_body += len(wanted)
            ours_found = len(wanted & markdown_headings(md, md_result.text))
            headings_ours += ours_found
            counts_of_type = by_type.setdefault(record.get("page_type", "?"), [0, 0, 0])
            counts_of_type[0] += len(wanted)
            counts_of_type[1] += ours_found
            page = page_tables(record["html"])
            ours = markdown_tables(md, md_result.text)
            tables_in_page += sum(1 for table in page if _in_body(table, record["gold"]["body"]))
            tables_ours += sum(1 for table in page if _in_body(table, record["gold"]["body"]) and table_matches(table, ours))
            if trafilatura_too:
                theirs = _trafilatura_markdown(record["html"], record["url"])
                theirs_found = len(wanted & markdown_headings(md, theirs))
                headings_traf += theirs_found
                counts_of_type[2] += theirs_found
                traf_tables = markdown_tables(md, theirs)
                tables_traf += sum(1 for table in page if _in_body(table, record["gold"]["body"])
                                   and table_matches(table, traf_tables))
    out = {
        "corpus": corpus, "mode": mode, "docs": len(records), "seconds": round(time.perf_counter() - started, 1),
        "f1_text": round(score(corpus, records, plain), 4),
        "f1_markdown_stripped": round(score(corpus, records, stripped), 4),
        "parse_problems": len(problems), "problem_examples": problems[:5],
    }
    out["f1_within_tolerance"] = abs(out["f1_text"] - out["f1_markdown_stripped"]) <= F1_TOLERANCE
    if corpus == "dev2" and mode == "html":
        out["headings_in_body"] = headings_in_body
        out["headings_ours"] = headings_ours
        out["headings_share_ours"] = round(headings_ours / max(headings_in_body, 1), 3)
        out["headings_by_page_type"] = {
            kind: {"in_body": c[0], "ours": round(c[1] / max(c[0], 1), 3),
                   **({"trafilatura": round(c[2] / max(c[0], 1), 3)} if trafilatura_too else {})}
            for kind, c in sorted(by_type.items())
        }
        out["article_tables"] = tables_in_page
        out["tables_exact_ours"] = tables_ours
        if trafilatura_too:
            out["headings_trafilatura"] = headings_traf
            out["headings_share_trafilatura"] = round(headings_traf / max(headings_in_body, 1), 3)
            out["tables_exact_trafilatura"] = tables_traf
    return out


def _in_body(table: list[list[str]], body: str) -> bool:
    """A table of the article: most of its non-empty cells are in the reference body."""
    folded = fold(body)
    cells = [cell for row in table for cell in row if cell]
    return bool(cells) and sum(1 for cell in cells if cell in folded) >= 0.8 * len(cells)


def _trafilatura_markdown(html: str, url: str | None) -> str:
    import trafilatura

    try:
        return trafilatura.extract(html, url=url, output_format="markdown") or ""
    except Exception:  # noqa: BLE001
        return ""


def speed(records: list[dict], mode: str) -> dict[str, float]:
    """CPU ms per record for each format, the formats interleaved record by record (in an
    order turned from record to record) after a warm-up, so a busy spell hits all alike."""
    from cleaner import warm_up

    warm_up()
    field, key = FIELDS[mode], ("html" if mode == "html" else "text")
    formats = ("text", "markdown", "html", "json")
    for record in records[:10]:
        for fmt in formats:
            clean(**{key: record[field]}, options={"format": fmt})
    spent = dict.fromkeys(formats, 0.0)
    for n, record in enumerate(records):
        for fmt in formats[n % 4:] + formats[: n % 4]:
            started = time.process_time()
            clean(**{key: record[field]}, options={"format": fmt})
            spent[fmt] += time.process_time() - started
    return {fmt: round(1000 * total / len(records), 2) for fmt, total in spent.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=("dev", "dev2", "both"), default="both")
    ap.add_argument("--modes", default="inscriptis,htmltext,html")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura's markdown (dev2 HTML mode)")
    ap.add_argument("--speed", action="store_true", help="only time each format (CPU ms per record)")
    a = ap.parse_args()
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    failed = False
    for corpus in (("dev", "dev2") if a.corpus == "both" else (a.corpus,)):
        records = list(score_segments.read_jsonl(SHARED / f"{corpus}.jsonl.xz"))
        if a.limit:
            records = records[: a.limit]
        for mode in a.modes.split(","):
            if a.speed:
                print(json.dumps({"corpus": corpus, "mode": mode, "cpu_ms_per_record": speed(records, mode)}), flush=True)
                continue
            out = run(corpus, mode, records, not a.no_trafilatura)
            print(json.dumps(out, ensure_ascii=False), flush=True)
            failed |= out["parse_problems"] > 0 or not out["f1_within_tolerance"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
