"""Which stopword list judges prose: the language's, all of them, or none."""
from cleaner import clean
from cleaner.core.lexicon import all_stopwords, stopwords
from cleaner.core.pipeline import function_words


def test_known_language_uses_its_own_list_and_unknown_uses_all():
    assert function_words("de") == stopwords("de")
    assert function_words("unknown") == all_stopwords()


def test_a_language_without_a_list_is_judged_by_length_not_by_another_languages_list():
    assert function_words("ja") == frozenset()
    paragraph = (
        "政府は今日、市内の公共交通を改善するための新しい計画を発表した。大臣によると、この計画は来年の春に始まり、"
        "三年間続く予定で、新しいバス路線と鉄道路線の建設が含まれる。住民からは期待の声が上がっている。"
    )
    text = "\n\n".join([paragraph] * 4)
    result = clean(text=text, language="ja")
    assert not any(span.rule == "HEUR002" for span in result.removed)
    assert result.text
