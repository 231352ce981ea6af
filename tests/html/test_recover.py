"""Winning back article paragraphs the extractor dropped (cleaner/html/recover.py)."""
from cleaner.html import recover
from cleaner.html.recover import extracted_lines, is_lead, is_prose, recover_dropped_prose

P1 = ("The council met on Tuesday evening to discuss the new cycle lanes, which residents had "
      "asked for since the spring of last year, when two cyclists were hurt at the station crossing.")
P2 = ("Several shop owners said the lanes would take away parking spaces their customers need, "
      "and asked for a trial period of six months first, with a count of the customers before and after.")
P3 = ("The mayor promised a decision before the summer holidays, after a second round of talks "
      "with the shop owners, the cycling club and the residents of the streets along the new route.")
FAR = ("An unrelated paragraph far below the article, long enough to read as prose and ending "
       "with a full stop like the others do, so that only its distance from the article keeps it out.")


def test_dropped_paragraph_between_extracted_ones_comes_back_in_page_order():
    page = ["Home", P1, "Advertisement", P2, P3, "Footer"]
    extracted = f"{P1}\n{P3}"
    out = recover_dropped_prose(extracted, page)
    assert out.split("\n") == [P1, P2, P3]


def test_a_paragraph_the_extract_holds_out_of_page_order_is_not_added_twice():
    # the extract moved P3 before P2 (or the page prints P3 twice): the in-order search
    # misses one of them, yet both are in the result already
    page = [P1, P2, P3, P3]
    out = recover_dropped_prose(f"{P1}\n{P3}\n{P2}", page)
    assert sorted(out.split("\n")) == sorted([P1, P2, P3])


def test_a_dropped_paragraph_printed_twice_comes_back_once():
    page = [P1, P2, P2, P3]
    out = recover_dropped_prose(f"{P1}\n{P3}", page)
    assert out.split("\n") == [P1, P2, P3]


def test_short_lines_and_non_sentences_never_come_back():
    teaser = "Read more: the best cycle lanes in the country, as chosen by our readers."
    caption = "Photo: the new lanes on Main Street " * 4  # long, but no sentence end
    page = [P1, teaser, caption.strip(), P3]
    out = recover_dropped_prose(f"{P1}\n{P3}", page)
    assert out == f"{P1}\n{P3}"


def test_lines_far_from_the_extract_stay_out():
    gap = [f"Menu entry {i}" for i in range(recover.NEAR_LINES + 1)]
    page = [P1, P3, *gap, FAR]
    assert recover_dropped_prose(f"{P1}\n{P3}", page) == f"{P1}\n{P3}"


def test_prose_just_before_the_extract_is_inserted_first():
    page = ["Home", P1, P2, P3]
    out = recover_dropped_prose(f"{P2}\n{P3}", page)
    assert out.split("\n") == [P1, P2, P3]


def test_output_only_holds_page_text():
    page = ["Home", P1, "Ad", P2, P3]
    extracted = f"{P1}\n{P3}"
    out = recover_dropped_prose(extracted, page)
    for line in out.split("\n"):
        assert line in extracted.split("\n") or line in page


def test_nothing_to_align_returns_the_extract_unchanged():
    assert recover_dropped_prose("", [P1]) == ""
    assert recover_dropped_prose(P1, []) == P1
    # the extract shares no line with the page: no anchor, nothing recovered
    assert recover_dropped_prose(P3, [P1, P2]) == P3


def test_pages_over_the_line_limit_are_left_as_extracted(monkeypatch):
    monkeypatch.setattr(recover, "MAX_PAGE_LINES", 3)
    page = [P1, "Ad", P2, P3]
    assert recover_dropped_prose(f"{P1}\n{P3}", page) == f"{P1}\n{P3}"


def test_extracted_lines_maps_page_lines_to_extract_lines():
    # trafilatura may join two page blocks into one line, or reflow whitespace
    extract = ["Intro line.", "First half. Second  half.", "Last."]
    page = ["Intro line.", "First half.", "Second half.", "Not there.", "Last."]
    assert extracted_lines(page, extract) == [0, 1, 1, None, 2]


def test_a_line_is_not_matched_before_the_previous_hit():
    extract = ["Share", "Body text one.", "Body text two."]
    page = ["Body text one.", "Share", "Body text two."]
    # "Share" occurs only before "Body text one." in the extract: not this page line
    assert extracted_lines(page, extract) == [1, None, 2]


def test_headline_lead_comes_back_even_when_shorter():
    lead = "The council has approved the new cycle lanes after a year of debate in the town hall and on the street."
    assert not is_prose(lead) and is_lead(lead)
    page = ["Home", "Cycle lanes approved", "By Ann Smith", lead, P1, P3]
    out = recover_dropped_prose(f"{P1}\n{P3}", page, headline="Cycle lanes approved")
    assert out.split("\n") == [lead, P1, P3]
    # without a headline on the page the lead has no anchor and stays out
    assert recover_dropped_prose(f"{P1}\n{P3}", page, headline="Something else") == f"{P1}\n{P3}"
    assert recover_dropped_prose(f"{P1}\n{P3}", page) == f"{P1}\n{P3}"


def test_is_prose():
    assert is_prose(P1)
    assert not is_prose("A short sentence.")
    assert not is_prose(P1.rstrip(".") + " and more words without an end")


def test_folded_page_lines_are_taken_as_they_are():
    page = ["Home", P1, "Advertisement", P2, P3]
    extract = f"{P1}\n{P3}"
    assert recover_dropped_prose(extract, page, folded=True) == recover_dropped_prose(extract, page)
    spaced = [line.replace(" ", "  ") for line in page]
    # Unfolded lines are folded first; told they are folded, they are searched as given
    # and so not found in the extract.
    assert recover_dropped_prose(extract, spaced).split("\n") == [P1, P2, P3]
    assert recover_dropped_prose(extract, spaced, folded=True) == extract


def test_a_heading_opening_a_list_items_line_counts_as_extracted():
    """trafilatura writes a heading that opens a list item on the item's line ("- What is
    X? X is ..."): the heading is in the extract and does not come back a second time."""
    question = "What is a cycle lane?"
    item = f"- {question} A lane of the road kept for bicycles, marked with paint or a kerb."
    page = [P1, question, "A lane of the road kept for bicycles, marked with paint or a kerb.", P3]
    extract = f"{P1}\n{item}\n{P3}"
    headings = frozenset({question})
    assert recover_dropped_prose(extract, page, folded=True, headings=headings) == extract
    assert extracted_lines(page, extract.split("\n"), headings)[1] == 1


def test_a_heading_only_inside_a_line_or_past_an_items_opening_is_not_extracted():
    """Near misses: the heading's words in the middle of an item, at its start without a
    word's end after them, or at a paragraph's start (no item dash) are not the heading."""
    heading = "Private cloud"
    for line in (f"- Compared: {heading} and public cloud.", f"- {heading}s are owned by one organization.",
                 f"{heading} computing is owned by one organization."):
        assert extracted_lines([P1, heading, P3], [P1, line, P3], frozenset({heading}))[1] is None, line
    # the item's dash alone, no heading: the whole-line match still stands
    assert extracted_lines([P1, heading, P3], [P1, heading, P3], frozenset({heading}))[1] == 1


def test_a_short_menu_line_found_at_the_end_does_not_carry_the_search_past_the_article():
    """"EMS" of a menu matches a word of the last paragraph: matched there in page order,
    it would leave every article line before it unmatched (and nothing recovered)."""
    last = "Ask the EMS team for a demo of the planner, the scheduler and the reports it prints."
    page = ["Home", "EMS", P1, "Step 2: Set a budget", P2, P3, last]
    extract = f"{P1}\n{P2}\n{P3}\n{last}"
    assert extracted_lines(page, extract.split("\n")) == [None, None, 0, None, 1, 2, 3]
    out = recover_dropped_prose(extract, page, folded=True, headings=frozenset({"Step 2: Set a budget"}))
    assert out.split("\n") == [P1, "Step 2: Set a budget", P2, P3, last]


def test_short_lines_are_matched_between_the_long_lines_around_them():
    extract = [P1, "Prices", "Fees: $20 a month", P2, "Fees: $20 a month"]
    page = [P1, "Prices", "Fees: $20 a month", P2, "Fees: $20 a month", "Prices"]
    # each short line where it stands; the last "Prices" has nothing after P2 to match
    assert extracted_lines(page, extract) == [0, 1, 2, 3, 4, None]
    # a short line only after the next long line is not matched before it
    assert extracted_lines(["Prices", P1], [P1, "Prices"]) == [None, 0]


def test_a_line_the_page_repeats_does_not_carry_the_search_past_the_lines_between():
    promo = "Stop overpaying! Our deals experts find the best prices on TV and internet plans."
    page = [P1, promo, P2, promo, P3, promo]
    extract = [P1, P2, P3, promo]  # the extractor kept one copy, at the end
    assert extracted_lines(page, extract) == [0, None, 1, None, 2, 3]
    # near miss: a long line the page holds once still anchors the search
    assert extracted_lines([P1, promo, P2], [P1, promo, P2]) == [0, 1, 2]


def test_a_heading_comes_back_before_extracted_text_past_a_byline_and_date():
    title = "Why people still pay for cable"
    page = [P1, title, "By Ann Smith", "Mar 28, 2025", P2, P3]
    out = recover_dropped_prose(f"{P1}\n{P2}\n{P3}", page, folded=True, headings=frozenset({title}))
    assert out.split("\n") == [P1, title, P2, P3]
    # near miss: with a fourth line between, it is no longer the text's heading
    page = [P1, title, "By Ann Smith", "Mar 28, 2025", "3 min read", P2, P3]
    out = recover_dropped_prose(f"{P1}\n{P2}\n{P3}", page, folded=True, headings=frozenset({title}))
    assert title not in out.split("\n")


def test_a_heading_comes_back_over_a_paragraph_the_recovery_wins_back():
    """The heading of a section the extractor left out comes back with its paragraph: the
    paragraph is recovered (prose next to the extract), so the heading over it heads kept text."""
    title = "What the shop owners asked for"
    page = [P1, title, P2, "Share this", "Footer"]
    out = recover_dropped_prose(P1, page, folded=True, headings=frozenset({title}))
    assert out.split("\n") == [P1, title, P2]
    # near miss: over a short line nothing wins back, it stays out
    page = [P1, title, "Read more", "Share this", "Footer"]
    out = recover_dropped_prose(P1, page, folded=True, headings=frozenset({title}))
    assert out.split("\n") == [P1]


P4 = ("Traffic counts from the first month showed more cyclists on the route than expected, "
      "and the shop owners agreed to wait for the second count before asking for changes again.")


def test_a_run_of_dropped_paragraphs_comes_back_whole():
    # P2, P3 and P4 sit between inline widgets the extractor left out; the later ones are
    # farther than NEAR_LINES from the extract, but each is next to a recovered one
    assert recover.NEAR_LINES == 2
    page = [P1, "Advertisement", P2, "Sponsored", P3, "Read more", P4, "Footer"]
    out = recover_dropped_prose(P1, page)
    assert out.split("\n") == [P1, P2, P3, P4]


def test_a_run_of_dropped_paragraphs_before_the_extract_comes_back_whole():
    page = ["Home", P1, "Share", P2, "Advertisement", P3, "Sponsored", P4]
    assert recover_dropped_prose(P4, page).split("\n") == [P1, P2, P3, P4]


def test_short_lines_do_not_carry_the_run_further():
    # only prose lines extend the kept region: past NEAR_LINES short lines, prose stays out
    gap = [f"Menu entry {i}" for i in range(recover.NEAR_LINES + 1)]
    page = [P1, P2, *gap, FAR]
    assert recover_dropped_prose(P1, page).split("\n") == [P1, P2]


def test_a_line_the_extract_holds_in_another_shape_is_not_added_twice():
    # a <pre> block: the page's line is the block folded, the extract prints it in lines
    # and drops a piece of inner markup, so the in-order search misses the whole line
    pre = ("grep searches for patterns in each FILE. In the synopsis's first form, which is used "
           "if no -e or -f options are present, the first operand PATTERNS is one or more patterns "
           "separated by newline characters, and grep prints each line that matches a pattern.")
    extract_pre = pre.replace(" In the synopsis's first form,", "\nIn the synopsis's first form,").replace(
        "separated by newline characters, ", "separated by newline\ncharacters ")
    page = ["NAME", P1, pre, P3]
    out = recover_dropped_prose(f"{P1}\n{extract_pre}\n{P3}", page)
    assert out == f"{P1}\n{extract_pre}\n{P3}"


def test_a_heading_whose_words_a_contents_line_holds_still_comes_back():
    """A long heading is a line of its own: the contents line above the article naming
    every section does not make it a copy (a paragraph line would be one)."""
    heading = "What are the key factors that influence renovation timelines in older homes?"
    contents = f"In this article: {heading} How long does each phase take?"
    page = [contents, P1, heading, P2]
    out = recover_dropped_prose(f"{contents}\n{P1}\n{P2}", page, folded=True, headings=frozenset({heading}))
    assert out.split("\n") == [contents, P1, heading, P2]
    # near miss: the same line when the page does not head a section with it stays out
    out = recover_dropped_prose(f"{contents}\n{P1}\n{P2}", page, folded=True)
    assert heading not in out.split("\n")


def test_a_line_sharing_only_a_few_words_with_the_extract_still_comes_back():
    # near miss: P2 repeats a phrase of P1, far below the share that means "held already"
    echo = "The council met on Tuesday evening to discuss " + P2
    page = [P1, echo, P3]
    assert recover_dropped_prose(f"{P1}\n{P3}", page).split("\n") == [P1, echo, P3]


def _thread(first_post: str) -> list[str]:
    """A thread page: each post behind its author line, date and reactions."""
    return [
        "Forum", "Is the new cycle lane worth it?", "alice 12 March 2026, 9:14am 1", first_post, "1 Like",
        "bob 12 March 2026, 9:40am 2", "Reply", "Quote",
        "The lane saved me ten minutes a day, and the crossing feels safe now.", "3 Likes",
        "carol 12 March 2026, 10:02am 3", "Reply", "Quote",
        "Parking got harder on our street, but the shop owners seem to cope with it.", "2 Likes",
        "Related topics", "Privacy policy", "Terms of service", "Contact the moderators",
        "Powered by a forum engine; best viewed with JavaScript enabled in any modern browser",
    ]


def test_next_to_a_thin_extract_recovery_reaches_the_next_posts():
    # the extractor took the first post only: a small share of the page's text, so the
    # reach is longer and a reply of one sentence counts
    first = "Is the lane on Main Street worth the lost parking, or should the town try another route?"
    page = _thread(first)
    out = recover_dropped_prose(first, page).split("\n")
    assert out == [first, page[8], page[13]]


def test_next_to_a_large_extract_far_short_replies_stay_out():
    # near miss: the same thread, but the extract holds most of the page's text (an
    # article with comments under it): the normal reach and length apply
    first = " ".join([P1, P2, P3, P4, FAR])
    page = _thread(first)
    assert recover_dropped_prose(first, page) == first


def test_an_excerpt_cut_off_with_an_ellipsis_never_comes_back():
    teaser = ("With our release last week we introduced two new plugins, and a new way to sell "
              "tickets for your events, and we are so glad you asked about the old ones: retiring our\u2026")
    teaser3 = teaser[:-1] + "..."
    page = [P1, teaser, P3, teaser3]
    assert is_prose(teaser[:-1] + ".") and not is_prose(teaser) and not is_prose(teaser3)
    assert recover_dropped_prose(f"{P1}\n{P3}", page) == f"{P1}\n{P3}"
