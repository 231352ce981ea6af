"""The documented exceptions `clean()` may raise (everything else is a bug), and the one
wording of a pydantic refusal every shell reports."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping


class CleanerError(ValueError):
    """Base class: the input or the options were unusable. `code` is stable for APIs."""

    code = "invalid_input"


class InvalidInput(CleanerError):
    code = "invalid_input"


class InputTooLarge(CleanerError):
    code = "input_too_large"


class DocumentTimeout(CleanerError):
    """The document was not cleaned within its time budget: `Options.timeout_seconds` in
    the library and the batch, the service's own per-document budget in `cleaner serve`."""

    code = "timeout"

    @classmethod
    def after(cls, budget: float) -> "DocumentTimeout":
        return cls(f"document took longer than {budget:g} s")


def validation_message(
    errors: Iterable[Mapping[str, Any]], *, every: bool = False, name: Callable[[tuple], str] | None = None
) -> str:
    """What pydantic refused, as `where: why` (`exc.errors()` of a ValidationError or of
    FastAPI's RequestValidationError): the first error, or `every` one joined by "; ".

    `name` words an error's location for its reader (the service's settings name the
    environment variable to fix); by default the field path, dotted.
    """
    words = name or _dotted
    parts = []
    for err in errors:
        where = words(tuple(err.get("loc", ())))
        what = str(err.get("msg", "invalid"))
        parts.append(f"{where}: {what}" if where else what)
        if not every:
            break
    return "; ".join(parts) or "invalid"


def _dotted(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)
