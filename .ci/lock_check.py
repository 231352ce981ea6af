"""`pip check`, narrowed to the packages the dev lock pins (and the project itself).

The machine's own packages (awscli, moto, ...) may disagree with each other; that says
nothing about this project, while a conflict among locked packages means a stale lock.
"""
import re
import subprocess
import sys
from pathlib import Path

LOCK = Path(__file__).resolve().parents[1] / "requirements" / "dev-lock.txt"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


pinned = {canonical(re.split(r"[=\s\[;]", line, maxsplit=1)[0])
          for line in LOCK.read_text().splitlines() if re.match(r"[A-Za-z0-9]", line)}
pinned.add("cleaner")
report = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True).stdout
conflicts = [line for line in report.splitlines() if canonical(line.split(" ", 1)[0]) in pinned]
print("\n".join(conflicts) if conflicts else f"ci: the {len(pinned)} locked packages are consistent")
sys.exit(1 if conflicts else 0)
