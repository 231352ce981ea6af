"""What a batch run did: `RunReport`, returned by `cleaner.batch.run` and printed by the CLI."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass
class RunReport:
    """Documents cleaned and failed, time taken and removed spans, for one run."""

    engine: str = "local"
    documents: int = 0  # records this run wrote, cleaned or failed
    errors: int = 0  # of them, error records
    skipped: int = 0  # records a --resume found already written
    prior_errors: int = 0  # error records already in the output a --resume continued
    interrupted: bool = False  # stopped early by Ctrl-C; the output is incomplete
    seconds: float = 0.0
    removed_by_rule: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)  # for the reader, e.g. where the explain pages are

    @property
    def failed(self) -> bool:
        """Whether the output as a whole holds any error record (exit status 1)."""
        return bool(self.errors or self.prior_errors)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def add(self, documents: int, errors: int, removed_by_rule: Mapping[str, int]) -> None:
        self.documents += documents
        self.errors += errors
        self.removed_by_rule.update(removed_by_rule)

    def render(self) -> str:
        lines = [
            f"docs: {self.documents}  errors: {self.errors}  skipped (resumed): {self.skipped}"
            + (f" ({self.prior_errors} of them errors)" if self.prior_errors else "")
            + "  "
            f"time: {self.seconds:.1f}s  docs/s: {self.docs_per_second:.1f}"
        ]
        if self.removed_by_rule:
            total = sum(self.removed_by_rule.values())
            lines.append(f"removed spans: {total}")
            for rule, n in sorted(self.removed_by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"  {rule:<10} {n}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "documents": self.documents,
            "errors": self.errors,
            "skipped": self.skipped,
            "prior_errors": self.prior_errors,
            "interrupted": self.interrupted,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 2),
            "removed_by_rule": dict(sorted(self.removed_by_rule.items())),
        }
