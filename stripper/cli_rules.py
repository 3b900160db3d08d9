"""`stripper rules …`: list, show, check and test rule sets.

    stripper rules list [--rules FILE]...     every active rule: id, category, languages, file
    stripper rules show ID                    one rule in full
    stripper rules check FILE...              schema, regex errors, exploding patterns, examples
    stripper rules test FILE --on DUMP        the lines FILE's rules would remove from DUMP

Exit codes: 0 fine, 1 when a checked file has problems (or a rule file cannot be
loaded), 2 on usage errors.
"""

from __future__ import annotations

import difflib
import sys
from collections import Counter

import click
from rich import box
from rich.console import Console
from rich.table import Table

import stripper
from stripper.cli_common import (
    check_language,
    error_reason,
    install_warning_format,
    load_rule_sets,
)
from stripper.inputs import read_input
from stripper.model import Category
from stripper.rules import RuleError, RuleSet, builtin_rule_sets, user_rule_dir, user_rule_sets
from stripper.rules.check import catastrophic, explosive_parts, probe
from stripper.rules.model import Rule
from stripper.rules.schema import check_rule_set
from stripper.rules.sources import read_rule_text


def prepare_rules() -> None:
    """For `stripper clean`: one-line warnings, and the user's rule files read up front,
    so that a broken one is reported once (RuleError) rather than once per input."""
    install_warning_format()
    user_rule_sets()


install_warning_format()


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"stripper: {message}", err=True)
    sys.exit(code)


def _load(paths: tuple[str, ...]) -> list[RuleSet]:
    return load_rule_sets(paths)  # a broken file: one line, exit 2, as in every command


def _all_sets(extra: list[RuleSet]) -> list[tuple[str, RuleSet]]:
    """(origin, set) in loading order: built-in, user config, --rules."""
    try:
        user = user_rule_sets()
    except RuleError as exc:
        _fail(f"{exc} (in your rule folder {user_rule_dir()})")
    return ([("built-in", s) for s in builtin_rule_sets()] + [("user", s) for s in user]
            + [("--rules", s) for s in extra])


def _active(sets: list[tuple[str, RuleSet]]) -> dict[str, tuple[str, Rule]]:
    by_id: dict[str, tuple[str, Rule]] = {}
    for origin, rule_set in sets:
        for rule in rule_set.rules:
            by_id[rule.id] = (origin, rule)
    return by_id


def _languages(rule: Rule) -> str:
    return ", ".join(sorted(rule.languages)) if rule.languages else "any"


def _console() -> Console:
    out = click.get_text_stream("stdout")  # type: ignore[operator]
    tty = out.isatty()
    return Console(file=out, highlight=False, width=None if tty else 160)


@click.group("rules")
def rules() -> None:
    """Inspect, check and try rule sets (TOML files of regex rules).

    \b
    Rules load in this order, a later rule replacing an earlier one with the same id:
      1. the built-in sets shipped with stripper
      2. your own: $XDG_CONFIG_HOME/stripper/rules/*.toml (default ~/.config/stripper/rules)
      3. --rules FILE (repeatable), then --disable-rule ID switches rules off

    \b
    Examples:
      stripper rules list
      stripper rules show copyright.ar
      stripper rules check my-site.toml
      stripper rules test my-site.toml --on page.txt
    """
    install_warning_format()


@rules.command("list")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Also list the rules of this file (repeatable).")
@click.option("-c", "--category", type=click.Choice([c.value for c in Category]),
              help="Only rules of this category.")
@click.option("--lang", "language", metavar="CODE", callback=check_language,
              help="Only rules that apply to this language (ISO 639-1).")
def list_rules(rule_files, category, language) -> None:
    """Every active rule: id, category, action, languages and where it is defined."""
    sets = _all_sets(_load(rule_files))
    active = _active(sets)
    shown = [(o, r) for o, r in active.values()
             if (category is None or r.category.value == category)
             and (language is None or not r.languages or language in r.languages)]
    with_sites = any(r.sites for _, r in shown)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("category", no_wrap=True)
    table.add_column("action", no_wrap=True)
    table.add_column("languages", overflow="fold")
    if with_sites:
        table.add_column("sites", overflow="fold")
    table.add_column("source", overflow="fold")
    for _origin, rule in shown:
        row = [rule.id, rule.category.value, rule.action, _languages(rule)]
        if with_sites:
            row.append(", ".join(rule.sites) or "all")
        table.add_row(*row, rule.where)
    console = _console()
    console.print(table)
    origins = Counter(o for o, _ in shown)
    per_origin = Counter(o for o, _ in sets)
    parts = [f"{origins[o]} {o} (in {per_origin[o]} file{'s' if per_origin[o] != 1 else ''})"
             for o in ("built-in", "user", "--rules") if per_origin[o]]
    replaced = sum(len(s.rules) for _, s in sets) - len(active)
    console.print(f"{len(shown)} rules: {', '.join(parts)}"
                  + (f"; {replaced} replaced by a later rule with the same id" if replaced else "")
                  + f". User rule folder: {user_rule_dir()}")


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Also look in this file (repeatable).")
def show(rule_id, rule_files) -> None:
    """One rule in full: pattern, flags, scope, action, examples, file and line."""
    active = _active(_all_sets(_load(rule_files)))
    if rule_id not in active:
        close = difflib.get_close_matches(rule_id, list(active), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `stripper rules list`"
        _fail(f"no rule {rule_id!r}{hint}")
    origin, rule = active[rule_id]
    fields = [
        ("id", rule.id), ("category", rule.category.value), ("action", rule.action),
        ("scope", rule.scope), ("pattern", rule.pattern.pattern), ("flags", rule.flags or "-"),
        ("languages", _languages(rule)), ("sites", ", ".join(rule.sites) or "all"),
        ("priority", str(rule.priority)),
        ("max_words", "-" if rule.max_words is None else str(rule.max_words)),
        ("description", rule.description or "-"), ("source", f"{rule.where} ({origin})"),
    ]
    for name, value in fields:
        click.echo(f"{name + ':':<13}{value}")
    for name, values in (("examples", rule.examples), ("counter", rule.counter_examples)):
        for value in values:
            click.echo(f"{name + ':':<13}{value}")


def check_file(path: str, *, dynamic: bool = True) -> tuple[list[str], list[str], int]:
    """(errors, warnings, rule count) for one rule file, each message `file:line: …`."""
    try:
        text = read_rule_text(path)
    except RuleError as exc:
        return [str(exc)], [], 0
    rule_set, errors = check_rule_set(text, path)
    messages = [str(e) for e in errors]
    notes: list[str] = []
    for rule in rule_set.rules if rule_set else []:
        for reason in explosive_parts(rule.pattern.pattern, rule.pattern.flags):
            messages.append(f"{rule.where}: rule {rule.id!r}: catastrophic pattern: {reason}")
        if dynamic and not catastrophic(rule, dynamic=False):
            slow = probe(rule.pattern)
            if slow:
                notes.append(f"{rule.where}: rule {rule.id!r}: slow pattern: took over "
                             f"the probe's timeout on a line of {slow}")
        for example in rule.examples:
            if not rule.pattern.search(example):
                messages.append(f"{rule.where}: rule {rule.id!r}: example does not match: "
                                f"{example!r}")
        for counter in rule.counter_examples:
            if rule.pattern.search(counter):
                messages.append(f"{rule.where}: rule {rule.id!r}: counter-example matches: "
                                f"{counter!r}")
    return messages, notes, len(rule_set.rules) if rule_set else 0


@rules.command("check")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
@click.option("--no-probe", is_flag=True,
              help="Skip the timed run of each pattern on long lines (static checks only).")
def check(files, no_probe) -> None:
    """Validate rule FILE(s): TOML, keys and types, ids, every pattern compiled,
    nested quantifiers that can explode, examples and counter-examples.

    Each problem is printed as FILE:LINE: rule 'ID': reason. Exit 1 if any.
    """
    failed = 0
    for path in files:
        errors, notes, count = check_file(path, dynamic=not no_probe)
        for message in errors:
            click.echo(message)
        for message in notes:
            click.echo(f"{message} (warning)")
        if errors:
            failed += 1
            click.echo(f"{path}: {len(errors)} problem{'s' if len(errors) != 1 else ''}")
        else:
            click.echo(f"{path}: {count} rule{'s' if count != 1 else ''}, ok")
    sys.exit(1 if failed else 0)


@rules.command("test")
@click.argument("rule_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--on", "dump", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The page dump (text or HTML) to try the rules on.")
@click.option("--url", help="The page's address (for rules with `sites`).")
@click.option("--lang", "language", metavar="CODE", callback=check_language,
              help="The page's language; skips detection.")
@click.option("--kind", type=click.Choice(stripper.KINDS), default="auto", show_default=True)
def test(rule_file, dump, url, language, kind) -> None:
    """Show which lines of DUMP the rules of FILE would remove, and what that changes.

    The page is cleaned twice, with and without FILE (on top of the built-in and
    user rules); each block FILE's rules decide is listed with its input line,
    then the lines the article gains or loses.
    """
    rule_set = _load((rule_file,))[0]
    try:
        raw = read_input(dump).raw  # as clean reads it: .gz, binary refused, size limit
    except (OSError, ValueError) as exc:
        _fail(f"{dump}: {error_reason(exc)}")
    options = dict(kind=kind, url=url, language=language)
    try:
        before = stripper.strip(raw, **options)
        after = stripper.strip(raw, rules=[rule_set], **options)
    except (RuleError, ValueError) as exc:
        _fail(str(exc))
    by_id = {r.id: r for r in rule_set.rules}
    fired: Counter[str] = Counter()
    click.echo(f"{rule_file} on {dump}:")
    for old, new in zip(before.blocks, after.blocks, strict=False):
        rule = by_id.get(new.rule or "")
        if rule is None:  # the run's own record: which rule decided each block
            continue
        fired[rule.id] += 1
        was = "kept" if old.kept else f"removed, {old.category.value}"
        if rule.action == "keep":
            verb = "keeps" if new.kept else "keep?"
        else:
            verb = "drops" if rule.action == "drop" else rule.action
        first, last = new.start + 1, new.end
        where = f"{first}" if first == last else f"{first}-{last}"
        note = "" if new.kept or rule.action != "keep" else f" — but {new.reason}"
        click.echo(f"  line {where:>4}  {verb:<5} {rule.id} (was {was}){note}:  "
                   f"{_short(new.text)}")
    old_lines = _kept_lines(before)
    new_lines = _kept_lines(after)
    lost = [n for n in old_lines if n not in new_lines]
    gained = [n for n in new_lines if n not in old_lines]
    for label, numbers, result in (("article loses", lost, before), ("article gains", gained,
                                                                       after)):
        for n in numbers:
            click.echo(f"  {label} line {n}: {_short(_line_text(result, n))}")
    silent = [r.id for r in rule_set.rules if not fired[r.id]]
    ids = by_id
    click.echo(f"{sum(fired.values())} block(s) decided by {len(fired)} of {len(ids)} rule(s); "
               f"article: {len(lost)} line(s) fewer, {len(gained)} more"
               + (f"; no match for: {', '.join(silent)}" if silent else ""))


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _kept_lines(result: stripper.Result) -> list[int]:
    return [n for b in result.blocks if b.kept for n in range(b.start + 1, b.end + 1)]


def _line_text(result: stripper.Result, n: int) -> str:
    for block in result.blocks:
        if block.start < n <= block.end:
            return block.text
    return ""
