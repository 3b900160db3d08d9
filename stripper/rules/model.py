"""Compiled rules: what a rule is, and how one matches under a timeout.

Every match runs under a timeout so that no pattern — built-in or user-written — can
hang a run: a rule that times out on a page is skipped for the rest of that page, and
after timing out on MAX_TIMEOUT_PAGES pages it is disabled for the rest of the process,
each with a warning naming it (one odd page in a batch does not cost the rule for the
pages after it).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import regex

from stripper.model import Category
from stripper.rules.prefilter import line_start_pattern

MATCH_TIMEOUT = 0.05  # seconds per pattern per block
PAGE_TIMEOUT = 0.5  # seconds per pattern per page scan, plus PAGE_TIMEOUT_PER_MB
PAGE_TIMEOUT_PER_MB = 2.0
MAX_TIMEOUT_PAGES = 3  # pages a rule may time out on before it is disabled for the run


class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file, line and rule.

    `str(error)` reads `file:line: rule 'id': reason`; the parts are also kept as
    `source`, `line` (1-based, or None) and `rule_id` (or None), and `reason`.
    """

    def __init__(self, reason: str, *, source: str | None = None, line: int | None = None,
                 rule_id: str | None = None):
        self.reason, self.source, self.line, self.rule_id = reason, source, line, rule_id
        where = ""
        if source:
            where = f"{source}:{line}: " if line else f"{source}: "
        if rule_id:
            where += f"rule {rule_id!r}: "
        super().__init__(where + reason)


@dataclass(slots=True)
class Rule:
    id: str
    category: Category
    pattern: regex.Pattern
    action: str = "drop"
    scope: str = "line"
    languages: frozenset[str] = frozenset()
    sites: tuple[str, ...] = ()
    priority: int = 0
    max_words: int | None = None
    description: str = ""
    source: str = ""
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    line: int = 0  # of `id = ...` in the source file (0: unknown)
    flags: str = ""
    site_marker: regex.Pattern | None = field(default=None, compare=False)
    disabled: bool = field(default=False, compare=False)  # for the rest of the process
    skipping: bool = field(default=False, compare=False)  # for the rest of this page
    timeouts: int = field(default=0, compare=False)  # pages it timed out on
    page_pattern: regex.Pattern | None = field(default=None, compare=False, repr=False)
    newline_led: bool = field(default=False, compare=False, repr=False)  # see match_starts

    @property
    def where(self) -> str:
        """`file:line` of the rule's id in its rule file."""
        return f"{self.source}:{self.line}" if self.line else self.source


    def matches(self, text: str, words: int) -> bool:
        if self.disabled or self.skipping or (
                self.max_words is not None and words > self.max_words):
            return False
        try:
            return self.pattern.search(text, timeout=MATCH_TIMEOUT) is not None
        except TimeoutError:
            self._give_up()
            return False

    def scan_pattern(self) -> regex.Pattern:
        """The pattern a page scan uses, compiled on first use (a long pattern takes
        ~20 ms: `stripper.warm_up()` compiles the built-in rules' up front)."""
        if self.page_pattern is None:
            led = line_start_pattern(self.pattern)  # `^…` as `\n(?:…)`: faster to scan
            self.page_pattern = led or regex.compile(self.pattern.pattern,
                                                     self.pattern.flags | regex.MULTILINE)
            self.newline_led = led is not None
        return self.page_pattern

    def match_starts(self, page: str) -> list[int]:
        """Every offset of `page` (blocks one a line) where a match of this rule starts."""
        if self.disabled or self.skipping or not page:
            return []
        scan = self.scan_pattern()
        if self.newline_led:
            page = "\n" + page  # a match then starts one before its line: at its offset
        timeout = PAGE_TIMEOUT + PAGE_TIMEOUT_PER_MB * len(page) / 1e6
        try:
            return [m.start() for m in scan.finditer(page, overlapped=True, timeout=timeout)]
        except TimeoutError:
            self._give_up()
            return []

    def _give_up(self) -> None:
        self.timeouts += 1
        if self.timeouts >= MAX_TIMEOUT_PAGES:
            self.disabled = True
            message = f"timed out on {self.timeouts} pages and is disabled for this run"
        else:
            self.skipping = True
            _SKIPPING.append(self)
            message = "timed out on this page and is skipped for the rest of it"
        warnings.warn(f"rule {self.id} ({self.where}) {message}", RuntimeWarning,
                      stacklevel=3)


_SKIPPING: list[Rule] = []  # rules skipped for the rest of the page being matched


def rules_skipping() -> bool:
    """Has a rule timed out on the page being matched?"""
    return bool(_SKIPPING)


def new_page() -> None:
    """Rules that timed out on the previous page are tried again on the next one."""
    for rule in _SKIPPING:
        rule.skipping = False
    _SKIPPING.clear()


@dataclass(slots=True)
class RuleSet:
    name: str
    rules: list[Rule]
    version: str = ""
    description: str = ""
    source: str = ""
    sites: tuple[str, ...] = ()

