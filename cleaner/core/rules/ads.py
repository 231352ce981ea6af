"""AD: advertisement markers."""
from cleaner.core.rules.registry import phrase_rule

AD_MARKER = phrase_rule(
    "AD001",
    "ad-marker",
    "Advertisement or sponsored-content marker.",
    "Catches: 'Advertisement', 'Anzeige', 'Sponsored', 'Werbung'.",
)
