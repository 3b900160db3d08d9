"""Counted lines → the template lines of each site.

A line is a candidate when it was seen on at least MIN_SHARE of its site's pages
(and on MIN_REPEAT pages at the least). Repeating is not enough: a quoted sentence
or a standard correction note can repeat inside articles. A candidate is template
when, on at least OUTSIDE_SHARE of its pages, it sits outside the article, or when
it looks like chrome (a link-like block stripper kept) on more than CHROME_SHARE.
Outside the article means that wherever the page has the line, stripper removed it
or it lies before the first or after the last block of the page's own text: the
kept blocks that end like a sentence and are seen on no other page of the site (on
a page where there are none, all of its kept blocks). On a page whose kept text is
mostly candidate lines (COPY_SHARE) — a second copy of one article, say — only what
stripper removed counts as outside. Lines a rule already decides are left to it (a
learned drop must not hide an end-of-article marker).
"""

from __future__ import annotations

import math
import pickle
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO

import regex

from stripper.learn.counter import LineCounter, LineStats
from stripper.learn.normalise import has_digits
from stripper.learn.survey import PROSE

MIN_SITE_PAGES = 2  # a site needs this many pages to learn from
MIN_SHARE = 0.3  # of a site's pages a line must be seen on
MIN_REPEAT = 2  # pages, at the least
OUTSIDE_SHARE = 0.9  # of its pages a line must sit outside the article on at least
# (a line kept inside the article on a tenth of its pages is part of its flow — an
# in-article ad label: a hard drop there can cut the article in two)
CHROME_SHARE = 0.5  # ... or look like chrome on more than
COPY_SHARE = 0.5  # a page whose kept text is mostly candidate lines is a copy of another
RULE_SHARE = 0.5  # a line a rule decided on this share of its pages is the rule's
MARKER_LINES = 3  # lines whose any one marks a page as the site's
MARKER_MIN_CHARS = 10
DROP_CATEGORIES = {"content", "title"}  # never the category of a learned drop
MIN_LETTERS = 2  # a line of digits and signs alone ("26", "|") is no site's own
_LETTER = regex.compile(r"\p{L}")


@dataclass(slots=True)
class TemplateLine:
    stats: LineStats
    outside: int  # pages it sat outside the article on

    @property
    def text(self) -> str:
        return self.stats.text or ""

    @property
    def category(self) -> str:
        cat = self.stats.category
        return "boilerplate" if not cat or cat in DROP_CATEGORIES else cat


@dataclass
class SiteTemplate:
    name: str
    pages: int
    lines: list[TemplateLine] = field(default_factory=list)
    marker: list[str] = field(default_factory=list)  # texts of the marker lines
    marked: int = 0  # pages the marker is found on


class Spill:
    """Every page's block hashes and kept flags, on disk: the second look at the
    pages (where the article sits) needs the site's counts, known only at the end."""

    def __init__(self, fh: IO[bytes]):
        self.fh = fh

    def write(self, site: int, order: list[int], kept: bytes, sizes: list[int]) -> None:
        pickle.dump((site, array("q", order).tobytes(), kept, array("I", sizes).tobytes()),
                    self.fh, protocol=pickle.HIGHEST_PROTOCOL)

    def pages(self):
        self.fh.seek(0)
        while True:
            try:
                site, order, kept, sizes = pickle.load(self.fh)
            except EOFError:
                return
            hashes, lengths = array("q"), array("I")
            hashes.frombytes(order)
            lengths.frombytes(sizes)
            yield site, hashes, kept, lengths


def candidates(counter: LineCounter, site_pages: dict[int, int],
               min_share: float = MIN_SHARE) -> dict[int, dict[int, LineStats]]:
    """Per site, the lines seen on enough of its pages (line hash → stats)."""
    found: dict[int, dict[int, LineStats]] = defaultdict(dict)
    for stats in counter.entries.values():
        n = site_pages.get(stats.site, 0)
        if n < MIN_SITE_PAGES or stats.text is None:
            continue
        if stats.pages < max(MIN_REPEAT, math.ceil(min_share * n)):
            continue
        if stats.by_rule >= RULE_SHARE * stats.pages:
            continue
        if len(_LETTER.findall(stats.text, concurrent=False)) < MIN_LETTERS:
            continue
        found[stats.site][stats.line] = stats
    return found


def outside_counts(spill: Spill, cands: dict[int, dict[int, LineStats]],
                   counter: LineCounter) -> dict[tuple, int]:
    """(site, line) → pages where the line sat outside that page's article: outside
    the span of the page's own text, the kept sentences (blocks that end like one)
    seen on no other page of the site — a "most read" headline kept beside the
    article is neither."""
    outside: dict[tuple[int, int], int] = defaultdict(int)

    def own(site: int, h: int, kept: int) -> bool:
        if h == 0:  # a block too long to count: article text
            return True
        if kept != PROSE:
            return False
        stats = counter.get(site, h)
        return stats is None or stats.pages <= 1

    for site, order, kept, sizes in spill.pages():
        lines = cands.get(site)
        if not lines:
            continue
        kept_chars = sum(sizes[i] for i in range(len(order)) if kept[i])
        repeated = sum(sizes[i] for i, h in enumerate(order) if kept[i] and h in lines)
        copy = repeated > COPY_SHARE * kept_chars  # mostly another page's text
        core = [i for i, h in enumerate(order) if kept[i] and own(site, h, kept[i])]
        if not core:  # every kept line repeats: a copy of another page, article and all
            core = [i for i in range(len(order)) if kept[i]]
        lo, hi = (core[0], core[-1]) if core else (len(order), -1)
        status: dict[int, bool] = {}
        for i, h in enumerate(order):
            if h in lines:
                out = not kept[i] or (not copy and (i < lo or i > hi))
                status[h] = status.get(h, True) and out  # inside once: inside
        for h, out in status.items():
            outside[site, h] += out
    return outside


def template_lines(cands: dict[int, dict[int, LineStats]],
                   outside: dict[tuple, int]) -> dict[int, list[TemplateLine]]:
    found: dict[int, list[TemplateLine]] = {}
    for site, lines in cands.items():
        chosen = []
        for h, stats in lines.items():
            out = outside.get((site, h), 0)
            if out >= OUTSIDE_SHARE * stats.pages or stats.chrome > CHROME_SHARE * stats.pages:
                chosen.append(TemplateLine(stats, out))
        chosen.sort(key=lambda t: (-t.stats.pages, -t.outside, t.text))
        if chosen:
            found[site] = chosen
    return found


def worth_a_rule(lines: list[TemplateLine], all_lines: bool = False) -> list[TemplateLine]:
    """The template lines to write rules for: unless `all_lines`, those stripper kept
    on some page. A rule for a line removed on every page would change nothing on
    these pages, and the file stays short enough to read."""
    return [t for t in lines if all_lines or t.stats.removed < t.stats.pages]


def choose_marker(lines: list[TemplateLine]) -> list[TemplateLine]:
    """The lines that mark a page as the site's: the most widespread distinctive
    ones (no digits, long enough, no characters HTML would write as entities)."""
    fit = [t for t in lines if len(t.text) >= MARKER_MIN_CHARS and not has_digits(t.text)
           and not any(c in t.text for c in "&<>\"'")]
    if not fit:  # nothing distinctive: any line of the template will do
        fit = [t for t in lines if len(t.text) >= 4] or list(lines)
    fit.sort(key=lambda t: (-t.stats.pages, -len(t.text), t.text))
    return fit[:MARKER_LINES]


def marker_coverage(spill: Spill, markers: dict[int, set[int]]) -> dict[int, int]:
    """site → pages holding one of its marker lines."""
    marked: dict[int, int] = defaultdict(int)
    for site, order, _kept, _sizes in spill.pages():
        wanted = markers.get(site)
        if wanted and any(h in wanted for h in order):
            marked[site] += 1
    return marked
