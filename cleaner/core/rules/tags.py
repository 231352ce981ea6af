"""TAG: tag lists and section labels."""
from cleaner.core.rules.registry import phrase_rule

TAG_LIST = phrase_rule(
    "TAG001",
    "tag-list",
    "List of tags or topics attached to the article.",
    "Catches: 'Tags: Donald Trump, Mike Pompeo', 'Themen: Ehrenamt'. "
    "Keeps: 'Tags darauf kam er zurück.' (a sentence, too long to be certain).",
)
SECTION_LABEL = phrase_rule(
    "TAG002",
    "section-label",
    "A bare section or rubric label ('World news', 'Politik').",
)
