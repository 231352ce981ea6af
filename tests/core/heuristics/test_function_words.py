"""Which stopword list judges prose: the language's, all of them, or none."""
from cleaner import clean
from cleaner.core.lexicon import all_stopwords, stopwords
from cleaner.core.pipeline import function_words


def test_known_language_uses_its_own_list_and_unknown_uses_all():
    assert function_words("de") == stopwords("de")
    assert function_words("unknown") == all_stopwords()


def test_a_language_without_a_list_is_judged_by_length_not_by_another_languages_list():
    assert function_words("zh") == frozenset()
    paragraph = "政府今天公布了改善市内公共交通的新计划。部长表示，该计划将于明年春天开始，为期三年，包括新建公交线路和铁路线路。"
    text = "\n\n".join([paragraph] * 4)
    result = clean(text=text, language="zh")
    assert not any(span.rule == "HEUR002" for span in result.removed)
    assert result.text


def test_japanese_prose_passes_its_function_word_test_counted_in_characters():
    """ja's list is matched inside runs of characters: prose reads as prose, a menu does not."""
    assert function_words("ja")
    paragraph = (
        "政府は今日、市内の公共交通を改善するための新しい計画を発表した。大臣によると、この計画は来年の春に始まり、"
        "三年間続く予定で、新しいバス路線と鉄道路線の建設が含まれる。住民からは期待の声が上がっている。"
    )
    menu = "ニュース 政治 経済 国際 スポーツ 文化 科学 天気 地域 特集 動画 写真 社説 コラム 速報 ランキング 検索"
    result = clean(text="\n\n".join([menu, *[paragraph] * 3]), language="ja")
    assert not any(span.rule == "HEUR002" for span in result.removed if span.text == paragraph)
    assert paragraph in result.text
    assert menu not in result.text
