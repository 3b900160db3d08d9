"""Where rule sets come from: the packaged files, the user's folder, files named on
the command line; each parsed once and kept while it is unchanged."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import regex

from stripper.profiles import profile_for, profiled_languages
from stripper.rules.model import Rule, RuleError, RuleSet
from stripper.rules.schema import parse_rule_set, parse_rule_table


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
        _BUILTIN.append(RuleSet("profile-markers", profile_marker_rules(),
                                description="end-of-article headings of the language profiles",
                                source="builtin:profiles"))
    return _BUILTIN


def profile_marker_rules() -> list[Rule]:
    """A related-list end marker per language profile, from its `end_markers`: a line
    that is only such a heading ("Lo más leído", "הנקראים ביותר"), whatever bullet or
    punctuation a renderer puts around it. A profile is the one place a language's
    markers are written, so adding a language adds its markers too. Not limited to the
    profile's language: a page's chrome is often in another language than its article."""
    rules = []
    for code in profiled_languages():
        profile = profile_for(code)
        if profile is None or not profile.end_markers:
            continue
        words = sorted(profile.end_markers, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(regex.escape(w) for w in m.split()) for m in words)
        table: dict[str, object] = {
            "id": f"related.profile-{code}", "category": "related-list",
            "action": "end-article", "flags": "i",
            "pattern": rf"^\W*(?:{alternatives})\W*$",
            "description": f"{profile.name} 'related' and 'most read' headings "
                           f"(end_markers of profiles/{code}.toml).",
            "examples": list(profile.end_markers),
            # the heading run on into a line of text is not one
            "counter_examples": [f"{m} {' '.join(sorted(profile.function_words)[:4])}"
                                 for m in profile.end_markers],
        }
        if profile.segmentation == "words":  # a CJK or Thai character is a word
            table["max_words"] = 12
        source = resources.files("stripper.profiles").joinpath(f"{code}.toml")
        rules.append(parse_rule_table(table, f"builtin:profiles/{code}.toml",
                                      source.read_text("utf-8"), "end_markers"))
    return rules


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
