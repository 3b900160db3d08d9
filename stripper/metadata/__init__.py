"""Metadata of a page: title, dates, dateline, site name, language, counts."""

from __future__ import annotations

from functools import cache

import regex

from stripper.features import normalise
from stripper.metadata.dates import date_line_shape, of_other_item, read_date
from stripper.metadata.title import find_site_name, headline_text, is_title_repeat, pick_title
from stripper.model import KEPT as _KEPT
from stripper.model import Block, Category, DateInfo, Metadata, Verdict, removed_by_category
from stripper.profiles import profile_for

__all__ = ["describe", "read_date"]

DATE_LOOKBACK = 60  # blocks before the article searched for its date (nearest first)
DATE_LEAD = 8  # the article's first blocks, which may hold its byline and date line
DATE_LOOKAHEAD = 3  # and after its end (bylines at the foot)
PLACE_LOOKBACK = 12  # blocks before the article searched for a byline's place
MAX_DATE_WORDS = 16
MAX_DATE_LINE_CHARS = 40  # or this many characters (CJK text counts a word a character)
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
    # no article, no headline
    title, in_body, words_of = (pick_title(blocks, start, kept, language=language) if kept
                                else (None, False, None))
    if title is not None:
        for block in blocks:
            if block.verdict is _KEPT and in_body:
                continue  # a headline found inside the kept run stays in the text
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
        title=words_of or (headline_text(blocks, title, language) if title else None),
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
    or sentence that names a day (the day of what it tells).

    Where none of those places holds a date line (a labelled one or one that is little
    but a date), the rest of the page is searched for one, nearest the article first:
    the selection's start is not always where the story's head is (it may open on a
    teaser, or the date line may sit deeper in the story or past its foot), and a date
    line is better evidence than a caption's day. Links and lists of other stories are
    left out there: their dates are those of other stories."""
    labels = _date_labels(language)
    ranked: list[tuple[int, float, Block, str]] = []
    updates: list[tuple[int, float, Block, str]] = []
    near = _date_places(start, end, len(blocks))
    for i, distance in near:
        block = blocks[i]
        text = _date_text(block)
        if text is None:
            continue
        label, beside = date_line_shape(text, labels)
        if label == "updated":
            updates.append((0, distance, block, text))
        else:
            ranked.append((_date_rank(label, beside), distance, block, text))
    published = _first_date(ranked, language)
    clock = published if published and not _full_date(published[1][0]) else None
    if clock:
        published = None
    updated = _first_date(updates, language)
    # a page that prints only when it was updated was most often published that day
    # (a news item revised the evening it ran): the best evidence short of none
    full_update = updated[1] if updated and _full_date(updated[1][0]) else None
    found = published[1] if published and published[0] <= DATE_LINE_RANK else None
    if found is None and full_update is None:
        far = _far_date_line(blocks, start, end, near, labels, language)
        found = far[1] if far and _full_date(far[1][0]) else None
    found = found or (published[1] if published else None) or full_update
    found = found or (clock[1] if clock else None)
    if found is not None:
        block = found[1]
        if block.category in (Category.BOILERPLATE, Category.TIMESTAMP):
            block.category = Category.TIMESTAMP
            block.reason = "date of this article"
    return (found[0] if found else None), (updated[1][0] if updated else None)


DATE_LINE_RANK = 1  # ranks: 0 a labelled line, 1 little but a date, 2 a caption, a sentence
# far from the article's head, a line unlabelled must be all but a date ("Friday, 3 May
# 2026 4:55 PM") to be taken for the page's (teasers name a day beside their headline);
# fitted on the fd dumps (2 to 6 the same on both halves of the publishers), 2 for
# the fewest other dates taken on the other sets, against the date their HTML gives
FAR_DATE_LINE_WORDS = 2
_NOT_THIS_STORY = (Category.RELATED_LIST, Category.NAVIGATION)
_COMMENTS = (Category.COMMENTS, Category.COMMENT_FORM)
_LINK = regex.compile(r"^\W{0,3}\[\d+\]|://")  # a lynx link's number ahead, or an address


def _date_text(block: Block) -> str | None:
    """The text of `block` that may be a date line, or None: the block, if it is short
    enough, holds a digit and lies in no list of other stories, or else its first line
    where that is short and mostly no letters (a date line the dump ran together with
    the caption or image name below it). Short in words, or in characters: a Japanese
    or Chinese date line counts each of its characters as a word."""
    if block.category is Category.RELATED_LIST or not _DIGIT.search(block.text):
        return None
    text = block.text
    if block.features.words > MAX_DATE_WORDS and len(text) > MAX_DATE_LINE_CHARS:
        if len(block.source_lines) < 2:
            return None
        text = block.source_lines[0].strip()
        if (len(text) > MAX_DATE_LINE_CHARS or not _DIGIT.search(text)
                or 2 * len(_LETTER.findall(text)) > len(text)):
            return None
    return None if of_other_item(text) else text


_LETTER = regex.compile(r"\p{L}")


def _date_rank(label: str | None, beside: int | None) -> int:
    if label == "published":
        return 0
    return 1 if beside is None or beside <= DATE_LINE_WORDS else 2


def _first_date(
    ranked: list[tuple[int, float, Block, str]], language: str | None
) -> tuple[int, tuple[DateInfo, Block]] | None:
    """(rank, (date, block)) of the best-ranked, nearest line that holds a full date,
    else of the first that holds a clock time, else None."""
    clock = None
    for rank, _distance, block, text in sorted(ranked, key=lambda r: (r[0], r[1])):
        date = read_date(text, language)
        if date is None or date.iso is None:
            continue
        if _full_date(date):  # a full date; a bare clock time only if there is none
            return rank, (date, block)
        clock = clock or (rank, (date, block))
    return clock


def _far_date_line(
    blocks: list[Block], start: int, end: int, near: list[tuple[int, float]],
    labels: tuple[str, ...], language: str | None,
) -> tuple[int, tuple[DateInfo, Block]] | None:
    """The date line nearest the article outside the places searched first (see
    _dates): a line labelled as the publication's, or one that is all but a date, that
    is no link, lies in no list of other stories and comes before the comments."""
    seen = {i for i, _ in near}
    ranked = []
    for block in blocks:
        if block.index >= end and block.category in _COMMENTS:
            break  # past the article, its comments: their dates are the readers'
        if block.index in seen or block.category in _NOT_THIS_STORY:
            continue
        text = _date_text(block)
        if text is None or _LINK.search(text):
            continue
        label, beside = date_line_shape(text, labels)
        if beside is None or label == "updated":
            continue  # no day of the calendar, or a revision's
        if label == "published" and beside <= DATE_LINE_WORDS:
            rank = 0
        elif beside <= FAR_DATE_LINE_WORDS:
            rank = 1
        else:
            continue
        ranked.append((rank, _distance(block.index, start, end), block, text))
    return _first_date(ranked, language)


def _distance(i: int, start: int, end: int) -> float:
    """How far block `i` lies from the article's head, in the measure of _date_places."""
    if i < start:
        return float(start - i)
    return (i - start) / 2 if i < end else float(DATE_LEAD + i - end)


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
