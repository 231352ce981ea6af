"""HEUR118 framed-post: the shape-dropped lines between a post's header and footer are the post."""
from cleaner import clean
from cleaner.core.heuristics.posts import keep_framed_posts

from tests.core.heuristics.verdicts import KEEP, removed, text_blocks

AGENDA = ["Moderator: Jane Roe", "Agenda", "1. Two lightning talks (30 mins)", "2. Discussion (1 hour)"]


def frame(body: list[str], header: str = "BYL010", footer: str = "SHARE001", kept: list[str] = ()):
    texts = list(kept) + ["Posted 11 April 2018 by Walter"] + body + ["Share"]
    verdicts = ([KEEP] * len(kept) + [removed(header)] + [removed("HEUR101")] * len(body) + [removed(footer)])
    return text_blocks(texts), verdicts


def test_a_post_between_its_byline_and_its_share_bar_comes_back():
    blocks, verdicts = frame(AGENDA, kept=["A site's tagline"])
    out = keep_framed_posts(blocks, verdicts)
    assert [v.keep for v in out] == [True, False, True, True, True, True, False]


def test_each_footer_family_closes_a_post():
    for footer in ("CMT001", "REL001", "TAG001"):
        blocks, verdicts = frame(AGENDA, footer=footer)
        assert sum(v.keep for v in keep_framed_posts(blocks, verdicts)) == len(AGENDA)


def test_lines_without_letters_repeats_and_captions_stay_out_inside_the_post():
    blocks, verdicts = frame(AGENDA + ["Photo gallery"])
    verdicts[-2] = removed("CAP001")
    out = keep_framed_posts(blocks, verdicts)
    assert not out[-2].keep and sum(v.keep for v in out) == len(AGENDA)


def test_near_miss_a_rule_hit_between_header_and_footer_holds_the_frame_out():
    blocks, verdicts = frame(AGENDA)
    verdicts[2] = removed("NAV001")
    assert keep_framed_posts(blocks, verdicts) == verdicts


def test_near_miss_kept_text_between_means_the_post_is_already_kept():
    blocks, verdicts = frame(AGENDA)
    verdicts[2] = KEEP
    assert keep_framed_posts(blocks, verdicts) == verdicts


def test_near_miss_no_footer_no_frame():
    blocks, verdicts = frame(AGENDA, footer="HEUR101")
    assert keep_framed_posts(blocks, verdicts) == verdicts


def test_near_miss_one_line_is_a_teaser_not_a_post():
    blocks, verdicts = frame(["Read the whole story"])
    assert keep_framed_posts(blocks, verdicts) == verdicts


def test_near_miss_a_frame_under_a_kept_article_is_a_teaser_box():
    article = ["An article paragraph that the page kept and that is much longer than the box. " * 3]
    blocks, verdicts = frame(AGENDA, kept=article)
    assert keep_framed_posts(blocks, verdicts) == verdicts


def test_a_short_agenda_post_survives_the_whole_pipeline():
    menu = "\n".join(f"* Menu item {i}" for i in range(12))
    tagline = ("Der Blog der Hamburger Gruppe für den Austausch zwischen den Disziplinen, mit den Berichten "
               "über unsere Treffen und die Themen, die wir dort besprochen haben.")
    text = (f"{tagline}\n\n{menu}\n\nMeeting April 2012\n\nVeröffentlicht am 11/04/2012 von bjoernlinder\n\n"
            "Gastgeber: Xing AG, Dammtorstraße 29-32, 20354 Hamburg\n\nModerator: Hass Chapman\n\nAgenda\n\n"
            "1. Two or three 10-15 min lightning talks (30 mins)\n\n2. Knowledge/Experience Exchange (1 hour)\n\n"
            "3. Discussion about next meeting, when? What type? Etc. (30 mins)\n\n"
            "Teilen mit:\n\n* Twitter\n\n* Facebook\n\nGefällt mir:\n\nÄhnliche Beiträge\n\n" + menu)
    assert "Moderator" not in clean(text=text, options={"disable": ["HEUR118"]}).text  # the tagline alone
    out = clean(text=text).text
    assert "Moderator: Hass Chapman" in out and "Knowledge/Experience Exchange" in out
    assert "Teilen mit" not in out and "Menu item" not in out
