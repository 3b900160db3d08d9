"""Metadata of a page: title, dates, dateline, site name, language, counts."""

from __future__ import annotations

from functools import cache

import regex

from stripper.features import normalise
from stripper.metadata.dates import date_label, read_date, words_beside_date
from stripper.metadata.title import find_site_name, find_title, headline_text, is_title_repeat
from stripper.model import Block, Category, DateInfo, Metadata, Verdict, removed_by_category
from stripper.profiles import profile_for

_KEPT = Verdict.KEPT  # `block.verdict is _KEPT`: Block.kept without the property call

__all__ = ["describe", "read_date"]

DATE_LOOKBACK = 60  # blocks before the article searched for its date (nearest first)
DATE_LEAD = 8  # the article's first blocks, which may hold its byline and date line
DATE_LOOKAHEAD = 3  # and after its end (bylines at the foot)
PLACE_LOOKBACK = 12  # blocks before the article searched for a byline's place
MAX_DATE_WORDS = 16
# a date line's words besides its date ("Uhr", a byline's name): fitted on half the fd
# publishers (CRC32 of the URL host), 4 to 6 the same on the other half
DATE_LINE_WORDS = 6
_PLACE_LINE = regex.compile(r"^\s*(\p{L}[\p{L}\p{M}\s.'’]{1,30}?)\s+[-–—]\s+(\S.{0,40})$")
_PLACE_LEAD = regex.compile(
    r"^\s*(\p{L}[\p{L}\p{M}\s.'’]{1,30}?)\s*(?:\([^)]{1,30}\))?\s*(?:[-–—]|(?<=\p{L}):)\s+\S"
)
# Persian agencies' formula: "به گزارش <agency> از <place>،"
_PLACE_REPORT = regex.compile(r"به\s+گزارش\s+[^،,]{1,40}?\s+از\s+(\p{L}[\p{L}\p{M}]+)\s*[،,]")
_BYLINE_PARTS = regex.compile(r"\s+[·|•]\s+")
MAX_PLACE_WORDS = 2


def describe(
    blocks: list[Block], *, language: str | None, url: str | None = None
) -> Metadata:
    """Fill the metadata and drop repeats of the headline from the kept text."""
    kept, start, end = _article(blocks)
    published, updated = _dates(blocks, start, end, language)  # first: date lines are no title
    title = find_title(blocks, start, kept) if kept else None  # no article, no headline
    if title is not None:
        for block in blocks:
            if block is title:
                block.decide(Verdict.REMOVED, Category.TITLE, "the headline")
            elif is_title_repeat(block, title) and (
                block.verdict is _KEPT or block.category is Category.BOILERPLATE
            ):
                block.decide(Verdict.REMOVED, Category.TITLE, "repeats the headline")
        kept = [b for b in kept if b.verdict is _KEPT]
    site = find_site_name(blocks, title)
    words = sum(b.features.words for b in kept)  # measured already: no second tokenising
    return Metadata(
        title=headline_text(blocks, title, language) if title else None,
        published=published,
        updated=updated,
        place=_place(blocks, start, site),
        site_name=site,
        language=language,
        url=url,
        words=words,
        characters=sum(len(b.text) for b in kept),
        removed=removed_by_category(blocks),
    )


def article_dates(
    blocks: list[Block], language: str | None
) -> tuple[DateInfo | None, DateInfo | None]:
    """(published, updated) around the kept blocks: what describe() finds, for blocks
    whose verdicts changed since (a later pass dropped junk from the article's head,
    and the date line is nearer its start)."""
    _kept, start, end = _article(blocks)
    return _dates(blocks, start, end, language)


def _article(blocks: list[Block]) -> tuple[list[Block], int, int]:
    """The kept blocks and the span [start, end) of indexes they lie in (empty at the
    page's end when nothing is kept)."""
    kept = [b for b in blocks if b.verdict is _KEPT]
    start = kept[0].index if kept else len(blocks)
    end = kept[-1].index + 1 if kept else len(blocks)
    return kept, start, end


def _dates(
    blocks: list[Block], start: int, end: int, language: str | None
) -> tuple[DateInfo | None, DateInfo | None]:
    """The article's dates: the date lines nearest its start, a labelled one first.

    Searched: the head above the article (the date may sit far above it, past the lead
    photo and its caption), the article's first lines (the selection takes the byline
    and date line in with the lead), and its foot. Lines are read in the order they
    rank (labels are cheap to see, dates dear to read) until one holds a full date.
    A labelled line ranks first, then a line that is little but a date, then a caption
    or sentence that names a day (the day of what it tells)."""
    labels = _date_labels(language)
    ranked: list[tuple[int, float, Block]] = []
    updates: list[tuple[float, Block]] = []
    for i, distance in _date_places(start, end, len(blocks)):
        block = blocks[i]
        if (block.features.words > MAX_DATE_WORDS or block.category is Category.RELATED_LIST
                or not _DIGIT.search(block.text)):
            continue
        label = date_label(block.text, labels)
        if label == "updated":
            updates.append((distance, block))
        elif label == "published":
            ranked.append((0, distance, block))
        else:
            beside = words_beside_date(block.text)
            ranked.append((1 if beside is None or beside <= DATE_LINE_WORDS else 2,
                           distance, block))
    published = clock = None
    for _rank, _distance, block in sorted(ranked, key=lambda r: (r[0], r[1])):
        date = read_date(block.text, language)
        if date is None or date.iso is None:
            continue
        if _full_date(date):  # a full date; a bare clock time only if there is none
            published = (date, block)
            break
        clock = clock or (date, block)
    updated = None
    for _distance, block in sorted(updates, key=lambda u: u[0]):
        date = read_date(block.text, language)
        if date is not None and date.iso is not None:
            updated = (date, block)
            break
    # a page that prints only when it was updated was most often published that day
    # (a news item revised the evening it ran): the best evidence short of none
    full_update = updated if updated and _full_date(updated[0]) else None
    published = published or full_update or clock
    if published is not None:
        block = published[1]
        if block.category in (Category.BOILERPLATE, Category.TIMESTAMP):
            block.category = Category.TIMESTAMP
            block.reason = "date of this article"
    return (published[0] if published else None), (updated[0] if updated else None)


_DIGIT = regex.compile(r"\d")  # every date has one (day, year or clock), in any script


def _full_date(date: DateInfo) -> bool:
    """A day of the calendar, not a bare clock time ("14:30")."""
    return date.iso is not None and "-" in date.iso[:10]


def _date_places(start: int, end: int, count: int) -> list[tuple[int, float]]:
    """(block index, distance from the article's start) of every place a date may be."""
    places = [(i, float(start - i)) for i in range(max(0, start - DATE_LOOKBACK), start)]
    places += [(i, (i - start) / 2) for i in range(start, min(end, start + DATE_LEAD))]
    places += [(i, DATE_LEAD + i - end) for i in range(end, min(count, end + DATE_LOOKAHEAD))]
    return places


@cache
def _date_labels(language: str | None) -> tuple[str, ...]:
    profile = profile_for(language)
    return tuple(label.casefold() for label in profile.date_labels) if profile else ()


def _place(blocks: list[Block], start: int, site: str | None) -> str | None:
    """A dateline: "Moscow - Site" on its own line, or "CAIRO (Agency) - " at the lead."""
    for block in reversed(blocks[max(0, start - 3):start]):
        m = _PLACE_LINE.match(block.text)
        if m and len(m.group(1).split()) <= 3:
            tail = m.group(2).strip()
            if (site and normalise(tail) == normalise(site)) or len(tail.split()) <= 3:
                block.category, block.reason = Category.DATELINE, "dateline"
                return m.group(1).strip()
    if start < len(blocks):
        lead = blocks[start].text
        m = _PLACE_LEAD.match(lead) or _PLACE_REPORT.search(lead[:120])
        if m and len(m.group(1).split()) <= MAX_PLACE_WORDS:
            return m.group(1).strip()
    return _place_in_byline(blocks, start)


def _place_in_byline(blocks: list[Block], start: int) -> str | None:
    """"Author · Zaragoza · 28 May 2025": the short name between byline and date."""
    for block in blocks[max(0, start - PLACE_LOOKBACK):start]:
        if block.category not in (Category.TIMESTAMP, Category.BYLINE):
            continue
        parts = [p.strip() for p in _BYLINE_PARTS.split(block.text)]
        for part in parts[1:-1]:
            if (1 <= len(part.split()) <= 2 and not any(c.isdigit() for c in part)
                    and part[:1].isupper()):
                return part
    return None
