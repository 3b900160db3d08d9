"""Undo mojibake: UTF-8 text that was read once as Latin-1 or windows-1252.

A renderer that guesses a page's charset wrong (lynx on a page that declares
none, a scraper that decoded UTF-8 as Latin-1 and saved the result as UTF-8)
writes "für" as "fÃ¼r" and "–" as "â€“". The bytes still say what the page
said, so reading them right is decoding, not rewriting: decode() does it, and
the lines an output may copy are those of the repaired text.

ftfy does the repair: it undoes only sequences that decode as UTF-8 and makes
the text less odd by its measure, and it leaves mixed pages (some lines right,
some doubly encoded) right where they are right. A cheap scan for the
signature of such text comes first, so clean text (nearly every page) costs one
regex search.
"""

from __future__ import annotations

import regex

# The lead unit of a 2-4 byte UTF-8 sequence read as Latin-1/windows-1252 (Â-ô),
# then a continuation byte read the same way: U+0080-U+00BF, or what windows-1252
# prints for 0x80-0x9F.
_SIGNATURE = regex.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
MIN_SIGNATURES = 2  # one odd pair is a typo or a name; mojibake repeats


def repaired(text: str) -> str:
    """`text` with doubly encoded UTF-8 read right; unchanged when there is none."""
    first = _SIGNATURE.search(text)
    if first is None or _SIGNATURE.search(text, first.end()) is None:
        return text
    import ftfy  # only for the few pages that need it

    fixed = ftfy.fix_encoding(text)
    # a repair never joins or splits lines: the output's lines stay the input's
    return fixed if fixed.count("\n") == text.count("\n") else text
