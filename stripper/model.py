"""The data that flows between pipeline stages.

Every stage reads and writes these dataclasses and nothing else, so the HTML
path, the diff view, user rules and batch all see the same block model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # types only: the model imports no stage
    from lxml import etree

    from stripper.rules.model import Rule


class Verdict(StrEnum):
    KEPT = "kept"
    REMOVED = "removed"


# `block.verdict is KEPT`: Block.kept without the property call, in the loops that
# ask it of every block of a page (imported as `_KEPT` where they run).
KEPT = Verdict.KEPT


class Category(StrEnum):
    """Why a block is what it is. `CONTENT` is the only category of kept blocks."""

    CONTENT = "content"
    TITLE = "title"
    DATELINE = "dateline"
    BYLINE = "byline"
    NAVIGATION = "navigation"
    BREADCRUMB = "breadcrumb"
    COMMENT_FORM = "comment-form"
    COMMENTS = "comments"
    FOOTER = "footer"
    COPYRIGHT = "copyright"
    RELATED_LIST = "related-list"
    SHARE = "share"
    TIMESTAMP = "timestamp"
    COOKIE = "cookie"
    ADS = "ads"
    NEWSLETTER = "newsletter"
    LOGIN = "login"
    DUPLICATE = "duplicate"
    BOILERPLATE = "boilerplate"


@dataclass(slots=True)
class Features:
    """Per-block statistics the classifier reads."""

    chars: int = 0
    words: int = 0  # CJK characters count as words
    letter_ratio: float = 0.0
    stopword_ratio: float = 0.0
    terminal_punct: bool = False
    link_like: float = 0.0  # 0..1: URL, e-mail, lynx [n] link markers, bullets of menus
    bullet: bool = False
    repeats: int = 1  # how many blocks in the page have the same normalised text
    key: str = ""  # the normalised text: what repeats across a page
    cjk: bool = False


@dataclass(slots=True)
class Block:
    """One unit of the input: a line or wrapped paragraph of a text dump, or a DOM block.

    `lines` are the input lines (0-based, inclusive start, exclusive end) the block came
    from; emitting a text dump only ever copies those lines, so nothing is invented.
    """

    index: int
    text: str
    start: int
    end: int
    kind: str = "line"  # line | paragraph | heading | list-item | quote | table | code
    path: str | None = None  # element path for HTML blocks
    features: Features = field(default_factory=Features)
    score: float = 0.0
    verdict: Verdict = Verdict.REMOVED
    category: Category = Category.BOILERPLATE
    reason: str = ""  # rule id ("rule copyright.ar") or signal ("low text density")
    source_lines: list[str] = field(default_factory=list)
    rule: str | None = None  # id of the rule that decided the verdict, if a rule did
    # Roles, where the input has them (HTML); a text dump's blocks keep the defaults.
    level: int = 0  # heading level
    markdown: str = ""  # the text with [links](href)
    cells: list[str] = field(default_factory=list)  # table rows: the cells' text
    group: int = -1  # id of the list or table it belongs to, for layout

    @property
    def kept(self) -> bool:
        return self.verdict is Verdict.KEPT

    def decide(self, verdict: Verdict, category: Category, reason: str,
               rule: str | None = None) -> None:
        self.verdict = verdict
        self.category = category
        self.reason = reason
        self.rule = rule

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "text": self.text,
            "lines": [self.start + 1, self.end],
            "kind": self.kind,
            "path": self.path,
            "verdict": self.verdict.value,
            "category": self.category.value,
            "reason": self.reason,
            "rule": self.rule,
            "score": round(self.score, 3),
        }


class Klass(StrEnum):
    """The classifier's first judgement of a block, in the manner of jusText."""

    GOOD = "good"
    NEARGOOD = "neargood"
    SHORT = "short"
    BAD = "bad"


@dataclass(slots=True)
class Label:
    """A block's class, category and the rule or signal behind them, before context."""

    klass: Klass
    category: Category
    reason: str
    hard: bool = False  # decided by a rule (or a form's fields): context may not overturn it
    marker: Rule | None = None  # an end-, start- or resume-article rule that fired
    rule: str | None = None  # id of the rule that gave this label


@dataclass(slots=True)
class HtmlBlock(Block):
    """A block of an HTML page, with what the DOM says about it."""

    tag: str = ""
    link_chars: int = 0
    links: int = 0
    anc: tuple[int, ...] = ()  # ids of the block-level elements around it, outermost first
    in_article: bool = False  # inside the container chosen as the article's
    element: etree._Element | None = field(default=None, repr=False, compare=False)
    paths: dict | None = field(default=None, repr=False, compare=False)  # the page's cache
    # Writes an element's path; set by the DOM segmenter (segment/html.py).
    write_path: ClassVar[Callable[[Any, dict | None], str] | None] = None

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def _lazy_path(block: HtmlBlock) -> str | None:
    """`Block.path`, written out from the element on first reading: most blocks' paths
    are never read (only JSON output and the diff view show them)."""
    path = _PATH_SLOT.__get__(block)
    if path is None and block.element is not None and HtmlBlock.write_path is not None:
        path = HtmlBlock.write_path(block.element, block.paths)
        _PATH_SLOT.__set__(block, path)
    return path


_PATH_SLOT: Any = Block.__dict__["path"]  # the slot of Block's `path` field
setattr(HtmlBlock, "path", property(_lazy_path, _PATH_SLOT.__set__))  # noqa: B010


@dataclass(slots=True)
class Container:
    """A block-level element: what its tag, class, id and role say about it."""

    element: etree._Element
    tag: str
    category: Category | None
    weight: int
    parent: int  # id of the enclosing container, -1 for the root


@dataclass(slots=True)
class PageInfo:
    """What an HTML page declares about itself (JSON-LD, `<meta>`, `<link>`)."""

    lang: str | None = None
    title: str | None = None  # <title>
    meta: dict[str, str] = field(default_factory=dict)  # og:title, description, … (first wins)
    tags: list[str] = field(default_factory=list)  # article:tag
    canonical: str | None = None
    ld: dict = field(default_factory=dict)  # the article-like JSON-LD object, if any
    publisher: str | None = None  # JSON-LD publisher or WebSite name



@dataclass(slots=True)
class Segmented:
    """What a front end hands the shared pipeline: the page's blocks, the labels it
    already knows for some of them (an HTML page's chrome containers), and its own
    state for its later hooks."""

    blocks: list[Block]
    known: dict[int, Label] = field(default_factory=dict)
    state: Any = None


@dataclass(slots=True)
class DateInfo:
    text: str  # as printed on the page
    iso: str | None  # ISO 8601 where it could be read

    def to_dict(self) -> dict:
        return {"text": self.text, "iso": self.iso}


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    published: DateInfo | None = None
    updated: DateInfo | None = None
    place: str | None = None
    site_name: str | None = None
    author: str | None = None
    language: str | None = None
    url: str | None = None
    words: int = 0
    characters: int = 0
    removed: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["published"] = self.published.to_dict() if self.published else None
        data["updated"] = self.updated.to_dict() if self.updated else None
        return data


def removed_by_category(blocks: list[Block]) -> dict[str, int]:
    """Metadata.removed: how many blocks went, by category."""
    removed = Counter(b.category for b in blocks if b.verdict is not Verdict.KEPT)
    return {c.value: n for c, n in sorted(removed.items())}


@dataclass(slots=True)
class HtmlMetadata(Metadata):
    """Metadata with what only HTML pages declare."""

    description: str | None = None
    image: str | None = None
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)



@dataclass(slots=True)
class Result:
    text: str
    metadata: Metadata
    blocks: list[Block]
    kind: str  # "text" or "html"
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. "no article found"

    @property
    def kept(self) -> list[Block]:
        return [b for b in self.blocks if b.kept]

    @property
    def removed(self) -> list[Block]:
        return [b for b in self.blocks if not b.kept]

    def to_dict(self, *, blocks: bool = True) -> dict:
        data: dict[str, Any] = {
            "text": self.text,
            "metadata": self.metadata.to_dict(),
            "kind": self.kind,
            "encoding": self.encoding,
        }
        if self.warnings:
            data["warnings"] = list(self.warnings)
        if blocks:
            data["blocks"] = [b.to_dict() for b in self.blocks]
        return data
