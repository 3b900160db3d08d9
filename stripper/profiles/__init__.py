"""Language profiles: what the statistics need to know about a language, as data.

One TOML file a language code (`<code>.toml` in this folder), in the manner of
jusText's stoplists; a new language is a new file, no code. A profile holds:

* `function_words`: the language's own list, written and checked against prose in
  that language; `stopwordsiso = true` adds that package's list to it (false where
  the package's list is broken, e.g. Urdu's, whose letters are mis-encoded).
* `prefixes` / `suffixes`: clitics and endings that carry function words inside a
  token (Hebrew ו/ה/ב/ל, Arabic وال/بال, Korean particles, Turkish and Finnish case
  endings, Zulu/Xhosa concords). A token bearing one on a stem of at least
  `min_stem` letters counts `affix_weight` of a function word.
* `segmentation`: "words" (split on spaces) or "chars" (CJK, Thai: each character a
  token; multi-character function words are then matched in the running text).
* `date_labels`, `end_markers`: what a published/updated line and the end of an
  article say in the language: date labels feed the metadata, and each profile's
  end markers become one built-in rule, `related.profile-<code>`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

SEGMENTATION = ("words", "chars")
DEFAULT_AFFIX_WEIGHT = 0.5
DEFAULT_MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class Profile:
    code: str
    name: str
    function_words: frozenset[str]
    stopwordsiso: bool = True
    prefixes: tuple[str, ...] = ()  # longest first
    suffixes: tuple[str, ...] = ()  # longest first
    affix_weight: float = DEFAULT_AFFIX_WEIGHT
    min_stem: int = DEFAULT_MIN_STEM
    segmentation: str = "words"
    date_labels: tuple[str, ...] = ()
    end_markers: tuple[str, ...] = ()


def _longest_first(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted({i.casefold() for i in items}, key=len, reverse=True))


@cache
def profile_for(code: str | None) -> Profile | None:
    """The profile of an ISO 639-1 code, or None when the language has no file."""
    if not code or not code.isalpha():
        return None
    try:
        raw = resources.files(__name__).joinpath(f"{code}.toml").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return parse_profile(code, raw)


def parse_profile(code: str, raw: str) -> Profile:
    data = tomllib.loads(raw)
    segmentation = data.get("segmentation", "words")
    if segmentation not in SEGMENTATION:
        raise ValueError(f"{code}.toml: segmentation must be one of {SEGMENTATION}")
    words = data.get("function_words", [])
    if isinstance(words, str):  # a whitespace-separated list reads best for long lists
        words = words.split()
    return Profile(
        code=code,
        name=data.get("name", code),
        function_words=frozenset(w.casefold() for w in words),
        stopwordsiso=bool(data.get("stopwordsiso", True)),
        prefixes=_longest_first(data.get("prefixes", [])),
        suffixes=_longest_first(data.get("suffixes", [])),
        affix_weight=float(data.get("affix_weight", DEFAULT_AFFIX_WEIGHT)),
        min_stem=int(data.get("min_stem", DEFAULT_MIN_STEM)),
        segmentation=segmentation,
        date_labels=tuple(data.get("date_labels", [])),
        end_markers=tuple(data.get("end_markers", [])),
    )


def profiled_languages() -> list[str]:
    """Every language code with a profile file."""
    return sorted(p.name[:-5] for p in resources.files(__name__).iterdir()
                  if p.name.endswith(".toml"))
