"""Metadata of an HTML page: what it declares (JSON-LD, `<meta>`, `<link>`, `<html lang>`)
first, what it shows (`<h1>`, `<time datetime>`, a date line near the article) second.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import regex

from stripper.features import normalise, tokens
from stripper.html.structured import names, text_value
from stripper.metadata.dates import read_date
from stripper.model import KEPT as _KEPT
from stripper.model import (
    Block,
    Category,
    DateInfo,
    HtmlMetadata,
    PageInfo,
    Verdict,
    removed_by_category,
)

_SITE_SEPARATOR = regex.compile(r"\s+[-–—|:·•»/]\s+|\s*[|»·•]\s*")
_ISO = regex.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?"
                     r"(?:Z|[+-]\d{2}:?\d{2})?)?$")
_LANG = regex.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
MAX_SITE_WORDS = 6
MIN_TITLE_WORDS = 3  # fewer (in a script with spaces) and a longer candidate is preferred:
# a section name ("Politik") or a language switch ("English") in og:title or the <h1>
DATE_FAR_BLOCKS = 12  # a labelled date line this far after the article ("Date 28.04.2023")
MAX_FAR_DATE_WORDS = 4
_EDGE_PUNCTUATION = " \t:;,|·•/"
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_NOT_A_NAME = regex.compile(r"^(?:https?:|www\.|/|@?\d+$)|^[\d\W_]+$", regex.IGNORECASE)


def page_language(info: PageInfo) -> str | None:
    for value in (info.lang, info.meta.get("content-language"), info.meta.get("og:locale"),
                  text_value(info.ld.get("inLanguage")) if info.ld else None):
        m = _LANG.match((value or "").strip())
        if m:
            return m.group(1).lower()
    return None


def describe_html(
    blocks: list[Block], info: PageInfo, *, language: str | None, url: str | None,
    visible_title: str | None = None, time_stamps: list[str] | None = None,
) -> HtmlMetadata:
    meta, ld = info.meta, info.ld
    site = next((v for v in (meta.get("og:site_name"), info.publisher,
                             meta.get("application-name"), meta.get("twitter:site", "").lstrip("@"))
                 if v and is_name(v)), None)
    title, declared = _title(info, visible_title, site)
    if site is None and title and info.title:
        site = _site_from_title(info.title, title)
    kept = [b for b in blocks if b.verdict is _KEPT]
    if title:
        keys = {normalise(title), normalise(declared or title)}
        for block in kept:
            if block.kind == "heading" and normalise(block.text) in keys:
                block.decide(Verdict.REMOVED, Category.TITLE, "repeats the headline")
        kept = [b for b in kept if b.kept]
    published = _date(text_value(ld.get("datePublished")) if ld else None,
                      meta.get("article:published_time"), meta.get("og:published_time"),
                      meta.get("date"), meta.get("dc.date"), meta.get("dcterms.created"),
                      meta.get("pubdate"), *(time_stamps or [])[:1], language=language)
    updated = _date(text_value(ld.get("dateModified")) if ld else None,
                    meta.get("article:modified_time"), meta.get("og:updated_time"),
                    meta.get("dcterms.modified"), language=language)
    if published is None:
        published = _visible_date(blocks, language)
    if published is None:
        published = _labelled_date_after(blocks, language)
    authors = [a for a in (names(ld.get("author")) if ld else []) if is_name(a)]
    if not authors:
        value = meta.get("author") or meta.get("article:author") or meta.get("dc.creator")
        if value and is_name(value):
            authors = [value]
    authors = list(dict.fromkeys(a for a in authors if 1 <= len(a) <= 100))
    image = (meta.get("og:image") or meta.get("twitter:image")
             or (text_value(ld.get("image")) if ld else None))
    if ld and isinstance(ld.get("image"), dict):
        image = image or ld["image"].get("url")
    tags = list(info.tags)
    if not tags and ld and ld.get("keywords"):
        kw = ld["keywords"]
        tags = [t.strip() for t in (kw.split(",") if isinstance(kw, str) else kw)
                if isinstance(t, str) and t.strip()]
    return HtmlMetadata(
        title=title,
        published=published,
        updated=updated,
        site_name=site,
        author=", ".join(authors) or None,
        language=language,
        url=page_url(url, info),
        words=sum(b.features.words or len(tokens(b.text)) for b in kept),  # measured already
        characters=sum(len(b.text) for b in kept),
        removed=removed_by_category(blocks),
        description=meta.get("og:description") or meta.get("description")
        or (text_value(ld.get("description")) if ld else None),
        image=image if isinstance(image, str) else None,
        tags=tags[:50],
        authors=authors,
    )


def _title(info: PageInfo, visible: str | None,
           site: str | None) -> tuple[str | None, str | None]:
    """(the headline, the declared title it was read from): JSON-LD headline, og:title,
    the article's <h1>, then <title> minus the site's name.

    A candidate of one or two words gives way to a longer one: that is a section name
    or a language switch's label in the headline's place, not a headline. Then what
    one source adds around another is dropped (`_without_additions`); a heading that
    repeats the declared form repeats the headline too."""
    found = []
    chosen = None
    for value in (text_value(info.ld.get("headline")) if info.ld else None,
                  info.meta.get("og:title"), info.meta.get("twitter:title"), visible,
                  info.title):
        value = (value or "").strip(_EDGE_PUNCTUATION)
        if value:
            title = _without_site(value, site, visible).strip(_EDGE_PUNCTUATION) or value
            if not _too_short(title):
                chosen = title
                break
            found.append(title)
    if chosen is None:
        return (found[0], found[0]) if found else (None, None)
    og = (info.meta.get("og:title") or "").strip(_EDGE_PUNCTUATION)
    og = _without_site(og, site, visible).strip(_EDGE_PUNCTUATION) if og else ""
    visible = (visible or "").strip(_EDGE_PUNCTUATION)
    return _without_additions(chosen, og, visible, site), chosen


def _without_additions(title: str, og: str, visible: str, site: str | None) -> str:
    """The headline without what a declared title adds to it.

    Structured data often builds its headline from more than the headline: a kicker
    before it ("Topic: Headline"), a second clause after it; the og:title that is
    one end of it, word for word, is the headline alone. And a declared title that
    starts with the page's visible <h1> and goes on (a section or site name left
    after cutting, a word for search engines, a subtitle) is that <h1> plus extras."""
    if og and _is_end_of(og, title) and not _too_short(og) and not _is_site(og, site):
        title = og
    if visible and _words(title).startswith(_words(visible) + " ") \
            and not _too_short(visible) and not _is_site(visible, site):
        title = visible
    return title


def _words(text: str) -> str:
    """The words and figures of `text`, case folded, one space apart: what two forms
    of a headline share whatever their punctuation."""
    return " ".join(_WORD.findall(text.casefold()))


def _is_end_of(part: str, whole: str) -> bool:
    """`part` is the start or the end of `whole`, in whole words, and at least half
    of it (less is a label or a name, not the headline)."""
    p, w = _words(part), _words(whole)
    if not p or p == w or 2 * len(p) < len(w):
        return False
    return w.startswith(p + " ") or w.endswith(" " + p)


def _is_site(text: str, site: str | None) -> bool:
    """`text` is the site's name: a logo's <h1> or a bare og:title, no headline."""
    return bool(site) and normalise(text) == normalise(site or "")


def _too_short(title: str) -> bool:
    """Fewer than MIN_TITLE_WORDS words in a script that spaces its words."""
    return len(title.split()) < MIN_TITLE_WORDS and not any(ord(c) >= 0x2E80 for c in title)


def is_name(value: str) -> bool:
    """A site or person's name, not an address, a handle's number or a bare figure."""
    value = value.strip()
    return bool(value) and not _NOT_A_NAME.search(value) and "://" not in value


def page_url(url: str | None, info: PageInfo) -> str | None:
    """The page's address: the one given, else its canonical link made absolute (against
    og:url when relative), else og:url; a relative link with nothing to resolve it
    against is no address."""
    if url:
        return url.replace("&amp;", "&")  # read from the raw markup: still escaped
    og = info.meta.get("og:url")
    og = og if og and urlsplit(og).scheme in ("http", "https") else None
    canonical = info.canonical
    if canonical:
        try:
            parts = urlsplit(canonical)
        except ValueError:
            parts = None
        if parts is not None and parts.scheme in ("http", "https") and parts.netloc:
            return canonical
        if parts is not None and og:
            return urljoin(og, canonical)
    return og


def _without_site(title: str, site: str | None, visible: str | None) -> str:
    parts = [p.strip() for p in _SITE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    if visible and normalise(visible) == normalise(title):
        return title
    if visible:
        for part in parts:
            if normalise(part) == normalise(visible):
                return part
    site_key = normalise(site) if site else None
    rest = [p for p in parts if not site_key or normalise(p) != site_key]
    if len(rest) < len(parts):
        return _join_like(title, rest)
    # "Headline | Site": drop short trailing parts that look like a name
    if len(parts[-1].split()) <= 3 and len(parts[0].split()) >= 3:
        return _join_like(title, parts[:-1])
    return title


def _join_like(title: str, parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end] if 0 <= start < end else " ".join(parts)


def _site_from_title(page_title: str, title: str) -> str | None:
    key = normalise(title)
    for part in _SITE_SEPARATOR.split(page_title):
        part = part.strip()
        if part and normalise(part) != key and key not in normalise(part) \
                and 1 <= len(part.split()) <= MAX_SITE_WORDS:
            return part
    return None


def _date(*values: str | None, language: str | None = None) -> DateInfo | None:
    for value in values:
        if not value:
            continue
        value = value.strip()
        if _ISO.match(value):
            return DateInfo(value, value.replace(" ", "T", 1))
        found = read_date(value, language)
        if found is not None:
            return DateInfo(value, found.iso)
    return None


def _labelled_date_after(blocks: list[Block], language: str | None) -> DateInfo | None:
    """A date line of a few words further after the article than `_visible_date` looks,
    where templates list an article's facts at its foot ("Date 28.04.2023")."""
    kept = [b.index for b in blocks if b.kept]
    if not kept:
        return None
    for block in blocks[kept[-1] + 1:kept[-1] + 1 + DATE_FAR_BLOCKS]:
        if (block.kept or block.category is Category.RELATED_LIST
                or len(block.text.split()) > MAX_FAR_DATE_WORDS
                or not any(c.isdigit() for c in block.text)):
            continue
        found = read_date(block.text, language)
        if found is not None and found.iso and len(found.iso) >= 10:
            return found
    return None


def _visible_date(blocks: list[Block], language: str | None) -> DateInfo | None:
    """A short date line just before the article (or just after it)."""
    kept = [b.index for b in blocks if b.kept]
    if not kept:
        return None
    near = list(range(max(0, kept[0] - 8), kept[0])) + list(range(kept[-1] + 1, kept[-1] + 3))
    for i in near:
        if i >= len(blocks):
            break
        block = blocks[i]
        if block.features.words > 12 or block.kept or block.category is Category.RELATED_LIST:
            continue
        if not any(c.isdigit() for c in block.text):
            continue
        found = read_date(block.text, language)
        if found is not None:
            if block.category in (Category.BOILERPLATE, Category.BYLINE, Category.TIMESTAMP):
                block.category, block.reason = Category.TIMESTAMP, "date of this article"
            return found
    return None


def as_document(metadata: HtmlMetadata) -> dict:
    """The metadata under the field names of trafilatura's `Document` (title, author,
    date, sitename, language, url, hostname, description, image, tags), for callers
    moving from it; `author` is the `authors` list joined by "; " as trafilatura joins
    it, `authors` the list itself, `date_modified` the updated date."""
    url = metadata.url
    try:
        hostname = urlsplit(url).hostname if url else None
    except ValueError:
        hostname = None
    return {
        "title": metadata.title,
        "author": "; ".join(metadata.authors) or None,
        "authors": list(metadata.authors),
        "date": metadata.published.iso if metadata.published else None,
        "date_modified": metadata.updated.iso if metadata.updated else None,
        "sitename": metadata.site_name,
        "language": metadata.language,
        "url": url,
        "hostname": hostname,
        "description": metadata.description,
        "image": metadata.image,
        "tags": list(metadata.tags),
    }
