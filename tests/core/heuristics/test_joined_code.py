"""HEUR150 joined-code: a code block joined into one line, dropped for its shape under kept text, comes back."""
from cleaner.core.heuristics.structure import is_code_line, keep_joined_code

from tests.core.heuristics.verdicts import KEEP, removed, text_blocks

PROSE = "Copy the configuration below into your home directory and restart the server."
TMUX = "# .tmux.conf set-option -g mouse on set-option -s set-clipboard off bind-key -T copy-mode y send"
PY = "import ctypes value = ctypes.cast(address, ctypes.py_object).value print(value)"


def kept(texts, rules):
    verdicts = [KEEP if r is None else removed(r) for r in rules]
    return [v.keep for v in keep_joined_code(text_blocks(texts), verdicts)]


def test_code_lines_recognised_by_their_tokens():
    assert is_code_line(TMUX)
    assert is_code_line(PY)
    assert is_code_line('printf("%d", count); return sum_total;')


def test_prose_and_markup_are_not_code():
    assert not is_code_line(PROSE)
    assert not is_code_line("If x = 5 then the answer (see above) is simple enough for most readers.")
    assert not is_code_line('<form class="search" action="/find" method="get"> <input name="q_term" value=1>')


def test_a_joined_code_block_under_kept_text_comes_back_with_its_like_lines():
    texts = [PROSE, TMUX, PY, "Home About Contact"]
    assert kept(texts, [None, "HEUR002", "HEUR101", "HEUR101"]) == [True, True, True, False]


def test_code_not_under_kept_text_stays_out():
    assert kept(["Menu", TMUX], ["NAV001", "HEUR002"]) == [False, False]


def test_only_shape_drops_come_back():
    # A rule hit (a share widget, a legal line) is not undone by looking like code.
    assert kept([PROSE, TMUX], [None, "SHARE001"]) == [True, False]
