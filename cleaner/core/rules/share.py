"""SHARE: share and social widgets."""
from cleaner.core.rules.registry import phrase_rule

SHARE_WIDGET = phrase_rule(
    "SHARE001",
    "share-widget",
    "Share buttons and their labels.",
    "Catches: 'Share this article', 'Teilen', 'Facebook Twitter WhatsApp', 'Tweet'. "
    "Keeps: a sentence about sharing ('The firm will share its data ...').",
)
FOLLOW_US = phrase_rule(
    "SHARE002",
    "follow-us",
    "Invites the reader to follow the site on social media.",
    "Catches: 'Follow us on Twitter', 'Folgen Sie uns auf Facebook'.",
)
