"""Structural pruning by tag, class/id/role tokens and hidden markers."""
import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner.html.prune import TOKEN_VERDICTS_MAX, load_html_lexicon, parse_html_lexicon, prune, pruned_text

ARTICLE = ("<p>The council approved the new budget on Tuesday after a debate that lasted most of the "
           "afternoon and ended with a clear majority for the proposal.</p>")


def _prune(body: str, disable=()):
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    return tree, prune(tree, disable)


def test_lexicon_loads():
    lex = load_html_lexicon()
    assert "share" in lex.tokens and "nav" in lex.tags and "script" in lex.silent_tags


@pytest.mark.parametrize("token", ["teaser-list", "share_bar", "most read"])
def test_a_token_that_could_never_match_is_refused(token):
    # class/id values are split on spaces, '-' and '_' before tokens are looked up
    with pytest.raises(ValueError, match="can never match"):
        parse_html_lexicon(f'[HTML002]\ntokens = ["share", "{token}"]\n')
    assert "share" in parse_html_lexicon('[HTML002]\ntokens = ["share"]\n').tokens


def test_prune_by_class_and_id():
    tree, removed = _prune(
        f'<article>{ARTICLE}<div class="social-share__bar">Share on Facebook</div>'
        f'<ul id="related-stories"><li>Other story</li></ul></article>'
    )
    text = pruned_text(tree)
    assert "council approved" in text
    assert "Share on Facebook" not in text and "Other story" not in text
    assert {r.rule for r in removed} == {"HTML002"}
    assert all(r.start is None and r.end is None for r in removed)
    assert any('class token "social"' in r.reason for r in removed)
    assert any('id token "related"' in r.reason for r in removed)


def test_prune_by_tag_role_and_hidden():
    tree, removed = _prune(
        f'<nav>Home News Sport</nav><div role="navigation">Menu</div><main>{ARTICLE}</main>'
        f'<div hidden>Secret</div><div style="visibility: hidden">Tooltip</div><script>var x=1;</script>'
        f"<footer>Imprint</footer>"
    )
    text = pruned_text(tree)
    assert text.startswith("The council approved")
    for gone in ("Home News", "Menu", "Secret", "Tooltip", "var x", "Imprint"):
        assert gone not in text
    codes = [r.rule for r in removed]
    assert codes.count("HTML001") == 2 and codes.count("HTML002") == 1 and codes.count("HTML003") == 2


def test_aria_hidden_text_stays_visible_text():
    # aria-hidden only hides from screen readers: pages put it on text every reader sees
    tree, removed = _prune(f'<div aria-hidden="true"><h2>Flood defences</h2></div><main>{ARTICLE}</main>')
    assert "Flood defences" in pruned_text(tree)
    assert not any(r.rule == "HTML003" for r in removed)


def _links(*titles: str) -> str:
    return "".join(f'<li><a href="/{i}">{title}</a></li>' for i, title in enumerate(titles))


MENU = _links("Politics", "Business", "Sport", "Culture")


def test_a_list_of_links_is_pruned_whatever_its_class():
    tree, removed = _prune(f'<ul class="x1">{MENU}</ul><p>{ARTICLE}</p>'
                           f'<ol>{_links("Storm closes schools", "Mayor resigns")}<li><a>Budget passes</a> today</li></ol>')
    text = pruned_text(tree)
    assert "council approved" in text
    assert not any(word in text for word in ("Politics", "Sport", "Storm closes", "Budget passes"))
    assert [r.rule for r in removed] == ["HTML004", "HTML004"]
    assert removed[0].reason == "HTML004 link-list: 4 links, 100% of its text"
    assert "3 links" in removed[1].reason and "Storm closes schools" in removed[1].text


def test_a_list_of_linked_teasers_is_pruned_even_with_long_paragraphs():
    # Unlike a class match, a link list is not kept for holding a paragraph of running
    # text: here the paragraphs are the links (story cards).
    teaser = ("<li><a href='/s{0}'><p>Story {0}: the council approved the new budget on Tuesday after "
              "a long debate, and the mayor said the vote showed the city could still agree on what "
              "matters most to the people who live and work here, from rents to bus routes. Read the full "
              "whole story.</p></a></li>")
    tree, removed = _prune(f"<ul>{''.join(teaser.format(i) for i in range(3))}</ul>" + f"<p>{ARTICLE}</p>" * 8)
    assert [r.rule for r in removed] == ["HTML004"] and "Story 1" not in pruned_text(tree)


def test_a_list_that_is_mostly_text_or_has_few_links_is_kept():
    prose_items = "".join(f"<li>{item} as the council said on Tuesday, <a>source</a></li>"
                          for item in ("Rents rise", "Buses run later", "Parks open longer"))
    tree, removed = _prune(f"<ul>{prose_items}</ul><ul>{_links('Home', 'Contact')}</ul><p>{ARTICLE}</p>")
    text = pruned_text(tree)
    assert removed == []
    assert "Buses run later" in text and "Contact" in text


def test_a_link_list_inside_a_pruned_node_or_another_list_is_reported_once():
    nested = f"<ul><li><a>World</a><ul>{MENU}</ul></li><li><a>Local</a></li><li><a>Weather</a></li></ul>"
    tree, removed = _prune(f'{nested}<div class="related"><ul>{MENU}</ul></div><p>{ARTICLE}</p>')
    assert [r.rule for r in removed] == ["HTML004", "HTML002"]
    assert "Politics" not in pruned_text(tree)


def test_a_link_list_holding_the_page_or_its_headline_is_kept():
    # A page that is nothing but a list of links (an index) keeps it: it is the page.
    tree, removed = _prune(f"<ul>{MENU}</ul>")
    assert removed == [] and "Politics" in pruned_text(tree)
    tree, removed = _prune(f'<ul><li><h1><a>Council approves budget</a></h1></li>{MENU}</ul><p>{ARTICLE}</p>')
    assert removed == [] and "Council approves budget" in pruned_text(tree)


def test_a_deep_nest_of_lists_is_read_within_the_budget(monkeypatch):
    # Each list's test reads its whole subtree: level after level of a nest, that would
    # read the page once per level. The budget stops the reading, the page still cleans.
    import cleaner.html.prune as prune_module

    read: list[int] = []
    real = prune_module._link_list
    monkeypatch.setattr(prune_module, "_link_list", lambda node: read.append(len(node.html)) or real(node))
    level = "<ul><li>" + "Words of a paragraph that is not a link at all. " * 40
    depth = 150
    _prune(f"<p>{ARTICLE}</p>" + level * depth + MENU + "</li></ul>" * depth)
    assert sum(read) <= prune_module.LINK_LIST_READ_MAX and len(read) < depth


def test_lists_past_the_read_budget_are_left_to_the_extractor(monkeypatch):
    import cleaner.html.prune as prune_module

    first = f"<ul>{MENU}</ul>"
    monkeypatch.setattr(prune_module, "LINK_LIST_READ_MAX", len(first) + 10)
    tree, removed = _prune(f"{first}<p>{ARTICLE}</p><ol>{MENU}</ol>")
    assert [r.rule for r in removed] == ["HTML004"]
    text = pruned_text(tree)
    assert text.count("Politics") == 1  # the second list stays


def test_link_lists_can_be_disabled():
    tree, removed = _prune(f"<ul>{MENU}</ul><p>{ARTICLE}</p>", disable=("HTML004",))
    assert removed == [] and "Politics" in pruned_text(tree)


def test_never_prunes_the_article():
    # The wrapper's class says "comments", but it holds the whole article.
    tree, removed = _prune(f'<div class="page has-comments"><article>{ARTICLE}</article></div>')
    assert "council approved" in pruned_text(tree)
    assert removed == []


def test_token_must_match_whole():
    tree, removed = _prune(f'<div class="shareholder-report">{ARTICLE}</div><p class="sharepoint">Kept line</p>')
    assert removed == [] and "Kept line" in pruned_text(tree)


def test_disabled_codes_are_not_pruned():
    tree, removed = _prune(f'<nav>Home</nav><div class="share">Share</div>{ARTICLE}', disable=("HTML002",))
    text = pruned_text(tree)
    assert "Share" in text and "Home" not in text
    assert [r.rule for r in removed] == ["HTML001"]


def test_pruned_text_keeps_inline_runs_together():
    tree = LexborHTMLParser("<body><p>One <b>bold</b>\n word.</p><div>Two</div></body>")
    assert pruned_text(tree) == "One bold word.\nTwo"


def test_deep_nesting_neither_recurses_out_nor_loses_the_text():
    # Its cost is measured in bench/bad_inputs.py, not asserted here (machines are noisy).
    depth = 20_000
    page = ("<div class='wrap'>" * depth + "<div class='share'>Share</div>" + ARTICLE + "</div>" * depth)
    tree, removed = _prune(page)
    assert "council approved" in pruned_text(tree)


def test_keep_attributes_drops_the_others_after_judging_with_them():
    tree = LexborHTMLParser(
        f'<html><body><article data-id="7" class="story">{ARTICLE}'
        f'<a href="/x" title="t" class="more">More</a>'
        f'<div aria-label="Share tools">Share on Facebook</div></article></body></html>'
    )
    removed = prune(tree, keep_attributes=frozenset({"class", "id"}))
    # aria-label is not kept, yet its "share" token still pruned the widget.
    assert [r.rule for r in removed] == ["HTML002"] and "Share on Facebook" not in pruned_text(tree)
    assert tree.css_first("article").attributes == {"class": "story"}
    assert tree.css_first("a").attributes == {"class": "more"}
    assert "council approved" in pruned_text(tree)


def test_class_verdicts_are_remembered_within_a_bound():
    lex = load_html_lexicon()
    body = "".join(f'<div class="box-{i}">x</div>' for i in range(TOKEN_VERDICTS_MAX + 50))
    _prune(body + '<div class="box-share">Share</div>' + ARTICLE)
    assert 0 < len(lex.token_verdicts) <= TOKEN_VERDICTS_MAX
    assert lex.token_verdicts.get("box-share") == "share"


def test_a_button_that_holds_a_heading_leaves_the_heading_in_its_place():
    """An accordion's question is a heading inside a button: the button goes, the heading
    stays where it was; a button without a heading still goes, text and all."""
    tree, removed = _prune(
        f'<article>{ARTICLE}<div class="faq"><button aria-expanded="false"><span>+</span>'
        f'<h3>How do I apply for a permit?</h3></button><div><p>Fill in the form at the town hall.</p></div>'
        f'<button>Show more</button></div></article>'
    )
    text = pruned_text(tree)
    assert "How do I apply for a permit?" in text and "Show more" not in text
    assert tree.css_first("h3").parent.tag == "div" and tree.css_first("button") is None
    assert [r.text for r in removed] == ["Show more"]
    # inside a pruned box the button goes with the box
    tree, _ = _prune(f'<article>{ARTICLE}<nav><button><h3>Menu</h3></button></nav></article>')
    assert "Menu" not in pruned_text(tree)


def test_a_button_inside_a_heading_is_unwrapped_and_the_heading_keeps_its_text():
    """The WAI-ARIA accordion: <h3><button aria-expanded>Question</button></h3>. The button
    goes, its text stays the heading's; a button in a paragraph still goes."""
    tree, removed = _prune(
        f'<article>{ARTICLE}<div class="faq"><h3 class="accordion-header"><button aria-expanded="false">'
        f'<span>Can I pay by card?</span></button></h3><div><p>Yes, at the counter.</p></div>'
        f'<p>Still unsure? <button>Contact us</button></p></div></article>'
    )
    text = pruned_text(tree)
    assert "Can I pay by card?" in text and "Contact us" not in text
    assert tree.css_first("h3").text(deep=True) == "Can I pay by card?" and tree.css_first("button") is None
    assert [r.text for r in removed] == ["Contact us"]
    # a heading deeper than HEADING_BUTTON_DEPTH levels up is no heading of the button
    tree, _ = _prune(f'<article>{ARTICLE}<h3><div><div><div><button>Open</button></div></div></div>Title</h3></article>')
    assert "Open" not in pruned_text(tree)


def test_a_headings_id_made_of_its_own_words_is_no_evidence():
    tree, removed = _prune(f'<article>{ARTICLE}<h3 id="13-social-driver">13. Social Driver</h3>{ARTICLE}</article>')
    assert "13. Social Driver" in pruned_text(tree) and not removed
    # near misses: an id with words the heading lacks, a boilerplate class, or no heading
    for markup in ('<h3 id="social-share">Share this</h3>', '<h3 id="13-social-driver" class="share">13. Social Driver</h3>',
                   '<div id="social">Social</div>'):
        tree, removed = _prune(f'<article>{ARTICLE}{markup}{ARTICLE}</article>')
        assert [r.rule for r in removed] == ["HTML002"], markup


DESCRIPTION = ("The Arrival T-Shirt is made for training: a light, breathable fabric that dries fast, "
               "flat seams that do not rub under a bar or a strap, and a regular fit that leaves room to "
               "move. Machine wash at thirty degrees with similar colours and do not tumble dry.")


def test_an_aside_holding_a_paragraph_of_prose_is_left_to_the_extractor():
    # a product's description in an <aside> sheet: weak evidence, like a <form>
    assert len(DESCRIPTION) >= 250
    tree, removed = _prune(f'<main>{ARTICLE * 6}</main><aside class="sheet"><h2>Description</h2><p>{DESCRIPTION}</p></aside>')
    assert "made for training" in pruned_text(tree)
    assert removed == []


def test_an_aside_of_links_and_short_teasers_is_still_pruned():
    # near miss: a sidebar's teasers, however many, hold no paragraph of running text
    teasers = "".join(f"<p>Story {i}: the bridge reopens after a year of works on the river.</p>" for i in range(6))
    tree, removed = _prune(f"<main>{ARTICLE * 6}</main><aside>{teasers}</aside>")
    assert "bridge reopens" not in pruned_text(tree)
    assert [r.rule for r in removed] == ["HTML001"]
