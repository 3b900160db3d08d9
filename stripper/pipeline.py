"""The one pipeline every input runs: a front end's blocks → language → features →
rules and statistics → labels → the article → metadata → the result.

A front end (stripper/frontends/) turns a decoded page into blocks and may bring
priors: labels it already knows (an HTML page's chrome containers), a language
guess, a revision of the labels before the article is picked, repairs after, and
its own metadata. Everything else happens here, once, the same for every kind of
input, so a new front end (WARC records, PDF text) plugs in by writing those hooks.
"""

from __future__ import annotations

import warnings
from typing import Protocol

from stripper.classify import deciding_rules, label_blocks, rule_label
from stripper.emit import clean_text
from stripper.features import measure, measure_blocks
from stripper.forms import drop_author_bio
from stripper.language import Stopwords, detect_language, stopwords_for
from stripper.model import KEPT as _KEPT
from stripper.model import Block, Features, Label, Metadata, Result, Segmented
from stripper.rules.book import RuleBook
from stripper.rules.model import Rule
from stripper.select import drop_doubled, drop_repeated, page_warnings, pick_article


class FrontEnd(Protocol):
    """The hooks of one kind of input. Only `segment` and `describe` must do work."""

    kind: str

    def segment(self, text: str) -> Segmented | None:
        """The page's blocks (None: nothing to read, e.g. markup that does not parse)."""

    def language(self, page: Segmented, live: list[Block]) -> str | None:
        """The page's language, when the caller did not say."""

    def revise(self, page: Segmented, labels: list[Label]) -> None:
        """Fold the front end's priors into the labels, in place, before selection."""

    def repair(self, page: Segmented, labels: list[Label], stopwords: Stopwords) -> None:
        """Verdicts the shared selection cannot see (e.g. the article's own container)."""

    def describe(self, page: Segmented, *, language: str | None, url: str | None) -> Metadata:
        """Title, dates, author … of the decided page."""

    def empty_metadata(self, *, language: str | None, url: str | None) -> Metadata:
        """Metadata of a page `segment` found nothing in."""


class BaseFrontEnd:
    """Hooks that do nothing: a front end overrides what it knows better."""

    kind = "text"

    def language(self, page: Segmented, live: list[Block]) -> str | None:
        return detect_language([b.text for b in live])

    def revise(self, page: Segmented, labels: list[Label]) -> None:
        return None

    def repair(self, page: Segmented, labels: list[Label], stopwords: Stopwords) -> None:
        return None

    def empty_metadata(self, *, language: str | None, url: str | None) -> Metadata:
        return Metadata(language=language, url=url)


def run(front: FrontEnd, text: str, *, encoding: str | None, url: str | None,
        book: RuleBook, language: str | None) -> Result:
    """Clean one decoded page with the given front end and rule book."""
    page = front.segment(text)
    if page is None:
        return Result(text="", metadata=front.empty_metadata(language=language, url=url),
                      blocks=[], kind=front.kind, encoding=encoding)
    blocks, known = page.blocks, page.known
    live = [b for b in blocks if b.index not in known] if known else blocks
    language = language or front.language(page, live)
    stopwords = stopwords_for(language)
    measure_blocks(live, stopwords)
    for b in blocks:
        if b.index in known:  # decided by the front end: cheap counts are enough
            text = b.text  # (by position, as measure() builds them: a page has thousands)
            b.features = Features(len(text), len(text.split()), 0.0, 0.0, False, 0.0, False,
                                  1, text.casefold(), False)
    rules = book.for_page(url, text, language)
    labels = label_blocks(live, rules, stopwords_available=stopwords.available)
    if known:
        known = _kept_by_rule(blocks, known, rules, stopwords)
        by_index = dict(zip((b.index for b in live), labels, strict=True))
        labels = [known.get(b.index) or by_index[b.index] for b in blocks]
    front.revise(page, labels)
    pick_article(blocks, labels)
    front.repair(page, labels, stopwords)
    drop_repeated(blocks)
    if front.kind == "text":  # (the DOM tells an image's alt text and caption apart)
        drop_doubled(blocks)
    drop_author_bio(blocks)
    notes = page_warnings(blocks)
    emptied = _emptied_by_one_rule(blocks, rules)
    if emptied:
        warnings.warn(emptied, RuntimeWarning, stacklevel=3)
        notes.append(emptied)
    metadata = front.describe(page, language=language, url=url)
    return Result(text=clean_text(blocks), metadata=metadata, blocks=blocks, kind=front.kind,
                  encoding=encoding, warnings=notes)


def _kept_by_rule(blocks: list[Block], known: dict[int, Label], rules: list[Rule],
                  stopwords: Stopwords) -> dict[int, Label]:
    """A `keep` rule outranks the front end: a block it matches is content even where
    the front end had labelled it chrome (the user's rule is the last word)."""
    keep = [r for r in rules if r.action == "keep"]
    if not keep:
        return known
    targets = [blocks[i] for i in sorted(known)]
    rescued = dict(known)
    for block, rule in zip(targets, deciding_rules(targets, keep), strict=True):
        if rule is not None:
            block.features = measure(block.text, stopwords)
            rescued[block.index] = rule_label(rule)
    return rescued


PROSE_WORDS = 10  # blocks this long are the ones a page is read for


def _emptied_by_one_rule(blocks: list[Block], rules: list[Rule]) -> str | None:
    """A rule that matches everything (`.`, `^`) empties every page: say so, naming it,
    instead of returning nothing in silence. Such a rule decided every block of some
    length, on a page where nothing was kept."""
    if len(blocks) < 2 or any(b.verdict is _KEPT for b in blocks):
        return None
    prose = [b for b in blocks if b.features.words >= PROSE_WORDS]
    deciding = {b.rule for b in prose}
    if len(deciding) != 1 or None in deciding:  # (a page of menus alone: no warning)
        return None
    rule_id = deciding.pop()
    count = sum(b.rule == rule_id for b in blocks)
    if 2 * count < len(blocks):
        return None
    rule = next((r for r in rules if r.id == rule_id), None)
    where = f" ({rule.where})" if rule is not None and rule.where else ""
    return (f"rule {rule_id}{where} removed {count} of the page's {len(blocks)} blocks "
            "and nothing is left")
