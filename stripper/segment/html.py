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

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from lxml import etree

from stripper.html import hints
from stripper.model import Block, Category

SKIP = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
    "iframe", "object", "embed", "canvas", "button", "select", "input", "textarea",
    "option", "datalist", "audio", "video", "source", "track", "map", "math", "dialog",
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
# Where hidden elements may be, found in C; `hints.is_hidden` decides.
_HIDING_ATTRIBUTES = etree.XPath("//@style | //@hidden | //@aria-hidden")  # twice as fast
# as the same question asked of elements (//*[@style or …])
_CLASSES = etree.XPath("//@class")
_HIDDEN_PART = re.compile("|".join(hints.HIDDEN_CLASS_PARTS))
MAX_PATH_PARTS = 24
MAX_BLOCKS = 20_000  # later text is ignored: the shared stages cost ~0.1 ms a block
CELL = "\x1f"  # table cell separator inside a row's raw text


@dataclass(slots=True)
class HtmlBlock(Block):
    """A block of an HTML page, with what the DOM says about it."""

    tag: str = ""
    level: int = 0  # heading level
    link_chars: int = 0
    links: int = 0
    anc: tuple[int, ...] = ()  # ids of the block-level elements around it, outermost first
    markdown: str = ""  # the text with [links](href)
    cells: list[str] = field(default_factory=list)  # table rows: the cells' text
    group: int = -1  # id of the list or table it belongs to, for layout
    in_article: bool = False  # inside the container chosen as the article's
    element: etree._Element | None = field(default=None, repr=False, compare=False)
    paths: dict | None = field(default=None, repr=False, compare=False)  # the page's cache

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def _lazy_path(block: HtmlBlock) -> str | None:
    """`Block.path`, written out from the element on first reading: most blocks' paths
    are never read (only JSON output and the diff view show them)."""
    path = _PATH_SLOT.__get__(block)
    if path is None and block.element is not None:
        path = element_path(block.element, block.paths)
        _PATH_SLOT.__set__(block, path)
    return path


_PATH_SLOT = Block.path  # the slot of Block's `path` field
HtmlBlock.path = property(_lazy_path, _PATH_SLOT.__set__)


@dataclass(slots=True)
class Container:
    """A block-level element: what its tag, class, id and role say about it."""

    element: etree._Element
    tag: str
    category: Category | None
    weight: int
    parent: int  # id of the enclosing container, -1 for the root


def segment_dom(root: etree._Element) -> tuple[list[HtmlBlock], list[Container]]:
    """Blocks of the page in document order, and the containers their `anc` ids name.

    The tree is pruned in place first (hidden and text-less elements removed, inline
    elements folded into their parents): read what else is needed from it before.
    """
    prune(root)
    return _Walker().run(root)


def prune(root: etree._Element) -> None:
    """Do in C what the walk would otherwise do element by element in Python."""
    for el in _hidden(root):
        el.tag = HIDDEN_TAG  # removed below, in C, keeping its tail (assigning the tail
        # from Python would refuse control characters that the parser let through)
    etree.strip_elements(root, HIDDEN_TAG, *SKIP, with_tail=False)
    etree.strip_tags(root, *INLINE)


def _hidden(root: etree._Element) -> list[etree._Element]:
    maybe = [value.getparent() for value in _HIDING_ATTRIBUTES(root)]
    classes = _CLASSES(root)
    lowered = [c.lower() for c in classes]  # (lower() may change a length: offsets from these)
    starts = list(accumulate((len(c) + 1 for c in lowered), initial=0))
    joined = "\n".join(lowered)  # one search over all classes, not one per class
    last = -1
    for m in _HIDDEN_PART.finditer(joined):
        k = bisect_right(starts, m.start()) - 1
        if k != last:
            maybe.append(classes[k].getparent())
            last = k
    seen: set = set()
    hidden = []
    for el in maybe:
        if (el not in seen and isinstance(el.tag, str) and el.getparent() is not None
                and hints.is_hidden(el)):
            seen.add(el)
            hidden.append(el)
    return hidden


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[HtmlBlock] = []
        self.containers: list[Container] = []
        self.stack: list[int] = []  # container ids
        self.text: list[str] = []
        self.md: list[str] = []
        self.link_chars = 0
        self.links = 0
        self.in_link = 0
        self.in_pre = 0
        self.in_quote = 0
        self.in_list = 0
        self.groups: list[int] = []  # ids of the ul/ol/table being filled
        self.cells: set[int] = set()  # id() of td/th treated as inline cells
        self.blank = False  # blank text was skipped since the last flush

    def run(self, root: etree._Element) -> tuple[list[HtmlBlock], list[Container]]:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):  # entities, or anything prune() left
                if event == "end" and el.tail:
                    self._add(el.tail)
                continue
            tag = tag.lower() if not tag.islower() else tag
            if event == "start":
                self._start(el, tag)
            else:
                self._end(el, tag)
                if el.tail:
                    self._add(el.tail)
                if len(self.blocks) >= MAX_BLOCKS:
                    break
        self._flush()
        return self.blocks, self.containers

    # -- events

    def _start(self, el, tag: str) -> None:
        if tag in BLOCK_TAGS and not self._is_cell(el, tag):
            if self.text or self.blank:
                self._flush()
            category, weight = hints.judge_element(tag, el.get("class"), el.get("id"),
                                                   el.get("role"))
            if "articlebody" in (el.get("itemprop") or "").lower():
                category, weight = None, weight + 50
            elif tag in ("article", "main"):
                weight += 15
            self.stack.append(len(self.containers))
            self.containers.append(Container(el, tag, category, weight,
                                             self.stack[-2] if len(self.stack) > 1 else -1))
            if tag == "pre":
                self.in_pre += 1
            elif tag == "blockquote":
                self.in_quote += 1
            elif tag in ("ul", "ol", "dl", "table", "menu"):
                self.groups.append(self.stack[-1])
            elif tag in LIST_ITEMS:
                self.in_list += 1
            elif tag == "hr":
                self._flush()
        elif tag in ("td", "th"):
            self.text.append(CELL)
        elif tag == "br":
            self.text.append("\n")
            self.md.append("\n")
        elif tag == "a":
            self.in_link += 1
            self.links += 1
            self.md.append("[")
        elif tag == "img":
            return
        if el.text:
            self._add(el.text)

    def _end(self, el, tag: str) -> None:
        if tag in BLOCK_TAGS and id(el) not in self.cells:
            if self.text or self.blank:
                self._flush()
            if not self.stack:
                return
            self.stack.pop()
            if tag == "pre":
                self.in_pre -= 1
            elif tag == "blockquote":
                self.in_quote -= 1
            elif tag in ("ul", "ol", "dl", "table", "menu") and self.groups:
                self.groups.pop()
            elif tag in LIST_ITEMS:
                self.in_list -= 1
        elif tag in ("td", "th"):
            self.cells.discard(id(el))
        elif tag == "a" and self.in_link:
            self.in_link -= 1
            href = (el.get("href") or "").strip()
            if self.md and self.md[-1] == "[":
                self.md.pop()
            elif href and not href.lower().startswith(("javascript:", "#")):
                self.md.append(f"]({href})")
            else:
                self.md.append("]")

    def _is_cell(self, el, tag: str) -> bool:
        """A table cell holding only inline content is part of its row's block."""
        if tag not in ("td", "th"):
            return False
        if next(el.iterdescendants(*BLOCK_TAGS), None) is not None:
            return False
        self.cells.add(id(el))
        return True

    def _add(self, text: str) -> None:
        if not self.in_pre:
            if not self.text and text.isspace():  # indentation between tags: no block,
                self.blank = True  # but the flush it would have made still resets links
                return
            if "\n" in text:  # a newline in the markup is a space; <br> breaks
                text = text.replace("\n", " ")
        self.text.append(text)
        self.md.append(text.replace("[", "\\[").replace("]", "\\]") if self.in_link else text)
        if self.in_link:
            self.link_chars += len(text.strip())

    # -- blocks

    def _flush(self) -> None:
        if not self.text:
            if self.blank:
                self.md, self.link_chars, self.links, self.blank = [], 0, 0, False
            return
        self.blank = False
        raw = "".join(self.text)
        md = "".join(self.md)
        link_chars, links = self.link_chars, self.links
        self.text, self.md = [], []
        self.link_chars = self.links = 0
        owner = self.stack[-1] if self.stack else -1
        tag = self.containers[owner].tag if owner >= 0 else ""
        cells: list[str] = []
        if CELL in raw:
            cells = [" ".join(c.split()) for c in raw.split(CELL)]
            while cells and not cells[0]:
                cells.pop(0)
            while cells and not cells[-1]:
                cells.pop()
            lines = [" ".join(c for c in cells if c)] if cells else []
        elif self.in_pre:
            lines = raw.strip("\n").splitlines()
            lines = [ln.rstrip() for ln in lines] if any(ln.strip() for ln in lines) else []
        else:
            lines = [" ".join(ln.split()) for ln in raw.split("\n")] if "\n" in raw else [
                " ".join(raw.split())]
            lines = [ln for ln in lines if ln]
        if not lines:
            return
        if self.in_pre:
            kind = "code"
        elif tag in HEADINGS:
            kind = "heading"
        elif cells or tag == "tr":
            kind = "table"
        elif tag in LIST_ITEMS or (tag == "p" and len(self.stack) > 1
                                   and self.containers[self.stack[-2]].tag in LIST_ITEMS):
            kind = "list-item"
        elif self.in_quote:
            kind = "quote"
        else:
            kind = "paragraph"
        text = "\n".join(lines)
        self.blocks.append(HtmlBlock(
            index=len(self.blocks), text=text, start=0, end=0, kind=kind,
            source_lines=lines, tag=tag, level=HEADINGS.get(tag, 0),
            link_chars=min(link_chars, len(text)), links=links, anc=tuple(self.stack),
            markdown=" ".join(md.split()) if kind not in ("code", "table") else text,
            cells=[c for c in cells] if cells else [],
            group=self.groups[-1] if self.groups and kind in ("list-item", "table") else -1,
        ))


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
