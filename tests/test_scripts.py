"""The written-out script ranges agree with the regex module's Unicode properties."""

import unicodedata

import pytest

from stripper import scripts


@pytest.mark.parametrize("name", sorted(scripts.PROPERTIES))
def test_ranges_match_the_regex_properties(name):
    ours = set()
    for a, b in getattr(scripts, name):
        ours.update(range(a, b + 1))
    theirs = set()
    for a, b in scripts.ranges_of(scripts.PROPERTIES[name]):
        theirs.update(range(a, b + 1))
    # Characters Python's own Unicode tables know; newer ones may follow a regex upgrade.
    assigned = {c for c in ours ^ theirs if unicodedata.category(chr(c)) != "Cn"}
    assert not assigned, [hex(c) for c in sorted(assigned)[:10]]


@pytest.mark.parametrize("text, han_kana, unspaced", [
    ("漢字", True, True), ("ひらがな", True, True), ("カタカナ", True, True),
    ("ภาษาไทย", False, True), ("ភាសាខ្មែរ", False, True), ("မြန်မာ", False, True),
    ("العربية", False, False), ("русский", False, False), ("한국어", False, False),
    ("plain", False, False),
])
def test_classes(text, han_kana, unspaced):
    assert bool(scripts.HAN_KANA.search(text)) is han_kana
    assert bool(scripts.UNSPACED.search(text)) is unspaced


def test_bmp_part_and_from_lowest():
    ranges = ((0x0E01, 0x0E3A), (0xF900, 0x2A6DF), (0x30000, 0x3134A))
    assert scripts.bmp_part(ranges) == ((0x0E01, 0x0E3A), (0xF900, 0xFFFF))
    lowest = scripts.from_lowest(ranges)
    assert lowest.search("abc \u0e01") and not lowest.search("abc \u0e00")
    assert scripts.BEYOND_BMP.search("x\U00020000") and not scripts.BEYOND_BMP.search("x\uffff")
