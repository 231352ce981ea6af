"""clean() on hostile input: only the documented errors, and no output word the input lacked."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean
from tests.reliability.oracle import DOCUMENTED, check_html_result, check_text_result
from tests.reliability.strategies import attribute_floods, deep_markup, html_ish, html_inputs, raw_bytes, surrogate_texts, texts

# Bounded so CI stays fast; the atheris harnesses under fuzz/ are the long runs.
profile = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
OPTION_SETS = st.sampled_from([
    {},
    {"preset": "aggressive", "split_glued": True},
    {"preset": "conservative", "keep_title": True, "explain": False},
    {"disable": ["NAV", "HEUR"]},
    {"max_input_chars": 50, "max_lines": 3},
])


def _clean(**kwargs):
    try:
        return clean(**kwargs)
    except DOCUMENTED:
        return None


@profile
@given(texts, OPTION_SETS)
def test_text_mode_on_any_text(text, options):
    result = _clean(text=text, options=options)
    if result is not None:
        check_text_result(text, result)


@profile
@given(raw_bytes)
def test_text_mode_on_random_bytes(data):
    """Bytes are decoded as UTF-8 or refused with InvalidInput; never anything else."""
    result = _clean(text=data)
    if result is not None:
        check_text_result(data, result)


@profile
@given(html_ish(), OPTION_SETS)
def test_html_mode_on_tag_soup(page, options):
    result = _clean(html=page, options=options)
    if result is not None:
        check_html_result(page, result)


@profile
@given(html_inputs)
def test_html_mode_on_bytes_text_and_markup(page):
    result = _clean(html=page)
    if result is not None:
        check_html_result(page, result)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deep_markup())
def test_deep_nesting_keeps_the_text_at_the_bottom(page):
    result = clean(html=page)
    check_html_result(page, result)
    bottom = page[page.index("<p>") + 3: page.index("</p>")]
    kept = set(" ".join(result.paragraphs).split()) | set((result.title or "").split())
    # The text at the bottom reaches the text path: whatever the rules keep of it is
    # there, so at least its long words survive unless a rule removed them (explained).
    removed = " ".join(span.text for span in result.removed)
    for word in bottom.split():
        if len(word) > 3 and word.isalpha():
            assert word in kept or word in removed or word in (result.source_text or ""), word


@profile
@given(texts, st.sampled_from(["text", "html"]))
def test_removed_spans_are_explained_and_offsets_slice_the_input(text, mode):
    result = _clean(**{mode: text})
    if result is None:
        return
    for span in result.removed:
        assert span.rule and span.reason
        if mode == "text":
            assert text[span.start:span.end] == span.text


@profile
@given(surrogate_texts, st.booleans())
def test_lone_surrogates_clean_and_serialise(text, explain):
    """A lone surrogate is kept like any character, and the result still serialises (as
    the service writes it: the escape back), in text mode and as a url."""
    import json

    from cleaner.service.work import result_json

    result = _clean(text=text, url=text[:50], options={"explain": explain})
    if result is None:
        return
    check_text_result(text, result)
    reply = json.loads(result_json(result))
    # as JSON reads its own escapes: a high and a low surrogate side by side are one pair
    as_json = lambda value: json.loads(json.dumps(value))  # noqa: E731
    assert reply["text"] == as_json(result.text) and reply["metadata"]["url"] == as_json(result.metadata.url)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attribute_floods)
def test_attribute_floods_keep_the_text_and_warn_past_the_cap(page):
    from cleaner.html.limits import MAX_ATTRIBUTES

    result = clean(html=page)
    check_html_result(page, result)
    flooded = page.count('="v"') > MAX_ATTRIBUTES
    assert any(w.startswith("html_attributes:") for w in result.warnings) == flooded
