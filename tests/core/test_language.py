"""language: the stopword vote, its one-pass index, the bounded sample, langdetect fallback."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.document import Block
from cleaner.core.language import (
    SAMPLE_CHARS,
    SAMPLE_LINE_CHARS,
    UNKNOWN,
    VOTE_LANGUAGES,
    VOTE_MIN_LEAD,
    VOTE_MIN_SHARE,
    detect_language,
    sample_for_detection,
    vote_by_stopwords,
)
from cleaner.core.lexicon import stopword_languages, stopwords


def reference_vote(sample: str) -> str | None:
    """The vote written plainly: each language's list intersected with the sample in turn."""
    words = [w.lower() for w in re.findall(r"\w+", sample)]
    if len(words) < 8:
        return None
    counts = Counter(words)
    shares = sorted(
        ((sum(counts[w] for w in counts.keys() & stopwords(lang)) / len(words), lang) for lang in VOTE_LANGUAGES if lang in stopword_languages()),
        reverse=True,
    )
    (best, lang), (second, _) = shares[0], shares[1]
    return lang if best >= VOTE_MIN_SHARE and best >= VOTE_MIN_LEAD * second else None


def blocks(*texts: str) -> list[Block]:
    return [Block(i, 0, len(t), t, 0, False, False) for i, t in enumerate(texts)]


def test_vote_names_clear_languages():
    assert vote_by_stopwords("Die Regierung hat am Donnerstag erklärt, dass sie die Gespräche mit der Opposition fortsetzen will.") == "de"
    assert vote_by_stopwords("The government said on Thursday that it would continue the talks with the opposition.") == "en"


def test_vote_abstains_on_too_few_words():
    assert vote_by_stopwords("the and of") is None


SENTENCES = [
    "Die Regierung hat am Donnerstag erklärt, dass sie die Gespräche fortsetzen will.",
    "The government said on Thursday that it would continue the talks.",
    "Le gouvernement a déclaré jeudi qu'il poursuivrait les négociations.",
    "El gobierno dijo el jueves que continuaría las conversaciones con la oposición.",
    "Rząd poinformował w czwartek, że będzie kontynuował rozmowy.",
    "Home Login Menü Suche",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(max_size=40)), max_size=8).map(" ".join))
def test_vote_equals_the_plain_per_language_count(sample):
    assert vote_by_stopwords(sample) == reference_vote(sample)


def test_sample_takes_the_longest_lines_in_document_order_and_is_bounded():
    doc = blocks("Home", "A" * 1000, "short", "B" * 1000, *(ch * 400 for ch in "CDEF"))
    sample = sample_for_detection(doc)
    assert len(sample) <= SAMPLE_CHARS + 10
    assert sample.startswith("A") and "B" in sample and "Home" not in sample


def test_no_one_line_fills_the_sample():
    doc = blocks("A" * 5000, "B" * 400)
    assert sample_for_detection(doc) == "A" * SAMPLE_LINE_CHARS + " " + "B" * SAMPLE_LINE_CHARS


GERMAN = "Der Bundesrat hat am Freitag über das neue Gesetz beraten, und die Länder haben sich nicht geeinigt. "
TAG_CLOUD = " ".join(f"the {w} and" for w in ("apple", "asus", "battlefield", "amazon", "android", "browser") * 30)


def test_a_joined_tag_cloud_does_not_outvote_the_article():
    # html-text joins a tag cloud into one line that outgrows every paragraph; inscriptis
    # breaks it into lines. Either way the article's language wins.
    paragraphs = [GERMAN.replace("Freitag", day) * 4 for day in ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag")]
    assert detect_language(blocks(TAG_CLOUD, *paragraphs)) == "de"
    assert detect_language(blocks(*TAG_CLOUD.split(" and "), *paragraphs)) == "de"


def test_a_page_of_one_language_in_long_lines_is_still_read_from_them():
    # near miss: capping lines must not let short menu lines decide a page of long prose
    english = "The council said on Friday that the new rules would apply to all of the schools in the city. " * 5
    assert detect_language(blocks("Startseite", "Kontakt", "Impressum", english)) == "en"


def test_short_text_is_unknown():
    assert detect_language(blocks("Home", "Login")) == UNKNOWN


def test_detection_on_prose():
    assert detect_language(blocks(SENTENCES[0] * 3)) == "de"


def test_english_prose_is_decided_by_the_vote():
    # wide stoplists that share English function words must not make English a tie
    text = "The government said on Thursday that it would continue the talks with the opposition after the elections."
    assert vote_by_stopwords(text) == "en"


def test_a_dominant_script_written_without_spaces_names_the_language():
    from cleaner.core.language import language_by_script

    assert language_by_script("世界各地的能源价格继续上涨，部长周二在柏林对记者表示，政府将采取措施。") == "zh"
    assert language_by_script("子どもへの虐待をなくすための法律ができて、親が子どもを教育するために") == "ja"
    assert language_by_script("세계 각국의 에너지 가격이 계속 오르고 있다고 장관이 말했다") == "ko"
    assert language_by_script("ผลการตรวจ DNA ยืนยันว่าศพที่ถูกสังหารเป็นของคนสนิท") == "th"


def test_a_script_that_does_not_dominate_decides_nothing():
    from cleaner.core.language import language_by_script

    mixed = ("The minister said on Tuesday that energy prices keep rising worldwide and the government will act. "
             "世界各地的能源价格继续上涨。")
    assert language_by_script(mixed) is None
    assert language_by_script("Plain English prose, nothing else.") is None


def test_chinese_and_japanese_pages_are_detected_by_script():
    zh = "在美国旧金山举行的中美元首会晤吸引了全世界的目光。多名外国专家告诉记者，中美合作共赢符合国际社会利益。"
    ja = "政府は今日、市内の公共交通を改善するための新しい計画を発表した。住民からは期待の声が上がっている。"
    assert detect_language(blocks("首页", zh, "2023-11-17 15:13")) == "zh"
    assert detect_language(blocks("ニュース", ja)) == "ja"


def test_the_sample_skips_lines_of_digits_and_punctuation():
    """A results table or a row of dates says nothing about the language; the prose does."""
    numbers = "2023-11-17 15:13 | 1:0 | 2:1 | 3:3 | 12.5% | 99.9% | 100 | 200 | 300 | 400 | 500 | 600 | 700"
    prose = "Die Regierung hat am Dienstag einen neuen Plan für den öffentlichen Verkehr vorgestellt."
    sample = sample_for_detection(blocks(numbers, prose))
    assert prose in sample and numbers not in sample


def test_markup_and_addresses_scraped_as_text_do_not_decide_the_language():
    """Tracking-pixel tags in a Japanese page's text are Latin letters, not English."""
    pixel = ('<div style="position:absolute;"><img width=1 height=1 alt="" src="http://b5.example.jp/b?P=oI9TLjE4Mi66'
             'RLpAorxEdAVuMTE4LgAAAAA2TzUA&T=16mncrita%2fX%3d1489053188%2fE%3d2078709551%2fR%3djp_hdln_te%2fK%3d5">')
    ja = "政府は今日、市内の公共交通を改善するための新しい計画を発表した。住民からは期待の声が上がっている。"
    page = blocks(*(f"{pixel} 新製品プレゼント！" for _ in range(6)), ja)
    assert detect_language(page) == "ja"
    sample = sample_for_detection(page)
    assert "<div" not in sample and "http" not in sample


def test_without_markup_leaves_plain_text_alone_and_stays_linear():
    from cleaner.core.language import without_markup

    plain = "The council met on Monday < and > the mayor spoke."
    assert without_markup(plain) == plain.replace("  ", " ")
    assert without_markup("see https://example.com/a?b=c now") == "see now"
    hostile = "<" * 200_000 + "http://" * 50_000
    assert len(without_markup(hostile)) <= len(hostile)


# A paragraph of prose in each language that has a lexicon but no stopword vote (or a
# script of its own): detection must name the lexicon's code, or its phrases never apply
# (langdetect's zh-cn and zh-tw both read as zh).
LEXICON_PROSE = {
 "ru": "Правительство в понедельник представило долгожданный план модернизации железных дорог. Критики заявили, что в проекте не хватает деталей о финансировании. Переговоры с профсоюзами начнутся в следующем месяце.",
 "uk": "Уряд у понеділок представив довгоочікуваний план модернізації залізниць. Критики заявили, що в проєкті бракує деталей щодо фінансування. Переговори з профспілками розпочнуться наступного місяця.",
 "cs": "Vláda v pondělí představila dlouho očekávaný plán modernizace železniční sítě. Kritici uvedli, že návrhu chybí podrobnosti o financování. Jednání s odbory začnou příští měsíc.",
 "sv": "Regeringen presenterade på måndagen en efterlängtad plan för att modernisera järnvägsnätet. Kritiker sade att förslaget saknade detaljer om finansieringen. Samtal med facken inleds nästa månad.",
 "da": "Regeringen fremlagde mandag en længe ventet plan for at modernisere jernbanenettet. Kritikere sagde, at forslaget manglede detaljer om finansieringen. Forhandlinger med fagforeningerne begynder næste måned.",
 "fi": "Hallitus esitteli maanantaina kauan odotetun suunnitelman rautatieverkon uudistamiseksi. Arvostelijoiden mukaan ehdotuksesta puuttuivat rahoituksen yksityiskohdat. Neuvottelut ammattiliittojen kanssa alkavat ensi kuussa.",
 "hu": "A kormány hétfőn bemutatta a vasúthálózat korszerűsítésének régóta várt tervét. A bírálók szerint a javaslatból hiányoznak a finanszírozás részletei. A szakszervezetekkel a tárgyalások jövő hónapban kezdődnek.",
 "ro": "Guvernul a prezentat luni un plan mult așteptat de modernizare a rețelei feroviare. Criticii au spus că propunerea nu conține detalii despre finanțare. Negocierile cu sindicatele vor începe luna viitoare.",
 "tr": "Hükümet pazartesi günü demiryolu ağını modernize etmeye yönelik uzun zamandır beklenen planı açıkladı. Eleştirmenler teklifin finansman ayrıntılarından yoksun olduğunu söyledi. Sendikalarla görüşmeler gelecek ay başlayacak.",
 "ja": "政府は月曜日、鉄道網を近代化するための待望の計画を発表した。批判的な人々は、提案には資金調達に関する詳細が欠けていると述べた。労働組合との協議は来月始まる予定だ。",
 "zh": "政府周一公布了期待已久的铁路网络现代化计划。批评人士表示，该提案缺乏有关资金的细节。与工会的谈判将于下个月开始。",
 "zh-hant": "政府週一公布了期待已久的鐵路網路現代化計畫。批評人士表示，該提案缺乏有關資金的細節。與工會的談判將於下個月開始。",
}


@pytest.mark.parametrize("lang", sorted(LEXICON_PROSE))
def test_prose_of_each_new_lexicon_language_maps_to_its_lexicon(lang):
    from cleaner import clean
    from cleaner.core.lexicon import lexicon_languages

    result = clean("\n\n".join([LEXICON_PROSE[lang]] * 2))
    want = lang.split("-")[0]
    assert want in lexicon_languages()
    assert result.language == want
