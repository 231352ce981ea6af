"""COOK: cookie and consent banners."""
from cleaner.core.rules.registry import phrase_rule

COOKIE_BANNER = phrase_rule(
    "COOK001",
    "cookie-banner",
    "Cookie or consent banner text and its buttons.",
    "Catches: 'We use cookies to improve your experience', 'Alle akzeptieren'.",
)
