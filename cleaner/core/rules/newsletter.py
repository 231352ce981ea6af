"""NEWS: newsletter, subscription and paywall prompts."""
from cleaner.core.rules.registry import phrase_rule

NEWSLETTER_PROMPT = phrase_rule(
    "NEWS001",
    "newsletter-prompt",
    "Invites the reader to sign up for a newsletter.",
    "Catches: 'Sign up for our free newsletter', 'Jetzt Newsletter abonnieren'. "
    "Keeps: an article sentence that merely mentions a newsletter (no prompt phrase, or a long sentence).",
)
SUBSCRIPTION_PROMPT = phrase_rule(
    "NEWS002",
    "subscription-prompt",
    "Invites the reader to subscribe, register or log in.",
    "Catches: 'Subscribe to The Week', 'Already a subscriber? Log in', 'Jetzt registrieren'.",
)
PAYWALL = phrase_rule(
    "NEWS010",
    "paywall-notice",
    "Paywall or premium-content notice.",
    "Catches: 'This article is for subscribers only', 'Weiterlesen mit Plus'.",
)
