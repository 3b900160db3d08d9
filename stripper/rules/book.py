"""The rule book: every rule source loaded and merged once, and one place that says
which of its rules apply to a page.

Sources, in order: the packaged rule sets, the user's folder, the files (or parsed
RuleSets) a caller names; a later rule with the same id replaces the earlier one, and
disabled ids are left out. `for_page` applies every other filter — `sites`,
`site_marker`, `languages` — so no front end or command filters rules on its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stripper.rules.model import Rule, RuleError, RuleSet
from stripper.rules.sites import host_of, site_matches
from stripper.rules.sources import builtin_rule_sets, load_file, user_rule_sets

MARKER_CHARS = 2_000_000  # how much of a page a site_marker is searched in
MARKER_TIMEOUT = 0.5  # seconds per site_marker per page


@dataclass(slots=True)
class RuleBook:
    """The merged rules of a run. Build it with `RuleBook.load`; hand it to `strip()`
    (and to batch workers: it pickles) so that rule files are read once."""

    rules: tuple[Rule, ...]
    disabled: frozenset[str] = frozenset()
    unknown_disabled: frozenset[str] = frozenset()  # disabled ids no source defines
    digest: str = ""  # of every loaded rule and the disabled ids: what a resume compares
    sources: tuple[str, ...] = ()
    _site_free: tuple[Rule, ...] = field(default=(), repr=False)

    @classmethod
    def load(
        cls,
        files: Iterable[str | Path | RuleSet] = (),
        *,
        disabled: Iterable[str] = (),
        builtin: bool = True,
        user: bool = True,
    ) -> RuleBook:
        """Load and merge; a file that cannot be used raises RuleError (one line)."""
        sets = list(builtin_rule_sets()) if builtin else []
        if user:
            sets.extend(user_rule_sets())
        for item in files:
            sets.append(item if isinstance(item, RuleSet) else load_file(item))
        return cls.from_sets(sets, disabled=disabled)

    @classmethod
    def from_sets(cls, sets: Iterable[RuleSet], *, disabled: Iterable[str] = ()) -> RuleBook:
        sets = list(sets)
        off = frozenset(disabled)
        by_id: dict[str, Rule] = {}
        for rule_set in sets:
            for rule in rule_set.rules:
                by_id[rule.id] = rule
        rules = tuple(r for r in by_id.values() if r.id not in off)
        return cls(rules=rules, disabled=off, unknown_disabled=off - by_id.keys(),
                   digest=_digest(rules, off), sources=tuple(s.source for s in sets),
                   _site_free=tuple(r for r in rules if not r.sites and r.site_marker is None
                                    and not r.languages))

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rules)

    def for_page(self, url: str | None, text: str | None, language: str | None) -> list[Rule]:
        """The rules for this page: those for every site, those whose `sites` cover
        `url` or whose `site_marker` is found in the page `text` (either is enough),
        and of those the ones for `language` (or for any language)."""
        if len(self._site_free) == len(self.rules):
            return list(self.rules)
        host = host_of(url)
        head = text[:MARKER_CHARS] if text else ""
        found: dict[str, bool] = {}

        def marked(rule: Rule) -> bool:
            assert rule.site_marker is not None
            key = rule.site_marker.pattern
            if key not in found:
                try:
                    found[key] = bool(head) and rule.site_marker.search(
                        head, timeout=MARKER_TIMEOUT) is not None
                except TimeoutError:
                    found[key] = False
            return found[key]

        def applies(rule: Rule) -> bool:
            if rule.languages and language not in rule.languages:
                return False
            if not rule.sites and rule.site_marker is None:
                return True
            if rule.sites and host is not None and any(
                    site_matches(s, host, url) for s in rule.sites):
                return True
            return rule.site_marker is not None and marked(rule)

        return [r for r in self.rules if applies(r)]


def load_rules(
    extra: list[str | Path | RuleSet] | None = None,
    *,
    disabled: set[str] | frozenset[str] = frozenset(),
    builtin: bool = True,
    user: bool = False,
) -> list[Rule]:
    """The merged rules, in loading order: built-in, then (with `user=True`) the
    user's config folder, then `extra`; a later rule with the same id replaces the
    earlier one; ids in `disabled` are left out."""
    return list(RuleBook.load(extra or [], disabled=disabled, builtin=builtin,
                              user=user).rules)


def _digest(rules: Iterable[Rule], disabled: frozenset[str]) -> str:
    h = hashlib.sha256()
    for r in rules:
        marker = r.site_marker.pattern if r.site_marker is not None else ""
        h.update(repr((r.id, r.category.value, r.pattern.pattern, r.flags, r.action, r.scope,
                       sorted(r.languages), r.sites, marker, r.priority,
                       r.max_words)).encode("utf-8", "surrogatepass"))
    h.update(repr(sorted(disabled)).encode())
    return h.hexdigest()[:16]


_DEFAULT: dict[tuple, tuple[list[RuleSet], RuleBook]] = {}


def book_for(rules: RuleBook | Iterable[str | Path | RuleSet] | None,
             disabled: Iterable[str] = ()) -> RuleBook:
    """What strip() was given, as a RuleBook: a book as it is, else the sources loaded
    (the built-in and user sets' book is kept while they are unchanged)."""
    if isinstance(rules, RuleBook):
        if disabled:
            extra = frozenset(disabled) | rules.disabled
            return RuleBook.from_sets([RuleSet("book", list(rules.rules))], disabled=extra)
        return rules
    items = list(rules or [])
    off = frozenset(disabled)
    parsed = [i for i in items if isinstance(i, RuleSet)]
    if len(parsed) < len(items):
        return RuleBook.load(items, disabled=off)
    sets = [*builtin_rule_sets(), *user_rule_sets(), *parsed]
    key = (tuple(id(s) for s in sets), off)
    cached = _DEFAULT.get(key)
    if cached is not None and all(a is b for a, b in zip(cached[0], sets, strict=True)):
        return cached[1]
    if len(_DEFAULT) >= 32:
        _DEFAULT.clear()
    book = RuleBook.from_sets(sets, disabled=off)
    _DEFAULT[key] = (sets, book)  # the sets held, so their ids stay theirs
    return book


__all__ = ["RuleBook", "RuleError", "book_for", "load_rules"]
