"""HEUR104: short sections after the article's main section go; long ones stay."""
from cleaner import clean
from cleaner.core.heuristics.sections import (
    MIN_LONG_SECTION_SHARE, MIN_SECTION_CHARS, article_sections, drop_outside_article)
from verdicts import KEEP, blocks_of, removed, text_blocks


def test_a_related_header_alone_breaks_the_page_but_one_caption_does_not():
    verdicts = [KEEP, removed("REL001"), KEEP, removed("CAP001"), KEEP]
    assert article_sections(verdicts) == [[0], [2, 4]]


def test_two_removed_blocks_break_the_page_whatever_removed_them():
    verdicts = [KEEP, removed("HEUR101"), removed("CAP001"), KEEP]
    assert article_sections(verdicts) == [[0], [3]]


def test_a_call_to_action_button_does_not_count_towards_a_break():
    # "Book a demo" (NAV006) after a paragraph of a vendor's article is an inline link
    verdicts = [KEEP, removed("HEUR101"), removed("NAV006"), KEEP]
    assert article_sections(verdicts) == [[0, 3]]
    verdicts = [KEEP, removed("HEUR101"), removed("NAV006"), removed("AD001"), KEEP]
    assert article_sections(verdicts) == [[0], [4]]


def test_short_section_after_the_article_is_dropped_with_its_size():
    blocks = blocks_of([2000, 30, 250, 30])
    verdicts = [KEEP, removed("CMT001"), KEEP, KEEP]
    out = drop_outside_article(blocks, verdicts)
    assert out[0].keep
    assert [v.rule for v in out[2:]] == ["HEUR104", "HEUR104"]
    assert "280-character section after the article" in out[2].reason


def test_long_section_after_an_inline_box_is_kept():
    blocks = blocks_of([2000, 30, MIN_SECTION_CHARS])
    verdicts = [KEEP, removed("REL001"), KEEP]
    assert drop_outside_article(blocks, verdicts) == verdicts


def test_a_long_section_that_is_a_small_part_of_a_long_article_goes():
    # After a 12,000-character article, 1,000 characters of teasers behind a related
    # header: long enough on their own, but less than MIN_LONG_SECTION_SHARE of the article.
    main = 12000
    blocks = blocks_of([main, 30, MIN_SECTION_CHARS + 100])
    verdicts = [KEEP, removed("REL001"), KEEP]
    out = drop_outside_article(blocks, verdicts)
    assert out[0].keep and out[2].rule == "HEUR104"
    # near miss: the same section after an article it is MIN_LONG_SECTION_SHARE of stays
    blocks = blocks_of([int((MIN_SECTION_CHARS + 100) / MIN_LONG_SECTION_SHARE), 30, MIN_SECTION_CHARS + 100])
    assert drop_outside_article(blocks, verdicts) == verdicts


def test_a_section_with_a_quarter_of_the_main_text_is_kept():
    blocks = blocks_of([800, 30, 30, 250])
    verdicts = [KEEP, removed("HEUR101"), removed("HEUR101"), KEEP]
    assert drop_outside_article(blocks, verdicts) == verdicts


def test_an_author_box_goes_whatever_its_share_of_a_short_article():
    # "Über den Autor" / name / bio under a four-paragraph article: the box is more than a
    # quarter of the article, but an author header opened it.
    blocks = blocks_of([800, 30, 20, 250])
    verdicts = [KEEP, removed("BYL020"), KEEP, KEEP]
    out = drop_outside_article(blocks, verdicts)
    assert out[0].keep and [v.rule for v in out[2:]] == ["HEUR104", "HEUR104"]


def test_the_same_share_under_another_header_or_a_long_box_stays():
    # Near misses: a related box's header (the article may resume after it) and a long
    # section under an author header keep the quarter-share rule and the length rule.
    related = [KEEP, removed("REL001"), KEEP, KEEP]
    assert drop_outside_article(blocks_of([800, 30, 20, 250]), related) == related
    author = [KEEP, removed("BYL020"), KEEP]
    assert drop_outside_article(blocks_of([2000, 30, MIN_SECTION_CHARS]), author) == author


def test_posts_each_under_an_about_me_header_are_a_thread_and_stay():
    # A forum whose every post carries the poster's "About me:" line.
    blocks = blocks_of([800, 30, 300, 30, 300, 30, 300])
    verdicts = [KEEP, removed("BYL020"), KEEP, removed("BYL020"), KEEP, removed("BYL020"), KEEP]
    assert drop_outside_article(blocks, verdicts) == verdicts


def test_sections_before_the_main_one_are_left_alone_unless_stray_lines():
    blocks = blocks_of([200, 30, 30, 2000])
    verdicts = [KEEP, removed("NAV001"), removed("NAV001"), KEEP]
    assert drop_outside_article(blocks, verdicts) == verdicts
    blocks = blocks_of([60, 30, 30, 2000])
    out = drop_outside_article(blocks, verdicts)
    assert out[0].rule == "HEUR104" and "before the article" in out[0].reason and out[3].keep


ARTICLE = "\n\n".join(
    f"Paragraph {n} of the story explains what the council decided about the new bridge and why "
    "the residents who live near the river were asked for their opinion before the vote was held."
    for n in range(1, 12)
)


BIO = (
    "The city's football club has signed a new coach for the coming season. He starts next month "
    "and told the fans that he wants to win the cup before the stadium is rebuilt in two years."
)


def test_a_teaser_after_the_comments_header_is_removed_end_to_end():
    bio = BIO
    result = clean(text=f"{ARTICLE}\n\nComments\n\n{bio}\n", language="en")
    assert bio not in result.text
    assert any(span.rule == "HEUR104" and bio in span.text for span in result.removed)
    assert result.text.count("Paragraph") == 11


def test_heur104_can_be_disabled():
    bio = BIO
    result = clean(text=f"{ARTICLE}\n\nComments\n\n{bio}\n", language="en", options={"disable": ["HEUR104"]})
    assert bio in result.text


def test_a_repeated_line_does_not_count_towards_a_break():
    # a heading removed as a repeat and one dropped line: the article goes on
    assert article_sections([KEEP, removed("DUP001"), removed("HEUR101"), KEEP]) == [[0, 3]]
    # near miss: two dropped lines besides the repeat still break the page
    assert article_sections([KEEP, removed("DUP001"), removed("HEUR101"), removed("HEUR002"), KEEP]) == [[0], [4]]


def test_an_author_bio_header_ends_a_section_on_its_own():
    # "About the author" ends the article as a comments header does: the bio after it goes.
    blocks = blocks_of([2000, 20, 300])
    verdicts = [KEEP, removed("BYL020"), KEEP]
    assert article_sections(verdicts) == [[0], [2]]
    assert drop_outside_article(blocks, verdicts)[2].rule == "HEUR104"


# --- after a comment thread ----------------------------------------------------------


def test_a_long_section_after_a_comment_thread_goes():
    # "1 Comment" / a comment / "Reply", then a republish box's long guidelines.
    blocks = text_blocks(["x" * 3000, "1 Comment", "I love this show", "Reply", "y" * 2500])
    verdicts = [KEEP, removed("CMT001"), removed("HEUR101"), removed("CMT001"), KEEP]
    out = drop_outside_article(blocks, verdicts)
    assert out[0].keep
    assert out[4].rule == "HEUR104" and "after the comment thread" in out[4].reason


def test_one_comment_prompt_alone_is_not_a_thread():
    # near miss: a lone "Leave a comment" button before the article's references.
    blocks = blocks_of([3000, 20, 30, 2500])
    verdicts = [KEEP, removed("CMT001"), removed("HEUR101"), KEEP]
    assert drop_outside_article(blocks, verdicts) == verdicts


def test_a_thread_of_posts_is_the_page_and_stays():
    # near miss: a forum's posts, each under its own "5 Likes" / "Reply" pair: more than
    # MAX_THREAD_BREAKS breaks carry comment hits, so the long posts after them stay.
    blocks = text_blocks(["x" * 3000] + ["5 Likes", "Reply", "y" * 1500] * 3)
    verdicts = [KEEP] + [removed("CMT001"), removed("CMT001"), KEEP] * 3
    assert drop_outside_article(blocks, verdicts) == verdicts


def test_a_comment_thread_before_the_main_section_does_not_cut_it():
    blocks = blocks_of([300, 20, 20, 3000])
    verdicts = [KEEP, removed("CMT001"), removed("CMT001"), KEEP]
    assert drop_outside_article(blocks, verdicts) == verdicts


def test_one_comment_control_twice_is_not_a_thread():
    # near miss: a results page's "Sort by:" above and below its filters.
    blocks = text_blocks(["x" * 3000, "Sort by:", "Sort by:", "y" * 2500])
    verdicts = [KEEP, removed("CMT001"), removed("CMT001"), KEEP]
    assert drop_outside_article(blocks, verdicts) == verdicts
    blocks = text_blocks(["x" * 3000, "1 Comment", "Reply", "y" * 2500])
    assert drop_outside_article(blocks, verdicts)[3].rule == "HEUR104"


def test_the_main_section_is_the_one_with_most_sentences_not_most_characters():
    # An archive's long lines that end no sentence outweigh the article in characters; the
    # article is still the main section, and a short blurb after it goes.
    sentence = "The council decided to build the bridge after a long debate with the residents. "
    article = [sentence * 4, sentence * 4]
    archive = ["Archive January 2020 (1) February 2020 (2) March 2020 (4) April 2020 (7) May 2020 (2) " * 8]
    blurb = ["A short teaser about another story on this site that readers might like."]
    blocks = text_blocks(article + ["x", "x"] + blurb + ["x", "x"] + archive)
    verdicts = [KEEP, KEEP, removed("NAV001"), removed("NAV001"), KEEP, removed("NAV001"), removed("NAV001"), KEEP]
    out = drop_outside_article(blocks, verdicts)
    assert out[0].keep and out[1].keep
    assert out[4].rule == "HEUR104" and "after the article" in out[4].reason
