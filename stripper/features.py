"""Per-block statistics: length, letters, punctuation, stopwords, links, repetition.

Word counts follow the script: CJK text has no spaces, so each Han, kana or
Thai-like character counts as a word; everything else is split on letters.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from stripper.language import Stopwords
from stripper.model import Block, Features
from stripper.scripts import UNSPACED

_CJK = UNSPACED
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’\-]*")
_NON_LETTERS = regex.compile(r"[^\p{L}\p{M}]+")
_TERMINAL = regex.compile(
    r"[.!?؟۔。！？…:;؛]['\"’”»›」』）)\]\p{Pf}]*\s*(?:\[\d+\])?\s*$"
)
_TAIL = 24  # characters: enough for a sentence end, closing quotes and a link marker
# Plain `re`: no Unicode property needed, and three times faster on every block.
_URL = re.compile(
    r"https?://|www\.|\w@[\w-]+\.\w|\[\d+\]|\.(?:com|org|net|html?|php|de|ru|cn)\b",
    re.IGNORECASE,
)
# List markers; inscriptis marks nested items with a plain "o".
_BULLET = regex.compile(r"^\s*(?:[*•·+▪►◦‣○●■□–—\-]|\d{1,3}[.)]|o(?=\s+\p{Lu}))\s")
_NORMALISE = regex.compile(r"[\W\d_]+")


def normalise(text: str) -> str:
    """The text with digits, punctuation and case dropped: what repeats across a page."""
    return _NORMALISE.sub(" ", text).strip().casefold()


def tokens(text: str) -> list[str]:
    """Words for stopword matching; CJK characters count one each."""
    if not _CJK.search(text):
        return _WORD.findall(text.casefold())
    words = []
    for w in _WORD.findall(text):
        if _CJK.search(w):
            words.extend(_CJK.findall(w))
            rest = _CJK.sub(" ", w).split()
            words.extend(rest)
        else:
            words.append(w.casefold())
    return words


def measure(text: str, stopwords: Stopwords) -> Features:
    return Features(*_measure(text, stopwords))


def _measure(text: str, stopwords: Stopwords) -> tuple:
    """Features' fields in order; `repeats` and `key` are the page's to fill in."""
    stripped = text.strip()
    nonspace = max(1, len("".join(stripped.split())))
    words = tokens(stripped)
    cjk = len(_CJK.findall(stripped)) if not stripped.isascii() else 0
    return (
        len(stripped),
        len(words),
        len(_NON_LETTERS.sub("", stripped)) / nonspace,
        stopwords.ratio(words),
        bool(_TERMINAL.search(stripped[-_TAIL:])),
        _link_likeness(stripped),
        bool(_BULLET.match(text)),
        1,
        "",
        cjk > nonspace * 0.3,
    )


def _link_likeness(text: str) -> float:
    """0 for plain text; otherwise grows with the share of the text in URL-ish tokens."""
    if not _URL.search(text):
        return 0.0
    covered = sum(len(t) for t in text.split() if _URL.search(t))
    return min(1.0, 0.3 + covered / max(1, len(text)))


def measure_blocks(blocks: list[Block], stopwords: Stopwords) -> None:
    """Fill in every block's features, including repetition within the page."""
    keys = [normalise(b.text) for b in blocks]
    counts = Counter(k for k in keys if k)
    seen: dict[str, tuple] = {}  # pages repeat their menus: measure each text once
    for block, key in zip(blocks, keys, strict=True):
        values = seen.get(block.text)
        if values is None:
            values = seen[block.text] = _measure(block.text, stopwords)
        chars, words, letters, stops, terminal, link_like, bullet, _, _, cjk = values
        block.features = Features(chars, words, letters, stops, terminal, link_like, bullet,
                                  counts.get(key, 1), key, cjk)
