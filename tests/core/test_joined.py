"""joined: lines scanned as one string, and match offsets mapped back to their lines."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.joined import join_lines, line_numbers


def test_join_is_exact_or_refused():
    assert join_lines(["a", "", "b"]) == "a\n\nb"
    assert join_lines(["a\nb", "c"]) is None  # a line with its own line feed
    assert join_lines([]) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab é\u2028"), max_size=6), min_size=1, max_size=8))
def test_every_offset_maps_to_the_line_that_holds_it(lines):
    joined = join_lines(lines)
    offsets = range(len(joined) + 1)
    expected = [joined.count("\n", 0, at) for at in offsets]
    assert list(line_numbers(offsets, joined)) == expected
    data = joined.encode("utf-8")
    assert list(line_numbers(range(len(data) + 1), data)) == [data.count(b"\n", 0, at) for at in range(len(data) + 1)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab é\n"), max_size=6), min_size=1, max_size=8), st.randoms())
def test_offsets_in_any_order_map_to_their_lines(lines, rnd):
    joined = "".join(lines)  # match_starts gives offsets mark by mark, not in text order
    offsets = [rnd.randint(0, len(joined)) for _ in range(10)]
    assert list(line_numbers(offsets, joined)) == [joined.count("\n", 0, at) for at in offsets]


def test_no_offsets_means_no_line_is_measured():
    class Uncountable(str):
        def count(self, *args):  # the text is read only at a first offset
            raise AssertionError("lines measured without a match")

    assert list(line_numbers([], Uncountable("a\nb"))) == []
