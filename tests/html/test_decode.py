"""Encoding: str passes through, bytes decode by BOM, meta charset, then detection."""
from cleaner import clean
from cleaner.html.decode import decode_html, meta_charset


def test_str_passes_through_without_bom():
    assert decode_html("\ufeff<p>hi</p>") == "<p>hi</p>"


def test_latin1_bytes_with_meta_charset():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café für Müller</p></body></html>'
    assert "Café für Müller" in decode_html(page.encode("latin-1"))


def test_http_equiv_charset():
    page = ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            "<p>Gr\u00fc\u00dfe \u20ac</p>")
    assert "Grüße €" in decode_html(page.encode("cp1252"))
    assert meta_charset(page.encode("cp1252")) == "cp1252"


def test_utf8_bom_wins_over_meta():
    page = '<meta charset="iso-8859-1"><p>naïve</p>'.encode("utf-8")
    assert "naïve" in decode_html(b"\xef\xbb\xbf" + page)


def test_utf16_bom():
    assert "Zoë" in decode_html("\ufeff<p>Zoë</p>".encode("utf-16"))


def test_garbage_bytes_never_raise():
    for data in (bytes(range(256)), b"\xff\xfe\x00\x81\x8d\x90", b"\x80" * 1000, b"<meta charset=bogus-9>\xff"):
        assert isinstance(decode_html(data), str)
        assert clean(html=data).mode == "html"


def test_undeclared_utf8_bytes():
    assert "Straße" in decode_html("<p>Straße</p>".encode("utf-8"))


def test_clean_accepts_bytes():
    page = ('<html lang="de"><head><meta charset="iso-8859-1"><title>T</title></head><body><article>'
            "<p>Die Bürger der Stadt haben am Sonntag über den neuen Haushalt abgestimmt, "
            "und die Mehrheit war größer als erwartet.</p></article></body></html>")
    result = clean(html=page.encode("latin-1"))
    assert "Bürger" in result.text and "größer" in result.text
