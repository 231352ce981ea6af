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
