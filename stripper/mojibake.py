"""Undo mojibake: UTF-8 text that was read once as Latin-1 or windows-1252.

A renderer that guesses a page's charset wrong (lynx on a page that declares
none, a scraper that decoded UTF-8 as Latin-1 and saved the result as UTF-8)
writes "für" as "fÃ¼r" and "–" as "â€“". The bytes still say what the page
said, so reading them right is decoding, not rewriting: decode() does it, and
the lines an output may copy are those of the repaired text.

ftfy does the repair: it undoes only sequences that decode as UTF-8 and makes
the text less odd by its measure, and it leaves mixed pages (some lines right,
some doubly encoded) right where they are right. A cheap scan of the UTF-8
bytes for the signature of such text comes first, so clean text (nearly every
page) costs one search.
"""

from __future__ import annotations

import re
from itertools import islice

# What a continuation byte (0x80-0xBF) reads as in Latin-1 or windows-1252, as the
# UTF-8 the text is saved in: the scan runs over bytes, where `re` finds the lead's
# 0xC3 at memchr speed (a character class over str costs a page a millisecond).
_CONT = (rb"(?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c]"
         rb"|\xe2\x80[\x93\x94\x98-\x9a\x9c-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\xe2\x82\xac"
         rb"|\xe2\x84\xa2)")
# A whole UTF-8 sequence read so: a two-byte lead (Â-Þ: 0xC3 0x82-0x9E; ß's DF leads
# only N'Ko, and German writes „groß“) and one continuation, a three-byte lead (à-ï)
# and two, a four-byte lead (ð-ô) and three. Real text has such runs rarely: "ä"
# before a soft hyphen or "í" before a closing quote is one continuation short.
_SIGNATURE = re.compile(rb"\xc3(?:[\x82-\x9e]" + _CONT + rb"|[\xa0-\xaf]" + _CONT + rb"{2}"
                        rb"|[\xb0-\xb4]" + _CONT + rb"{3})")
MIN_SIGNATURES = 2  # one odd pair is a typo or a name; mojibake repeats


def repaired(text: str) -> str:
    """`text` with doubly encoded UTF-8 read right; unchanged when there is none."""
    if text.isascii():
        return text
    signatures = _SIGNATURE.finditer(text.encode("utf-8", errors="surrogatepass"))
    if sum(1 for _ in islice(signatures, MIN_SIGNATURES)) < MIN_SIGNATURES:
        return text
    import ftfy  # only for the few pages that need it

    lines = text.split("\n")
    # only the garbled lines, read together (ftfy judges each sequence by the rest of
    # what it is given, and reads a whole large page for tens of milliseconds); split
    # at "\n" only: a garbled line can hold U+0085, which str.splitlines breaks at
    garbled = [i for i, line in enumerate(lines) if not line.isascii()
               and _SIGNATURE.search(line.encode("utf-8", "surrogatepass"))]
    fixed = ftfy.fix_encoding("\n".join(lines[i] for i in garbled)).split("\n")
    if len(fixed) != len(garbled):  # a repair never joins or splits lines
        return text
    for i, line in zip(garbled, fixed, strict=True):
        if line.count("\r") == lines[i].count("\r"):
            lines[i] = line
    return "\n".join(lines)
