"""A rule file's TOML → a checked RuleSet: every problem named with its file and line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import regex

from stripper.model import Category
from stripper.rules.model import Rule, RuleError, RuleSet

SCOPES = {"line", "block", "region-start", "region-end"}
ACTIONS = {"drop", "keep", "end-article", "start-article", "resume-article"}
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


def compile_pattern(pattern: str, flags: str | list[str] | None = None) -> regex.Pattern:
    value = 0
    names = flags.split(",") if isinstance(flags, str) else list(flags or [])
    for name in names:
        name = name.strip().lower()
        if name:
            if name not in _FLAGS:
                raise RuleError(f"unknown flag {name!r} (known: {', '.join(sorted(_FLAGS))})")
            value |= _FLAGS[name]
    return safe_compile(pattern, value)


MAX_PATTERN_CHARS = 20_000
MAX_GROUP_DEPTH = 100  # deeper nesting overflows the compiler's recursion
MAX_REPEAT_COUNT = 10_000  # x{4294967294} asks the compiler for gigabytes
_COUNTED = regex.compile(r"(?<!\\)\{\s*(\d+)\s*(?:,\s*(\d*)\s*)?\}")


def safe_compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """Compile a rule's pattern, first refusing what would exhaust the compiler: very
    long patterns, groups nested deeper than MAX_GROUP_DEPTH, repeat counts over
    MAX_REPEAT_COUNT (compiling `x{4294967294}` alone reached tens of GB)."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise RuleError(f"pattern of {len(pattern):,} characters is too long "
                        f"(limit {MAX_PATTERN_CHARS:,})")
    depth = _group_depth(pattern)
    if depth > MAX_GROUP_DEPTH:
        raise RuleError(f"pattern nests groups {depth} deep (limit {MAX_GROUP_DEPTH})")
    for m in _COUNTED.finditer(pattern):
        low = int(m.group(1))
        if low > MAX_REPEAT_COUNT:
            raise RuleError(f"repeat count {{{m.group(1)}}} is over {MAX_REPEAT_COUNT:,}")
    try:
        return regex.compile(pattern, flags)
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise RuleError(f"pattern too complex to compile ({type(exc).__name__})") from None


def _group_depth(pattern: str) -> int:
    """The deepest nesting of parentheses, skipping escapes and character classes."""
    depth = deepest = 0
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if pattern.startswith("]", i + 1) or pattern.startswith("^]", i + 1):
                i += 2 if pattern[i + 1] == "]" else 3  # a leading ] is a literal
                continue
        elif c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth = max(0, depth - 1)
        i += 1
    return deepest


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


def parse_rule_table(table: dict, source: str, text: str, key: str) -> Rule:
    """One rule from a table of a rule file's keys, made by code from a data file's
    `text` (a profile's markers); the rule's line is that of `key` there."""
    return _parse_rule(table, 1, source, _key_line(text, key), [])


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
        site_marker = safe_compile(marker, regex.MULTILINE) if marker else None
    except RuleError as exc:
        raise fail(f"bad site_marker: {exc.reason}") from None
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

