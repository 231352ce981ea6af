"""HTML006 markup-source (cleaner/core/rules/markup.py): a line of HTML source wrapping prose paragraphs."""
from cleaner import clean
from cleaner.core.rules.markup import is_markup_source
from phrasecases import BODY, removed_by

BODY_EN = BODY["en"]
# A republish box's text area, as html-text prints it: the story's own HTML on one line.
REPUBLISH = (
    "<h1>Rail plan unveiled</h1> <p class=\"byline\">by A. Writer, Example News</p> "
    + " ".join(f"<p>{p}</p>" for p in BODY_EN[:3])
    + " <p>This <a href=\"https://example.org/\">article</a> first appeared on Example News.</p>"
)
# A tutorial's HTML example: closed elements of a few words each.
EXAMPLE = ("<header> <h1>Sample flexbox example</h1> </header> <section> <article> <h2>First article</h2> "
           "<p>Content</p> </article> <article> <h2>Second article</h2> <p>Content</p> </article> "
           "<article> <h2>Third article</h2> <p>Content</p> <p>Content</p> </article> </section>")


def test_republish_markup_line_goes_and_the_article_stays():
    text = "\n\n".join([*BODY_EN, "Republish this article", REPUBLISH])
    result = clean(text=text, language="en")
    assert removed_by(result).get(REPUBLISH) == "HTML006"
    for paragraph in BODY_EN:
        assert paragraph in result.text
    assert "<p>" not in result.text


def test_markup_around_prose_paragraphs_is_source():
    assert is_markup_source(REPUBLISH)


def test_tutorial_example_with_short_elements_is_not_source():
    assert not is_markup_source(EXAMPLE)
    text = "\n\n".join([*BODY_EN[:3], EXAMPLE, *BODY_EN[3:]])
    assert "HTML006" not in set(removed_by(clean(text=text, language="en")).values())


def test_prose_naming_a_tag_or_two_is_not_source():
    line = (BODY_EN[0] + " Wrap each paragraph in <p> and </p>, and the title in <h1> and </h1>; "
            + BODY_EN[1] + " " + BODY_EN[2])
    assert not is_markup_source(line)


def test_two_paragraphs_of_markup_are_not_enough():
    line = " ".join(f"<p>{p}</p>" for p in BODY_EN[:2])
    assert not is_markup_source(line)
