"""The public API: argument checks, options, limits and the result contract."""
import pytest

from cleaner import CleanResult, InputTooLarge, InvalidInput, Options, clean


def test_exactly_one_of_text_and_html():
    with pytest.raises(InvalidInput):
        clean()
    with pytest.raises(InvalidInput):
        clean(text="a", html="<p>a</p>")


def test_wrong_types_and_bad_bytes_are_clear_errors():
    with pytest.raises(InvalidInput, match="str"):
        clean(text=42)
    with pytest.raises(InvalidInput, match="UTF-8"):
        clean(text=b"\xff\xfe\x00bad")
    sentence = "Der Bundespräsident hat am Donnerstag in Berlin die Arbeit der vielen Ehrenamtlichen in den Jugendverbänden gewürdigt."
    assert clean(text=sentence.encode()).text == sentence


def test_language_must_be_a_code_and_skips_detection():
    with pytest.raises(InvalidInput):
        clean(text="x", language="not a language")
    with pytest.raises(InvalidInput, match="xx-yy. is not supported"):
        clean(text="x", language="xx-yy")
    assert clean(text="Bonjour tout le monde, ceci est un texte.", language="de-AT").language == "de"


def test_unknown_options_and_rule_codes_are_rejected():
    with pytest.raises(InvalidInput, match="disable"):
        clean(text="x", options={"disable": ["NOPE999"]})
    with pytest.raises(InvalidInput):
        clean(text="x", options={"no_such_option": True})


def test_disabling_a_rule_keeps_what_it_would_remove():
    text = "A headline here\n\nBack To Top\n\n" + "This is the body of the article and it says a great deal. " * 4
    assert "Back To Top" not in clean(text=text).text
    kept = clean(text=text, options=Options(disable=("NAV", "HEUR")))
    assert "Back To Top" in kept.text


def test_size_limits_raise_input_too_large():
    with pytest.raises(InputTooLarge):
        clean(text="x" * 11, options={"max_input_chars": 10})
    with pytest.raises(InputTooLarge):
        clean(text="a\n" * 11, options={"max_lines": 10})


def test_explain_off_lists_no_spans_but_counts_them(seeds):
    _, raw, _ = seeds[0]
    result = clean(text=raw, options={"explain": False})
    assert result.removed == [] and sum(result.stats.removed_by_rule.values()) > 0


def test_keep_title_puts_the_headline_first(seeds):
    _, raw, gold = seeds[3]
    result = clean(text=raw, options={"keep_title": True})
    assert result.paragraphs[0] == gold["title"]


def test_result_is_json_serialisable(seeds):
    _, raw, _ = seeds[4]
    result = clean(text=raw)
    assert CleanResult.model_validate_json(result.model_dump_json()) == result
    assert result.metadata.author and result.metadata.author.startswith("Alexander Smith")


def test_empty_and_blank_input_give_an_empty_result():
    for text in ("", "   \n\t\u00a0\n"):
        result = clean(text=text)
        assert (result.text, result.title, result.removed) == ("", None, [])


def test_cleaning_leaves_the_garbage_collector_as_it_was():
    import gc

    assert gc.isenabled()
    clean(text="Home\nThe talks went on for hours, officials said.")
    assert gc.isenabled()
    gc.disable()
    try:
        clean(text="Home\nThe talks went on for hours, officials said.")
        assert not gc.isenabled()
    finally:
        gc.enable()
