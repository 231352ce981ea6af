"""Phrase cases for cleaner/core/rules/legal.py (LEGAL rules): tests/core/rules/cases/legal.*.txt."""
import pytest

from phrasecases import check_case, check_coverage, known_false_positive_params, params

FAMILY = "legal"


def test_cases_cover_languages_with_hits_and_near_misses():
    check_coverage(FAMILY, ("LEGAL",))


@pytest.mark.parametrize("lang, expected, text", params(FAMILY))
def test_phrase_case(lang, expected, text):
    check_case(lang, expected, text)


@pytest.mark.parametrize("lang, text", known_false_positive_params(FAMILY))
def test_known_false_positive_is_kept(lang, text):
    check_case(lang, "keep", text)


# --- LEGAL003 / LEGAL004 (code rules): disclaimers and form consent, any length -----

from cleaner import clean  # noqa: E402
from cleaner.core.rules.legal import phrase_program  # noqa: E402
from cleaner.core.rules.match import lines_matching  # noqa: E402
from cleaner.core.normalize import fold  # noqa: E402
from phrasecases import BODY, assert_run_goes_and_body_stays, removed_by  # noqa: E402

# Per language: (disclaimer, form consent, near misses that name the same topics in prose).
LINES = {
    "en": ("The information provided on this website is not medical advice. It is only for informational and "
           "educational purposes, and you should always consult a doctor about your own situation before you act.",
           "By submitting this form, you agree to our Terms of Use and Privacy Policy and consent to receive emails "
           "about news, events and offers.",
           ["The company said the update to its privacy policy would take effect in March, after the regulator asked "
            "it to explain how it shares data with advertisers.",
            "The new drug is not intended to replace surgery, the researchers said, but to help patients who cannot "
            "undergo it.",
            "Investors who rely on past performance alone often miss how much the market has changed since the "
            "crisis."]),
    "de": ("Die Inhalte dieser Seite dienen ausschließlich Informationszwecken und stellen keine Anlageberatung dar; "
           "frühere Wertentwicklungen sind kein verlässlicher Indikator für künftige Ergebnisse.",
           "Mit dem Absenden des Formulars akzeptieren Sie unsere Datenschutzerklärung und willigen ein, dass wir Ihre "
           "Angaben zur Bearbeitung Ihrer Anfrage speichern und Ihnen per E-Mail antworten. Sie können sich jederzeit "
           "abmelden.",
           ["Die Verbraucherzentrale rät, vor der Anmeldung bei einer App genau zu lesen, wofür sie die Daten ihrer "
            "Nutzer verwendet, und im Zweifel abzulehnen.",
            "Die Ärztin sagte, die neue Therapie solle die Operation nicht ersetzen, sondern Patienten helfen, die "
            "nicht operiert werden können."]),
    "fr": ("Les informations de ce site sont fournies à titre informatif uniquement et ne constituent pas un conseil "
           "en investissement. Les performances passées ne préjugent pas des performances futures.",
           "En soumettant ce formulaire, vous acceptez notre politique de confidentialité.",
           ["La CNIL a demandé à l'entreprise de revoir sa politique de confidentialité avant la fin de l'année."]),
    "es": ("Este contenido se ofrece solo con fines informativos y no constituye asesoramiento financiero.",
           "Al enviar este formulario, aceptas nuestra política de privacidad.",
           ["El regulador pidió a la empresa que cambiara su política de privacidad antes de marzo."]),
    "it": ("Le informazioni hanno carattere puramente informativo e non costituiscono consulenza finanziaria.",
           "Acconsento al trattamento dei miei dati personali ai sensi dell'informativa sulla privacy.",
           ["Il Garante ha chiesto all'azienda di aggiornare l'informativa sulla privacy entro marzo."]),
    "pt": ("Este conteúdo é apenas para fins informativos e não constitui recomendação de investimento.",
           "Ao enviar este formulário, você concorda com nossa política de privacidade.",
           ["A agência pediu que a empresa revisse a sua política de privacidade até março."]),
    "nl": ("Deze informatie is uitsluitend bedoeld ter informatie en vormt geen beleggingsadvies.",
           "Door dit formulier te verzenden ga je akkoord met ons privacybeleid.",
           ["De toezichthouder vroeg het bedrijf zijn privacybeleid voor maart aan te passen."]),
    "pl": ("Artykuł ma charakter wyłącznie informacyjny i nie stanowi porady inwestycyjnej.",
           "Wyrażam zgodę na przetwarzanie moich danych osobowych w celach marketingowych.",
           ["Urząd wezwał firmę do zmiany polityki prywatności do marca."]),
}


def _hits(code: str, lang: str, lines: list[str]) -> list[bool]:
    return lines_matching(phrase_program((code,), (lang,)), [fold(line) for line in lines])


@pytest.mark.parametrize("lang", sorted(LINES))
def test_disclaimer_and_consent_wording_in_every_lexicon(lang):
    disclaimer, consent, near_misses = LINES[lang]
    assert _hits("LEGAL003", lang, [disclaimer, consent, *near_misses]) == [True, False] + [False] * len(near_misses)
    assert _hits("LEGAL004", lang, [disclaimer, consent, *near_misses]) == [False, True] + [False] * len(near_misses)


def test_phrases_match_whole_words_only():
    # "unsubscribe at any time" must not match inside a longer word
    assert _hits("LEGAL004", "en", ["You can unsubscribe at any times.", "You can unsubscribe at any time."]) == [
        False, True]


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_footer_disclaimer_and_form_consent_go_article_stays(lang):
    disclaimer, consent, near_misses = LINES[lang]
    text = "\n\n".join([*BODY[lang], *near_misses, consent, disclaimer])
    result = clean(text=text, language=lang)
    assert_run_goes_and_body_stays(result, [disclaimer], "LEGAL003", [*BODY[lang], *near_misses])
    assert removed_by(result).get(consent) == "LEGAL004"


def test_long_disclaimer_no_longer_outweighs_a_short_article():
    # A footer's disclaimers, longer than the article, were taken for the page's main text.
    article = BODY["en"][:2]
    disclaimers = [
        "This material is not intended to replace the advice of a qualified advisor. Information has been obtained "
        "from sources believed to be reliable, but its accuracy and completeness are not guaranteed, and it may "
        "change without notice. Please seek the advice of a professional before acting on anything written here.",
        "Products and services referenced are for general information only. Always consult a qualified advisor "
        "prior to purchasing, and review the manufacturer's instructions and your policy documents with care.",
    ]
    result = clean(text="\n\n".join(["Best practices for vehicle rentals", *article, *disclaimers]), language="en")
    assert_run_goes_and_body_stays(result, disclaimers, "LEGAL003", article)


def test_disabling_the_codes_keeps_the_lines():
    disclaimer, consent, _ = LINES["en"]
    text = "\n\n".join([*BODY["en"], consent, disclaimer])
    result = clean(text=text, language="en", options={"disable": ["LEGAL003", "LEGAL004"]})
    assert not {"LEGAL003", "LEGAL004"} & set(removed_by(result).values())
