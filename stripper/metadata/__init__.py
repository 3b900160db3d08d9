"""Metadata of a page: title, dates, dateline, site name, language, counts."""

from __future__ import annotations

from collections import Counter

import regex

from stripper.features import normalise
from stripper.metadata.dates import PUBLISHED, UPDATED, read_date
from stripper.metadata.title import find_site_name, find_title, is_title_repeat
from stripper.model import Block, Category, DateInfo, Metadata, Verdict

_KEPT = Verdict.KEPT  # `block.verdict is _KEPT`: Block.kept without the property call

__all__ = ["describe", "read_date"]

DATE_LOOKBACK = 12  # blocks before the article searched for its date
DATE_LOOKAHEAD = 3  # and after its end (bylines at the foot)
MAX_DATE_WORDS = 16
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
    kept = [b for b in blocks if b.verdict is _KEPT]
    start = kept[0].index if kept else len(blocks)
    end = kept[-1].index + 1 if kept else len(blocks)
    published, updated = _dates(blocks, start, end, language)  # first: date lines are no title
    title = find_title(blocks, start) if kept else None  # no article, no headline
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
    removed = Counter(b.category for b in blocks if b.verdict is not _KEPT)
    return Metadata(
        title=title.text.strip() if title else None,
        published=published,
        updated=updated,
        place=_place(blocks, start, site),
        site_name=site,
        language=language,
        url=url,
        words=words,
        characters=sum(len(b.text) for b in kept),
        removed={c.value: n for c, n in sorted(removed.items())},
    )


def _dates(
    blocks: list[Block], start: int, end: int, language: str | None
) -> tuple[DateInfo | None, DateInfo | None]:
    published = updated = None
    near = list(range(max(0, start - DATE_LOOKBACK), start))
    near += list(range(end, min(len(blocks), end + DATE_LOOKAHEAD)))
    for i in near:
        block = blocks[i]
        if block.features.words > MAX_DATE_WORDS or block.category is Category.RELATED_LIST:
            continue
        found = read_date(block.text, language)
        if found is None:
            continue
        if UPDATED.search(block.text):
            updated = updated or found
        elif PUBLISHED.search(block.text) or published is None:
            published = published or found
        if block.category in (Category.BOILERPLATE, Category.TIMESTAMP):
            block.category = Category.TIMESTAMP
            block.reason = "date of this article"
    return published, updated


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
    for block in blocks[max(0, start - DATE_LOOKBACK):start]:
        if block.category not in (Category.TIMESTAMP, Category.BYLINE):
            continue
        parts = [p.strip() for p in _BYLINE_PARTS.split(block.text)]
        for part in parts[1:-1]:
            if (1 <= len(part.split()) <= 2 and not any(c.isdigit() for c in part)
                    and part[:1].isupper()):
                return part
    return None
