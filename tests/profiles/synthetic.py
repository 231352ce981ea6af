"""A multi-page-per-site corpus generated from the seeds (also used by bench/profiles_quality.py).

Each seed becomes a site (`seed-NNN.example`) of `pages` pages. Every page keeps the
seed's real page frame, its lines that are neither the headline nor a gold body
paragraph (newsletter prompts, related-list headers and items, footers...), in their
places, around a different article: a headline and paragraphs recombined from sentences
of all seeds' gold bodies, so no paragraph recurs by accident. A few article paragraphs
per site are deliberately placed on exactly two pages (a quote or a fact two articles
share): site profiles must keep those.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.core.normalize import fold_whitespace
from cleaner.core.siteprofile import normalise_line

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_SENTENCE = re.compile(r"(?<=[.!?”\"’])\s+(?=[A-Z“\"‘])")


@dataclass
class Page:
    id: str
    site: str
    url: str
    text: str
    title: str
    body: list[str]  # the article paragraphs a good cleaning keeps
    frame: list[str]  # the site's shared boilerplate lines on this page
    repeats: list[str] = field(default_factory=list)  # body paragraphs found on two pages only

    def record(self) -> dict:
        return {"id": self.id, "url": self.url, "text": self.text}


@dataclass
class SeedFrame:
    site: str
    before: list[str]  # frame lines above the article
    inside: list[tuple[float, str]]  # frame lines inside the article, at a relative position
    after: list[str]
    language: str = "en"


def load_frames(seeds: Path = SEEDS) -> tuple[list[SeedFrame], list[str]]:
    """Each seed's frame, and the pool of article sentences of all seeds."""
    frames, sentences = [], []
    for gold_path in sorted((seeds / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (seeds / gold["seed"]).read_text(encoding="utf-8")
        frames.append(_frame_of(gold, text))
        for para in gold["body"]:
            sentences.extend(s for s in _SENTENCE.split(fold_whitespace(para)) if len(s.split()) >= 5)
    return frames, sentences


def _frame_of(gold: dict, text: str) -> SeedFrame:
    body = {fold_whitespace(p) for p in gold["body"]}
    either = {fold_whitespace(p) for p in gold.get("either", [])}
    title = fold_whitespace(gold["title"])
    lines = [fold_whitespace(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    body_at = [i for i, line in enumerate(lines) if line in body]
    first, last = body_at[0], body_at[-1]
    before, inside, after = [], [], []
    for i, line in enumerate(lines):
        if line in body or line in either or line == title:
            continue
        if i < first:
            before.append(line)
        elif i > last:
            after.append(line)
        else:
            inside.append(((i - first) / max(1, last - first), line))
    number = gold["seed"].split("_")[0]
    return SeedFrame(f"seed-{number}.example", before, inside, after)


def generate(pages: int = 30, seed: int = 7, repeats: int = 3) -> list[Page]:
    """`pages` pages per seed site; `repeats` paragraphs per site appear on two pages each."""
    rng = random.Random(seed)
    frames, sentences = load_frames()
    used: set[str] = set()
    out: list[Page] = []
    for frame in frames:
        bodies = [_article(rng, sentences, used) for _ in range(pages)]
        shared = [_paragraph(rng, sentences, used) for _ in range(repeats)]
        placed: dict[int, list[str]] = {}
        for n, para in enumerate(shared):
            for page in rng.sample(range(pages), 2):
                placed.setdefault(page, []).append(para)
        for k, (title, body) in enumerate(bodies):
            body = list(body)
            for para in placed.get(k, []):
                body.insert(rng.randrange(1, len(body)), para)
            out.append(_page(frame, k, title, body, placed.get(k, [])))
    return out


def _page(frame: SeedFrame, k: int, title: str, body: list[str], repeats: list[str]) -> Page:
    lines = [title, *frame.before]
    inside = sorted(frame.inside)
    slot = 0
    for i, para in enumerate(body):
        position = i / max(1, len(body) - 1)
        while slot < len(inside) and inside[slot][0] <= position:
            lines.append(inside[slot][1])
            slot += 1
        lines.append(para)
    lines.extend(line for _, line in inside[slot:])
    lines.extend(frame.after)
    frame_lines = [*frame.before, *(line for _, line in inside), *frame.after]
    return Page(
        id=f"{frame.site}/{k:03d}", site=frame.site, url=f"https://www.{frame.site}/articles/{k:03d}",
        text="\n\n".join(lines) + "\n", title=title, body=body, frame=frame_lines, repeats=repeats,
    )


def _article(rng: random.Random, sentences: list[str], used: set[str]) -> tuple[str, list[str]]:
    words = rng.choice(sentences).rstrip(".!?”\"").split()
    title = " ".join(words[: rng.randint(6, 10)])
    while normalise_line(title) in used:
        title += f" {rng.choice(['again', 'today', 'now', 'update', 'explained'])}"
    used.add(normalise_line(title))
    return title, [_paragraph(rng, sentences, used) for _ in range(rng.randint(5, 8))]


def _paragraph(rng: random.Random, sentences: list[str], used: set[str]) -> str:
    while True:
        para = " ".join(rng.sample(sentences, rng.randint(2, 4)))
        key = normalise_line(para)
        if key not in used:
            used.add(key)
            return para
