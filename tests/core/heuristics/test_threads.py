"""HEUR104 on threads: the removed metadata line of every post (one shape, at least
THREAD_MIN_POSTS of them, text between) separates posts of one thread, not the article
from what follows it."""
from cleaner import clean
from cleaner.core.heuristics.sections import (
    article_sections, drop_outside_article, find_thread, is_sentence, keep_short_posts, thread_markers)
from verdicts import KEEP, removed, text_blocks

POST = "x" * 300


def thread(headers: list[str], posts: list[str], lead: str = "Forum index") -> tuple[list, list]:
    """A page: a lead line kept, then per post a removed header, the kept post, a removed "Reply"."""
    texts, verdicts = [lead], [KEEP]
    for header, post in zip(headers, posts):
        texts += [header, post, "Reply"]
        verdicts += [removed("HEUR001"), KEEP, removed("CMT001")]
    return text_blocks(texts), verdicts


HEADERS = ["#1", "#2", "#3", "#4", "#5"]


def test_numbered_post_headers_are_a_thread():
    blocks, verdicts = thread(HEADERS, [POST] * 5)
    assert thread_markers(blocks, verdicts) == frozenset({1, 4, 7, 10, 13})


def test_the_posts_of_a_thread_form_one_section_and_none_is_dropped():
    blocks, verdicts = thread(HEADERS, ["y" * 600, "y" * 1200, "short answer", "ok", "thanks"])
    markers = thread_markers(blocks, verdicts)
    assert len(article_sections(verdicts, markers)) == 1
    assert drop_outside_article(blocks, verdicts) == verdicts


def test_near_miss_a_long_first_post_over_short_replies_is_an_article_with_comments():
    # the article's dateline has the shape of its comments' dates: replies holding less
    # text than the first "post" make no thread, and the short comments go
    blocks, verdicts = thread(HEADERS, ["y" * 3000, "short comment", "another one", "ok", "thanks"])
    assert thread_markers(blocks, verdicts) == frozenset()
    assert drop_outside_article(blocks, verdicts)[5].rule == "HEUR104"


def test_near_miss_without_markers_the_short_posts_go():
    # the same page with nothing in common between its headers: the short posts are
    # sections after the longest one, as before
    blocks, verdicts = thread(["Alice", "Bob wrote", "Carol:", "Dave said"], ["y" * 1500, "short", "short", "short"])
    assert thread_markers(blocks, verdicts) == frozenset()
    out = drop_outside_article(blocks, verdicts)
    assert out[5].rule == "HEUR104"


def test_near_miss_three_posts_are_no_thread():
    blocks, verdicts = thread(HEADERS[:3], [POST] * 3)
    assert thread_markers(blocks, verdicts) == frozenset()


def test_near_miss_a_repeated_label_or_a_bare_count_marks_no_post():
    blocks, verdicts = thread(["Photo: AP 1"] * 5, [POST] * 5)
    assert thread_markers(blocks, verdicts) == frozenset()
    blocks, verdicts = thread(["12", "7", "30", "4", "9"], [POST] * 5)
    assert thread_markers(blocks, verdicts) == frozenset()


def test_near_miss_comments_under_a_heavier_article_stay_separate():
    blocks, verdicts = thread(HEADERS, [POST] * 5, lead="z" * 4000)
    assert thread_markers(blocks, verdicts) == frozenset()


def test_a_related_header_still_ends_the_thread():
    blocks, verdicts = thread(HEADERS, [POST] * 5)
    texts = [b.text for b in blocks] + ["Similar threads", "#6", "Another thread title here"]
    verdicts = verdicts + [removed("REL001"), removed("HEUR001"), KEEP]
    markers = thread_markers(text_blocks(texts), verdicts)
    assert len(article_sections(verdicts, markers)) == 2


OPENING = (
    "I'm thinking of buying a second-hand road bike for the commute to work, about twelve "
    "kilometres each way. The shop near me sells one for a fair price but the frame looks old "
    "and I don't know what to check before I pay. What should I look at first, and is it "
    "worth having a mechanic look at it before I buy it? Any advice is welcome here."
)
REPLIES = [
    "Check the frame for cracks near the welds, then the chain and the cassette for wear.",
    "Take it for a long ride first and listen for creaks when you climb out of the saddle.",
    "A mechanic will charge you less than a new chain costs, so yes, have it looked at.",
    "Ask the shop whether they give any warranty on used bikes; many of them do for a month.",
]


def test_short_replies_of_a_forum_thread_are_kept_end_to_end():
    posts = [OPENING] + REPLIES
    page = "\n\n".join(
        f"Joined: 2019\n\n#{n}\n\n{post}\n\nReply\n\nLike" for n, post in enumerate(posts, 1))
    result = clean(text=f"Forums\n\nCycling\n\n{page}\n\nTerms and rules\n\nPrivacy policy\n", language="en")
    assert OPENING in result.text
    for reply in REPLIES:
        assert reply in result.text


def test_heur110_brings_back_sentences_inside_the_thread_only():
    texts = ["Forum index"]
    verdicts = [KEEP]
    for n in range(1, 6):
        texts += [f"#{n}", "Science Advisor", "x" * 300 if n % 2 else "No. How could they be at that price?", "Reply"]
        verdicts += [removed("HEUR001"), removed("HEUR101"), KEEP if n % 2 else removed("HEUR101"), removed("CMT001")]
    texts += ["This site uses cookies to improve your experience here.", "x" * 40]
    verdicts += [removed("COOK001"), KEEP]
    blocks = text_blocks(texts)
    out = keep_short_posts(blocks, verdicts, find_thread(blocks, verdicts))
    back = [texts[i] for i in range(len(texts)) if out[i].keep and not verdicts[i].keep]
    assert back == ["No. How could they be at that price?"] * 2
    # near misses: a user title, a rule's hit, a line after the thread's last post
    assert not any(out[i].keep for i, t in enumerate(texts) if t in ("Science Advisor", "Reply"))


def test_a_sentence_ends_with_its_mark_and_has_five_words():
    assert is_sentence("Thanks, that fixed it for me.")
    assert is_sentence("Did you try the beta version yet?)")
    assert is_sentence("这个问题我也遇到过，重启以后就好了。")
    assert not is_sentence("Thanks, that fixed it.")  # four words
    assert not is_sentence("paulb203 said:")
    assert not is_sentence("Joined: Oct 2019 Posts: 1,234 Location: Berlin Germany")


def test_heur110_can_be_disabled():
    posts = [OPENING] + REPLIES
    page = "\n\n".join(
        f"Joined: 2019\n\n#{n}\n\n{post}\n\nReply\n\nLike" for n, post in enumerate(posts, 1))
    text = f"Forums\n\nCycling\n\n{page}\n\nTerms and rules\n\nPrivacy policy\n"
    result = clean(text=text, language="en", options={"disable": ["HEUR111"]})
    assert OPENING in result.text
    assert not any(reply in result.text for reply in REPLIES)
