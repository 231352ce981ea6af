"""Instructions per seed article, counted by valgrind: a speed figure a busy machine cannot move.

    python bench/instructions.py [--passes 10]

Runs `clean()` over the seeds under `valgrind --tool=callgrind` twice, once with warm-up
only and once with N more passes, and prints the difference per article: start-up,
imports and first-use costs cancel out. Needs valgrind (`apt install valgrind`); takes
about a minute.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOOP = """
import sys
from pathlib import Path
from cleaner import clean
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
for _ in range(3):
    for text in texts:
        clean(text=text)
for _ in range(int(sys.argv[2])):
    for text in texts:
        clean(text=text)
"""


def instructions(passes: int) -> int:
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
           sys.executable, "-c", LOOP, str(ROOT / "seeds"), str(passes)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : ([\d,]+)", run.stderr)
    if not found:
        raise SystemExit(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=10, help="passes over the seeds counted (default 10)")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    articles = len(list((ROOT / "seeds").glob("*.txt")))
    per_article = (instructions(args.passes) - instructions(0)) / (articles * args.passes)
    print(f"{per_article / 1e6:.2f} million instructions per seed article "
          f"({args.passes} passes over {articles} articles, language detection included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
