"""CMT: comment prompts and counters."""
from cleaner.core.rules.registry import phrase_rule

COMMENT_PROMPT = phrase_rule(
    "CMT001",
    "comment-prompt",
    "Comment prompt, counter or comment-section header.",
    "Catches: 'Leave a comment', '12 Comments', 'Kommentar schreiben'.",
)
