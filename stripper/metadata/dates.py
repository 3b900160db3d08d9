"""Dates and times as printed, and as ISO 8601 where they can be read.

dateparser does the reading (it knows month names in some 200 locales). We add
only what it misses: the Levantine Arabic month names (كانون الثاني …), which we
map to the Gregorian Arabic ones it knows, and Eastern Arabic / Persian digits,
which we fold to ASCII first.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from stripper.model import DateInfo

LEVANTINE_MONTHS = {
    "كانون الثاني": "يناير",
    "شباط": "فبراير",
    "آذار": "مارس",
    "نيسان": "أبريل",
    "أيار": "مايو",
    "حزيران": "يونيو",
    "تموز": "يوليو",
    "آب": "أغسطس",
    "أيلول": "سبتمبر",
    "تشرين الأول": "أكتوبر",
    "تشرين الثاني": "نوفمبر",
    "كانون الأول": "ديسمبر",
}
MAX_DATE_CHARS = 160  # a date line is short; longer text is not searched further

_LEVANTINE = regex.compile(
    r"(?<!\p{L})(" + "|".join(sorted(LEVANTINE_MONTHS, key=len, reverse=True)) + r")(?!\p{L})"
)
_SAME_MONTH_TWICE = regex.compile(r"(\p{L}+)\s*/\s*\1")

UPDATED = regex.compile(
    r"updated|last\s+modified|aktualisiert|mis\s+à\s+jour|actualizado|обновлено|更新|"
    r"آخر\s+تحديث|تحديث|به\s*روز|بروزرسانی|اپ\s*ڈیٹ",
    regex.IGNORECASE,
)
PUBLISHED = regex.compile(
    r"published|posted|veröffentlicht|publié|publicado|опубликовано|发布|発行|"
    r"نشر|تاريخ\s+النشر|تاریخ\s+انتشار|شائع",
    regex.IGNORECASE,
)
_ZONE_AND_BARS = regex.compile(r"\b(?:GMT|UTC)\b|(?:GMT|UTC)(?=\d)|[|•·]")
_DOTTED = regex.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_TIME = regex.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)")
_UTC = regex.compile(r"\b(?:GMT|UTC)|(?:GMT|UTC)(?=\d)")
_HAS_DATE_PARTS = regex.compile(
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}"
    r"|(?=.*\d{4})(?:\d{1,2}\.?\s*\p{L}{3,}|\p{L}{3,}\.?\s*\d{1,2}\b)|\d+\s*[年月]\s*\d+"
)


def ascii_digits(text: str) -> str:
    """Fold every decimal digit (Arabic-Indic, Persian, Devanagari …) to ASCII."""
    return "".join(str(unicodedata.digit(c)) if c.isdecimal() and not c.isascii() else c
                   for c in text)


def prepare(text: str) -> str:
    text = ascii_digits(text)
    text = _LEVANTINE.sub(lambda m: LEVANTINE_MONTHS[m.group(1)], text)
    return _SAME_MONTH_TWICE.sub(r"\1", text)


def _label_free(text: str) -> str:
    text = UPDATED.sub(" ", text)
    text = PUBLISHED.sub(" ", text)
    return _ZONE_AND_BARS.sub(" ", text).strip(" :,-–—")


@cache
def _dateparser():
    import dateparser

    return dateparser


def read_date(text: str, language: str | None = None) -> DateInfo | None:
    """A DateInfo if `text` holds a date or a time, else None."""
    prepared = prepare(text[:MAX_DATE_CHARS])
    utc = bool(_UTC.search(prepared))
    cleaned = _label_free(prepared)
    if _HAS_DATE_PARTS.search(cleaned):
        parsed = _parse(cleaned, language)
        if parsed is not None:
            iso = parsed.isoformat()
            if parsed.hour == parsed.minute == parsed.second == 0 and not _TIME.search(cleaned):
                iso = parsed.date().isoformat()
            elif utc and parsed.tzinfo is None:
                iso += "Z"
            return DateInfo(text=text.strip(), iso=iso)
    time = _TIME.search(cleaned)
    if time and len(cleaned) - len(time.group(0)) <= 3:
        h, m, s = int(time.group(1)), int(time.group(2)), int(time.group(3) or 0)
        if h < 24 and m < 60 and s < 60:
            iso = f"{h:02d}:{m:02d}:{s:02d}" + ("Z" if utc else "")
            return DateInfo(text=text.strip(), iso=iso)
    return None


def _parse(text: str, language: str | None):
    """dateparser, told the page's language: asking it to guess among all is slow."""
    dp = _dateparser()
    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    if _DOTTED.search(text):  # 12.03.2019 is day.month.year wherever dots are used
        settings["DATE_ORDER"] = "DMY"
    languages = [language] if language and language in _supported() else ["en"]
    try:
        return dp.parse(text, languages=languages, settings=settings)
    except Exception:  # dateparser raises on odd inputs; a date we cannot read is no date
        return None


@cache
def _supported() -> frozenset[str]:
    from dateparser.languages.loader import default_loader

    return frozenset(default_loader.get_locale_map())
