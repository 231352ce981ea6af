"""A thin extract brings back the page's repeated records (cleaner/html/records.py): the
cards of a listing come back with their titles as headings; a related-stories grid under
an article, a consent panel's categories, a footer's link columns and a page's layout
sections do not."""
import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner import clean
from cleaner.html import extract, records
from cleaner.html.prune import pruned_text
from cleaner.html.records import record_lines
from cleaner.html.recover import recover_dropped_prose

NAMES = ["Summit Pro", "Ridge Walker", "Trail Master", "Canyon Lite", "Alpine Mid", "Forest Runner",
         "Glacier GTX", "Meadow Low", "Peak Climber", "Valley Trekker", "Storm Guard", "Desert Fox"]
INTRO = ("<p>Our editors picked the best hiking boots of the season after three months of testing "
         "on rocky trails, in mud and in snow, with twelve testers of every foot shape.</p>")


def product_card(i: int, name: str) -> str:
    return (f'<div class="product-card"><a href="/p/{i}"><h3>{name} Boots</h3></a>'
            f'<div class="price">${100 + i}.00</div><div class="meta">Waterproof leather, {300 + i * 7} g</div>'
            f'<div class="rating">{20 + i} reviews, {3 + i % 4} colours</div>'
            f'<div class="ship">Ships in {2 + i % 3} days</div></div>')


def page(main: str, title: str = "Best hiking boots") -> str:
    return (f"<html><head><title>{title}</title></head><body>"
            "<nav><a href='/'>Home</a><a href='/boots'>Boots</a><a href='/tents'>Tents</a></nav>"
            f"<main>{main}</main><footer><p>© 2026 Outdoor Shop</p></footer></body></html>")


LISTING = page(f"<h1>Best hiking boots</h1>{INTRO}<div class='grid'>"
               + "".join(product_card(i, n) for i, n in enumerate(NAMES)) + "</div>")

ARTICLE_PARAGRAPHS = [
    "The council met on Tuesday evening to discuss the new cycle lanes, which residents had asked for "
    "since the spring of last year, when two cyclists were hurt at the station crossing in the rain.",
    "Several shop owners said the lanes would take away parking spaces their customers need, and asked "
    "for a trial period of six months first, with a count of the customers before and after it.",
    "The mayor promised a decision before the summer holidays, after a second round of talks with the "
    "shop owners, the cycling club and the residents of the streets along the planned new route.",
    "A survey by the cycling club found that four in five riders would use the lanes every day, and that "
    "most of them now take the car for trips of under three kilometres because the roads feel unsafe.",
    "The lanes would cost the town about two million euros, two thirds of it paid by the regional "
    "transport fund, and could be built within a year of the council's vote, the planners said.",
    "Residents of the old town asked that the lanes avoid the market square, where the Saturday market "
    "already fills the street, and the planners agreed to look at a route along the river instead.",
]


def story_card(i: int) -> str:
    return (f'<div class="story-card"><h3><a href="/s/{i}">Story number {i} about the town</a></h3>'
            f'<div class="teaser">A short teaser of story {i}, about the market, the river and the '
            f'people who live along it, with a date</div><div class="date">{i + 1} May</div></div>')


def test_a_listing_of_cards_comes_back_with_its_titles_as_headings():
    text = clean(html=LISTING, options={"format": "markdown"}).text
    for name in NAMES:
        assert f"### {name} Boots" in text
    assert "Ships in 2 days" in text and "Waterproof leather, 377 g" in text
    # in page order, after the intro, and nothing from the menus
    assert text.index("Our editors picked") < text.index("Summit Pro") < text.index("Desert Fox")
    assert "Tents" not in text and "Outdoor Shop" not in text


def test_without_the_pass_the_extract_keeps_only_the_intro(monkeypatch):
    # the fixture does exercise the pass: trafilatura alone drops the cards
    monkeypatch.setattr(extract, "record_lines", lambda *args: None)
    text = clean(html=LISTING, options={"format": "markdown"}).text
    assert "Our editors picked" in text and "Ships in" not in text


def test_the_text_format_keeps_the_same_cards():
    text = clean(html=LISTING).text
    assert all(f"{name} Boots" in text for name in NAMES) and "###" not in text


def test_a_related_stories_grid_under_an_article_stays_out():
    body = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    html = page(f"<article><h1>New cycle lanes</h1>{body}</article>"
                f"<div class='more'><h2>More from the town</h2>{''.join(story_card(i) for i in range(8))}</div>",
                title="New cycle lanes")
    text = clean(html=html).text
    assert all(p in text for p in ARTICLE_PARAGRAPHS)
    assert "Story number" not in text and "short teaser" not in text


def test_a_large_teaser_grid_under_a_short_article_stays_out(monkeypatch):
    # the grid outweighs the article (the extract is thin), but the extract is an
    # article of its own: several paragraphs of running prose outside the grid
    body = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    main = f"<h1>New cycle lanes</h1>{body}<div>{''.join(story_card(i) for i in range(40))}</div>"
    tree, lines, extracted = _pruned(page(main, title="New cycle lanes"))
    assert len(extracted) < records.RECORDS_EXTRACT_SHARE * len("\n".join(lines))
    assert record_lines(tree, lines, extracted) is None
    monkeypatch.setattr(records, "ARTICLE_PROSE_CHARS", 10**9)  # the article is why
    assert record_lines(tree, lines, extracted) is not None


def test_footer_like_link_columns_are_no_records(monkeypatch):
    columns = "".join(
        f"<div class='links-col'><h4>Section {c}</h4>"
        + "".join(f"<a href='/{c}/{k}'>Link {c}.{k} of the site</a>" for k in range(6)) + "</div>"
        for c in range(6))
    main = f"<h1>About us</h1>{INTRO}<div class='site-links'>{columns}</div>"
    tree, lines, extracted = _pruned(page(main))
    assert record_lines(tree, lines, extracted) is None
    assert "Link 3.4" not in clean(html=page(main)).text
    monkeypatch.setattr(records, "FREE_TEXT_SHARE", 0)  # being bare links is why
    assert record_lines(tree, lines, extracted) is not None


def test_a_consent_panels_categories_are_no_records(monkeypatch):
    categories = "".join(
        f"<div class='category'><h4>Cookie group {k}</h4><a href='/privacy#{k}'>Details</a>"
        f"<div>These cookies let the site remember choices you make, such as group {k}, and give "
        f"you enhanced, more personal features for as long as the consent lasts.</div></div>" for k in range(6))
    main = f"<h1>Boots</h1>{INTRO}<div id='consent-panel'>{categories}</div>"
    tree, lines, extracted = _pruned(page(main))  # too large a share of the page to prune
    assert record_lines(tree, lines, extracted) is None
    monkeypatch.setattr(records, "_in_widget", lambda *args: False)  # the panel's name is why
    assert record_lines(tree, lines, extracted) is not None


def test_a_few_large_layout_sections_are_no_records(monkeypatch):
    # one member holding most of the group's text is a page section, not a record
    big = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    sections = [f"<div class='row'><h2>Part {k}</h2><a href='/{k}'>More</a><div>Short part {k} of the page.</div></div>"
                for k in range(4)]
    sections.append(f"<div class='row'><h2>Main part</h2><a href='/m'>More</a>{big}</div>")
    tree = LexborHTMLParser(page("".join(sections)))
    lines = pruned_text(tree).split("\n")
    assert record_lines(tree, lines, "") is None
    monkeypatch.setattr(records, "MAX_MEMBER_SHARE", 1)  # the large member is why
    assert record_lines(tree, lines, "") is not None


def test_record_lines_come_back_in_page_order_even_from_an_empty_extract():
    page_lines = ["Winners", "Best boot", "Winner", "Brand A", "Best tent", "Winner", "Brand B", "Footer"]
    kept = [False, True, True, True, True, True, True, False]
    out = recover_dropped_prose("", page_lines, records=kept)
    # a record's short label repeats from card to card
    assert out.split("\n") == ["Best boot", "Winner", "Brand A", "Best tent", "Winner", "Brand B"]


def test_on_a_page_of_records_the_headings_outside_the_cards_come_back_too():
    page_lines = ["Intro paragraph of the listing", "Shop by category", "Boots", "Tents",
                  "Card one", "$10", "Card two", "$20", "Tiny print"]
    kept = [False, False, False, False, True, True, True, True, False]
    headings = {"Shop by category", "Boots", "Tents"}
    out = recover_dropped_prose("Intro paragraph of the listing", page_lines, records=kept, headings=headings)
    assert out.split("\n") == [*page_lines[:-1]]
    # without records, a heading with no extracted text after it stays out
    assert recover_dropped_prose("Intro paragraph of the listing", page_lines, headings=headings) \
        == "Intro paragraph of the listing"


def test_record_lines_join_the_extract_in_page_order():
    page_lines = ["Intro paragraph of the listing", "Card one", "$10", "Card two", "$20", "Footer"]
    kept = [False, True, True, True, True, False]
    out = recover_dropped_prose("Intro paragraph of the listing\nCard two", page_lines, records=kept)
    assert out.split("\n") == ["Intro paragraph of the listing", "Card one", "$10", "Card two", "$20"]


@pytest.mark.parametrize("count, found", [(records.MIN_RECORDS - 1, False), (records.MIN_RECORDS, True)])
def test_a_group_needs_min_records_cards(count, found):
    main = f"<h1>Boots</h1><div>{''.join(product_card(i, n) for i, n in enumerate(NAMES[:count]))}</div>"
    tree, lines, _ = _pruned(page(main))
    assert (record_lines(tree, lines, "") is not None) is found


def _pruned(html: str):
    """(pruned tree, its page lines, trafilatura's extract), as clean_html makes them."""
    from cleaner.html.prune import prune
    tree = LexborHTMLParser(html)
    prune(tree, keep_attributes=extract.EXTRACTOR_ATTRIBUTES)
    extract._drop_head(tree)
    extract._drop_extractor_noise(tree)
    page_html = extract._extractor_input(tree)
    lines = pruned_text(tree).split("\n")
    return tree, lines, extract.extract_main_text(page_html)
