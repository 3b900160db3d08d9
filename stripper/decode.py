"""bytes → str, and: is this HTML or a text dump?

Order of trust: a byte-order mark, then strict UTF-8 (most of the web), then a
maintained detector (charset-normalizer) for legacy code pages such as
windows-1256, cp1251 or GB18030. Never raises: the last resort decodes with
replacement characters so a run always goes on.
"""

from __future__ import annotations

import codecs

import regex

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Detector answers we widen to the superset browsers use.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "utf-8",
    "iso-8859-6": "cp1256",
}

_HTML_SNIFF = regex.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]|<p[\s>]|<br\s*/?>"
    r"|<script[\s>]|<title>|<table[\s>]|<span[\s>]|<a\s+href",
    regex.IGNORECASE,
)


def decode(raw: bytes | str) -> tuple[str, str | None]:
    """Return (text, encoding name). `encoding` is None when given a str."""
    if isinstance(raw, str):
        return raw, None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name, errors="replace"), name
    if _looks_utf16(raw):
        return raw.decode("utf-16-le", errors="replace"), "utf-16-le"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    name = _detect(raw)
    try:
        return raw.decode(name, errors="replace"), name
    except LookupError:
        return raw.decode("utf-8", errors="replace"), "utf-8"


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without BOM: every other byte is NUL in mostly-ASCII text."""
    sample = raw[:2000]
    if len(sample) < 8:
        return False
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    return odd_nuls > len(sample) * 0.4 / 2 and even_nuls < len(sample) * 0.05 / 2


def _detect(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is None:
        return "utf-8"
    name = best.encoding.lower().replace("_", "-")
    return _SUPERSETS.get(name, name)


def sniff_kind(text: str) -> str:
    """'html' when the start of the document looks like markup, else 'text'."""
    head = text[:4096]
    hits = len(_HTML_SNIFF.findall(head))
    if head.lstrip().startswith("<") and hits >= 1:
        return "html"
    return "html" if hits >= 3 else "text"
