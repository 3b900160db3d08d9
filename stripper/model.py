"""The data that flows between pipeline stages.

Every stage reads and writes these dataclasses and nothing else, so the HTML
path, the diff view, user rules and batch all see the same block model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    KEPT = "kept"
    REMOVED = "removed"


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

    @property
    def kept(self) -> bool:
        return self.verdict is Verdict.KEPT

    def decide(self, verdict: Verdict, category: Category, reason: str) -> None:
        self.verdict = verdict
        self.category = category
        self.reason = reason

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
            "score": round(self.score, 3),
        }


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


@dataclass(slots=True)
class Result:
    text: str
    metadata: Metadata
    blocks: list[Block]
    kind: str  # "text" or "html"
    encoding: str | None = None

    @property
    def kept(self) -> list[Block]:
        return [b for b in self.blocks if b.kept]

    @property
    def removed(self) -> list[Block]:
        return [b for b in self.blocks if not b.kept]

    def to_dict(self, *, blocks: bool = True) -> dict:
        data = {
            "text": self.text,
            "metadata": self.metadata.to_dict(),
            "kind": self.kind,
            "encoding": self.encoding,
        }
        if blocks:
            data["blocks"] = [b.to_dict() for b in self.blocks]
        return data
