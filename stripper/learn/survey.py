"""One page → what learning needs of it: each block's line hash, whether stripper
kept it, and how it decided. Runs in worker processes; sends no page text back
except the short blocks that could be template lines."""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass

import stripper
from stripper.decode import binary_reason
from stripper.learn.normalise import line_hash, line_key
from stripper.rules import host_of

MAX_LINE_CHARS = 1_200  # longer blocks are article paragraphs, never learned
CHROME_LINK_LIKE = 0.5  # a kept block this link-like looks like chrome
MAX_SIZE = 50 * 1024 * 1024
PROSE = 2  # in PageSurvey.kept: a kept block that ends like a sentence


@dataclass(slots=True)
class Task:
    src: str  # the file to read
    rel: str  # its name in reports and rule comments
    url: str | None = None  # the page's address, when the user gave one


@dataclass(slots=True)
class Settings:
    kind: str = "auto"
    language: str | None = None
    rule_files: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    max_size: int = MAX_SIZE


@dataclass(slots=True)
class Seen:
    """One distinct learnable block of a page."""

    line: int  # line_hash of its key
    text: str
    kept: bool
    by_rule: bool
    chrome: bool
    category: str
    words: int


@dataclass(slots=True)
class PageSurvey:
    rel: str
    host: str | None  # from the given URL, or the page's own canonical link
    kind: str
    order: list[int]  # line hashes of every block, in page order (0: not learnable)
    kept: bytes  # per block, same order: 0 removed, 1 kept, PROSE kept and ends a sentence
    sizes: list[int]  # per block, same order: its characters
    seen: list[Seen]  # distinct learnable blocks, first occurrence
    error: str | None = None


_SETTINGS = Settings()


class Refused(Exception):
    """A file that is not a page to learn from: the message says why."""


def read_page(src: str, max_size: int) -> bytes:
    """A file's bytes, gunzipped when its name ends in .gz; no more than max_size."""
    if src.lower().endswith(".gz"):
        try:
            with gzip.open(src, "rb") as fh:
                raw = fh.read(max_size + 1)
        except (gzip.BadGzipFile, EOFError) as exc:
            raise Refused(f"corrupt gzip file: {exc}") from None
    else:
        with open(src, "rb") as fh:
            raw = fh.read(max_size + 1)
    if len(raw) > max_size:
        raise Refused(f"too large: over {max_size:,} bytes")
    return raw


def init_worker(settings: Settings) -> None:
    """Pool initializer: remember the run's settings (the fork server preloaded and
    warmed stripper)."""
    global _SETTINGS
    _SETTINGS = settings


def survey(task: Task, settings: Settings | None = None) -> PageSurvey:
    settings = settings or _SETTINGS
    try:
        raw = read_page(task.src, settings.max_size)
        reason = binary_reason(raw)
        if reason:
            raise Refused(reason)
        result = stripper.strip(raw, kind=settings.kind, url=task.url,
                                rules=list(settings.rule_files),
                                disable_rules=settings.disabled, language=settings.language)
    except (OSError, ValueError, Refused) as exc:
        message = exc.strerror.lower() if isinstance(exc, OSError) and exc.strerror else str(exc)
        return PageSurvey(task.rel, None, "", [], b"", [], [],
                          error=message or type(exc).__name__)
    order: list[int] = []
    kept = bytearray()
    sizes: list[int] = []
    seen: dict[int, Seen] = {}
    for block in result.blocks:
        text = block.text.strip()
        kept.append(0 if not block.kept else PROSE if block.features.terminal_punct else 1)
        sizes.append(len(text))
        if not text or len(text) > MAX_LINE_CHARS:
            order.append(0)
            continue
        h = line_hash(line_key(text)) or 1
        order.append(h)
        if h not in seen:
            seen[h] = Seen(h, text, block.kept, block.reason.startswith("rule "),
                           block.kept and block.features.link_like >= CHROME_LINK_LIKE,
                           "" if block.kept else block.category.value, block.features.words)
    host = host_of(result.metadata.url or task.url)
    return PageSurvey(task.rel, host, result.kind, order, bytes(kept), sizes,
                      list(seen.values()))


def page_name(src: str, root: str | None) -> str:
    """`src` relative to the folder it was found under (for comments and grouping)."""
    if root:
        try:
            return os.path.relpath(src, root)
        except ValueError:
            pass
    return src
