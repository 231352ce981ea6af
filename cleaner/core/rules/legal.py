"""LEGAL: copyright, rights, legal and contact lines."""
from cleaner.core.rules.registry import phrase_rule

COPYRIGHT_LINE = phrase_rule(
    "LEGAL001",
    "copyright-line",
    "Copyright, rights or reprint notice.",
    "Catches: '© 2020 Example Media', 'All rights reserved', 'Alle Rechte vorbehalten'.",
)
LEGAL_LINK = phrase_rule(
    "LEGAL002",
    "legal-link",
    "Link to legal or contact pages.",
    "Catches: 'Impressum', 'Datenschutz', 'Privacy Policy', 'Terms of Use', 'Contact us'.",
)
