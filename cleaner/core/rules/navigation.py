"""NAV: interface and navigation strings."""
from cleaner.core.rules.registry import phrase_rule

UI_STRING = phrase_rule(
    "NAV001",
    "ui-string",
    "Interface string: a button, link or control label.",
    "Catches: 'Back To Top', 'Load more', 'See all Video', 'Skip to main content', 'Menü'.",
)
BREADCRUMB = phrase_rule(
    "NAV002",
    "breadcrumb",
    "Breadcrumb trail or 'you are here' line.",
    "Catches: 'Home > News > World', 'Sie sind hier: Startseite'.",
)
PAGINATION = phrase_rule(
    "NAV003",
    "pagination",
    "Pagination controls.",
    "Catches: 'Next page', 'Seite 1 von 3', '« Previous'.",
)
