"""cleaner/profiles/learn.py: the map (count_records) and the local engine's reduce."""
from __future__ import annotations

from cleaner.core.siteprofile import line_key
from cleaner.profiles.learn import count_records, document_lines, learn_local, record_site
from cleaner.profiles.store import MemoryStore, SQLiteStore


def test_a_line_repeated_in_one_page_counts_once():
    lines = document_lines("Menu\n\nBody text here.\n\nMenu\n\n  menu  ")
    assert list(lines) == [line_key("Menu"), line_key("Body text here.")]


def test_site_precedence():
    assert record_site({"site": "Given.example", "url": "https://www.other.example/a"}) == "given.example"
    assert record_site({"url": "https://news.other.co.uk/a"}, "fallback.example") == "other.co.uk"
    assert record_site({}, "fallback.example") == "fallback.example"
    assert record_site({}) is None


def test_count_records_reports_every_kind_of_record():
    records = [
        {"id": "a", "url": "https://a.example/1", "text": "Shared line\n\nFirst body."},
        {"id": "b", "url": "https://a.example/2", "text": "Shared line\n\nSecond body."},
        {"id": "dup", "url": "https://a.example/3", "text": "Shared line\n\nFirst body."},
        {"id": "nosite", "text": "Shared line"},
        {"id": "both", "url": "https://a.example/4", "text": "x", "html": "<p>x</p>"},
        {"id": "badurl", "url": 7, "text": "x"},
        {"id": "bytes", "url": "https://a.example/5", "text": b"\xff\xfe"},
        {"id": "reader", "error": "pages.jsonl line 9: malformed JSON"},
    ]
    counts = count_records(records)
    assert counts.documents == 8
    assert counts.learned == 2 and counts.repeats == 1 and counts.no_site == 1
    assert [e["id"] for e in counts.errors] == ["both", "badurl", "bytes", "reader"]
    assert counts.sites["a.example"].lines[line_key("Shared line")] == 2


def test_html_records_learn_the_text_the_cleaner_sees():
    page = "<html><body><nav><a href='/'>Home</a></nav><article><h1>Title {n}</h1><p>{body}</p>" \
           "<p>Subscribe to the Zebra weekly digest today.</p></article></body></html>"
    bodies = ["Paragraph one is about trains and long enough to be kept by the extractor for sure.",
              "Paragraph two is about buses and equally long enough to be kept by the extractor."]
    records = [{"id": i, "url": f"https://z.example/{i}", "html": page.format(n=i, body=b)} for i, b in enumerate(bodies)]
    counts = count_records(records)
    lines = counts.sites["z.example"].lines
    assert lines[line_key("Subscribe to the Zebra weekly digest today.")] == 2
    assert lines[line_key(bodies[0])] == 1


def test_local_engine_with_workers_matches_one_process(synthetic_pages, tmp_path):
    records = [p.record() for p in synthetic_pages]
    one, two = MemoryStore(), SQLiteStore(tmp_path / "p.db")
    s1 = learn_local(iter(records), one, workers=1, chunk_size=7)
    s2 = learn_local(iter(records), two, workers=2, chunk_size=7)
    assert (s1.learned, s2.learned) == (len(records), len(records))
    for site in {p.site for p in synthetic_pages}:
        assert one.snapshot(site, 0.0) == two.snapshot(site, 0.0)
    again = learn_local(iter(records), two, workers=2, chunk_size=50)
    assert again.learned == 0 and again.repeats == len(records)
