"""A bounded counter of lines per site: how many pages each line was seen on.

Keys are 63-bit hashes of (site, line key), not strings; the text of a line is kept
only once it has been seen on two pages of its site (it is needed to write the
rule), so a site's unique article lines — nearly all of the input — cost one entry
each and are the first to go when the counter is full: when it holds more than
`capacity` entries, the lines seen on one page only are dropped (then on two, and
so on) until it is down to three quarters. A template line repeats on most pages of
its site and survives; a line of a small site whose pages lie far apart in the input
may be undercounted (its count starts again). Memory stays flat however many pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CAPACITY = 250_000  # entries; each is a small record (~200 bytes): ~50 MB at most
PRUNE_TO = 0.75  # share of the capacity kept after pruning


@dataclass(slots=True)
class LineStats:
    site: int
    line: int  # hash of the line key
    pages: int = 0
    removed: int = 0  # pages where stripper removed it
    by_rule: int = 0  # ... where a rule decided it (built-in or the user's)
    chrome: int = 0  # ... where it looked like chrome (a link, a URL) though kept
    category: str = ""  # what stripper called it when it removed it
    words: int = 0
    text: str | None = None  # kept once seen on two pages
    example: str | None = None  # the page it was first seen on


@dataclass
class LineCounter:
    capacity: int = CAPACITY
    entries: dict[int, LineStats] = field(default_factory=dict)
    pruned: int = 0  # entries dropped so far

    @staticmethod
    def key(site: int, line: int) -> int:
        return (line ^ (site * 0x9E3779B97F4A7C15)) & ((1 << 64) - 1)

    def add(self, site: int, line: int, *, text: str, page: str, removed: bool,
            by_rule: bool, chrome: bool, category: str, words: int) -> LineStats:
        """Count one page's sighting of a line (call once per page per line)."""
        k = self.key(site, line)
        stats = self.entries.get(k)
        if stats is None:
            stats = self.entries[k] = LineStats(site, line, example=page, words=words)
        elif stats.text is None:
            stats.text = text
        stats.pages += 1
        stats.removed += removed
        stats.by_rule += by_rule
        stats.chrome += chrome
        if removed and not stats.category:
            stats.category = category
        return stats

    def get(self, site: int, line: int) -> LineStats | None:
        return self.entries.get(self.key(site, line))

    def over(self) -> bool:
        return len(self.entries) > self.capacity

    def prune(self) -> list[LineStats]:
        """Drop the rarest lines until the counter is down to PRUNE_TO of its
        capacity; returns what was dropped (the clusterer forgets those too)."""
        target = int(self.capacity * PRUNE_TO)
        dropped: list[LineStats] = []
        floor = 1
        while len(self.entries) > target:
            gone = [k for k, s in self.entries.items() if s.pages <= floor]
            for k in gone:
                dropped.append(self.entries.pop(k))
            floor += 1
        self.pruned += len(dropped)
        return dropped

    def of_site(self, site: int) -> list[LineStats]:
        return [s for s in self.entries.values() if s.site == site]
