"""cleaner: strip boilerplate from scraped articles, and say why each span went.

    from cleaner import clean
    result = clean(text=scraped)
    result.title, result.text, result.removed
"""
from cleaner.api import clean
from cleaner.errors import CleanerError, DocumentTimeout, InputTooLarge, InvalidInput
from cleaner.options import Options, Preset
from cleaner.result import CleanResult, Metadata, RemovedSpan, Stats
from cleaner.core.rules.registry import RULES
from cleaner.warm import warm_up

__version__ = "0.1.0"

__all__ = [
    "clean",
    "CleanResult",
    "RemovedSpan",
    "Metadata",
    "Stats",
    "Options",
    "Preset",
    "RULES",
    "warm_up",
    "CleanerError",
    "InvalidInput",
    "InputTooLarge",
    "DocumentTimeout",
    "__version__",
]
