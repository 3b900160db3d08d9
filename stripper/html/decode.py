"""HTML bytes → str: byte-order mark, then the page's own declaration, then detection.

A declaration is only trusted when the bytes agree with it: pages saved as UTF-8
often still say `iso-8859-1`, and some declare code pages that do not exist. Bytes
that are valid UTF-8 are read as UTF-8 whatever the page says (the chance that a
legacy page with non-ASCII letters is also valid UTF-8 is tiny); otherwise the
declared code page is used if it decodes cleanly, else `stripper.decode` detects
one. Never raises.
"""

from __future__ import annotations

import re

from stripper.decode import BOMS, decode, decode_mostly_utf8, decode_unambiguous, widen

SNIFF_BYTES = 4096
MAX_BAD_SHARE = 0.001  # a declared code page may leave this share of bytes undecodable
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_BOMS = tuple(bom for bom, _ in BOMS)
# The page decode_html() last read as plain UTF-8, with its bytes, until utf8_source()
# is asked for it or the next page is decoded: parse() hands libxml2 those bytes rather
# than encode the text again.
_utf8_page: tuple[str, bytes] | None = None


def utf8_source(text: str) -> bytes | None:
    """The UTF-8 bytes `text` was decoded from, when it is (the very object) the page
    decode_html() read last; each call forgets them, so they are kept no longer than
    the page is being parsed (or until the next page is decoded)."""
    global _utf8_page
    page, _utf8_page = _utf8_page, None
    return page[1] if page is not None and page[0] is text else None


def declared_charset(raw: bytes) -> str | None:
    """The code page a `<meta charset>` or http-equiv tag names, as a Python codec name."""
    m = _META_CHARSET.search(raw[:SNIFF_BYTES])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").strip(".:-").lower()
    if name in ("x-user-defined", "unicode", "none"):
        return None
    try:
        codec = widen(name)
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):  # ASCII-compatible markup cannot be UTF-16
        return "utf-8"
    return codec


def decode_html(raw: bytes | str, transport: str | None = None) -> tuple[str, str | None]:
    """Return (markup, encoding name); the name is None when given a str.

    `transport` is the code page the transport named (an HTTP Content-Type charset,
    as a Python codec name), trusted like a declaration when the page declares none.
    """
    global _utf8_page
    _utf8_page = None  # (the last page's, let go before this one is decoded)
    if isinstance(raw, str):
        return decode(raw)  # surrogates made good, NULs dropped
    if raw.startswith(_BOMS) or type(raw) is not bytes:
        known = decode_unambiguous(raw)
    else:  # (decode_unambiguous's steps, for the plain UTF-8 page's bytes to be kept)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            known = decode_mostly_utf8(raw)
        else:
            _utf8_page = text, raw
            return text, "utf-8"
    if known is not None:
        return known
    declared = declared_charset(raw) or transport
    if declared and declared != "utf-8":
        text = raw.decode(declared, errors="replace")
        if text.count("\ufffd") <= MAX_BAD_SHARE * len(raw):
            return text, declared
    return decode(raw)
