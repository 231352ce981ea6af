"""Which stopword list judges prose: the language's, all of them, or none."""
from cleaner import clean
from cleaner.lexicon import all_stopwords, stopwords
from cleaner.pipeline import function_words


def test_known_language_uses_its_own_list_and_unknown_uses_all():
    assert function_words("de") == stopwords("de")
    assert function_words("unknown") == all_stopwords()


def test_a_language_without_a_list_is_judged_by_length_not_by_another_languages_list():
    assert function_words("ar") == frozenset()
    paragraph = (
        "أعلنت الحكومة اليوم عن خطة جديدة لتحسين النقل العام في المدينة، وقال الوزير إن المشروع "
        "سيبدأ في الربيع المقبل وسيستمر ثلاث سنوات، مع بناء خطوط جديدة للحافلات والقطارات."
    )
    text = "\n\n".join([paragraph] * 4)
    result = clean(text=text, language="ar")
    assert not any(span.rule == "HEUR002" for span in result.removed)
    assert result.text
