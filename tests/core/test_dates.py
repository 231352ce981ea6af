"""cleaner/core/dates.py: a publication day as YYYY-MM-DD, or None for what is not one."""
import datetime as dt

import pytest

from cleaner.core.dates import parse_date

TODAY = dt.date(2025, 6, 30)


@pytest.mark.parametrize("value, language, expected", [
    ("2024-03-01T08:00:00Z", None, "2024-03-01"),
    ("2024-03-01", None, "2024-03-01"),
    ("2024/3/1", None, "2024-03-01"),
    ("20240301", None, "2024-03-01"),
    ("Published 3 March 2024, 14:00", "en", "2024-03-03"),
    ("Updated: Jan 5, 2024 at 3:00 pm", "en", "2024-01-05"),
    ("Thursday, December 19th, 2024", "en", "2024-12-19"),
    ("4. März 2024", "de", "2024-03-04"),
    ("Stand: 12.03.2024 14:00 Uhr", "de", "2024-03-12"),
    ("4 de marzo de 2024", "es", "2024-03-04"),
    ("le 4 mars 2024", "fr", "2024-03-04"),
    ("By Jane Roe | 12.03.2024", "en", "2024-03-12"),  # dots are day-first everywhere
])
def test_reads_a_day(value, language, expected):
    assert parse_date(value, language, today=TODAY) == expected


def test_slashed_day_order_follows_the_language():
    assert parse_date("03/04/2024", "en", today=TODAY) == "2024-03-04"
    assert parse_date("03/04/2024", "de", today=TODAY) == "2024-04-03"
    assert parse_date("25/04/2024", "en", today=TODAY) == "2024-04-25"  # no 25th month: day first


@pytest.mark.parametrize("value", [
    "Mo-Fr 9:00-18:00",  # opening hours
    "Öffnungszeiten: Mo–Fr 08:00–17:00, Sa 9–12 Uhr",
    "Open Monday to Friday, 9am to 5pm",
    "14:30",  # a time
    "+49 030-1234-5678",  # a phone number
    "Tel. 0171 2024 0312",
    "Version 2.10.2023.1",  # a version number
    "v1.2.3",
    "2024",  # a year alone
    "© 2024 Example News",
    "March 2024",  # a month without its day
    "2024-02-30",  # no such day
    "2026-01-15",  # months ahead of today: an event, not a publication
    "1887-05-01",  # before the web
    "",
    None,
])
def test_refuses_what_is_not_a_publication_day(value):
    assert parse_date(value, "en", today=TODAY) is None


def test_a_day_just_ahead_of_today_is_a_time_zone_not_the_future():
    assert parse_date("2025-07-01", today=TODAY) == "2025-07-01"


def test_long_prose_is_not_read():
    assert parse_date("word " * 100 + "3 March 2024", "en", today=TODAY) is None
