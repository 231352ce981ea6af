"""The progress line of `cleaner batch` and `cleaner learn` on a terminal (stderr)."""
from __future__ import annotations

import sys
import time
from typing import TextIO

# Redrawn at most this often: a terminal repainted on every chunk costs the driver time.
REDRAW_SECONDS = 0.2
BAR_WIDTH = 24
CHOICES = {"auto": None, "always": True, "never": False}  # --progress: auto = only on a TTY


class ProgressBar:
    """Records done, errors and docs/s; with the total known, a bar, done/total and an ETA."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.start = time.monotonic()
        self._last_drawn = 0.0
        self._state: tuple[int, int, int | None, int] = (0, 0, None, 0)

    def show(self, docs: int, errors: int, total: int | None = None, skipped: int = 0) -> None:
        """`docs` written by this run, `skipped` ones a resumed output already held, of `total`."""
        self._state = (docs, errors, total, skipped)
        now = time.monotonic()
        if self.enabled and now - self._last_drawn >= REDRAW_SECONDS:
            self._draw(now)

    def close(self) -> None:
        """Draw the final state, then end the line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        self._last_drawn = now
        docs, errors, total, skipped = self._state
        rate = docs / max(now - self.start, 1e-9)
        done = docs + skipped
        if total:
            fraction = min(done / total, 1.0)
            filled = int(fraction * BAR_WIDTH)
            eta = clock((total - done) / rate) if rate and done < total else "--:--"
            line = (f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {fraction * 100:5.1f}%  {done}/{total} docs  "
                    f"{errors} errors  {rate:.1f} docs/s  ETA {eta}")
        else:
            line = f"{done} docs  {errors} errors  {rate:.1f} docs/s"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()

    def note(self, message: str) -> None:
        """A line of its own above the bar (e.g. the dashboard's address)."""
        self.stream.write(("\r\x1b[K" if self.enabled else "") + message + "\n")
        self.stream.flush()


def clock(seconds: float) -> str:
    """12:05, or 1:02:05 past an hour."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
