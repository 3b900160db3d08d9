"""stripper: raw page dumps in, clean article text and metadata out.

    >>> import stripper
    >>> result = stripper.strip(open("page.txt", "rb").read())
    >>> result.text, result.metadata.title, [b.reason for b in result.removed]

The pipeline, one module a stage: decode → segment → features → classify →
select → metadata → emit.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterable
from pathlib import Path

from stripper import pipeline
from stripper.decode import decode, sniff_kind
from stripper.frontends.html import HtmlFrontEnd
from stripper.frontends.text import TextFrontEnd
from stripper.html.decode import decode_html
from stripper.metadata import dates
from stripper.model import Block, Category, DateInfo, Features, Metadata, Result, Verdict
from stripper.rules import RuleBook, RuleError, RuleSet, book_for, page_url
from stripper.settle import settled

__version__ = "0.1.0"
__all__ = [
    "Block",
    "Category",
    "DateInfo",
    "Features",
    "Metadata",
    "Result",
    "RuleBook",
    "RuleError",
    "RuleSet",
    "Verdict",
    "strip",
    "warm_up",
]

KINDS = ("auto", "text", "html")
FRONT_ENDS: dict[str, pipeline.FrontEnd] = {"text": TextFrontEnd(), "html": HtmlFrontEnd()}


def strip(
    raw: bytes | str,
    *,
    kind: str = "auto",
    url: str | None = None,
    rules: RuleBook | Iterable[str | Path | RuleSet] | None = None,
    disable_rules: Iterable[str] = (),
    language: str | None = None,
) -> Result:
    """Clean one page.

    `kind` is "text" for a rendered text dump, "html" for markup, "auto" to tell
    them apart. `rules` adds rule files (or parsed RuleSets) after the built-in
    ones; `disable_rules` switches rules off by id. `language` (ISO 639-1)
    skips language detection.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    with _collector_paused():
        return _strip(raw, kind, url, rules, disable_rules, language)


@contextlib.contextmanager
def _collector_paused():
    """The cyclic garbage collector waits while a page is cleaned.

    A page makes thousands of short-lived objects (blocks, labels, DOM proxies) that
    make no reference cycles and are freed by reference counting when the call ends;
    with the collector running, it walks them again and again meanwhile and moves the
    survivors to its oldest generation, whose full passes (tens of milliseconds with
    the language model and date tables loaded) then come every few pages: 5-8% of an
    HTML page's time. The collector is switched back on when the call ends. It is left
    alone if it was off already, and in a process running other threads, whose
    collections must not wait on ours.
    """
    if not gc.isenabled() or threading.active_count() > 1:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _strip(raw, kind, url, rules, disable_rules, language) -> Result:
    if isinstance(raw, bytes) and kind != "text" and (
            kind == "html" or sniff_kind(raw[:4096].decode("latin-1")) == "html"):
        text, encoding = decode_html(raw)  # honours <meta charset> before detection
    else:
        text, encoding = decode(raw)
    if kind == "auto":
        kind = sniff_kind(text)
    url = url or page_url(text, kind)  # site rules: an HTML page's canonical link / og:url
    book = book_for(rules, disable_rules)
    front = FRONT_ENDS["html" if kind == "html" else "text"]
    result = pipeline.run(front, text, encoding=encoding, url=url, book=book, language=language)
    if kind == "html":
        return result
    # what strip(result.text) would do: decode() leaves decoded text as it is
    return settled(result, lambda clean: pipeline.run(
        front, clean, encoding=encoding, url=url, book=book, language=language))


_WARM_TEXT = (
    "Home | News | Sport\n\n"
    "The council approved the new budget on Tuesday after a long debate, and the mayor\n"
    "said the plan would be published in full next week.\n\n"
)
_WARM_DATE = "Updated 12 January 2025 14:30 GMT\n"


def warm_up(*, full: bool = False) -> None:
    """Load now what `strip()` loads on first use — the language model, stopword
    lists, compiled rules and their page-scan patterns — so that a service or a pool
    of workers does not pay for it on its first pages. Import and warm-up take about
    half a second of CPU, which fits datatrove's 1 s per-document sandbox.

    The date parser's tables (~0.5 s) load at the first page with a date that
    stripper does not read by itself; `full=True` loads them now too, for a process
    whose workers are forked from it (they then share them)."""
    with contextlib.suppress(Exception):  # warming is only an optimisation
        if full:
            dates.warm_up()
        for rule in book_for(None).rules:
            rule.scan_pattern()
        sample = _WARM_TEXT + (_WARM_DATE if full else "")
        strip(sample, kind="text")
        strip(f"<html><body><article><p>{sample}</p></article></body></html>", kind="html")

