"""Where rule sets come from: the packaged files, the user's folder, files named on
the command line; each parsed once and kept while it is unchanged."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from stripper.rules.model import RuleError, RuleSet
from stripper.rules.schema import parse_rule_set


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
