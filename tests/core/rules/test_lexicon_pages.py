"""End to end: a scraped page in a non-English language loses its boilerplate, keeps its body."""
from cleaner import clean
from phrasecases import BODY, removed_by

FR_PAGE = [
    ("NAV001", "Aller au contenu principal"),
    ("NAV002", "Accueil > Économie > Transports"),
    ("TITLE001", "La SNCF promet des trains plus rapides"),
    ("BYL001", "Par Marie Dupont"),
    ("BYL010", "Publié le 12 mars 2024 à 14h05"),
    ("BYL011", "Temps de lecture : 4 min"),
    ("SHARE001", "Partager sur Facebook"),
    (None, 0), (None, 1), (None, 2),
    ("REL002", "À lire aussi : Grève à la SNCF, ce qu'il faut savoir"),
    (None, 3), (None, 4), (None, 5),
    ("TAG001", "Mots-clés : SNCF, Transports"),
    ("NEWS001", "Inscrivez-vous à notre newsletter"),
    ("COOK001", "Nous utilisons des cookies pour améliorer votre expérience."),
    ("COOK001", "Tout accepter"),
    ("LEGAL001", "© 2024 Le Journal. Tous droits réservés."),
    ("LEGAL002", "Mentions légales | CGU | Contact"),
]


def test_french_page():
    lines = [BODY["fr"][item] if code is None else item for code, item in FR_PAGE]
    result = clean(text="\n\n".join(lines), language="fr")
    removed = removed_by(result)
    for code, item in FR_PAGE:
        if code is not None:
            assert removed.get(item) == code, item
    for paragraph in BODY["fr"]:
        assert paragraph in result.text
    for code, item in FR_PAGE:
        if code is not None:
            assert item not in result.text
    assert result.title == "La SNCF promet des trains plus rapides"
    assert result.metadata.author == "Marie Dupont"
