"""Language identification (py3langid) and stopword lists (stopwordsiso).

Both come from maintained packages; the models load once per process, lazily,
so importing stripper stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from stripper.scripts import (
    BEYOND_BMP,
    HAN_KANA,
    HAN_KANA_RANGES,
    bmp_part,
    char_class,
    from_lowest,
)

_CJK_LANGS = {"zh", "ja", "th", "lo", "km", "my"}
_LONG_LINE = 60  # characters: lines this long say more about the language than menus do
_SAMPLE = 2000
_QUICK_SAMPLE = 500
_SURE = 0.99
_LETTER = regex.compile(r"\p{L}")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(lines: list[str]) -> str | None:
    """ISO 639-1 code of the page's main language, judged from its longer lines."""
    long_lines = [ln for ln in lines if len(ln) >= _LONG_LINE or _mostly_cjk(ln, 15)]
    text = " ".join(long_lines or lines)
    if not _LETTER.search(text, endpos=_SAMPLE):
        return None
    # A short sample first: the model's cost grows with the text, and on most pages a
    # quarter of the sample already makes it sure (it then agrees with the full one).
    lang, prob = _identifier().classify(text[:_QUICK_SAMPLE])
    if len(text) > _QUICK_SAMPLE and (
            prob < _SURE or not _LETTER.search(text, endpos=_QUICK_SAMPLE)):
        lang, prob = _identifier().classify(text[:_SAMPLE])
    return lang if prob >= 0.5 else None


_CJK = HAN_KANA
_MAY_BE_CJK = from_lowest(HAN_KANA_RANGES)  # Han and kana start at U+2E80
_CJK_BMP = re.compile(char_class(bmp_part(HAN_KANA_RANGES)))


def _mostly_cjk(line: str, n: int) -> bool:
    if line.isascii() or len(line) < n or not _MAY_BE_CJK.search(line):
        return False
    return len((_CJK if BEYOND_BMP.search(line) else _CJK_BMP).findall(line)) >= n


@dataclass(frozen=True, slots=True)
class Stopwords:
    language: str | None
    words: frozenset[str]

    @property
    def available(self) -> bool:
        return bool(self.words)

    def ratio(self, tokens: list[str]) -> float:
        if not tokens or not self.words:
            return 0.0
        return sum(map(self.words.__contains__, tokens)) / len(tokens)


@cache
def stopwords_for(language: str | None) -> Stopwords:
    if not language:
        return Stopwords(None, frozenset())
    import stopwordsiso

    try:
        words = stopwordsiso.stopwords(language) or set()
    except Exception:  # an unknown code: no list rather than a crash
        words = set()
    if language in _CJK_LANGS:  # CJK text is tokenised per character
        words = {w for w in words if len(w) == 1}
    return Stopwords(language, frozenset(w.casefold() for w in words))
