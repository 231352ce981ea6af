"""AD: advertisement markers."""
from cleaner.core.rules.registry import phrase_rule

AD_MARKER = phrase_rule(
    "AD001",
    "ad-marker",
    "Advertisement or sponsored-content marker.",
    "Catches: 'Advertisement', 'Anzeige', 'Sponsored', 'Werbung'.",
)

SHOP_BUTTON = phrase_rule(
    "AD002",
    "shop-button",
    "A price with the shop that sells it, or a buy button: the widget of a shopping guide.",
    "Catches: '$75 at Amazon', '$32 $29 at Amazon', 'Now 20% Off', 'Buy now at AJ Madison', '29,99 € bei Amazon'. "
    "Keeps: a sentence about prices ('The set costs $75 at most shops.').",
)
