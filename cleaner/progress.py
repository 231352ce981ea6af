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
    """docs, errors, docs/s and, when the fraction done is known, a bar and an ETA."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.start = time.monotonic()
        self._last_drawn = 0.0
        self._state: tuple[int, int, float | None] = (0, 0, None)

    def show(self, docs: int, errors: int, fraction: float | None = None) -> None:
        self._state = (docs, errors, fraction)
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
        docs, errors, fraction = self._state
        elapsed = max(now - self.start, 1e-9)
        line = f"{docs} docs  {errors} errors  {docs / elapsed:.1f} docs/s"
        if fraction:
            eta = elapsed * (1 - fraction) / fraction
            filled = int(fraction * BAR_WIDTH)
            line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {fraction * 100:5.1f}%  {line}  ETA {clock(eta)}"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()


def clock(seconds: float) -> str:
    """12:05, or 1:02:05 past an hour."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
