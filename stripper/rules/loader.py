"""TOML rule files → compiled rules.

A rule file holds one or more `[[rule]]` tables; only `id`, `category` and
`pattern` are required. Patterns use the `regex` module (Unicode properties such
as `\\p{Arabic}`), and every match runs under a timeout so that no pattern —
built-in or user-written — can hang a run: a rule that times out on a page is
skipped for the rest of that page, and after timing out on MAX_TIMEOUT_PAGES pages
it is disabled for the rest of the process, each with a warning naming it (one odd
page in a batch does not cost the rule for the pages after it).
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
import warnings
from bisect import bisect_right
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import ahocorasick
import regex

from stripper.model import Category
from stripper.rules.prefilter import fold, line_start_pattern, rule_literals

MATCH_TIMEOUT = 0.05  # seconds per pattern per block
PAGE_URL_CHARS = 200_000  # how much of a page its canonical link is searched in
MARKER_CHARS = 2_000_000  # how much of a page a site_marker is searched in
PAGE_TIMEOUT = 0.5  # seconds per pattern per page scan, plus PAGE_TIMEOUT_PER_MB
PAGE_TIMEOUT_PER_MB = 2.0
MAX_TIMEOUT_PAGES = 3  # pages a rule may time out on before it is disabled for the run

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
    "site_marker",
    "priority",
    "description",
    "max_words",
    "examples",
    "counter_examples",
}
SET_KEYS = {"name", "version", "description", "sites", "site_marker", "rule"}
_FLAGS = {
    "i": regex.IGNORECASE,
    "ignorecase": regex.IGNORECASE,
    "m": regex.MULTILINE,
    "s": regex.DOTALL,
    "x": regex.VERBOSE,
    "v1": regex.VERSION1,
}


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

    def applies_to(self, language: str | None, host: str | None, url: str | None = None) -> bool:
        """Whether the rule is for this language and this site.

        Site entries are host names (`example.com` also covers its subdomains),
        host globs (`*.example.co.uk`) or URL patterns (`example.com/opinion/*`);
        a URL pattern needs `url`, a host name only needs `host`. A rule with a
        `site_marker` as well is for the pages select_for_url() chose it for (by
        URL or by marker: either one is enough), so only its languages count here.
        """
        if self.languages and language not in self.languages:
            return False
        if self.sites and self.site_marker is None:  # a marked rule: select_for_url chose it
            if url and not host:
                host = host_of(url)
            return host is not None and any(site_matches(s, host, url) for s in self.sites)
        return True

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


def _new_page() -> None:
    """Rules that timed out on the previous page are tried again on the next one."""
    for rule in _SKIPPING:
        rule.skipping = False
    _SKIPPING.clear()


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

    def first_matches(self, items: list[tuple[str, int]]) -> list[Rule | None]:
        """`items` are (text, words) per block; returns the deciding rule per block."""
        _new_page()
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


_ALNUM = regex.compile(r"[\p{L}\p{N}]")
SCAN_AT = 20  # more candidate blocks than this: one timed scan of them beats timed searches


def _widest(rules: list[Rule], literals: list[frozenset[str] | None]) -> int | None:
    """The largest max_words of the rules with literals (None: some have no limit)."""
    lengths = [r.max_words for r, words in zip(rules, literals, strict=True)
               if words is not None]
    return None if None in lengths else max(lengths, default=0)


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
        offsets, position = [], 0
        for k in blocks:
            offsets.append(position)
            position += len(self.lines[k]) + 1
        return "\n".join(self.lines[k] for k in blocks), offsets, blocks

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


@dataclass(slots=True)
class RuleSet:
    name: str
    rules: list[Rule]
    version: str = ""
    description: str = ""
    source: str = ""
    sites: tuple[str, ...] = ()


def host_of(url: str | None) -> str | None:
    """The URL's host name, or None for no URL or one urllib cannot read
    (`https://[bad/` raises ValueError there)."""
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def site_matches(site: str, host: str, url: str | None = None) -> bool:
    """One `sites` entry against a page's host (and URL, for entries with a path)."""
    site = site.strip().lower()
    if "://" in site:
        site = site.split("://", 1)[1]
    site_host, _, site_path = site.partition("/")
    host = host.lower()
    if any(c in site_host for c in "*?["):
        if not fnmatch.fnmatchcase(host, site_host):
            return False
    elif not (host == site_host or host.endswith("." + site_host)):
        return False
    if site_path and url:
        try:
            parts = urlsplit(url)
        except ValueError:  # an address urllib cannot read has no path to match
            return False
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return fnmatch.fnmatchcase(path.lower(), "/" + site_path)
    return True


def select_for_url(rules: list[Rule], url: str | None, text: str | None = None) -> list[Rule]:
    """Drop site-specific rules for other sites (rules for all sites stay).

    A rule is for a site by its `sites` (matched against `url`) or by its
    `site_marker`, a pattern found in the page `text` (say, the site's footer);
    either one is enough.
    """
    host = host_of(url)
    head = text[:MARKER_CHARS] if text else ""
    found: dict[str, bool] = {}

    def marked(rule: Rule) -> bool:
        key = rule.site_marker.pattern
        if key not in found:
            try:
                found[key] = bool(head) and rule.site_marker.search(
                    head, timeout=PAGE_TIMEOUT) is not None
            except TimeoutError:
                found[key] = False
        return found[key]

    def for_this_page(rule: Rule) -> bool:
        if not rule.sites and rule.site_marker is None:
            return True
        by_url = bool(rule.sites) and host is not None and any(
            site_matches(s, host, url) for s in rule.sites)
        return by_url or (rule.site_marker is not None and marked(rule))

    return [r for r in rules if for_this_page(r)]


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


_RULE_HEADER = regex.compile(r"^[ \t]*\[\[[ \t]*(?:rule|\"rule\"|'rule')[ \t]*\]\]", regex.M)
_ID_LINE = regex.compile(r"^[ \t]*(?:id|\"id\"|'id')[ \t]*=", regex.M)
_TOML_AT = regex.compile(r"\(at line (\d+), column (\d+)\)")


def rule_lines(text: str) -> list[int]:
    """For each `[[rule]]` table of a TOML text, in order, the line of its `id = …`
    (or of the table header when it has no id)."""
    headers = [m.start() for m in _RULE_HEADER.finditer(text)]
    lines = []
    for n, start in enumerate(headers):
        end = headers[n + 1] if n + 1 < len(headers) else len(text)
        found = _ID_LINE.search(text, start, end)
        lines.append(text.count("\n", 0, found.start() if found else start) + 1)
    return lines


def parse_rule_set(text: str, source: str = "<string>") -> RuleSet:
    """A rule file's text → RuleSet; the first problem raises RuleError."""
    rule_set, errors = check_rule_set(text, source)
    if errors:
        raise errors[0]
    assert rule_set is not None
    return rule_set


def check_rule_set(text: str, source: str = "<string>") -> tuple[RuleSet | None, list[RuleError]]:
    """Parse a rule file's text, collecting every problem instead of stopping at the first.

    Returns the rule set made of the rules that are fine (None when the file is
    not TOML or has no rules) and the errors, in file order.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        line = int(at.group(1)) if at else None
        reason = _TOML_AT.sub("", message).strip()
        if at:
            reason += f" (column {at.group(2)})"
        return None, [RuleError(f"not valid TOML: {reason}", source=source, line=line)]
    errors: list[RuleError] = []
    unknown = set(data) - SET_KEYS
    if unknown:
        errors.append(RuleError(
            f"unknown top-level key(s): {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(SET_KEYS))}; a rule is a [[rule]] table)",
            source=source, line=_key_line(text, sorted(unknown)[0])))
    for key in ("name", "version", "description"):
        if key in data and not isinstance(data[key], str | int | float):
            errors.append(RuleError(f"{key!r} must be a string", source=source,
                                    line=_key_line(text, key)))
    set_marker = data.get("site_marker")
    if set_marker is not None and not isinstance(set_marker, str):
        errors.append(RuleError("'site_marker' must be a string (a pattern)", source=source,
                                line=_key_line(text, "site_marker")))
        set_marker = None
    set_sites = data.get("sites", [])
    if not _is_str_list(set_sites):
        errors.append(RuleError("'sites' must be a string or a list of strings",
                                source=source, line=_key_line(text, "sites")))
        set_sites = []
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        errors.append(RuleError("'rule' must be an array of tables: write [[rule]]", source=source,
                                line=_key_line(text, "rule")))
        return None, errors
    if not tables:
        errors.append(RuleError("no [[rule]] tables", source=source))
        return None, errors
    lines = rule_lines(text)
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for n, table in enumerate(tables):
        line = lines[n] if n < len(lines) else None
        try:
            rule = _parse_rule(table, n + 1, source, line, _as_list(set_sites), set_marker)
        except RuleError as exc:
            errors.append(exc)
            continue
        if rule.id in seen:
            errors.append(RuleError(
                f"duplicate id (first defined at line {seen[rule.id]})" if seen[rule.id]
                else "duplicate id", source=source, line=line, rule_id=rule.id))
            continue
        seen[rule.id] = line or 0
        rules.append(rule)
    rule_set = RuleSet(
        name=str(data.get("name", Path(source).stem)),
        rules=rules,
        version=str(data.get("version", "")),
        description=str(data.get("description", "")),
        source=source,
        sites=tuple(_as_list(set_sites)),
    )
    return rule_set, errors


def _key_line(text: str, key: str) -> int | None:
    found = regex.search(rf"^[ \t]*{regex.escape(key)}[ \t]*=", text, regex.M)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _is_str_list(value) -> bool:
    return isinstance(value, str) or (isinstance(value, list)
                                      and all(isinstance(v, str) for v in value))


def _parse_rule(table: dict, number: int, source: str, line: int | None,
                set_sites: list[str], set_marker: str | None = None) -> Rule:
    rid = table.get("id")
    name = rid if isinstance(rid, str) and rid else None

    def fail(reason: str) -> RuleError:
        return RuleError(reason if name else f"rule #{number}: {reason}",
                         source=source, line=line, rule_id=name)

    unknown = set(table) - RULE_KEYS
    if unknown:
        raise fail(f"unknown key(s): {', '.join(sorted(unknown))} "
                   f"(known: {', '.join(sorted(RULE_KEYS))})")
    for key in ("id", "category", "pattern"):
        if key not in table:
            raise fail(f"missing {key!r} (every rule needs id, category and pattern)")
        if not isinstance(table[key], str) or not table[key]:
            raise fail(f"{key!r} must be a non-empty string")
    try:
        category = Category(table["category"])
    except ValueError:
        known = ", ".join(c.value for c in Category)
        raise fail(f"unknown category {table['category']!r} (known: {known})") from None
    scope = table.get("scope", "line")
    action = table.get("action", "drop")
    if scope not in SCOPES:
        raise fail(f"scope must be one of {', '.join(sorted(SCOPES))}, not {scope!r}")
    if action not in ACTIONS:
        raise fail(f"action must be one of {', '.join(sorted(ACTIONS))}, not {action!r}")
    for key in ("languages", "sites", "examples", "counter_examples"):
        if key in table and not _is_str_list(table[key]):
            raise fail(f"{key!r} must be a string or a list of strings")
    for key in ("priority", "max_words"):
        if key in table and (not isinstance(table[key], int) or isinstance(table[key], bool)):
            raise fail(f"{key!r} must be a whole number, not {table[key]!r}")
    if "max_words" in table and table["max_words"] < 0:
        raise fail("'max_words' must not be negative")
    if "description" in table and not isinstance(table["description"], str):
        raise fail("'description' must be a string")
    flags = table.get("flags")
    if flags is not None and not _is_str_list(flags):
        raise fail("'flags' must be a string such as \"i\" or a list of flag names")
    try:
        pattern = compile_pattern(table["pattern"], flags)
    except RuleError as exc:
        raise fail(exc.reason) from None
    except regex.error as exc:
        raise fail(f"bad pattern: {exc}") from None
    marker = table.get("site_marker", set_marker)
    if marker is not None and (not isinstance(marker, str) or not marker):
        raise fail("'site_marker' must be a non-empty string (a pattern)")
    try:
        site_marker = regex.compile(marker, regex.MULTILINE) if marker else None
    except regex.error as exc:
        raise fail(f"bad site_marker: {exc}") from None
    return Rule(
        id=table["id"],
        category=category,
        pattern=pattern,
        action=action,
        scope=scope,
        languages=frozenset(_as_list(table.get("languages"))),
        sites=tuple(_as_list(table.get("sites", set_sites))),
        site_marker=site_marker,
        priority=table.get("priority", 0),
        max_words=table.get("max_words"),
        description=table.get("description", ""),
        source=source,
        examples=tuple(_as_list(table.get("examples"))),
        counter_examples=tuple(_as_list(table.get("counter_examples"))),
        line=line or 0,
        flags=flags if isinstance(flags, str) else ",".join(flags or []),
    )


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def read_rule_text(path: str | Path) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise RuleError("is a directory, not a rule file", source=str(path)) from None
    except OSError as exc:
        raise RuleError(f"cannot read: {(exc.strerror or str(exc)).lower()}",
                        source=str(path)) from None
    except UnicodeDecodeError:
        raise RuleError("not UTF-8 text", source=str(path)) from None


def load_file(path: str | Path) -> RuleSet:
    return parse_rule_set(read_rule_text(path), str(path))


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


def user_rule_dir() -> Path:
    """`$XDG_CONFIG_HOME/stripper/rules` (XDG_CONFIG_HOME defaults to ~/.config)."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "stripper" / "rules"


_USER: dict[str, tuple[tuple[int, int], RuleSet]] = {}


def user_rule_sets() -> list[RuleSet]:
    """The user's rule files, `*.toml` in user_rule_dir() by name; each parsed again
    only when it changes, so the same Rule objects serve page after page."""
    folder = user_rule_dir()
    try:
        files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []
    sets = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _USER.get(str(path))
        if cached is None or cached[0] != stamp:
            cached = (stamp, load_file(path))
            _USER[str(path)] = cached
        sets.append(cached[1])
    return sets


def load_rules(
    extra: list[str | Path | RuleSet] | None = None,
    *,
    disabled: set[str] | frozenset[str] = frozenset(),
    builtin: bool = True,
    user: bool = False,
) -> list[Rule]:
    """The active rules, in loading order: built-in, then (with `user=True`) the
    user's config folder, then `extra`; a later rule with the same id replaces the
    earlier one; ids in `disabled` are left out."""
    sets = list(builtin_rule_sets()) if builtin else []
    if user:
        sets.extend(user_rule_sets())
    for item in extra or []:
        sets.append(item if isinstance(item, RuleSet) else load_file(item))
    by_id: dict[str, Rule] = {}
    for rule_set in sets:
        for rule in rule_set.rules:
            by_id[rule.id] = rule
    return [r for r in by_id.values() if r.id not in disabled]


_PAGE_URL = [
    regex.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", regex.I),
    regex.compile(r"""<meta\b[^>]*\bproperty\s*=\s*["']?og:url\b[^>]*>""", regex.I),
]
_HREF = regex.compile(r"""\b(?:href|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", regex.I)


_WARC_URI = regex.compile(r"^WARC-Target-URI:\s*(https?://\S+)", regex.MULTILINE)


def page_url(text: str, kind: str = "html") -> str | None:
    """The page's own address as an HTML page declares it (canonical link, then og:url).

    A text dump carries no markup; a Common Crawl WET record names its page in a
    `WARC-Target-URI:` header. Other dumps need `--url`.
    """
    if kind != "html":
        found = _WARC_URI.search(text[:4096])
        return found.group(1) if found else None
    end = text.find("</head", 0, PAGE_URL_CHARS)  # where both belong: read the head first
    if end > 0:
        found = _declared_url(text[:end])
        if found:
            return found
    return _declared_url(text[:PAGE_URL_CHARS])


def _declared_url(head: str) -> str | None:
    for tag_pattern in _PAGE_URL:
        try:
            tags = [m.group() for m in tag_pattern.finditer(head, timeout=1.0)]
        except TimeoutError:
            continue
        for tag in tags:
            found = _HREF.search(tag)
            value = found and next(v for v in found.groups() if v is not None).strip()
            if value and value.lower().startswith(("http://", "https://")) and host_of(value):
                return value
    return None


def rules_for_page(
    extra: list[str | Path | RuleSet] | None = None,
    *,
    disabled: set[str] | frozenset[str] = frozenset(),
    url: str | None = None,
    text: str | None = None,
) -> list[Rule]:
    """What strip() runs: built-in, user config, `extra`, minus `disabled`, and of
    the site-specific rules only those whose `sites` cover `url` or whose
    `site_marker` is found in the page `text`."""
    return select_for_url(load_rules(extra, disabled=disabled, user=True), url, text)
