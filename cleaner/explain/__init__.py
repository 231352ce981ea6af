"""The explain view: removed spans highlighted by rule, as one self-contained HTML page."""
from cleaner.explain.render import family_of, render_report

__all__ = ["family_of", "render_report"]
