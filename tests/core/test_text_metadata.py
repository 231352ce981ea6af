"""Text mode's metadata (cleaner/core/pipeline.py find_metadata): the byline and date lines
the rules take out of the body feed metadata.author and metadata.date."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "rules"))

from phrasecases import BODY  # noqa: E402

from cleaner import clean  # noqa: E402

HEADLINE = "Rail overhaul promises faster trains"


def test_byline_and_date_lines_feed_the_metadata():
    text = "\n\n".join(["Home | News | Sport", HEADLINE, "By Jane Roe", "Published 3 March 2024, 14:00", *BODY["en"]])
    result = clean(text=text, language="en")
    assert result.metadata.author == "Jane Roe"
    assert result.metadata.date == "2024-03-03"
    assert "Published 3 March 2024" not in result.text


def test_opening_hours_are_not_read_as_the_date():
    text = "\n\n".join(["Bakery Example", "Mo-Fr 9:00-18:00", "Sa 8:00-12:00", HEADLINE, *BODY["en"]])
    assert clean(text=text, language="en").metadata.date is None


def test_the_date_nearest_the_article_wins_over_a_sidebar_teaser():
    teaser_date, own_date = "12 January 2023", "3 March 2024"
    text = "\n\n".join(["Most read", "Old story about buses", teaser_date, "Another teaser headline here",
                        "1 February 2023", "Contact", "Imprint", "Privacy", "Careers", "Advertise", "Newsletter",
                        "Podcasts", "Video", HEADLINE, own_date, *BODY["en"]])
    assert clean(text=text, language="en").metadata.date == "2024-03-03"


def test_no_date_line_no_date():
    assert clean(text="\n\n".join([HEADLINE, *BODY["en"]]), language="en").metadata.date is None
