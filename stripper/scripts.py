r"""Character classes of the scripts written without spaces between words.

Kept as code-point ranges and compiled with the standard `re` module: the `regex`
module's `[\p{Han}\p{Hiragana}…]` union costs ~10 µs on a 140-character line, a
range class ~0.1 µs, and these run on every block. The ranges are the `regex`
module's script properties, written out by `python -m stripper.scripts`;
tests/test_scripts.py checks them against those properties.
"""

from __future__ import annotations

import re

# [\p{Han}\p{Hiragana}\p{Katakana}]
HAN_KANA_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3005, 0x3005),
    (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B), (0x3041, 0x3096),
    (0x309D, 0x309F), (0x30A1, 0x30FA), (0x30FD, 0x30FF), (0x31F0, 0x31FF),
    (0x32D0, 0x32FE), (0x3300, 0x3357), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xF900, 0xFA6D), (0xFA70, 0xFAD9), (0xFF66, 0xFF6F), (0xFF71, 0xFF9D),
    (0x16FE2, 0x16FE3), (0x16FF0, 0x16FF6), (0x1AFF0, 0x1AFF3), (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE), (0x1B000, 0x1B128), (0x1B132, 0x1B132), (0x1B150, 0x1B152),
    (0x1B155, 0x1B155), (0x1B164, 0x1B168), (0x1F200, 0x1F200), (0x20000, 0x2A6DF),
    (0x2A700, 0x2B81E), (0x2B820, 0x2CEAD), (0x2CEB0, 0x2EBE0), (0x2EBF0, 0x2EE5D),
    (0x2F800, 0x2FA1D), (0x30000, 0x3134A), (0x31350, 0x33479),
)
# [\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]
OTHER_UNSPACED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0E01, 0x0E3A), (0x0E40, 0x0E5B), (0x0E81, 0x0E82), (0x0E84, 0x0E84),
    (0x0E86, 0x0E8A), (0x0E8C, 0x0EA3), (0x0EA5, 0x0EA5), (0x0EA7, 0x0EBD),
    (0x0EC0, 0x0EC4), (0x0EC6, 0x0EC6), (0x0EC8, 0x0ECE), (0x0ED0, 0x0ED9),
    (0x0EDC, 0x0EDF), (0x1000, 0x109F), (0x1780, 0x17DD), (0x17E0, 0x17E9),
    (0x17F0, 0x17F9), (0x19E0, 0x19FF), (0xA9E0, 0xA9FE), (0xAA60, 0xAA7F),
    (0x116D0, 0x116E3),
)

PROPERTIES = {
    "HAN_KANA_RANGES": r"[\p{Han}\p{Hiragana}\p{Katakana}]",
    "OTHER_UNSPACED_RANGES": r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]",
}


def char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """`[...]` matching the code points of `ranges`."""
    return "[" + "".join(
        f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


def bmp_part(ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """`ranges` cut at U+FFFF: `re` checks a class within the BMP by bitmap, ten times
    faster than one reaching beyond it, whose ranges it walks one by one."""
    return tuple((a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF)


def from_lowest(ranges: tuple[tuple[int, int], ...]) -> re.Pattern:
    """Any character from the lowest of `ranges` up: text without one holds none of
    them, and this one-range class is far cheaper to search than the ranges."""
    return re.compile(f"[{chr(min(a for a, _ in ranges))}-\U0010ffff]")


# What renderers draw list bullets with, by nesting level: lynx * + o # @, w3m • □ ☆ ■,
# inscriptis * and +, browsers' copies • ◦ ▪; plus dashes. For a character class.
BULLET_GLYPHS = r"*•·+▪►◦‣○●■□☆★◆◇#@–—\-"
ASCII_BULLET_GLYPHS = r"*+#@\-"

BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")  # text with none takes the bmp_part
HAN_KANA = re.compile(char_class(HAN_KANA_RANGES))
UNSPACED = re.compile(char_class(HAN_KANA_RANGES + OTHER_UNSPACED_RANGES))


def ranges_of(pattern: str, bmp_only: bool = False) -> tuple[tuple[int, int], ...]:
    """The code-point ranges a `regex` character class matches, surrogates included,
    cut at U+FFFF when `bmp_only` (slow: every code point)."""
    import regex

    everything = "".join(map(chr, range(0x110000)))
    found = tuple((m.start(), m.end() - 1) for m in regex.finditer(pattern + "+", everything))
    if bmp_only:
        found = bmp_part(found)
    return found


if __name__ == "__main__":
    for name, pattern in PROPERTIES.items():
        print(f"{name} = {ranges_of(pattern)!r}")
