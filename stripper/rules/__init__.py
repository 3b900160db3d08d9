"""Rule sets: knowledge kept as data (TOML), compiled with safe regex timeouts."""

from stripper.rules.loader import (
    Rule,
    RuleError,
    RuleSet,
    builtin_rule_sets,
    host_of,
    load_file,
    load_rules,
    page_url,
    rules_for_page,
    user_rule_dir,
    user_rule_sets,
)

__all__ = [
    "Rule",
    "RuleError",
    "RuleSet",
    "builtin_rule_sets",
    "host_of",
    "load_file",
    "load_rules",
    "page_url",
    "rules_for_page",
    "user_rule_dir",
    "user_rule_sets",
]
