"""Pages with no known site: each joins the cluster whose lines it shares most.

A page joins a cluster when at least CLUSTER_MIN_SHARED of its distinct short
blocks, and CLUSTER_MIN_SHARE of them, are lines already counted for that cluster
(a site's template is a good part of each of its pages; two sites share a "Home"
or a "Contact", not a fifth of their lines). Otherwise it starts a new cluster.
The index from line to cluster holds only lines the counter still holds, so it is
bounded with it; clusters that gained no second page within CLUSTER_PATIENCE pages
are forgotten (one page teaches nothing).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

CLUSTER_MIN_SHARED = 3
CLUSTER_MIN_SHARE = 0.2
CLUSTER_PATIENCE = 2_000  # pages


@dataclass
class Clusterer:
    index: dict[int, int] = field(default_factory=dict)  # line hash → cluster number
    sizes: dict[int, int] = field(default_factory=dict)  # cluster → pages
    born: dict[int, int] = field(default_factory=dict)  # cluster → page number it began at
    made: int = 0
    pages: int = 0

    def assign(self, lines: list[int]) -> tuple[int, bool]:
        """The cluster for a page with these distinct line hashes, and whether it is new."""
        self.pages += 1
        votes = Counter(self.index[h] for h in lines if h in self.index)
        best = None
        if votes:
            cluster, shared = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))
            if shared >= CLUSTER_MIN_SHARED and shared >= CLUSTER_MIN_SHARE * len(lines):
                best = cluster
        new = best is None
        if new:
            self.made += 1
            best = self.made
            self.born[best] = self.pages
            self.sizes[best] = 0
        self.sizes[best] += 1
        for h in lines:
            self.index.setdefault(h, best)
        return best, new

    def expired(self) -> list[int]:
        """Single-page clusters older than CLUSTER_PATIENCE pages (forgotten now)."""
        old = [c for c, n in self.sizes.items()
               if n == 1 and self.pages - self.born[c] > CLUSTER_PATIENCE]
        for c in old:
            del self.sizes[c], self.born[c]
        if old:
            gone = set(old)
            self.index = {h: c for h, c in self.index.items() if c not in gone}
        return old

    def forget(self, line: int, cluster: int) -> None:
        if self.index.get(line) == cluster:
            del self.index[line]
