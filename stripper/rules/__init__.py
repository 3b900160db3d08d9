"""Rule sets: knowledge kept as data (TOML), compiled with safe regex timeouts.

    schema.py   TOML text → checked RuleSet (every problem with its file and line)
    sources.py  packaged files, the user's folder, named files; parsed once
    book.py     RuleBook: sources merged once; `for_page` says which rules apply
    sites.py    a page's host and declared address; `sites` entries matched
    model.py    Rule, RuleSet, RuleError; one rule's timed matching
    matcher.py  all rules of a page against all its blocks, fast
    check.py    static and dynamic checks for patterns that can explode
"""

from stripper.rules.book import RuleBook, book_for, load_rules
from stripper.rules.model import Rule, RuleError, RuleSet
from stripper.rules.schema import check_rule_set, parse_rule_set
from stripper.rules.sites import host_of, page_url
from stripper.rules.sources import builtin_rule_sets, load_file, user_rule_dir, user_rule_sets

__all__ = [
    "Rule",
    "RuleBook",
    "RuleError",
    "RuleSet",
    "book_for",
    "builtin_rule_sets",
    "check_rule_set",
    "host_of",
    "load_file",
    "load_rules",
    "page_url",
    "parse_rule_set",
    "user_rule_dir",
    "user_rule_sets",
]
