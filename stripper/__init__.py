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

from stripper.classify import label_blocks
from stripper.decode import decode, sniff_kind
from stripper.emit import clean_text
from stripper.features import measure_blocks
from stripper.html import extract_html
from stripper.html.decode import decode_html
from stripper.language import detect_language, stopwords_for
from stripper.metadata import dates, describe
from stripper.model import Block, Category, DateInfo, Features, Metadata, Result, Verdict
from stripper.rules import Rule, RuleError, RuleSet, host_of, page_url, rules_for_page
from stripper.segment.text import segment_text
from stripper.select import pick_article

__version__ = "0.1.0"
__all__ = [
    "Block",
    "Category",
    "DateInfo",
    "Features",
    "Metadata",
    "Result",
    "RuleError",
    "RuleSet",
    "Verdict",
    "strip",
    "warm_up",
]

KINDS = ("auto", "text", "html")


def strip(
    raw: bytes | str,
    *,
    kind: str = "auto",
    url: str | None = None,
    rules: Iterable[str | Path | RuleSet] | None = None,
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
    active = rules_for_page(list(rules or []), disabled=set(disable_rules), url=url, text=text)
    if kind == "html":
        return extract_html(text, encoding=encoding, url=url, rules=active, language=language)
    return _strip_text(text, kind=kind, encoding=encoding, url=url, rules=active,
                       language=language)


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
        for rule in rules_for_page([]):
            rule.scan_pattern()
        sample = _WARM_TEXT + (_WARM_DATE if full else "")
        strip(sample, kind="text")
        strip(f"<html><body><article><p>{sample}</p></article></body></html>", kind="html")


def _strip_text(
    text: str, *, kind: str, encoding: str | None, url: str | None, rules: list[Rule],
    language: str | None,
) -> Result:
    lines, blocks = segment_text(text)
    language = language or detect_language([b.text for b in blocks])
    stopwords = stopwords_for(language)
    measure_blocks(blocks, stopwords)
    host = host_of(url)
    applicable = [r for r in rules if r.applies_to(language, host)]
    labels = label_blocks(blocks, applicable, stopwords_available=stopwords.available)
    pick_article(blocks, labels)
    metadata = describe(blocks, language=language, url=url)
    return Result(
        text=clean_text(blocks), metadata=metadata, blocks=blocks, kind=kind, encoding=encoding
    )
