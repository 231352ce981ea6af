"""AD: advertisement markers."""
from __future__ import annotations

from typing import Iterator

from cleaner.core.document import Hit, Strength
from cleaner.core.rules.context import RuleContext
from cleaner.core.rules.registry import code_rule, phrase_rule

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

# An affiliate disclosure runs to a few sentences ("We recommend the best products through
# an independent review process, and advertisers do not influence our picks. We may
# receive compensation if you visit partners we recommend. ..."): past 25 words AD001's
# phrase found inside the line ([AD001] contains: "we may be compensated", "erhalten wir
# eine Provision", every entry a disclosure's wording) only suggests, and the line stays
# when its neighbours are kept, as over the article's first paragraph. A line of up to
# DISCLOSURE_MAX_WORDS holding such a phrase is the disclosure; an article's paragraph
# that quotes one runs longer, or is left to the suggestion.
DISCLOSURE_MAX_WORDS = 110
_CONTAINS_MODE = '(contains "'


@code_rule(
    "AD003",
    "affiliate-disclosure",
    "An affiliate disclosure of up to 110 words ('... advertisers do not influence our picks. We may receive compensation ...').",
    "Catches: a paragraph of a few sentences holding a disclosure phrase of [AD001] contains ('we may be compensated', "
    "'earn from qualifying purchases', 'erhalten wir eine Provision'). Keeps: a paragraph of more than 110 words, "
    "a line that opens with an ad marker ('Werbung nervt. ...', AD001's start phrases only suggest).",
)
def find_affiliate_disclosures(ctx: RuleContext) -> Iterator[Hit]:
    features = ctx.features
    for index, hit in sorted(ctx.phrase_hits.items()):
        if (hit.rule == "AD001" and hit.strength is Strength.SUGGEST and _CONTAINS_MODE in hit.reason
                and features[index].words <= DISCLOSURE_MAX_WORDS):
            yield Hit(index, "AD003", "affiliate disclosure", Strength.CERTAIN)
