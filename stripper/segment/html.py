"""DOM → blocks: one block per paragraph, heading, list item, quote, code block or table row.

One walk over the cleaned tree (iterative, so deep nesting cannot overflow the stack).
Block-level elements open and close blocks; inline text, links included, joins the
block it sits in. Each block remembers its element path, its kind, how much of its
text is link text, and the block-level elements it sits in (`anc`, outermost first),
which `stripper.html.score` uses to find the article's container and the chrome
around it. Scripts, styles, forms' inputs, embedded objects and hidden elements
yield no text.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import fields
from typing import NamedTuple

from lxml import etree

from stripper.html import hints, reveal
from stripper.model import Category, Container, Features, HtmlBlock, Verdict

SKIP = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
    "iframe", "object", "embed", "canvas", "button", "select", "input", "textarea",
    "option", "datalist", "audio", "video", "source", "track", "map", "math", "dialog",
    "rt", "rp",  # ruby readings (furigana over kanji) and their fallback parentheses
})
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "ul",
    "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "thead",
    "tbody", "tfoot", "caption", "blockquote", "pre", "form", "fieldset", "legend", "dl",
    "dt", "dd", "figure", "figcaption", "address", "hr", "details", "summary", "center",
    "body", "html", "menu", "dir", "noframes", "frameset", "frame", "hgroup", "search",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LIST_ITEMS = frozenset({"li", "dt", "dd"})
# Inline elements whose only job in a block is to carry text: lxml folds them into
# their parent in C before the walk, which then sees a fifth fewer elements.
INLINE = (
    "span", "b", "strong", "i", "em", "font", "small", "big", "u", "s", "strike", "sup",
    "sub", "abbr", "acronym", "cite", "mark", "q", "dfn", "kbd", "samp", "var", "ins", "del",
    "bdi", "bdo", "nobr", "wbr", "img", "picture", "label", "code", "tt",
)
HIDDEN_TAG = "stripper-hidden"  # what a hidden element is renamed to before removal
# Attributes that may hide an element (`hints.is_hidden` decides).
_HIDING = frozenset({"style", "hidden", "aria-hidden"})
MAX_PATH_PARTS = 24
MAX_BLOCKS = 20_000  # later text is ignored: the shared stages cost ~0.1 ms a block
# …except the page's article element, when the cap fell before it: walked on its own
_ARTICLE_ELEMENTS = etree.XPath(
    "//article | //main | //*[@role='main'] | //*[contains(translate(@itemprop, "
    "'ARTICLEBODY', 'articlebody'), 'articlebody')]")
CELL = "\x1f"  # table cell separator inside a row's raw text
# A block's features until the pipeline measures it: it gives every block features of
# its own before anything reads them (and replaces a block's features, never changes
# them), so the walk does not make a Features object per block only to drop it.
_UNMEASURED = Features()


def segment_dom(root: etree._Element, stamps: list[str] | None = None,
                ) -> tuple[list[HtmlBlock], list[Container]]:
    """Blocks of the page in document order, and the containers their `anc` ids name.

    The tree is pruned in place first (hidden and text-less elements removed, inline
    elements folded into their parents): read what else is needed from it before.
    `stamps`, when given, gets the pruned page's `time_stamps` (read by the walk).
    """
    bodies = prune(root)
    paths: dict = {}  # the page's cache of element paths (see HtmlBlock.path)
    found: list[str] = [] if stamps is None else stamps
    blocks, containers = _walk(root, bodies, paths, found)
    if len(blocks) >= MAX_BLOCKS:
        found[:] = time_stamps(root)  # (the walk stopped short of the page's end)
        return _article_after_cap(root, blocks, containers, bodies, paths)
    return blocks, containers


MAX_TIME_STAMPS = 3


def time_stamps(root: etree._Element) -> list[str]:
    """The `datetime` of the page's first `<time>` elements that have one (stripped),
    MAX_TIME_STAMPS at most; the walk gathers the same on its way."""
    out = []
    for el in root.iter("time"):
        value = el.get("datetime")
        if value:
            out.append(value.strip())
        if len(out) >= MAX_TIME_STAMPS:
            break
    return out


def _article_after_cap(root: etree._Element, blocks: list[HtmlBlock],
                       containers: list[Container], article_bodies: set[etree._Element],
                       paths: dict) -> tuple[list[HtmlBlock], list[Container]]:
    """The walk stopped at MAX_BLOCKS. When an `<article>`, `<main>` or articleBody
    element lies beyond the cut, the one with the most text is walked on its own and
    its blocks replace the last ones before the cut; either way a warning says what
    was left out, so no article is dropped in silence."""
    reached = {c.element for c in containers}
    beyond = [el for el in _ARTICLE_ELEMENTS(root) if el not in reached
              and not any(a in reached and a.tag in ("article", "main")
                          for a in el.iterancestors())]
    if not beyond:
        warnings.warn(f"the page has more than {MAX_BLOCKS:,} blocks; the text after the "
                      f"first {MAX_BLOCKS:,} is ignored", RuntimeWarning, stacklevel=3)
        return blocks, containers
    best = max(beyond, key=lambda el: len(etree.tostring(el, method="text", encoding=str)))
    more, inner = _walk(best, article_bodies, paths, [])
    room = max(0, MAX_BLOCKS - len(more))
    blocks = blocks[:room]
    offset = len(containers)
    for c in inner:
        if c.parent >= 0:
            c.parent += offset
    containers.extend(inner)
    for i, b in enumerate(more, len(blocks)):
        b.index = i
        b.anc = tuple(a + offset for a in b.anc)
        if b.group >= 0:
            b.group += offset
    warnings.warn(f"the page has more than {MAX_BLOCKS:,} blocks; the first {room:,} and "
                  f"its <{best.tag}> element's {len(more):,} are read, the rest is ignored",
                  RuntimeWarning, stacklevel=3)
    return blocks + more, containers


class _Marked(NamedTuple):
    """What prune() reads of a page's attributes before the tree changes."""

    classed: list[etree._Element]  # elements with a class, in document order
    classes: list[str]  # … and their classes
    hiding: list[etree._Element]  # elements with a hiding attribute, once for each
    bodies: set[etree._Element]  # elements whose itemprop names the article's body


def _mark(root: etree._Element) -> _Marked:
    """One pass over the elements' attribute names (three times as fast as one XPath
    search for the attributes, which makes a string object of each)."""
    classed: list[etree._Element] = []
    hiding: list[etree._Element] = []
    bodies: set[etree._Element] = set()
    for el in root.iter():
        names = el.keys()
        if names:
            for name in names:
                if name == "class":
                    classed.append(el)
                elif name in _HIDING:
                    hiding.append(el)
                elif name == "itemprop" and "articlebody" in el.get(name).lower():
                    bodies.add(el)
    return _Marked(classed, [el.get("class") for el in classed], hiding, bodies)


def prune(root: etree._Element) -> set[etree._Element]:
    """Do in C what the walk would otherwise do element by element in Python; returns
    the elements whose itemprop names the article's body (`_Marked.bodies`)."""
    bodies = _mark_hidden(root)
    # (after _mark_hidden has let go of its Python proxies of the page's elements: the
    # elements removed here that still had one would be moved to documents of their
    # own, not freed — a third of this call's time)
    etree.strip_elements(root, HIDDEN_TAG, *SKIP, with_tail=False)
    etree.strip_tags(root, *INLINE)
    return bodies


def _mark_hidden(root: etree._Element) -> set[etree._Element]:
    """Rename the page's hidden elements (but those worth showing) for prune() to
    remove; returns `_Marked.bodies`."""
    marked = _mark(root)
    hidden = _hidden(marked)
    keep = reveal.shown(root, hidden) if hidden or root.find(".//noscript") is not None \
        else set()
    for el in hidden:
        if el in keep:
            continue
        el.tag = HIDDEN_TAG  # removed by prune(), in C, keeping its tail (assigning the
        # tail from Python would refuse control characters that the parser let through)
    return marked.bodies


def _found(text: str, part: str) -> Iterator[int]:
    """Where `part` starts in `text`, every time."""
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _hidden(marked: _Marked) -> list[etree._Element]:
    maybe = list(marked.hiding)  # elements with a hiding attribute, then with a hiding class
    # One search over all classes, not one per class, joined by NUL (no attribute value
    # from lxml holds one): the class a match is in is the number of NULs before it,
    # counted on from the last match, whatever lower() does to the classes' lengths.
    joined = "\x00".join(marked.classes).lower()
    k = pos = 0
    last = -1
    # (str.find for each part: half the time of one regex search for all five)
    for start in sorted(i for part in hints.HIDDEN_CLASS_PARTS for i in _found(joined, part)):
        k += joined.count("\x00", pos, start)
        pos = start
        if k != last:
            maybe.append(marked.classed[k])
            last = k
    seen: set = set()
    hidden = []
    for el in maybe:
        if (el not in seen and isinstance(el.tag, str) and el.getparent() is not None
                and hints.is_hidden(el)):
            seen.add(el)
            hidden.append(el)
    return hidden


_OPENS, _CELL, _BREAK, _LINK = 1, 2, 3, 4  # what an element does to the walk
_ROLES = {**{tag: _OPENS for tag in BLOCK_TAGS}, "td": _CELL, "th": _CELL, "br": _BREAK,
          "a": _LINK}
_GROUPS = frozenset({"ul", "ol", "dl", "table", "menu"})
_NESTED = _GROUPS | {"pre", "blockquote"}  # tags whose opening and closing the walk counts
_JUDGED: dict[tuple, tuple[Category | None, int]] = {}  # (tag, class, id, role) → judgement
names_anything = hints.names_anything


def _walk(root: etree._Element, article_bodies: set[etree._Element], paths: dict,
          stamps: list[str]) -> tuple[list[HtmlBlock], list[Container]]:
    """One pass over the pruned tree, all state in locals (this loop is a third of an
    HTML page's time; attribute lookups on a walker object cost a fifth of it).
    `article_bodies` are the elements whose itemprop says articleBody; `paths` is the
    page's cache of element paths, which every block gets with its element; `stamps`
    gets what `time_stamps` would read (the page's tree is cold by then)."""
    blocks: list[HtmlBlock] = []
    containers: list[Container] = []
    stack: list[int] = []  # container ids
    groups: list[int] = []  # ids of the ul/ol/table being filled
    cells: set[int] = set()  # id() of td/th treated as inline cells
    text: list[str] = []
    md: list[str] = []
    link_chars = links = in_pre = in_quote = 0
    open_links: list[str] = []  # how each link being read closes in markdown, innermost last
    blank = False  # blank text was skipped since the last flush
    full = False  # MAX_BLOCKS blocks made: the walk stops at the next closing tag
    for event, el in etree.iterwalk(root, events=("start", "end")):
        start = event == "start"
        tag = el.tag
        if tag.__class__ is not str:  # entities, or anything prune() left
            if start:
                continue
            add = el.tail
        else:
            role = _ROLES.get(tag)
            if role is None:
                tag = tag.lower()
                role = _ROLES.get(tag, 0)
            if role == _CELL:
                if start:
                    if not _holds_blocks(el):
                        cells.add(id(el))  # only inline content: part of its row's block
                    else:
                        role = _OPENS
                elif id(el) in cells:
                    cells.discard(id(el))
                else:
                    role = _OPENS
            if role == _OPENS:
                if text:
                    if open_links:  # a link that runs on into the next block: its
                        md.extend(reversed(open_links))  # part here is closed here
                    block = _block(text, md, link_chars, links, stack, containers,
                                   groups, in_pre, in_quote, len(blocks), paths)
                    if block is not None:
                        blocks.append(block)
                        full = len(blocks) >= MAX_BLOCKS
                    text, link_chars, blank = [], 0, False
                    links = len(open_links)  # a link's part in the next block is a link
                    md = ["["] * links  # … and that part is opened there
                elif blank:  # (no text, so no link characters either)
                    blank = False
                    links = len(open_links)
                    md = ["["] * links
                if start:
                    cls, id_, aria = el.get("class"), el.get("id"), el.get("role")
                    if id_ is not None and not names_anything(id_):
                        id_ = None  # (ids are unique: kept in the key only when they count)
                    key = (tag, cls, id_, aria)
                    judged = _JUDGED.get(key)
                    if judged is None:
                        if len(_JUDGED) >= 8192:
                            _JUDGED.clear()
                        judged = _JUDGED[key] = hints.judge_element(tag, cls, id_, aria)
                    category, weight = judged
                    if article_bodies and el in article_bodies:
                        category, weight = None, weight + 50
                    elif tag == "article" or tag == "main":
                        weight += 15
                    cid = len(containers)
                    containers.append(Container(el, tag, category, weight,
                                                stack[-1] if stack else -1))
                    stack.append(cid)
                    if tag in _NESTED:
                        if tag == "pre":
                            in_pre += 1
                        elif tag == "blockquote":
                            in_quote += 1
                        else:
                            groups.append(cid)
                elif stack:
                    stack.pop()
                    if tag in _NESTED:
                        if tag == "pre":
                            in_pre -= 1
                        elif tag == "blockquote":
                            in_quote -= 1
                        elif groups:
                            groups.pop()
            elif start:
                if role == _CELL:
                    text.append(CELL)
                elif role == _BREAK:
                    text.append("\n")
                    md.append("\n")
                elif role == _LINK:
                    href = (el.get("href") or "").strip()
                    # (only the start lowercased: the same test, without a copy of a
                    # long address)
                    open_links.append(f"]({href})" if href and not href[:11].lower().startswith(
                        ("javascript:", "#")) else "]")
                    links += 1
                    md.append("[")
                elif el.tag == "time" and len(stamps) < MAX_TIME_STAMPS:
                    value = el.get("datetime")
                    if value:
                        stamps.append(value.strip())
            elif role == _LINK and open_links:
                closing = open_links.pop()
                if md and md[-1] == "[":  # a link without text
                    md.pop()
                else:
                    md.append(closing)
            if start:
                add = el.text
            else:
                if full:
                    break
                add = el.tail
        if add:
            if not in_pre:
                if not text and add.isspace():  # indentation between tags: no block,
                    blank = True  # but the flush it would have made still resets links
                    continue
                if "\n" in add:  # a newline in the markup is a space; <br> breaks
                    add = add.replace("\n", " ")
            text.append(add)
            if open_links:
                md.append(add.replace("[", "\\[").replace("]", "\\]"))
                link_chars += len(add.strip())
            else:
                md.append(add)
    if text:
        block = _block(text, md, link_chars, links, stack, containers, groups, in_pre,
                       in_quote, len(blocks), paths)
        if block is not None:
            blocks.append(block)
    return blocks, containers


def _holds_blocks(el: etree._Element) -> bool:
    """Whether a block-level element lies inside `el` (a table cell: if none, the cell is
    part of its row's block). A few descendants are looked at in Python; lxml's own
    search with 50 tag names costs 7-10 µs to set up, which a 20,000-row table paid
    once a cell (then two thirds of its walk)."""
    if not len(el):
        return False
    for n, d in enumerate(el.iterdescendants()):
        if d.tag in BLOCK_TAGS:
            return True
        if n == _LOOKED_AT:
            return next(el.iterdescendants(*BLOCK_TAGS), None) is not None
    return False


_LOOKED_AT = 32


def _block(text: list[str], md: list[str], link_chars: int, links: int, stack: list[int],
           containers: list[Container], groups: list[int], in_pre: int, in_quote: int,
           index: int, paths: dict) -> HtmlBlock | None:
    """The block the walk has gathered text for, or None when the text is blank; it
    holds its innermost container's element, whose path is written out when read."""
    raw = "".join(text)
    if stack:
        owner = containers[stack[-1]]
        tag, element, page_paths = owner.tag, owner.element, paths
    else:
        tag, element, page_paths = "", None, None
    cells: list[str] = []
    if CELL in raw:
        cells = [" ".join(c.split()) for c in raw.split(CELL)]
        while cells and not cells[0]:
            cells.pop(0)
        while cells and not cells[-1]:
            cells.pop()
        lines = [" ".join(c for c in cells if c)] if cells else []
    elif in_pre:
        lines = raw.strip("\n").splitlines()
        lines = [ln.rstrip() for ln in lines] if any(ln.strip() for ln in lines) else []
    elif "\n" in raw:
        lines = [ln for ln in (" ".join(ln.split()) for ln in raw.split("\n")) if ln]
    else:
        lines = [" ".join(raw.split())]
        if not lines[0]:
            return None
    if not lines:
        return None
    if in_pre:
        kind = "code"
    elif tag in HEADINGS:
        kind = "heading"
    elif cells or tag == "tr":
        kind = "table"
    elif tag in LIST_ITEMS or (tag == "p" and len(stack) > 1
                               and containers[stack[-2]].tag in LIST_ITEMS):
        kind = "list-item"
    elif in_quote:
        kind = "quote"
    else:
        kind = "paragraph"
    joined = "\n".join(lines) if len(lines) > 1 else lines[0]
    if kind == "code" or kind == "table" or (not links and "\n" not in raw):
        markdown = joined  # (without links, `md` holds the pieces of `text`)
    else:
        markdown = " ".join("".join(md).split())
    # (positional: half the cost of 17 keywords; _BLOCK_FIELDS checks the order)
    return HtmlBlock(
        index, joined, 0, 0, kind, None, _UNMEASURED, 0.0, _REMOVED, _BOILERPLATE, "",
        lines, None, HEADINGS.get(tag, 0), markdown, cells,
        groups[-1] if groups and kind in ("list-item", "table") else -1,
        tag, min(link_chars, len(joined)), links, tuple(stack), False, element, page_paths,
    )


# The order and defaults of HtmlBlock's fields that `_block` passes by position.
_BLOCK_FIELDS = ("index", "text", "start", "end", "kind", "path", "features", "score",
                 "verdict", "category", "reason", "source_lines", "rule", "level",
                 "markdown", "cells", "group", "tag", "link_chars", "links", "anc",
                 "in_article", "element", "paths")
_REMOVED, _BOILERPLATE = Verdict.REMOVED, Category.BOILERPLATE
_BLOCK_DEFAULTS = {"path": None, "score": 0.0, "verdict": _REMOVED,
                   "category": _BOILERPLATE, "reason": "", "rule": None, "in_article": False}


def _check_block_fields() -> None:
    """`_block` passes HtmlBlock's fields by position: fail at import if they moved."""
    defaults = {f.name: f.default for f in fields(HtmlBlock)}
    if tuple(defaults) != _BLOCK_FIELDS or any(
            defaults[name] != value for name, value in _BLOCK_DEFAULTS.items()):
        raise ImportError("HtmlBlock's fields changed: update stripper.segment.html._block")


_check_block_fields()


def element_path(el: etree._Element, cache: dict | None = None) -> str:
    """`html/body/main/article/p[3]`: tags with their index among same-tag siblings
    (libxml2 writes it, in C), the last MAX_PATH_PARTS of them.

    `cache` (one per page) keeps each element's path and the page's tree.
    """
    cache = {} if cache is None else cache
    path = cache.get(el)
    if path is None:
        tree = cache.get("tree")
        if tree is None:
            tree = cache["tree"] = el.getroottree()
        path = tree.getpath(el)[1:]
        if path.startswith("html[") or path.count("/") >= MAX_PATH_PARTS:
            parts = path.split("/")
            parts[0] = "html"  # a stray second root: no index for the page's own
            if len(parts) > MAX_PATH_PARTS:
                parts = ["…", *parts[-MAX_PATH_PARTS:]]
            path = "/".join(parts)
        cache[el] = path
    return path


def lay_out(blocks: list[HtmlBlock]) -> None:
    """Give blocks virtual line numbers: a gap between blocks, none inside a list or table."""
    line = 0
    previous: HtmlBlock | None = None
    for block in blocks:
        if previous is not None:
            same_group = block.group >= 0 and block.group == previous.group
            line += 0 if same_group else 1
        block.start = line
        block.end = line + len(block.source_lines)
        line = block.end
        previous = block


HtmlBlock.write_path = element_path  # block paths are written out when first read
