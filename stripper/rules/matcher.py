"""All of a page's rules against all of its blocks, each block's first match found
with as few timed searches as possible."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import ahocorasick
import regex

from stripper.rules.model import Rule, new_page, rules_skipping
from stripper.rules.prefilter import fold, rule_literals


class Matcher:
    """Finds, for every block of a page, the first rule (by priority) that matches it.

    A timed search per rule per block costs more in timer set-up than in
    matching, so a rule only looks at the blocks that can match it. For most
    rules a literal prefilter tells which: an Aho-Corasick pass over the page
    finds, for all rules at once, the blocks holding one of the strings every
    match of the rule contains (see prefilter.py); rules whose strings are
    short ASCII words ("by", "en") get a second pass over the short blocks
    only. A few candidates are searched one by one, more are joined one a line
    and scanned once. A rule without such strings scans the whole page once —
    the blocks short enough for it, one per line — and only the blocks where
    that scan found a match start are checked one by one. Every search runs
    under a timeout. `prefilter=False` scans for every rule (the results are
    the same; tests compare the two).
    """

    def __init__(self, rules: list[Rule], *, prefilter: bool = True):
        self.rules = sorted(rules, key=lambda r: -r.priority)
        self.strong: list[frozenset[str] | None] = [
            rule_literals(r.pattern) if prefilter else None for r in self.rules]
        self.weak: list[frozenset[str] | None] = [
            rule_literals(r.pattern, weak=True) if prefilter and strong is None else None
            for r, strong in zip(self.rules, self.strong, strict=True)]
        self.strong_words = _widest(self.rules, self.strong)
        self.weak_words = _widest(self.rules, self.weak)
        self.memo: dict[tuple[str, int], Rule | None] = {}

    def first_matches(self, items: list[tuple[str, int]]) -> list[Rule | None]:
        """`items` are (text, words) per block; returns the deciding rule per block.

        A block's deciding rule depends on its text and word count alone, so it is
        remembered: a site's menus recur page after page, and a clean text cleaned
        again holds the blocks its page had. A remembered rule that has since been
        disabled (it timed out) is looked for again; nothing is remembered from a
        page on which a rule timed out (its misses there may be no misses)."""
        new_page()
        memo = self.memo
        if len(memo) > MEMO_CAP:
            memo.clear()
        found: list[Rule | None] = [None] * len(items)
        todo: list[int] = []
        for k, item in enumerate(items):
            if item not in memo:
                todo.append(k)
                continue
            known = memo[item]
            if known is not None and known.disabled:
                todo.append(k)
            else:
                found[k] = known
        if not todo:
            return found
        fresh = self._match([items[k] for k in todo])
        timed_out = rules_skipping()
        for k, rule in zip(todo, fresh, strict=True):
            found[k] = rule
            if not timed_out:
                memo[items[k]] = rule
        return found

    def _match(self, items: list[tuple[str, int]]) -> list[Rule | None]:
        found: list[Rule | None] = [None] * len(items)
        page = _Page(items)
        hits = _literal_hits(page, self.strong, self.strong_words)
        hits.update(_literal_hits(page, self.weak, self.weak_words))
        for n, rule in enumerate(self.rules):
            if rule.disabled or rule.skipping:
                continue
            if self.strong[n] is not None or self.weak[n] is not None:
                limit = rule.max_words
                candidates = sorted(k for k in hits.get(n, ()) if found[k] is None
                                    and (limit is None or items[k][1] <= limit))
                if len(candidates) > SCAN_AT:
                    apart = page.symbol_set
                    _match_symbol_lines(rule, [k for k in candidates if k in apart], items, found)
                    text, offsets, members = page.lines_of(
                        [k for k in candidates if k not in apart])
                else:
                    for k in candidates:
                        if rule.matches(*items[k]):
                            found[k] = rule
                    continue
            else:
                text, offsets, members = page.upto(rule.max_words, scan=True)
                _match_symbol_lines(rule, page.symbols, items, found)
            for start in rule.match_starts(text):
                k = members[bisect_right(offsets, start) - 1]
                if found[k] is None and rule.matches(*items[k]):
                    found[k] = rule
        return found


def _match_symbol_lines(rule: Rule, blocks: list[int], items: list[tuple[str, int]],
                        found: list[Rule | None]) -> None:
    """The punctuation-only blocks among `blocks` (see _Page), matched once per text."""
    undecided: dict[tuple[str, int], list[int]] = {}
    for k in blocks:
        if found[k] is None:
            undecided.setdefault(items[k], []).append(k)
    for item, same in undecided.items():
        if rule.matches(*item):
            for k in same:
                found[k] = rule


MEMO_CAP = 16384  # (text, words) items whose deciding rule a matcher remembers
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
SCAN_AT = 20  # more candidate blocks than this: one timed scan of them beats timed searches


def _widest(rules: list[Rule], literals: list[frozenset[str] | None]) -> int | None:
    """The largest max_words of the rules with literals (None: some have no limit)."""
    lengths = [r.max_words for r, words in zip(rules, literals, strict=True)
               if words is not None]
    if None in lengths:
        return None
    return max((n for n in lengths if n is not None), default=0)


_AUTOMATA: dict[tuple[frozenset[str] | None, ...], ahocorasick.Automaton | None] = {}


def _automaton(literals: list[frozenset[str] | None]) -> ahocorasick.Automaton | None:
    """One automaton over every rule's literals, each word valued (its length, the
    positions of the rules needing it); built once per list of literal sets, as
    the same rules serve page after page."""
    key = tuple(literals)
    if key in _AUTOMATA:
        return _AUTOMATA[key]
    needing: dict[str, list[int]] = {}
    for n, words in enumerate(literals):
        for word in words or ():
            needing.setdefault(word, []).append(n)
    automaton = None
    if needing:
        automaton = ahocorasick.Automaton()
        for word, rules in needing.items():
            automaton.add_word(word, (len(word), tuple(rules)))
        automaton.make_automaton()
    if len(_AUTOMATA) >= 64:
        _AUTOMATA.clear()
    _AUTOMATA[key] = automaton
    return automaton


def _literal_hits(page: _Page, literals: list[frozenset[str] | None],
                  max_words: int | None) -> dict[int, set[int]]:
    """For each rule position, the blocks (by index in the page's items) that hold
    one of the rule's literals — among the blocks short enough for some prefiltered
    rule: long paragraphs, most of a page's text, are not read at all."""
    automaton = _automaton(literals)
    text, offsets, members = page.upto(max_words)
    if automaton is None or not text:
        return {}
    folded = fold(text)
    if len(folded) != len(text):  # cannot happen with fold(); stay safe
        return {n: set(members) for n, words in enumerate(literals) if words is not None}
    hits: dict[int, set[int]] = {}
    for end, (length, rules) in automaton.iter(folded):
        k = members[bisect_right(offsets, end - length + 1) - 1]
        for n in rules:
            hits.setdefault(n, set()).add(k)
    return hits


class _Page:
    r"""A page's blocks one a line, shortest first, so that the blocks a rule's
    `max_words` admits are a prefix: each rule scans a slice, not a new string.

    Lines of nothing but punctuation (table borders, separators) are kept out of the
    page a rule scans, as `symbols`, matched once per distinct text: a pattern
    starting `^\W*` runs on across such lines from every line start, quadratic over a
    page of thousands of them (rules timed out and switched off).
    """

    def __init__(self, items: list[tuple[str, int]]):
        self.members = sorted(range(len(items)), key=lambda k: items[k][1])
        self.words = [items[k][1] for k in self.members]
        self.lines = {k: items[k][0].replace("\n", " ") for k in self.members}
        self.text, self.offsets, _ = self.lines_of(self.members)
        # punctuation-only blocks, in page order: kept out of `scan`
        self.symbols = [k for k in self.members if not _ALNUM.search(self.lines[k])]
        self.symbol_set = frozenset(self.symbols)
        if not self.symbols:
            self.scan = (self.text, self.offsets, self.members, self.words)
        else:
            words = [k for k in self.members if k not in self.symbol_set]
            self.scan = (*self.lines_of(words), [items[k][1] for k in words])

    def lines_of(self, blocks: list[int]) -> tuple[str, list[int], list[int]]:
        """(text, offsets, members) of just these blocks, one a line."""
        lines = list(map(self.lines.__getitem__, blocks))
        # each line starts where the one before ends, past its newline
        offsets = list(accumulate(map((1).__add__, map(len, lines)), initial=0))[:-1]
        return "\n".join(lines), offsets, blocks

    def upto(self, max_words: int | None,
             scan: bool = False) -> tuple[str, list[int], list[int]]:
        """(text, offsets, members) of the blocks with at most max_words words; with
        `scan`, of those that are not `symbols`."""
        text, offsets, members, words = (self.scan if scan else
                                         (self.text, self.offsets, self.members, self.words))
        if max_words is None:
            return text, offsets, members
        count = bisect_right(words, max_words)
        end = offsets[count] - 1 if count < len(offsets) else len(text)
        return text[:max(0, end)], offsets[:count], members[:count]

