"""The fast paths of features.py agree with the patterns they stand in for."""

from __future__ import annotations

import random
import re

import regex

from stripper import features

_URL_ORIGINAL = re.compile(
    r"https?://|www\.|\w@[\w-]+\.\w|\[\d+\]|\.(?:com|org|net|html?|php|de|ru|cn)\b",
    re.IGNORECASE,
)
_ALPHABET = "hHtTpPsS:/wW.@[]0123-_ aéoCcMmRrNnLl\u0130\u212a\u017f"


def test_url_pattern_matches_the_same_texts():
    rng = random.Random(7)
    for _ in range(50_000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 14)))
        assert bool(features._URL.search(text)) is bool(_URL_ORIGINAL.search(text)), text
    for text in ("http://a", "HTTPS://x", "www.x", "WwW.", "a@b.c", "@b.c", "[12]", "x.COM",
                 "x.html", "x.de1", "ahttp:/", "see [a]"):
        assert bool(features._URL.search(text)) is bool(_URL_ORIGINAL.search(text)), text


def test_ascii_paths_agree_with_the_unicode_patterns():
    rng = random.Random(3)
    alphabet = "abcXYZ019 '-_.,;:!?()[]\t/\\\"’é"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        if not text.isascii():
            continue
        assert features.tokens(text) == features._WORD.findall(text.casefold())
        assert features.normalise(text) == \
            regex.sub(r"[\W\d_]+", " ", text).strip().casefold()
        assert features._ASCII_NON_LETTERS.sub("", text) == features._NON_LETTERS.sub("", text)


def test_cjk_floor_is_below_every_unspaced_character():
    everything = "".join(map(chr, range(0x110000)))
    floor = features._MAY_BE_CJK.search(everything).start()
    assert not features._CJK.search(everything[:floor])
    assert features._CJK.search(chr(floor))


def test_ascii_terminal_and_bullet_agree_with_the_unicode_patterns():
    rng = random.Random(5)
    alphabet = ".!?:;'\")]x[0o1A-*+ \t\n\x0b\x0c\r\x1c\x1f"
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert bool(features._ASCII_TERMINAL.search(text)) is \
            bool(features._TERMINAL.search(text)), repr(text)
        assert bool(features._ASCII_BULLET.match(text)) is \
            bool(features._BULLET.match(text)), repr(text)


def test_keyed_measure_agrees_with_measure_and_normalise():
    from stripper.language import stopwords_for

    stopwords = stopwords_for("fa")
    for text in ["کتاب\u200cها را روی میز گذاشتم.", " Ⓐ Ⅻ 〇 a_b‿c ", "Straße\xa0", "\u3000abc",
                 "ش۱۲۳ ٤٥", "漢字 かな", "x\u0301y", ""]:
        plain = features._measure(text, stopwords)
        keyed = features._measure(text, stopwords, keyed=True)
        assert keyed[:8] + keyed[9:] == plain[:8] + plain[9:]
        assert plain[8] == "" and keyed[8] == features.normalise(text)
        stripped = text.strip()
        letters = len(features._NON_LETTERS.sub("", stripped)) / max(
            1, len("".join(stripped.split())))
        assert plain[2] == letters


def test_letter_ranges_are_the_regex_classes():
    import unicodedata

    from stripper import letters, scripts

    def points(ranges):
        return {c for a, b in ranges for c in range(a, b + 1)}

    for name, (pattern, bmp_only) in letters.PROPERTIES.items():
        differ = points(getattr(letters, name)) ^ points(scripts.ranges_of(pattern, bmp_only))
        # only characters Python's own tables know: a newer regex may know more
        assert not {c for c in differ if unicodedata.category(chr(c)) != "Cn"}, name


def test_bmp_normalise_agrees_with_regex():
    bmp = "".join(map(chr, range(0x10000)))  # surrogates included
    assert features._BMP_NORMALISE.sub(" ", bmp) == features._NORMALISE.sub(" ", bmp)
    rng = random.Random(4)
    pool = [chr(c) for c in range(0x80, 0x3400)] + list("ab 1_.") * 50 + ["𝐀"]
    for _ in range(3_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        assert features._dropped(text) == features._NORMALISE.sub(" ", text), repr(text)


def test_bmp_tokens_agree_with_regex():
    rng = random.Random(9)
    pool = [chr(c) for c in range(0x80, 0x3400) if not 0xD800 <= c < 0xE000]
    pool += list("abc 019'’-_.,") * 40 + ["\U0001d400", "\U00020000", "\u0301", "\u200c"]
    for _ in range(5_000):
        text = "x" + "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        if text.isascii():
            continue
        expected = features._WORD.findall(text.casefold())
        if not features._CJK.search(text):
            assert features.tokens(text) == expected, repr(text)
        assert features._BMP_WORD.findall(text) == features._WORD.findall(text) or \
            features.BEYOND_BMP.search(text), repr(text)


def test_bmp_cjk_classes_agree_within_the_bmp():
    from stripper import language

    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert features._CJK_BMP.findall(bmp) == features._CJK.findall(bmp)
    assert language._CJK_BMP.findall(bmp) == language._CJK.findall(bmp)
    below = "".join(chr(c) for c in range(ord(language._MAY_BE_CJK.pattern[1])))
    assert not language._CJK.search(below)


def test_bmp_wide_class_agrees_with_regex():
    from stripper.segment import text as segment

    bmp = "".join(map(chr, range(0x10000)))
    assert segment._WIDE_BMP.findall(bmp) == segment._WIDE.findall(bmp)
    for text in ("漢字 and かな", "a\U00020000b", "Straße", "한국어 텍스트"):
        assert segment.cells(text) == len(text) + len(segment._WIDE.findall(text))


def test_bmp_word_not_letter_agrees_within_the_bmp():
    bmp = "".join(map(chr, range(0x10000)))
    assert features._BMP_WORD_NOT_LETTER.findall(bmp) == features._WORD_NOT_LETTER.findall(bmp)
