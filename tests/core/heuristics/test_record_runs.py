"""HEUR108 record-run: on a page with no article, its run of same-shaped records is the body;
under an article, related-story lists, most-read lists and menus stay out."""
from cleaner import clean
from cleaner.core.document import Block, Verdict
from cleaner.core.features import measure
from cleaner.core.heuristics.records import (
    keep_record_run,
    record_chains,
    record_runs,
    shape,
)

KEEP = Verdict(True)

MENU = ["Menu", "Movies", "Release calendar", "Top 250 movies", "TV shows", "Watch", "Awards & events",
        "Celebs", "Community", "Sign in", "Use app"]
FOOTER = ["Recently viewed", "Get the IMDb App", "Help", "Site Index", "Press Room", "Advertising",
          "Conditions of Use", "Privacy Policy", "© 1990-2026 by IMDb.com, Inc.", "Back to top"]
FILMS = ["Scream 7", "The Bluff", "Wuthering Heights", "Marty Supreme", "The Housemaid", "Shelter",
         "Hamnet", "Sinners", "Bugonia", "Mercy"]
ARTICLE = [
    "Council approves new budget for schools",
    "The city council on Tuesday approved a budget that raises spending on schools by four percent, after a "
    "debate that lasted late into the evening and drew hundreds of parents to the chamber.",
    "Supporters said the money would pay for smaller classes and new teachers in the districts that have waited "
    "longest, while critics warned that the city could not keep paying for it without a tax rise next year.",
    "The mayor, who had proposed a smaller increase, said she would sign the budget but asked the council to find "
    "savings elsewhere before the summer, when the next review of the city's accounts is due.",
]


def chart() -> list[str]:
    lines = []
    for i, film in enumerate(FILMS):
        lines += [f"#{i + 1}", film, f"202{i % 3 +4} 1h {30 + i}m R", f"{5 + i / 10:.1f} ( {10 + i}K) Rate",
                  "Mark as watched"]
    return lines


def teasers(n: int) -> list[str]:
    lines = []
    for i in range(n):
        lines += [f"Mar {i + 1}, 2026", f"Story headline number {i} about something else",
                  f"A teaser line that tells a little of story {i} and stops here.", "News"]
    return lines


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def page(texts: list[str]) -> tuple[list[Block], list]:
    blocks = [Block(i, 0, len(t), t, 0, False, False) for i, t in enumerate(texts)]
    return blocks, [measure(b, frozenset()) for b in blocks]


def removed(rule: str) -> Verdict:
    return Verdict(False, rule, "test")


# hits


def test_a_chart_with_no_article_keeps_its_records_and_not_its_menu_or_footer():
    source = text(MENU + ["Most popular movies", "As determined by IMDb users"] + chart()
                  + ["Our charts use data from the search behavior of our visitors, refreshed every week."] + FOOTER)
    result = clean(text=source)
    for film in FILMS:
        assert film in result.text
    assert "#10" in result.text and "2024 1h 39m R" in result.text
    for line in MENU[1:] + FOOTER:
        assert line not in result.text.splitlines()
    assert not result.warnings


def test_disabling_it_leaves_the_chart_out():
    source = text(MENU + ["Most popular movies", "As determined by IMDb users"] + chart()
                  + ["Our charts use data from the search behavior of our visitors, refreshed every week."] + FOOTER)
    result = clean(text=source, options={"disable": ["HEUR108"]})
    assert "Wuthering Heights" not in result.text


def test_a_blog_index_gets_back_the_teasers_a_teaser_rule_took():
    texts = ["Engineering", *teasers(6), "Load more", "© 2026 Example AB"]
    blocks, feats = page(texts)
    verdicts = [KEEP] + [removed("BYL010"), removed("REL011"), removed("REL011"), removed("HEUR101")] * 6 \
        + [removed("NAV001"), removed("LEGAL001")]
    out = keep_record_run(blocks, feats, verdicts)
    kept = [t for t, v in zip(texts, out) if v.keep]
    assert "Story headline number 5 about something else" in kept
    assert "A teaser line that tells a little of story 0 and stops here." in kept
    assert "Mar 1, 2026" in kept  # a record's date is one of its fields
    assert "Load more" not in kept and "© 2026 Example AB" not in kept  # other rule hits stay out


def test_teasers_the_teaser_rule_left_standing_are_the_runs_not_an_article():
    """A guide's index: each section's last teaser of four survives the teaser-run rule, long
    enough for prose; those stragglers sit inside the run and do not make an article."""
    texts = ["Engineering"] + teasers(16)
    blurbs = [i for i, t in enumerate(texts) if t.startswith("A teaser line")]
    long = ("A teaser line that tells a good deal more of the story than the others do, long enough to read as "
            "prose on its own, and it runs on past a hundred and fifty characters.")
    for i in blurbs[3::4]:
        texts[i] = long
    blocks, feats = page(texts)
    verdicts = [KEEP] + [removed("REL010")] * (len(texts) - 1)
    for i in blurbs[3::4]:
        verdicts[i] = KEEP
    out = keep_record_run(blocks, feats, verdicts)
    kept = [t for t, v in zip(texts, out) if v.keep]
    assert "Story headline number 0 about something else" in kept
    assert "A teaser line that tells a little of story 14 and stops here." in kept


def test_a_records_byline_and_date_come_back_with_it_and_its_reading_time_does_not():
    """On a blog's index a record's byline and date are its fields ("By Jane Doe",
    "Updated Mar 2, 2026"); a reading-time widget is no field of the story."""
    texts = ["Engineering"]
    for i in range(6):
        texts += [f"Story headline number {i} about something else", f"By Writer Number{i}",
                  f"Updated Mar {i + 1}, 2026", f"{i + 2} min read"]
    blocks, feats = page(texts)
    verdicts = [KEEP] + [removed("REL010"), removed("BYL001"), removed("BYL010"), removed("BYL011")] * 6
    kept = [t for t, v in zip(texts, keep_record_run(blocks, feats, verdicts)) if v.keep]
    assert "By Writer Number3" in kept and "Updated Mar 4, 2026" in kept
    assert "4 min read" not in kept


def grid(n: int) -> list[str]:
    lines = []
    for i in range(n):
        lines += [f"Model {chr(65 + i)}{i} desk with a white top and two drawers, {100 + i} x 60 cm",
                  f"$ {90 + i} . 99 Price $ {90 + i}.99", f"({200 + 7 * i})"]
    return lines


def test_a_shop_grid_the_heuristics_alone_dropped_comes_back_over_its_buying_advice():
    """A shop's category page: a grid of products, then paragraphs of buying advice. No
    rule named a line of the grid, it holds ten records or more and outweighs the advice."""
    texts = grid(25) + ARTICLE
    blocks, feats = page(texts)
    verdicts = [removed("HEUR101")] * (len(texts) - 4) + [KEEP] * 4
    kept = [t for t, v in zip(texts, keep_record_run(blocks, feats, verdicts)) if v.keep]
    assert "$ 114 . 99 Price $ 114.99" in kept and "(200)" in kept


# near misses


def test_an_article_keeps_its_related_stories_out():
    source = text(MENU + ARTICLE + teasers(8) + FOOTER)
    result = clean(text=source)
    assert ARTICLE[3] in result.text
    assert "Story headline number" not in result.text and "teaser line" not in result.text


def test_under_an_article_no_run_of_teasers_comes_back_however_long():
    """A news site lists twenty teasers under a short opinion piece: the article wins. Their
    dates are date lines (BYL010), so the run is no grid the heuristics alone dropped."""
    for count in (6, 25):
        texts = ARTICLE + teasers(count)
        blocks, feats = page(texts)
        verdicts = [KEEP] * 4 + [removed("BYL010"), removed("HEUR101"), removed("HEUR101"), removed("HEUR101")] * count
        assert not any(v.keep for v in keep_record_run(blocks, feats, verdicts)[4:])


def test_under_an_article_a_short_grid_stays_out():
    texts = ARTICLE + grid(8)
    blocks, feats = page(texts)
    verdicts = [KEEP] * 4 + [removed("HEUR101")] * (len(texts) - 4)
    assert not any(v.keep for v in keep_record_run(blocks, feats, verdicts)[4:])


def test_without_the_article_the_same_run_comes_back():
    texts = ARTICLE[:1] + teasers(25)
    blocks, feats = page(texts)
    verdicts = [KEEP] + [removed("HEUR101")] * (len(texts) - 1)
    assert any(v.keep for v in keep_record_run(blocks, feats, verdicts)[1:])


def test_a_run_announced_as_similar_threads_stays_out():
    post = ["Official application thread", "Good luck to everyone applying this year!"]
    records = []
    for i in range(8):
        records += [f"Official {i} fellowship application thread", f"member{i}", f"Jul {i + 1}, 2024",
                    f"Replies {i + 3} Views {i + 1}K"]
    texts = post + ["Similar threads"] + records + ["Contact us", "Terms and rules"]
    blocks, feats = page(texts)
    verdicts = [KEEP, KEEP, removed("REL001")] + [removed("HEUR101")] * len(records) \
        + [removed("LEGAL002"), removed("HEUR101")]
    assert keep_record_run(blocks, feats, verdicts) == verdicts


def test_a_menu_of_bare_words_has_no_rhythm():
    blocks, _ = page(["Home", "News", "Sport", "Weather", "Home", "News", "Sport", "Weather"] * 3)
    assert record_chains(blocks) == []


def test_shapes():
    assert shape("#12") == "#0"
    assert shape("Feb 9, 2026") == shape("Jan 22, 2025") == "A0,0"
    assert shape("5.9 ( 22K) Rate") == "0.0(0A)A"
    assert shape("Mark as watched") == "Aaa"


def test_a_chart_is_one_run_from_its_first_record_to_its_last():
    texts = ["Most popular movies", *chart(), *FOOTER]
    blocks, _ = page(texts)
    runs = record_runs(blocks)
    assert len(runs) == 1
    run = runs[0]
    assert texts[run.start] == "#1" and texts[run.end - 1] == "Mark as watched"
    assert run.step == 5 and run.records == 10


def test_a_second_grid_comes_back_with_the_first_and_a_small_one_does_not():
    big = chart()
    second = [line for i in range(6) for line in (f"Item {i}", f"EUR {20 + i}.99", "Add to cart")]
    small = [line for i in range(4) for line in (f"Extra #{i}", f"[{i + 3}]")]
    texts = ["Most popular movies", *big, "More to watch", *second, "Also", *small, "© 2026 Example"]
    blocks, feats = page(texts)
    verdicts = [KEEP] + [removed("HEUR101")] * (len(texts) - 2) + [removed("LEGAL001")]
    kept = {t for t, v in zip(texts, keep_record_run(blocks, feats, verdicts)) if v.keep}
    assert "Mercy" in kept and "EUR 25.99" in kept
    assert "Extra #3" not in kept


def test_an_article_inside_a_run_of_dated_lines_still_wins():
    """Kept prose inside the run that outweighs half its removed lines is an article
    (dated entries of a live blog, kept), not stragglers: nothing comes back."""
    texts = []
    for i in range(6):
        texts += [f"Mar {i + 1}, 2026", f"Short label {i}", ARTICLE[1 + i % 3]]
    blocks, feats = page(texts)
    verdicts = [removed("BYL010"), removed("HEUR101"), KEEP] * 6
    assert keep_record_run(blocks, feats, verdicts) == verdicts


def test_the_article_shortcut_answers_as_the_full_search(monkeypatch):
    """_article_stays skips the shapes only where no run could come back: the verdicts
    are the same with and without it, on pages it skips and on pages it does not."""
    from cleaner.core.heuristics import records

    cases = []
    for count in (6, 25):
        texts = ARTICLE + teasers(count)
        cases.append((texts, [KEEP] * 4 + [removed("BYL010"), removed("HEUR101"), removed("HEUR101"),
                                           removed("HEUR101")] * count))
    texts = grid(25) + ARTICLE
    cases.append((texts, [removed("HEUR101")] * (len(texts) - 4) + [KEEP] * 4))
    texts = ARTICLE[:1] + teasers(25)
    cases.append((texts, [KEEP] + [removed("HEUR101")] * (len(texts) - 1)))
    skipped = []
    for texts, verdicts in cases:
        blocks, feats = page(texts)
        with_shortcut = keep_record_run(blocks, feats, verdicts)
        skipped.append(with_shortcut is verdicts)
        with monkeypatch.context() as patch:
            patch.setattr(records, "_article_stays", lambda *args: False)
            assert keep_record_run(blocks, feats, verdicts) == with_shortcut
    assert True in skipped and False in skipped
