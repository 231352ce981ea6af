"""bytes -> str for HTML pages: BOM, then the <meta> charset, then detection; never raises."""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">,
# looked for in the first bytes only, as browsers do.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_PRESCAN_BYTES = 4096
# Labels browsers map to a superset encoding (WHATWG Encoding Standard).
_BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}


def decode_html(data: str | bytes | bytearray) -> str:
    """The page as text. A str passes through (minus a leading BOM)."""
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    raw = bytes(data)
    if not raw:
        return ""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    declared = meta_charset(raw)
    if declared:
        return raw.decode(declared, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guessed = _detect(raw)
    if guessed:
        return raw.decode(guessed, errors="replace")
    return raw.decode("utf-8", errors="replace")


def meta_charset(raw: bytes) -> str | None:
    """The Python codec named by the page's <meta> charset, or None if absent/unknown."""
    match = _META_CHARSET.search(raw[:_PRESCAN_BYTES])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").strip().lower()
    label = _BROWSER_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page served as UTF-16 cannot declare itself in ASCII-compatible bytes.
    return "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name


def _detect(raw: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:200_000]).best()
    except Exception:  # noqa: BLE001  (detection is best-effort by contract)
        return None
    if best is None:
        return None
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return None
