"""Worst case of every regex in cleaner/ on hostile input, at two sizes (run by hand).

    python bench/regex_worst.py                 # 25,000 and 100,000 characters
    python bench/regex_worst.py --size 50000 --top 20

For each pattern found by tests/reliability/regexes.py (module-level, inline and lexicon
patterns), the slowest of its hostile inputs at size n and at 4n, and the ratio of the
two: about 4 means linear, 16 quadratic. Times under a millisecond are mostly timer
noise, so their ratio is not shown. Each size is measured in a child process with a
timeout, so a catastrophic pattern is reported as unfinished instead of hanging the run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def measure_all(size: int, timeout: float) -> dict[str, dict]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    try:
        out = subprocess.run([sys.executable, "-m", "tests.reliability.regexes", "--size", str(size)],
                             capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout).stdout
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
    rows = (json.loads(line) for line in out.splitlines() if line.startswith("{"))
    return {row["name"]: row for row in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=25_000, help="the smaller size n (the larger is 4n)")
    parser.add_argument("--top", type=int, default=0, help="only the N slowest patterns (default: all)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for each size's whole run")
    args = parser.parse_args()
    from tests.reliability.regexes import discover

    names = [p.name for p in discover()]
    small = measure_all(args.size, args.timeout)
    large = measure_all(4 * args.size, args.timeout)
    rows = sorted(((large[n]["seconds"] if n in large else float("inf"), n) for n in names), reverse=True)
    shown = rows[: args.top] if args.top else rows
    print(f"| pattern | engine | inputs | worst at {args.size:,} | worst at {4 * args.size:,} | ratio | worst input |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for _, name in shown:
        a, b = small.get(name), large.get(name)
        if b is None:
            print(f"| `{name[:60]}` | | | | DID NOT FINISH | | |")
            continue
        ratio = f"{b['seconds'] / a['seconds']:.1f}" if a and a["seconds"] >= 1e-3 else "-"
        small_ms = f"{a['seconds'] * 1000:.1f} ms" if a else "-"
        print(f"| `{name[:60]}` | {b['engine']} | {b['inputs']} | {small_ms} | {b['seconds'] * 1000:.1f} ms | {ratio} | `{b['label'][:40]}` |")
    finished = sum(1 for _, n in rows if n in large)
    print(f"\n{finished}/{len(rows)} patterns finished at {4 * args.size:,} characters")
    return 0 if finished == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
