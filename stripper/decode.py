"""bytes → str, and: is this HTML or a text dump?

Order of trust: a byte-order mark, then UTF-8 (most of the web; "mostly UTF-8"
with stray windows-1252 bytes counts), then a
maintained detector (charset-normalizer) for legacy code pages such as
windows-1256, cp1251 or GB18030. Never raises: the last resort decodes with
replacement characters so a run always goes on.
"""

from __future__ import annotations

import codecs

import regex

from stripper.mojibake import repaired

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Code pages browsers widen to a superset (WHATWG Encoding Standard), by Python codec name.
SUPERSETS = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-6": "cp1256",
    "gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932",
    "tis-620": "cp874", "iso8859-11": "cp874", "big5": "big5hkscs",
}


def widen(name: str) -> str:
    """The Python codec for an encoding label, widened as browsers do; raises LookupError."""
    codec = codecs.lookup(name).name
    return SUPERSETS.get(codec, codec)


def decode_unambiguous(raw: bytes) -> tuple[str, str] | None:
    """Bytes that say what they are: a byte-order mark, or valid UTF-8."""
    for bom, name in BOMS:
        if raw.startswith(bom):
            return raw.decode(name, errors="replace"), name
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return decode_mostly_utf8(raw)


MIN_UTF8_CHARS = 20  # valid multi-byte characters before "mostly UTF-8" is believed
MAX_STRAY_SHARE = 0.05  # stray bytes per valid multi-byte character


def decode_mostly_utf8(raw: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray legacy bytes — a UTF-8 template around text pasted from a
    windows-1252 source — is UTF-8: the strays are read as windows-1252 instead of
    turning the whole page into mojibake. Legacy text is never mostly valid UTF-8
    (its accented letters are lone high bytes), so this cannot misread it."""
    text = raw.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - stray
    if multibyte < MIN_UTF8_CHARS or stray > MAX_STRAY_SHARE * multibyte:
        return None
    return raw.decode("utf-8", errors="stripper-cp1252"), "utf-8"


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: undecodable bytes as windows-1252 (U+FFFD where it has a gap)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or "\ufffd" for b in bad), error.end


codecs.register_error("stripper-cp1252", _stray_as_cp1252)


_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive"), (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"), (b"\x1f\x8b", "gzip data"), (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"), (b"(\xb5/\xfd", "zstd data"), (b"OggS", "Ogg media"),
    (b"\x00\x00\x01\x00", "an icon"), (b"wOFF", "a web font"), (b"wOF2", "a web font"),
)

MAX_STRAY_NULS = 16  # NUL bytes a page may carry (real pages do) ...
MAX_NUL_SHARE = 0.001  # ... or this share of its first 64 KiB, whichever is more
MAX_CONTROL_SHARE = 0.1  # other control bytes


def binary_reason(raw: bytes) -> str | None:
    """Why `raw` is not a page (binary data), or None when it may be text.

    Browsers and other extractors read a page with a few stray NUL bytes (a template
    glitch, a pasted binary fragment), so a handful do not make a binary; files with
    more, or mostly control bytes, or a known binary signature, are refused."""
    head = raw[:65536]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # a text BOM
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not a page"
    nuls = head.count(0)
    if nuls > max(MAX_STRAY_NULS, MAX_NUL_SHARE * len(head)):
        even, odd = head[0::2].count(0), head[1::2].count(0)
        utf16 = (odd > len(head) * 0.2 and even < len(head) * 0.02) or \
                (even > len(head) * 0.2 and odd < len(head) * 0.02)
        if not utf16:
            return f"binary file ({nuls} NUL bytes in the first {len(head):,}), not a page"
        return None
    controls = sum(head.count(c) for c in range(1, 32) if c not in (9, 10, 12, 13, 27))
    if head and controls > len(head) * MAX_CONTROL_SHARE:
        return "binary file (mostly control bytes), not a page"
    return None


_HTML_SNIFF = regex.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]|<p[\s>]|<br\s*/?>"
    r"|<script[\s>]|<title>|<table[\s>]|<span[\s>]|<a\s+href",
    regex.IGNORECASE,
)


def decode(raw: bytes | str) -> tuple[str, str | None]:
    """Return (text, encoding name). `encoding` is None when given a str.

    The text never holds NUL characters, nor lone surrogates (a str made with
    `surrogateescape` holds undecodable bytes as such): both are made good here,
    so every later stage, and every output, can be encoded as UTF-8. Doubly
    encoded UTF-8 ("fÃ¼r") is read right (stripper.mojibake)."""
    if isinstance(raw, str):
        return repaired(without_nuls(unsurrogate(raw))), None
    text, name = _decode_bytes(raw)
    fixed = repaired(without_nuls(text))
    return fixed, name if fixed is text else f"{name}, mojibake repaired"


def without_nuls(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text


_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_ESCAPE_ONLY = regex.compile(r"[\ud800-\udc7f\udd00-\udfff]")


def unsurrogate(text: str) -> str:
    """A str with surrogate code points made valid: surrogate escapes (bytes that a
    `surrogateescape` decode kept) are decoded again as the bytes they stand for;
    a surrogate pair becomes its character; any other lone surrogate becomes U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    if not _ESCAPE_ONLY.search(text):
        return _decode_bytes(text.encode("utf-8", errors="surrogateescape"))[0]
    return text.encode("utf-16-le", errors="surrogatepass").decode("utf-16-le", errors="replace")


def _decode_bytes(raw: bytes) -> tuple[str, str]:
    if not raw.startswith(tuple(bom for bom, _ in BOMS)) and _looks_utf16(raw):
        return raw.decode("utf-16-le", errors="replace"), "utf-16-le"
    known = decode_unambiguous(raw)
    if known is not None:
        return known
    name = _detect(raw)
    if name in ("utf-8", "utf_8"):  # not valid UTF-8 (checked above): strays as windows-1252
        return raw.decode("utf-8", errors="stripper-cp1252"), "utf-8"
    try:
        return raw.decode(name, errors="replace"), name
    except LookupError:
        return raw.decode("utf-8", errors="stripper-cp1252"), "utf-8"


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without BOM: every other byte is NUL in mostly-ASCII text."""
    sample = raw[:2000]
    if len(sample) < 8:
        return False
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    return odd_nuls > len(sample) * 0.4 / 2 and even_nuls < len(sample) * 0.05 / 2


# The code pages web pages are written in (WHATWG's legacy single- and multi-byte
# encodings), for charset-normalizer to choose among. Left out: DOS and Mac code pages
# (cp1125, cp852, cp437, mac-cyrillic …), which fit short Cyrillic or Latin text as
# well as the real one does but which no web page uses: a cp1251 Russian page read
# as cp1125 is mojibake. Per script the choice is then: Cyrillic cp1251, koi8-r,
# koi8-u, iso-8859-5, ibm866; Arabic cp1256, iso-8859-6; Hebrew cp1255, iso-8859-8;
# Greek cp1253, iso-8859-7; Central European cp1250, iso-8859-2; Chinese gb18030,
# big5; Japanese shift_jis (cp932), euc-jp, iso-2022-jp; Korean euc-kr (cp949).
WEB_CODE_PAGES = (
    "utf_8", "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u",
    "iso8859_5", "cp866", "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255", "iso8859_8",
    "cp1256", "iso8859_6", "cp1257", "iso8859_4", "iso8859_13", "cp1258", "cp874",
    "iso8859_3", "iso8859_10", "iso8859_14", "iso8859_16", "gb18030", "gb2312", "big5",
    "cp932", "shift_jis", "euc_jp", "iso2022_jp", "euc_kr", "cp949",
)


NEAR_CHAOS = 0.05  # candidates this close to the best one's "chaos" count as a tie
SAMPLE_WORDS = 5000  # words of a candidate's text read to judge it
_WORD = regex.compile(r"\p{L}+")
_FINE_SYMBOLS = frozenset("©®°§€£¥№×·•")


def _detect(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw[:200_000], cp_isolation=list(WEB_CODE_PAGES)))
    if not matches:
        return "utf-8"
    rank = {name: n for n, name in enumerate(WEB_CODE_PAGES)}

    def popular(m) -> str:  # of the code pages that give this very text, the commonest
        return min(m.could_be_from_charset or [m.encoding], key=lambda c: rank.get(c, 99))

    best = matches[0]
    near = [m for m in matches[:8] if m.chaos <= best.chaos + NEAR_CHAOS]
    if len(near) > 1:  # a short text fits several code pages: which reads as real words?
        best = max(near, key=lambda m: (round(plausibility(str(m)), 2), m.coherence,
                                        -rank.get(popular(m), 99)))
    try:
        return widen(popular(best))
    except LookupError:
        return "utf-8"


def plausibility(text: str) -> float:
    """How much `text` reads like real words, 0..1, for telling code pages apart.

    Text read with the wrong single-byte code page gives words that mix scripts
    (`cafй`), Latin words made only of accented letters (`ÎîâîńňčŕŕŕÂŕ` for Cyrillic
    read as windows-1250), and stray symbols (`¹`, `÷`, `¤`) where letters belong;
    the right one gives words in one script. Only words with a non-ASCII letter count.
    """
    import unicodedata

    good = total = 0
    for n, match in enumerate(_WORD.finditer(text)):
        if n >= SAMPLE_WORDS:
            break
        word = match.group()
        if word.isascii():
            continue
        total += 1
        scripts = {unicodedata.name(c, "?").split(" ")[0] for c in word if not c.isascii()}
        ascii_letters = any(c.isascii() for c in word)
        if len(scripts) > 1 or (ascii_letters and scripts != {"LATIN"}):
            continue  # mixed scripts in one word
        if scripts == {"LATIN"} and not ascii_letters and len(word) > 2:
            continue  # a Latin word of accented letters only
        good += 1
    symbols = sum(1 for c in text[:50_000] if not c.isascii() and not c.isalpha()
                  and unicodedata.category(c)[0] in "SN" and c not in _FINE_SYMBOLS)
    if total == 0:
        return 1.0 if symbols == 0 else 0.5
    return max(0.0, good / total - symbols / max(total, 1))


def sniff_kind(text: str) -> str:
    """'html' when the start of the document looks like markup, else 'text'."""
    head = text[:4096]
    hits = len(_HTML_SNIFF.findall(head))
    if head.lstrip().startswith("<") and hits >= 1:
        return "html"
    return "html" if hits >= 3 else "text"
