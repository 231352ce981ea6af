"""Text-mode speed: seeds and dev-corpus texts (docs/s, MB/s, one core), and hostile sizes.

Run by hand from the project root:  python bench/text_speed.py
Prints a table; nothing here is asserted. trafilatura on the same texts (wrapped as <p>
lines, as the bench README's baseline does) is timed in the same run for a ratio.
"""
from __future__ import annotations

import json
import lzma
import random
import time
from pathlib import Path

from cleaner import clean, warm_up

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "bench" / "dev.jsonl.xz"


def rate(texts: list[str], repeat: int = 1) -> tuple[float, float]:
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            clean(text=text)
    elapsed = time.perf_counter() - start
    size = sum(len(t.encode()) for t in texts) * repeat
    return len(texts) * repeat / elapsed, size / elapsed / 1e6


def once(text: str) -> float:
    start = time.perf_counter()
    clean(text=text)
    return time.perf_counter() - start


def main() -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    # Load lexicons and language profiles, and compile every language's patterns (done once
    # per process, on first use), outside the timing: the figure is a worker's steady rate.
    warm_up()
    for text in seeds:
        clean(text=text)
    docs_s, mb_s = rate(seeds, repeat=40)
    print(f"{'seeds (text)':<34} {docs_s:8.0f} docs/s {mb_s:7.2f} MB/s")
    if DEV.exists():
        with lzma.open(DEV, "rt", encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f]
        docs_s, mb_s = rate(texts)
        print(f"{'dev corpus full-page texts':<34} {docs_s:8.0f} docs/s {mb_s:7.2f} MB/s")
    rng = random.Random(0)
    words = " ".join(rng.choice(["alpha", "beta", "gamma", "said.", "Thursday.Negotiations", "»", "share"]) for _ in range(200_000))
    one_line = words[:1_000_000]
    print(f"{'1 MB single line':<34} {once(one_line) * 1000:8.0f} ms")
    many = "\n".join(rng.choice(["Home", "Share this article", "The talks went on for hours, officials said.", "-", ""]) for _ in range(100_000))
    print(f"{'100,000 lines':<34} {once(many) * 1000:8.0f} ms")
    hostile = "a" * 1_000_000
    print(f"{'1 MB of one repeated letter':<34} {once(hostile) * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
