"""Metadata of an HTML page: what it declares (JSON-LD, `<meta>`, `<link>`, `<html lang>`)
first, what it shows (`<h1>`, `<time datetime>`, a date line near the article) second.
"""

from __future__ import annotations

from collections import Counter

import regex

from stripper.features import normalise, tokens
from stripper.html.structured import names, text_value
from stripper.metadata.dates import read_date
from stripper.model import Block, Category, DateInfo, HtmlMetadata, PageInfo, Verdict

_SITE_SEPARATOR = regex.compile(r"\s+[-–—|:·•»/]\s+|\s*[|»·•]\s*")
_ISO = regex.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?"
                     r"(?:Z|[+-]\d{2}:?\d{2})?)?$")
_LANG = regex.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
MAX_SITE_WORDS = 6


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
    site = (meta.get("og:site_name") or info.publisher or meta.get("application-name")
            or meta.get("twitter:site", "").lstrip("@") or None)
    title = _title(info, visible_title, site)
    if site is None and title and info.title:
        site = _site_from_title(info.title, title)
    kept = [b for b in blocks if b.kept]
    if title:
        key = normalise(title)
        for block in kept:
            if block.kind == "heading" and normalise(block.text) == key:
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
    authors = names(ld.get("author")) if ld else []
    if not authors:
        value = meta.get("author") or meta.get("article:author") or meta.get("dc.creator")
        if value and not value.lower().startswith(("http://", "https://")):
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
    removed = Counter(b.category for b in blocks if b.verdict is not Verdict.KEPT)
    return HtmlMetadata(
        title=title,
        published=published,
        updated=updated,
        site_name=site,
        author=", ".join(authors) or None,
        language=language,
        url=url or info.canonical or meta.get("og:url"),
        words=sum(b.features.words or len(tokens(b.text)) for b in kept),  # measured already
        characters=sum(len(b.text) for b in kept),
        removed={c.value: n for c, n in sorted(removed.items())},
        description=meta.get("og:description") or meta.get("description")
        or (text_value(ld.get("description")) if ld else None),
        image=image if isinstance(image, str) else None,
        tags=tags[:50],
        authors=authors,
    )


def _title(info: PageInfo, visible: str | None, site: str | None) -> str | None:
    """JSON-LD headline, og:title, the article's <h1>, then <title> minus the site's name."""
    for value in (text_value(info.ld.get("headline")) if info.ld else None,
                  info.meta.get("og:title"), info.meta.get("twitter:title"), visible,
                  info.title):
        if value:
            return _without_site(value, site, visible)
    return None


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
