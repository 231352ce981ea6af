"""warm_up builds every per-process table a document could need."""
from cleaner import warm_up
from cleaner.core.lexicon import lexicon_languages
from cleaner.core.rules.match import languages_for, matcher_for


def test_warm_up_compiles_every_languages_matcher():
    matcher_for.cache_clear()
    warm_up()
    built = matcher_for.cache_info().currsize
    assert built == len({languages_for(language) for language in lexicon_languages()} | {()})
    hits = matcher_for.cache_info().hits
    for language in lexicon_languages():
        matcher_for(languages_for(language))
    assert matcher_for.cache_info().hits == hits + len(lexicon_languages())  # nothing left to build
