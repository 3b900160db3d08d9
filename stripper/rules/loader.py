"""TOML rule files → compiled rules.

A rule file holds one or more `[[rule]]` tables; only `id`, `category` and
`pattern` are required. Patterns use the `regex` module (Unicode properties such
as `\\p{Arabic}`), and every match runs under a timeout so that no pattern —
built-in or user-written — can hang a run: a rule that times out is disabled
for the rest of the process with a warning naming it.
"""

from __future__ import annotations

import tomllib
import warnings
from bisect import bisect_right
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex

from stripper.model import Category

MATCH_TIMEOUT = 0.05  # seconds per pattern per block
PAGE_TIMEOUT = 0.5  # seconds per pattern per page scan, plus PAGE_TIMEOUT_PER_MB
PAGE_TIMEOUT_PER_MB = 2.0

SCOPES = {"line", "block", "region-start", "region-end"}
ACTIONS = {"drop", "keep", "end-article", "start-article"}
RULE_KEYS = {
    "id",
    "category",
    "pattern",
    "flags",
    "scope",
    "action",
    "languages",
    "sites",
    "priority",
    "description",
    "max_words",
    "examples",
    "counter_examples",
}
SET_KEYS = {"name", "version", "description", "rule"}
_FLAGS = {
    "i": regex.IGNORECASE,
    "ignorecase": regex.IGNORECASE,
    "m": regex.MULTILINE,
    "s": regex.DOTALL,
    "x": regex.VERBOSE,
    "v1": regex.VERSION1,
}


class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file and rule."""


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
    disabled: bool = field(default=False, compare=False)
    page_pattern: regex.Pattern | None = field(default=None, compare=False, repr=False)

    def applies_to(self, language: str | None, host: str | None) -> bool:
        if self.languages and language not in self.languages:
            return False
        if self.sites:
            return host is not None and any(host == s or host.endswith("." + s) for s in self.sites)
        return True

    def matches(self, text: str, words: int) -> bool:
        if self.disabled or (self.max_words is not None and words > self.max_words):
            return False
        try:
            return self.pattern.search(text, timeout=MATCH_TIMEOUT) is not None
        except TimeoutError:
            self._give_up()
            return False

    def match_starts(self, page: str) -> list[int]:
        """Every offset of `page` (blocks one a line) where a match of this rule starts."""
        if self.disabled or not page:
            return []
        if self.page_pattern is None:
            self.page_pattern = regex.compile(self.pattern.pattern,
                                              self.pattern.flags | regex.MULTILINE)
        timeout = PAGE_TIMEOUT + PAGE_TIMEOUT_PER_MB * len(page) / 1e6
        try:
            return [m.start() for m in
                    self.page_pattern.finditer(page, overlapped=True, timeout=timeout)]
        except TimeoutError:
            self._give_up()
            return []

    def _give_up(self) -> None:
        self.disabled = True
        warnings.warn(
            f"rule {self.id} ({self.source}) timed out and is disabled for this run",
            RuntimeWarning,
            stacklevel=3,
        )


class Matcher:
    """Finds, for every block of a page, the first rule (by priority) that matches it.

    A timed search per rule per block costs more in timer set-up than in
    matching, so each rule first scans the whole page once — the blocks short
    enough for it, one per line — and only the blocks where that scan found a
    match start are checked one by one. Both steps run under a timeout.
    """

    def __init__(self, rules: list[Rule]):
        self.rules = sorted(rules, key=lambda r: -r.priority)

    def first_matches(self, items: list[tuple[str, int]]) -> list[Rule | None]:
        """`items` are (text, words) per block; returns the deciding rule per block."""
        found: list[Rule | None] = [None] * len(items)
        pages: dict[int | None, tuple[str, list[int], list[int]]] = {}
        for rule in self.rules:
            if rule.disabled:
                continue
            if rule.max_words not in pages:
                pages[rule.max_words] = _page(items, rule.max_words)
            text, offsets, members = pages[rule.max_words]
            for start in rule.match_starts(text):
                k = members[bisect_right(offsets, start) - 1]
                if found[k] is None and rule.matches(*items[k]):
                    found[k] = rule
        return found


def _page(items: list[tuple[str, int]], max_words: int | None) -> tuple[str, list[int], list[int]]:
    """The texts of blocks with at most max_words words, one a line, and where each starts."""
    members = [k for k, (_, w) in enumerate(items) if max_words is None or w <= max_words]
    offsets, position = [], 0
    for k in members:
        offsets.append(position)
        position += len(items[k][0]) + 1
    return "\n".join(items[k][0].replace("\n", " ") for k in members), offsets, members


@dataclass(slots=True)
class RuleSet:
    name: str
    rules: list[Rule]
    version: str = ""
    description: str = ""
    source: str = ""


def compile_pattern(pattern: str, flags: str | list[str] | None = None) -> regex.Pattern:
    value = 0
    names = flags.split(",") if isinstance(flags, str) else list(flags or [])
    for name in names:
        name = name.strip().lower()
        if name:
            if name not in _FLAGS:
                raise RuleError(f"unknown flag {name!r} (known: {', '.join(sorted(_FLAGS))})")
            value |= _FLAGS[name]
    return regex.compile(pattern, value)


def parse_rule_set(text: str, source: str = "<string>") -> RuleSet:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{source}: not valid TOML: {exc}") from None
    unknown = set(data) - SET_KEYS
    if unknown:
        raise RuleError(f"{source}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RuleError(f"{source}: no [[rule]] tables")
    rules, seen = [], set()
    for n, table in enumerate(tables, 1):
        rule = _parse_rule(table, f"{source}: rule #{n}", source)
        if rule.id in seen:
            raise RuleError(f"{source}: duplicate rule id {rule.id!r}")
        seen.add(rule.id)
        rules.append(rule)
    return RuleSet(
        name=str(data.get("name", Path(source).stem)),
        rules=rules,
        version=str(data.get("version", "")),
        description=str(data.get("description", "")),
        source=source,
    )


def _parse_rule(table: dict, where: str, source: str) -> Rule:
    unknown = set(table) - RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
    for key in ("id", "category", "pattern"):
        if not isinstance(table.get(key), str) or not table[key]:
            raise RuleError(f"{where}: missing or empty {key!r}")
    rid = table["id"]
    where = f"{source}: rule {rid!r}"
    try:
        category = Category(table["category"])
    except ValueError:
        known = ", ".join(c.value for c in Category)
        raise RuleError(
            f"{where}: unknown category {table['category']!r} (known: {known})"
        ) from None
    scope = table.get("scope", "line")
    action = table.get("action", "drop")
    if scope not in SCOPES:
        raise RuleError(f"{where}: scope must be one of {sorted(SCOPES)}, not {scope!r}")
    if action not in ACTIONS:
        raise RuleError(f"{where}: action must be one of {sorted(ACTIONS)}, not {action!r}")
    try:
        pattern = compile_pattern(table["pattern"], table.get("flags"))
    except regex.error as exc:
        raise RuleError(f"{where}: bad pattern: {exc}") from None
    return Rule(
        id=rid,
        category=category,
        pattern=pattern,
        action=action,
        scope=scope,
        languages=frozenset(_as_list(table.get("languages"))),
        sites=tuple(_as_list(table.get("sites"))),
        priority=int(table.get("priority", 0)),
        max_words=table.get("max_words"),
        description=str(table.get("description", "")),
        source=source,
        examples=tuple(_as_list(table.get("examples"))),
        counter_examples=tuple(_as_list(table.get("counter_examples"))),
    )


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def load_file(path: str | Path) -> RuleSet:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RuleError(f"{path}: not UTF-8 text") from None
    return parse_rule_set(text, str(path))


_BUILTIN: list[RuleSet] | None = None


def builtin_rule_sets() -> list[RuleSet]:
    """The rule sets packaged in stripper/rules/data, parsed once per process."""
    global _BUILTIN
    if _BUILTIN is None:
        folder = resources.files("stripper.rules") / "data"
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")),
                       key=lambda f: f.name)
        _BUILTIN = [parse_rule_set(f.read_text(encoding="utf-8"), f"builtin:{f.name}")
                    for f in files]
    return _BUILTIN


def load_rules(
    extra: list[str | Path | RuleSet] | None = None,
    *,
    disabled: set[str] | frozenset[str] = frozenset(),
    builtin: bool = True,
) -> list[Rule]:
    """Built-in rules, then the user's; a later rule with the same id replaces the earlier one."""
    sets = list(builtin_rule_sets()) if builtin else []
    for item in extra or []:
        sets.append(item if isinstance(item, RuleSet) else load_file(item))
    by_id: dict[str, Rule] = {}
    for rule_set in sets:
        for rule in rule_set.rules:
            by_id[rule.id] = rule
    return [r for r in by_id.values() if r.id not in disabled]
