"""Table rows laid out in columns stay when only their shape or column condemned them."""
from cleaner import clean
from cleaner.core.heuristics.structure import keep_tables
from cleaner.core.document import Block, Verdict

KEEP = Verdict(True)


def blocks_of(source: str) -> list[Block]:
    blocks, offset = [], 0
    for i, line in enumerate(source.split("\n")):
        blocks.append(Block(i, offset, offset + len(line), " ".join(line.split()), 0, False, False))
        offset += len(line) + 1
    return blocks


def test_column_rows_dropped_for_shape_come_back_but_rule_hits_stay():
    source = "file      speed\napache    2.3 GB/s\ntwitter   2.2 GB/s\nShare     Tweet"
    verdicts = [Verdict(False, "HEUR102", "x"), Verdict(False, "HEUR002", "x"), Verdict(False, "HEUR101", "x"),
                Verdict(False, "SHARE001", "x")]
    out = keep_tables(blocks_of(source), verdicts, source)
    assert [v.keep for v in out] == [True, True, True, False]


def test_a_single_row_or_plain_lines_are_not_a_table():
    source = "Home\nfile      speed\nContact"
    verdicts = [Verdict(False, "HEUR101", "x")] * 3
    assert keep_tables(blocks_of(source), verdicts, source) == verdicts


def test_benchmark_table_inside_an_article_survives_end_to_end():
    prose = (
        "We ran the benchmark on a laptop with a recent processor and measured how fast each library "
        "parses the same documents, taking the median of ten runs for every file in the test set."
    )
    table = "\n".join([
        "      file            fast lib     slow lib",
        "      apache_builds   2.3 GB/s     0.098 GB/s",
        "      github_events   2.5 GB/s     0.093 GB/s",
        "      twitter         2.2 GB/s     0.094 GB/s",
    ])
    text = f"{prose}\n\n{prose.replace('laptop', 'desktop')}\n\n{table}\n\n{prose.replace('laptop', 'server')}\n"
    result = clean(text=text, language="en")
    assert "github_events 2.5 GB/s 0.093 GB/s" in result.text


# --- rows of figures, whichever converter wrote them ---------------------------------

from cleaner.core.heuristics.structure import figure_runs  # noqa: E402

DROPPED = Verdict(False, "HEUR101", "x")


def test_figure_rows_joined_by_single_spaces_come_back_inside_the_article():
    # html-text joins a row's cells with one space: no column gap to see.
    source = "\n".join(["Kept paragraph.", "Rank Company Premiums Change", "1 State Farm Group 107,764,591 16.4",
                        "2 Berkshire Hathaway Ins 80,324,255 4.1", "3 Progressive Ins Group 74,411,830 21.0",
                        "Source: NAIC", "Kept paragraph again."])
    verdicts = [KEEP, DROPPED, DROPPED, DROPPED, DROPPED, Verdict(False, "CAP001", "x"), KEEP]
    out = keep_tables(blocks_of(source), verdicts, source)
    assert [v.keep for v in out] == [True, False, True, True, True, False, True]


def test_figure_rows_ending_the_article_come_back_when_some_were_kept():
    source = "\n".join(["Kept paragraph.", "1 Chicago Booth 1 37% / 40% 30%", "2 Kellogg 3 38% / 48% 31%",
                        "3 Wharton 1 35% / 50% 23%", "Contact us"])
    verdicts = [KEEP, KEEP, DROPPED, DROPPED, Verdict(False, "LEGAL002", "x")]
    out = keep_tables(blocks_of(source), verdicts, source)
    assert [v.keep for v in out] == [True, True, True, True, False]


def test_figure_rows_away_from_kept_text_stay_out():
    # Opening hours or a sidebar's specs after the article's end: no kept text on the far side.
    source = "\n".join(["Kept paragraph.", "Menu", "Home", "Contact", "Monday 8:00 am – 7:00 pm",
                        "Tuesday 9:00 am – 6:00 pm", "Wednesday 8:00 am – 7:00 pm", "Footer"])
    verdicts = [KEEP] + [DROPPED] * 7
    assert keep_tables(blocks_of(source), verdicts, source) == verdicts


def test_two_figure_rows_or_lines_with_one_number_are_not_a_table():
    source = "\n".join(["Kept.", "1 Alpha 2.5", "2 Beta 3.5", "Kept.", "Chapter 1", "Chapter 2", "Chapter 3", "Kept."])
    verdicts = [KEEP, DROPPED, DROPPED, KEEP, DROPPED, DROPPED, DROPPED, KEEP]
    assert keep_tables(blocks_of(source), verdicts, source) == verdicts
    rows = blocks_of("Kept.\n1 Alpha 2.5\n2 Beta 3.5\n3 Gamma 4.5\nKept.")
    assert figure_runs(rows, [KEEP, DROPPED, DROPPED, DROPPED, KEEP]) == [(1, 4)]
    assert figure_runs(rows, [KEEP, KEEP, KEEP, KEEP, KEEP]) == []  # nothing dropped: no run to read
