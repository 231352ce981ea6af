"""What a batch run did: `RunReport`, returned by `cleaner.batch.run` and printed by the CLI."""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping

from cleaner.core.rules import RULES


@dataclass(frozen=True)
class RunProgress:
    """How far a run is: handed to `on_progress` as records complete."""

    documents: int  # records written by this run, cleaned or failed
    errors: int
    skipped: int  # records a --resume found already written
    total: int | None  # records in the input, when known (skipped ones included)
    seconds: float
    dashboard: str | None = None  # the Dask dashboard's address, when the cluster has one


@dataclass
class RunReport:
    """Documents cleaned and failed, time taken and removed spans, for one run."""

    engine: str = "local"
    output: str | None = None  # where the records went, when it is a path
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

    @property
    def removed_by_family(self) -> Counter:
        """Removed spans by rule family (NAV, SHARE, HEUR, ...), most first."""
        families: Counter = Counter()
        for code, count in self.removed_by_rule.items():
            families[family(code)] += count
        return families

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
            families = "  ".join(f"{name} {n}" for name, n in _most_first(self.removed_by_family))
            lines.append(f"removed spans: {total}  by family: {families}")
            for rule, n in _most_first(self.removed_by_rule):
                lines.append(f"  {rule:<10} {n}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "output": self.output,
            "documents": self.documents,
            "errors": self.errors,
            "skipped": self.skipped,
            "prior_errors": self.prior_errors,
            "interrupted": self.interrupted,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 2),
            "removed_by_family": dict(_most_first(self.removed_by_family)),
            "removed_by_rule": dict(_most_first(self.removed_by_rule)),
        }

    def write_json(self, path: str) -> None:
        """The report as one JSON document at `path` (written whole, then moved into place)."""
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(self.as_dict(), f, indent=1)
            f.write("\n")
        os.replace(path + ".tmp", path)


def family(code: str) -> str:
    """A rule's family: NAV for NAV002 (the registry's word where it knows the code)."""
    rule = RULES.get(code)
    return rule.family if rule is not None else code.rstrip("0123456789")


def _most_first(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
