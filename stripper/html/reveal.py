"""Content the browser shows although the DOM hides it.

Pages hide what a script reveals: a paywall's rest of the story (`<div class="paywall"
hidden>`), a blog platform's whole body (`style="visibility:hidden"` until its script
has laid it out), streaming server rendering's late chunks (`<div hidden id="S:0">`,
swapped by script into `<template id="B:0">`), a body that only `<noscript>` holds.
Hidden menus, dialogs and slides hold links or a line or two, not paragraphs of prose.

So a hidden element is shown when it holds prose (several sentences, few links) and
the page's hidden prose outweighs its visible prose and is not a copy of it; a
streaming chunk is moved into its placeholder; `<noscript>` prose is shown when the
page shows almost none. Everything shown still goes through the usual judgement.
"""

from __future__ import annotations

import regex
from lxml import etree

REVEAL_MIN_CHARS = 400  # a hidden element with less text than this stays hidden
MAX_LINK_SHARE = 0.3  # more of its text in links: a menu, not prose
MIN_SENTENCES = 3
REVEAL_RATIO = 1.0  # hidden prose must be at least this many times the visible prose
NOSCRIPT_VISIBLE_MAX = 300  # visible prose below which <noscript> prose is shown
MIN_PARAGRAPH_CHARS = 40  # a visible <p> shorter than this is not counted as prose
PROBE_CHARS = 60  # start of a hidden text looked for in the visible text (copies)
_SENTENCE_END = regex.compile(r"[.!?؟।]+(?=\s|$|\p{Lu})|[。！？]")  # paragraphs run together
_STREAM_CHUNK = regex.compile(r"^S:\w+$")


def _text(el: etree._Element) -> str:
    return " ".join(etree.tostring(el, method="text", encoding=str, with_tail=False).split())


def _prose(el: etree._Element) -> str | None:
    """The element's text when it reads as prose, else None."""
    raw = etree.tostring(el, method="text", encoding=str, with_tail=False)
    if len(raw) < REVEAL_MIN_CHARS:  # (most hidden elements: their text, its white space
        return None  # collapsed, is shorter still)
    text = " ".join(raw.split())
    if len(text) < REVEAL_MIN_CHARS or len(_SENTENCE_END.findall(text)) < MIN_SENTENCES:
        return None
    links = sum(len(_text(a)) for a in el.iter("a"))
    return text if links <= MAX_LINK_SHARE * len(text) else None


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """The elements that no other of them holds. Each ancestor is looked at once:
    what was found above it is remembered for the elements below it."""
    chosen = set(elements)
    held: dict[etree._Element, bool] = {}  # an ancestor → whether one of them is it or above it
    out = []
    for el in elements:
        path = []
        found = False
        above = el.getparent()
        while above is not None:
            if above in chosen:
                found = True
                break
            known = held.get(above)
            if known is not None:
                found = known
                break
            path.append(above)
            above = above.getparent()
        for a in path:
            held[a] = found
        if not found:
            out.append(el)
    return out


def _visible_paragraphs(root: etree._Element, hidden: set) -> list[str]:
    out = []
    for p in root.iter("p"):
        if any(a in hidden or a.tag == "noscript" for a in p.iterancestors()):
            continue
        text = _text(p)
        if len(text) >= MIN_PARAGRAPH_CHARS:
            out.append(text)
    return out


def shown(root: etree._Element, hidden: list[etree._Element]) -> set[etree._Element]:
    """The hidden elements to keep (streaming chunks are moved to their placeholders,
    `<noscript>` elements worth showing are renamed `<div>`, in place)."""
    keep: set[etree._Element] = set()
    for el in hidden:
        if el.get("hidden") is not None and _STREAM_CHUNK.match(el.get("id") or ""):
            keep.add(el)
            _move_to_placeholder(root, el)
    outer = [el for el in _outermost(hidden) if el not in keep]
    candidates = []
    for el in outer:
        text = _prose(el)
        if text is not None:
            candidates.append((el, text))
    noscripts = [el for el in root.iter("noscript")  # (prose is that long: no length test)
                 if _prose(el) is not None and next(el.iterancestors("head"), None) is None]
    if not candidates and not noscripts:
        return keep
    visible = _visible_paragraphs(root, set(outer))
    visible_chars = sum(len(t) for t in visible)
    if candidates and sum(len(t) for _, t in candidates) >= REVEAL_RATIO * visible_chars:
        joined = " ".join(visible)
        keep |= {el for el, text in candidates if text[:PROBE_CHARS] not in joined}
    if visible_chars < NOSCRIPT_VISIBLE_MAX and not keep:
        for el in noscripts:
            el.tag = "div"
    return keep


def _move_to_placeholder(root: etree._Element, chunk: etree._Element) -> None:
    """React's streaming markup: chunk `S:n` replaces the `<template id="B:n">` where
    it belongs; without one the chunk stays where it is."""
    name = "B:" + chunk.get("id")[2:]
    for template in root.iter("template"):
        if template.get("id") == name:
            parent = template.getparent()
            if parent is None or any(a is chunk for a in template.iterancestors()):
                return  # (a placeholder inside its own chunk: left where it is)
            chunk.attrib.pop("hidden", None)
            chunk.tail = template.tail
            template.tail = None
            parent.replace(template, chunk)
            return
