"""Context revision: short and uncertain blocks take their neighbours' class."""
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.document import Block, BlockClass
from cleaner.core.heuristics.neighbours import nearest, nearest_both, promote_subheadings, revise

G, N, S, B = BlockClass.GOOD, BlockClass.NEAR_GOOD, BlockClass.SHORT, BlockClass.BAD


def test_short_between_good_is_good_and_between_bad_is_bad():
    assert revise([G, S, G]) == [G, G, G]
    assert revise([B, S, B]) == [B, B, B]


def test_page_edges_count_as_boilerplate():
    assert revise([S, B]) == [B, B]
    assert revise([N]) == [B]


def test_near_good_survives_next_to_good():
    assert revise([B, N, G]) == [B, G, G]


def test_short_between_good_and_bad_follows_a_near_good_neighbour():
    assert revise([G, S, N, B])[1] is G
    assert revise([G, S, B])[1] is B


def test_nearest_neighbour_scan_is_linear_and_correct():
    classes = [S] * 50_000 + [G]
    assert nearest(classes, -1, True)[0] is G
    assert nearest(classes, 1, True)[-1] is B


def promote_subheadings_reference(classes, blocks, headline_like):
    """The forward scan promote_subheadings replaced: the specification."""
    from cleaner.core.heuristics.neighbours import MAX_HEADING_DISTANCE

    out = list(classes)
    for i, cls in enumerate(classes):
        if cls is not S or not headline_like[i]:
            continue
        distance = 0
        for j in range(i + 1, len(classes)):
            if classes[j] is G:
                out[i] = N
                break
            distance += len(blocks[j].text)
            if classes[j] is B or distance > MAX_HEADING_DISTANCE:
                break
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([G, N, S, B]), st.integers(0, 120), st.booleans()), max_size=30))
def test_promote_subheadings_equals_the_forward_scan(rows):
    classes = [cls for cls, _, _ in rows]
    blocks = [Block(i, 0, n, "x" * n, 0, False, False) for i, (_, n, _) in enumerate(rows)]
    headline_like = [flag for _, _, flag in rows]
    assert promote_subheadings(classes, blocks, headline_like) == promote_subheadings_reference(classes, blocks, headline_like)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([G, N, S, B]), max_size=30), st.sampled_from([1, -1]))
def test_nearest_both_equals_two_nearest_scans(classes, step):
    assert nearest_both(classes, step) == (nearest(classes, step, True), nearest(classes, step, False))
