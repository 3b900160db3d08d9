"""Dates and times as printed, and as ISO 8601 where they can be read.

dateparser does the reading (it knows month names in some 200 locales). We add
only what it misses: the Levantine Arabic month names (كانون الثاني …), which we
map to the Gregorian Arabic ones it knows, and Eastern Arabic / Persian digits,
which we fold to ASCII first. Solar Hijri dates go through dateparser's Jalali
calendar (which needs convertdate).
"""

from __future__ import annotations

import importlib.util
import unicodedata
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path

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
# dateparser's name for a language where it differs from the ISO 639-1 code we detect
LOCALE_ALIASES = {"no": "nb"}  # Norwegian: Bokmål, which most Norwegian pages write
MAX_DATE_CHARS = 160  # a date line is short; longer text is not searched further

_LEVANTINE = regex.compile(
    r"(?<!\p{L})(" + "|".join(sorted(LEVANTINE_MONTHS, key=len, reverse=True)) + r")(?!\p{L})"
)
_SAME_MONTH_TWICE = regex.compile(r"(\p{L}+)\s*(?:/\s*\1|\(\s*\1\s*\))")

UPDATED = regex.compile(  # the profiles' "updated" labels among them: they read as published
    r"updated|last\s+modified|aktualisiert|(?<!\p{L})akt\.|mis\s+à\s+jour|modifié|actualizado|"
    r"atualizado|aggiornato|bijgewerkt|oppdatert|opdateret|uppdaterad|päivitetty|"
    r"aktualizacja|zaktualizowano|güncelle|diperbarui|imesasishwa|cập\s+nhật|ενημερώθηκε|"
    r"обновлено|оновлено|עודכן|수정|更新|آخر\s+تحديث|تحديث|به\s*روز|بروزرسانی|اپ\s*ڈیٹ|"
    r"अपडेट|আপডেট|อัปเดต|განახლდა|թարմացվել",
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


def ascii_digits(text: str) -> str:
    """Fold every decimal digit (Arabic-Indic, Persian, Devanagari …) to ASCII."""
    return "".join(str(unicodedata.digit(c)) if c.isdecimal() and not c.isascii() else c
                   for c in text)


def prepare(text: str) -> str:
    if not text.isascii():  # ASCII text has ASCII digits and no Arabic month names
        text = ascii_digits(text)
        text = _LEVANTINE.sub(lambda m: LEVANTINE_MONTHS[m.group(1)], text)
    if "/" not in text and "(" not in text:  # what _SAME_MONTH_TWICE needs
        return text
    return _SAME_MONTH_TWICE.sub(r"\1", text)


def _label_free(text: str) -> str:
    text = UPDATED.sub(" ", text)
    text = PUBLISHED.sub(" ", text)
    return _ZONE_AND_BARS.sub(" ", text).strip(" :,-–—")


def warm_up() -> None:
    """dateparser builds its time-zone and locale tables on its first parse (~0.2 s)."""
    _supported()
    _dateparser().parse("12/01/2025 14:30 GMT", languages=["en"])


@cache
def _dateparser():
    import dateparser

    return dateparser


_DATE_SPAN = regex.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{4}[./]\d{1,2}[./]\d{1,2}(?!\d)"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\d{1,2}\.\s\d{1,2}\.\s?\d{4}"  # 28. 4. 2023
    r"|\d{1,2}\.?\s+(?:de\s+)?\p{L}{3,}\.?,?\s+(?:de\s+)?\d{4}"
    r"|\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
)
_CLOCK = regex.compile(
    r"[\s,.\-–—|·]*(?:at|um|à|a\s+las|в|kl\.|T)?\s*(\d{1,2})[:h.](\d{2})(?::(\d{2}))?"
    r"\s*(?:([ap])\.?\s?m\.?\b|(صباح)|(مساء))?",
    regex.IGNORECASE,
)


def date_label(text: str, extra: tuple[str, ...] = ()) -> str | None:
    """"published", "updated" or None: what the words before the line's date call it.

    "Published May 7 | Updated 1 hour ago" is a published date, "11:48, Jul 18 |
    UPDATED: 11:50" too (its label follows the first date). `extra`: the language
    profile's date labels (case-folded), read as a publication label unless UPDATED
    matches too."""
    return date_line_shape(text, extra)[0]


@lru_cache(maxsize=8192)
def date_line_shape(text: str, extra: tuple[str, ...] = ()) -> tuple[str | None, int | None]:
    """(date_label(text, extra), words_beside_date(text)), reading the line once;
    remembered, as a site's date lines recur and settle cleans each page twice."""
    prepared = prepare(text[:MAX_DATE_CHARS])
    span = _DATE_SPAN.search(prepared)
    head = prepared[:span.start()] if span else prepared
    return _label(head, extra), (_beside(prepared, span) if span else None)


def _label(head: str, extra: tuple[str, ...]) -> str | None:
    updated, published = UPDATED.search(head), PUBLISHED.search(head)
    if updated and published:
        return "published" if published.start() > updated.start() else "updated"
    if updated or published:
        return "updated" if updated else "published"
    if not extra:
        return None
    folded = head.casefold()
    return "published" if any(_word_at(folded, label) for label in extra) else None


def _word_at(text: str, label: str) -> bool:
    """`label` in `text` as a word of its own ("Stand:", not "Standard"), where its
    script sets words apart (one with capitals does; Japanese and Thai do not)."""
    cased_start, cased_end = _cased(label[:1]), _cased(label[-1:])
    at = text.find(label)
    while at >= 0:
        after = at + len(label)
        if ((not cased_start or at == 0 or not text[at - 1].isalpha())
                and (not cased_end or after == len(text) or not text[after].isalpha())):
            return True
        at = text.find(label, at + 1)
    return False


def _cased(char: str) -> bool:
    return char.lower() != char.upper()


_WORDY_TOKEN = regex.compile(r"\S*\p{L}\S*")
_PART_BREAK = regex.compile(r"\s[|·•]\s")  # "By A. Writer · 3 May 2026 · 2 Comments"


def words_beside_date(text: str) -> int | None:
    """How many words a line holds besides its date and clock time; None without a date.

    A date line ("22.04.2026, 17:26 Uhr", "by A. Writer 19 Jul 2026 9:45 am") is little
    else; a caption or a sentence that names a day ("… in Leeds, 14 April 2026.") has
    words of its own, and its date is that of what it tells, not of the page. A line of
    parts set apart by bars or dots ("By A. Writer, in News, Politics · 3 May 2026 ·
    4 Comments") is a byline's: only the words of the date's own part count."""
    return date_line_shape(text)[1]


def _beside(prepared: str, span: regex.Match) -> int:
    clock = _CLOCK.match(prepared, span.end())
    after = len(prepared[:clock.end()].rstrip()) if clock else span.end()
    left, right = 0, len(prepared)
    for part_break in _PART_BREAK.finditer(prepared):
        if part_break.end() <= span.start():
            left = part_break.end()
        elif part_break.start() >= after:
            right = part_break.start()
            break
    rest = prepared[left:span.start()] + " " + prepared[after:right]
    return len(_WORDY_TOKEN.findall(rest))


_RUNNING_TIME = regex.compile(r"(?<![\d:])\d{1,3}:\d{2}(?::\d{2})?\s*(?:min|мин)\b",
                           regex.IGNORECASE)
_POST_HANDLE = regex.compile(r"\(@\w{1,30}\)")


def of_other_item(text: str) -> bool:
    """A date beside a running time ("12.03.2026 | 2:43 min") is a clip's, beside a
    handle in brackets ("— A Name (@handle) March 3, 2026") an embedded post's: the
    day of another item, not of the page."""
    head = text[:MAX_DATE_CHARS]
    return bool(_RUNNING_TIME.search(head) or _POST_HANDLE.search(head))


def read_date(text: str, language: str | None = None) -> DateInfo | None:
    """A DateInfo if `text` holds a date or a time, else None.

    The date is cut out of the line first ("Posted on 3 March 2024 by …"), so
    dateparser reads only the date and the clock time right after it.
    """
    prepared = prepare(text[:MAX_DATE_CHARS])
    utc = bool(_UTC.search(prepared))
    span = _DATE_SPAN.search(prepared)
    if span is not None:
        parsed = _parse(span.group(0), language) or _parse_solar_hijri(span.group(0))
        if parsed is None:
            return DateInfo(text=text.strip(), iso=None)
        iso = parsed.date().isoformat()
        clock = _CLOCK.match(prepared, span.end())
        if clock is not None:
            h, m, sec = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
            meridiem = (clock.group(4) or "").lower()
            if (meridiem == "p" or clock.group(6)) and h < 12:
                h += 12  # 5:30 pm, مساءً
            elif meridiem == "a" and h == 12:
                h = 0  # 12:10 am
            if h < 24 and m < 60 and sec < 60:
                iso += f"T{h:02d}:{m:02d}:{sec:02d}" + ("Z" if utc else "")
        return DateInfo(text=text.strip(), iso=iso)
    cleaned = _label_free(prepared)
    time = _TIME.search(cleaned)
    if time and len(cleaned) - len(time.group(0)) <= 3:
        h, m, s = int(time.group(1)), int(time.group(2)), int(time.group(3) or 0)
        if h < 24 and m < 60 and s < 60:
            iso = f"{h:02d}:{m:02d}:{s:02d}" + ("Z" if utc else "")
            return DateInfo(text=text.strip(), iso=iso)
    return None


_NUMERIC = regex.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"|(?P<d2>\d{1,2})\.\s?(?P<m2>\d{1,2})\.\s?(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})\s*年\s*(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*日"
    r"|(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y4>\d{4})"
    r"|(?P<y5>\d{4})(?P<sep>[./])(?P<m5>\d{1,2})(?P=sep)(?P<d5>\d{1,2})"
    r"|(?P<d6>\d{1,2})\.(?P<m6>\d{1,2})\.(?P<y6>\d{2})"
)
PIVOT_YEAR = 69  # a two-digit year below this is 20xx, from it 19xx (POSIX strptime's %y)


def _parse_numeric(text: str):
    """Year-month-day (2019-03-08, 2019.03.08, 2019/03/08: a year first is always
    followed by the month), day.month.year (with a two-digit year too: 25.04.24, read
    as strptime's %y reads it), 年月日 and a day/month/year whose day is over 12
    need no locale: read them directly (a third of the dates on real pages), sparing
    dateparser's per-language warm-up. Other slashed dates are dateparser's to read."""
    m = _NUMERIC.fullmatch(text.strip())
    if m is None:
        return None
    if m.group("y4"):
        d, mo, y = int(m.group("a")), int(m.group("b")), int(m.group("y4"))
        if d <= 12:  # 05/10/2022 is either, by the language; 10/25/2022 reads as
            return None  # a date in some languages and as none in others
    elif m.group("y5"):
        y, mo, d = int(m.group("y5")), int(m.group("m5")), int(m.group("d5"))
    elif m.group("y6"):  # 25.04.24: day.month and a two-digit year
        d, mo, y = int(m.group("d6")), int(m.group("m6")), int(m.group("y6"))
        y += 2000 if y < PIVOT_YEAR else 1900
    else:
        parts = [int(v) for v in m.groups() if v is not None]
        y, mo, d = (parts[2], parts[1], parts[0]) if m.group("d2") else parts
    try:
        return datetime(y, mo, d)
    except ValueError:
        return None


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")


@cache
def month_names(language: str) -> dict[str, int]:
    """Month names of a language as dateparser's own locale data spells them (one
    word each, case-folded; a name two months share is left out)."""
    from dateparser.languages.loader import default_loader

    try:
        info = default_loader.get_locale(language).info
    except Exception:  # a language dateparser has no locale for
        return {}
    found: dict[str, set[int]] = {}
    for month, key in enumerate(_MONTH_KEYS, 1):
        for name in info.get(key, ()):
            if _ONE_WORD.fullmatch(name):
                found.setdefault(name.casefold(), set()).add(month)
    return {name: months.pop() for name, months in found.items() if len(months) == 1}


_ONE_WORD = regex.compile(r"\p{L}+")
_WORDY = regex.compile(
    r"(?P<d>\d{1,2})\.? (?P<m>\p{L}+)\.?,? (?P<y>\d{4})"
    r"|(?P<m2>\p{L}+)\.? (?P<d2>\d{1,2})(?P<sfx>st|nd|rd|th)?,? (?P<y2>\d{4})"
)


def _parse_wordy(text: str, language: str):
    """"5 March 2024", "March 5th, 2024", "5. März 2024": the month's name looked up in
    dateparser's own data, read as dateparser would read it (tests compare the two in
    many languages), sparing its ~2 ms a date. None for anything else, dateparser's
    to read."""
    months = month_names(language)
    m = _WORDY.fullmatch(text) if months else None
    if m is None:
        return None
    if m.group("d") is not None:
        day, name, year = m.group("d"), m.group("m"), m.group("y")
    else:
        day, name, year = m.group("d2"), m.group("m2"), m.group("y2")
        suffix = m.group("sfx")
        if suffix and (language != "en" or suffix != _ordinal(int(day))):
            return None
    month = months.get(name.casefold())
    if month is None or not 1900 <= int(year) <= 2099:
        return None
    try:
        return datetime(int(year), month, int(day))
    except ValueError:  # 31 April: dateparser's to judge
        return None


def _ordinal(day: int) -> str:
    return "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@lru_cache(maxsize=512)
def _parse(text: str, language: str | None):
    """dateparser, told the page's language: asking it to guess among all is slow.
    Remembered: a site prints the same dates page after page, and a clean text cleaned
    again reads its own date lines a second time."""
    numeric = _parse_numeric(text)
    if numeric is not None:
        return numeric
    language = LOCALE_ALIASES.get(language or "", language)
    languages = [language] if language and language in _supported() else ["en"]
    wordy = _parse_wordy(text, languages[0])
    if wordy is not None:
        return wordy
    dp = _dateparser()
    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    if _DOTTED.search(text):  # 12.03.2019 is day.month.year wherever dots are used
        settings["DATE_ORDER"] = "DMY"
    try:
        return dp.parse(text, languages=languages, settings=settings)
    except Exception:  # dateparser raises on odd inputs; a date we cannot read is no date
        return None


_SOLAR_HIJRI_YEAR = regex.compile(r"\b1[34]\d\d\b")  # 1300–1499 SH is 1921–2121 CE


def _parse_solar_hijri(text: str):
    """Iranian and Afghan pages date by the Solar Hijri calendar (۲۴ مهر ۱۴۰۳);
    dateparser reads it with convertdate's help."""
    if not _SOLAR_HIJRI_YEAR.search(text):
        return None
    try:
        from dateparser.calendars.jalali import JalaliCalendar

        found = JalaliCalendar(text).get_date()
    except Exception:  # not a Solar Hijri date after all, or convertdate missing
        return None
    return found.date_obj if found else None


@cache
def _supported() -> frozenset[str]:
    """The locales dateparser has data for, by the names of its data files: found
    without importing dateparser, whose import and locale map cost a process 0.15 s
    where no date needs it (its loader's map, when the files cannot be listed)."""
    spec = importlib.util.find_spec("dateparser")
    for root in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(root) / "data" / "date_translation_data"
        names = frozenset(f.stem for f in folder.glob("*.py") if not f.stem.startswith("_"))
        if names:
            return names
    from dateparser.languages.loader import default_loader

    return frozenset(default_loader.get_locale_map())
