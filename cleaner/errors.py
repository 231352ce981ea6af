"""The documented exceptions `clean()` may raise; everything else is a bug."""
from __future__ import annotations


class CleanerError(ValueError):
    """Base class: the input or the options were unusable. `code` is stable for APIs."""

    code = "invalid_input"


class InvalidInput(CleanerError):
    code = "invalid_input"


class InputTooLarge(CleanerError):
    code = "input_too_large"


class DocumentTimeout(CleanerError):
    """The document was not cleaned within `Options.timeout_seconds`."""

    code = "timeout"
