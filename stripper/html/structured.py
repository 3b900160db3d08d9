"""What a page declares about itself: JSON-LD, `<meta>` and `<link>` tags (microdata's
`itemprop=articleBody` is read by the DOM walk, segment/html.py).

Read before the tree is cleaned (JSON-LD lives in `<script>` elements). Everything
here is optional: broken JSON, odd types and missing fields are skipped quietly.
"""

from __future__ import annotations

import html
import json

import regex
from lxml import etree

from stripper.model import PageInfo

ARTICLE_TYPES = ("article", "posting", "report", "blog", "review", "webpage", "recipe",
                 "howto", "question", "qapage", "discussionforum")
MAX_JSON_CHARS = 2_000_000
# An HTML character reference left in a string: JSON-LD is often written HTML-escaped
# (`&#039;`, `&quot;`), and `<meta content>` escaped twice reads `&amp;quot;` → `&quot;`.
_ENTITY = regex.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape(value: str) -> str:
    """`value` with the HTML character references it still holds resolved (twice at
    most: `&amp;#039;`), then its whitespace collapsed."""
    for _ in range(2):
        if "&" not in value or not _ENTITY.search(value):
            break
        value = html.unescape(value)
    return " ".join(value.split())


def read_page_info(root: etree._Element) -> PageInfo:
    info = PageInfo()
    info.lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    for el in root.iter("title", "meta", "link", "script"):
        tag = el.tag
        if tag == "title":
            if info.title is None and el.getparent() is not None:
                info.title = unescape("".join(el.itertext())) or None
        elif tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            value = unescape(el.get("content") or "")
            if not key or not value:
                if (el.get("http-equiv") or "").lower() == "content-language" and value:
                    info.meta.setdefault("content-language", value)
                continue
            if key == "article:tag":
                info.tags.append(value)
            info.meta.setdefault(key, value)
        elif tag == "link":
            rel = (el.get("rel") or "").lower().split()
            if "canonical" in rel and el.get("href") and info.canonical is None:
                info.canonical = el.get("href").strip()
        elif (el.get("type") or "").lower().strip() == "application/ld+json":
            _read_json_ld(el.text or "", info)
    return info


def _read_json_ld(text: str, info: PageInfo) -> None:
    if len(text) > MAX_JSON_CHARS:
        return
    try:
        data = json.loads(text.strip().rstrip(";"))
    except (ValueError, RecursionError):
        return
    for obj in _objects(data, 0):
        types = obj.get("@type")
        types = " ".join(t for t in (types if isinstance(types, list) else [types])
                         if isinstance(t, str)).lower()
        if types in ("website", "organization", "newsmediaorganization") and not info.publisher:
            name = obj.get("name")
            info.publisher = unescape(name) or None if isinstance(name, str) else None
            continue
        if not any(t in types for t in ARTICLE_TYPES):
            continue
        if _richness(obj) > (_richness(info.ld) if info.ld else -1):
            info.ld = obj
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            info.publisher = info.publisher or unescape(publisher["name"]) or None


# Where a how-to or a recipe keeps its text: the steps, each a string, a HowToStep
# (`text`) or a HowToSection whose `itemListElement` holds more steps.
_STEP_KEYS = ("step", "recipeInstructions")
_STEP_DEPTH = 4
_BLOCK_END = regex.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|div|blockquote)\s*>", regex.IGNORECASE)
_TAG = regex.compile(r"<[^<>]{0,2000}>")


def written_body(ld: dict | None) -> str | None:
    """The article's text as the page's JSON-LD writes it, one paragraph a line: its
    `articleBody` (or `text`), or a how-to's or recipe's description and steps. Pages
    drawn by a script carry their text here alone."""
    if not ld:
        return None
    body = ld.get("articleBody") or ld.get("text")
    if body:
        return text_value(body)
    steps: list[str] = []
    for key in _STEP_KEYS:
        _step_texts(ld.get(key), steps, 0)
    if not steps:
        return None
    description = ld.get("description")
    lead = _paragraphs(description) if isinstance(description, str) else []
    return "\n".join(lead + steps) or None


def _step_texts(value, out: list[str], depth: int) -> None:
    if depth > _STEP_DEPTH or value is None:
        return
    if isinstance(value, str):
        out.extend(_paragraphs(value))
    elif isinstance(value, list):
        for item in value:
            _step_texts(item, out, depth + 1)
    elif isinstance(value, dict):
        text = value.get("text")
        if isinstance(text, str) and text.strip():
            out.extend(_paragraphs(text))
        else:
            _step_texts(value.get("itemListElement"), out, depth + 1)


def _paragraphs(value: str) -> list[str]:
    """An HTML-written JSON-LD string as plain paragraphs (`<p>` ends one)."""
    lines = _TAG.sub(" ", _BLOCK_END.sub("\n", html.unescape(value))).split("\n")
    return [text for text in (unescape(line) for line in lines) if text]


def _richness(obj: dict) -> int:
    body = 2 if obj.get("articleBody") or obj.get("text") else 0
    return body + (1 if obj.get("headline") else 0)


def _objects(data, depth: int):
    """Every JSON object in a JSON-LD document, @graph and nested lists included."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _objects(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _objects(main, depth + 1)


def text_value(value) -> str | None:
    """A JSON-LD value as one string: names of objects, the first of lists."""
    if isinstance(value, str):
        return unescape(value) or None
    if isinstance(value, dict):
        return text_value(value.get("name") or value.get("@value"))
    if isinstance(value, list):
        for item in value:
            found = text_value(item)
            if found:
                return found
    return None


def names(value) -> list[str]:
    """Every name in a JSON-LD author-like value."""
    if isinstance(value, list):
        out = []
        for item in value:
            out.extend(names(item))
        return out
    found = text_value(value)
    return [found] if found else []
