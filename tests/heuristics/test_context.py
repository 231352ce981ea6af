"""Context revision: short and uncertain blocks take their neighbours' class."""
from cleaner.document import BlockClass
from cleaner.heuristics.context import nearest, revise

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
