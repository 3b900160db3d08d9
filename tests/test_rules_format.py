"""The TOML rule format: defaults, errors with file:line, sites, user config, safety."""

from __future__ import annotations

import time
import warnings

import pytest
from conftest import EN_PARAGRAPHS, FIXTURES_DIR, strip_text

import stripper
from stripper.rules import RuleError, builtin_rule_sets, load_rules, page_url, user_rule_dir
from stripper.rules.book import RuleBook
from stripper.rules.check import catastrophic, explosive_parts
from stripper.rules.schema import check_rule_set, parse_rule_set

DUMP = FIXTURES_DIR / "arabic-news-dump.txt"
SIGNATURE = """\
name = "arabstoday"
version = "1"
description = "Signature lines of العرب اليوم"

[[rule]]
id = "arabstoday.dateline"
category = "dateline"
pattern = '^\\p{Arabic}+\\s*[-ـ]\\s*العرب\\s+اليوم\\s*$'
"""


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def test_smallest_file_and_defaults():
    rs = parse_rule_set('[[rule]]\nid = "a.b"\ncategory = "footer"\npattern = "^x$"\n', "f.toml")
    rule = rs.rules[0]
    assert (rule.scope, rule.action, rule.languages, rule.sites, rule.priority) == (
        "line", "drop", frozenset(), (), 0)
    assert rs.name == "f" and rule.line == 2 and rule.where == "f.toml:2"


def test_set_metadata_and_every_key():
    text = """name = "mine"
version = "2"
description = "my rules"
sites = ["example.com"]

[[rule]]
id = "mine.one"
category = "share"
pattern = 'share'
flags = ["i"]
scope = "block"
action = "end-article"
languages = ["en", "de"]
priority = 5
description = "one"
max_words = 4
examples = ["Share"]
counter_examples = ["no"]
"""
    rs = parse_rule_set(text, "m.toml")
    rule = rs.rules[0]
    assert (rs.name, rs.version, rs.description, rs.sites) == ("mine", "2", "my rules",
                                                               ("example.com",))
    assert rule.sites == ("example.com",) and rule.priority == 5 and rule.scope == "block"
    assert rule.languages == {"en", "de"} and rule.line == 7 and rule.flags == "i"


@pytest.mark.parametrize("text, line, needle", [
    ('[[rule]]\nid = "x\n', 2, "not valid TOML"),
    ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\ncolour = "red"\n', 2,
     "unknown key(s): colour"),
    ('title = "x"\n[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\n', 1,
     "unknown top-level key(s): title"),
    ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "(unclosed"\n', 2, "bad pattern"),
    ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\n\n'
     '[[rule]]\nid = "a"\ncategory = "footer"\npattern = "y"\n', 7,
     "duplicate id (first defined at line 2)"),
    ('[[rule]]\nid = "a"\ncategory = "chrome"\npattern = "x"\n', 2, "unknown category"),
    ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\nscope = "page"\n', 2, "scope"),
    ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\naction = "hide"\n', 2, "action"),
    ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\npriority = "high"\n', 2,
     "whole number"),
    ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\nlanguages = [1]\n', 2,
     "list of strings"),
    ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\nflags = "q"\n', 2, "unknown flag"),
    ('\n[[rule]]\ncategory = "footer"\npattern = "x"\n', 2, "missing 'id'"),
    ('name = "empty"\n', None, "no [[rule]] tables"),
])
def test_errors_name_file_line_and_reason(text, line, needle):
    with pytest.raises(RuleError) as info:
        parse_rule_set(text, "r.toml")
    error = info.value
    assert needle in str(error)
    assert error.source == "r.toml" and error.line == line
    assert str(error).startswith(f"r.toml:{line}: " if line else "r.toml: ")


def test_check_collects_every_problem_and_keeps_good_rules():
    text = ('[[rule]]\nid = "ok"\ncategory = "footer"\npattern = "x"\n\n'
            '[[rule]]\nid = "bad"\ncategory = "footer"\npattern = "[x"\n\n'
            '[[rule]]\nid = "worse"\ncategory = "nope"\npattern = "x"\n')
    rule_set, errors = check_rule_set(text, "r.toml")
    assert [r.id for r in rule_set.rules] == ["ok"]
    assert [(e.line, e.rule_id) for e in errors] == [(7, "bad"), (12, "worse")]


def test_site_entries():
    rs = parse_rule_set('''[[rule]]
id = "host"
category = "footer"
pattern = "x"
sites = ["example.com"]

[[rule]]
id = "glob"
category = "footer"
pattern = "x"
sites = ["*.example.co.uk"]

[[rule]]
id = "path"
category = "footer"
pattern = "x"
sites = ["https://news.example.org/opinion/*"]

[[rule]]
id = "any"
category = "footer"
pattern = "x"
''')
    def ids(url):
        return [r.id for r in RuleBook.from_sets([rs]).for_page(url, None, None)]

    assert ids(None) == ["any"]
    assert ids("https://www.example.com/a") == ["host", "any"]
    assert ids("https://notexample.com/a") == ["any"]
    assert ids("https://shop.example.co.uk/") == ["glob", "any"]
    assert ids("https://news.example.org/opinion/x") == ["path", "any"]
    assert ids("https://news.example.org/sport/x") == ["any"]


def test_page_url_from_html_only():
    html = '<html><head><link rel="canonical" href="https://arabstoday.net/a/1"></head></html>'
    assert page_url(html, "html") == "https://arabstoday.net/a/1"
    og = "<meta property='og:url' content='https://example.com/x'>"
    assert page_url(og, "html") == "https://example.com/x"
    assert page_url('<link rel="canonical" href="https://x.org/">', "text") is None


def _site_rule(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text('sites = ["example.com"]\n[[rule]]\nid = "site.sig"\ncategory = "footer"\n'
                    "pattern = '^Posted from the Example desk$'\n", encoding="utf-8")
    return path


def test_site_rule_needs_the_url(tmp_path):
    page = "\n\n".join(EN_PARAGRAPHS[:3] + ["Posted from the Example desk"] + EN_PARAGRAPHS[3:])
    rules = [_site_rule(tmp_path)]
    other = strip_text(page, rules=rules)
    assert "Posted from the Example desk" not in [b.text for b in other.removed
                                                   if b.reason == "rule site.sig"]
    result = strip_text(page, rules=rules, url="https://www.example.com/2024/story")
    assert any(b.reason == "rule site.sig" for b in result.removed)


def test_site_rule_from_canonical_link(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in EN_PARAGRAPHS[:3])
    html = ('<html><head><title>t</title><link rel="canonical" href="https://example.com/s">'
            f"</head><body>{body}<p>Posted from the Example desk</p></body></html>")
    result = stripper.strip(html, rules=[_site_rule(tmp_path)])
    assert any(b.reason == "rule site.sig" for b in result.removed)


def test_loading_order_builtin_user_extra_disabled(tmp_path, monkeypatch):
    config = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert user_rule_dir() == config / "stripper" / "rules"
    folder = user_rule_dir()
    folder.mkdir(parents=True)
    (folder / "a.toml").write_text('[[rule]]\nid = "copyright.ar"\ncategory = "footer"\n'
                                   'pattern = "user"\n', encoding="utf-8")
    extra = tmp_path / "extra.toml"
    extra.write_text('[[rule]]\nid = "copyright.ar"\ncategory = "footer"\npattern = "extra"\n'
                     '[[rule]]\nid = "mine"\ncategory = "footer"\npattern = "m"\n',
                     encoding="utf-8")
    by_id = {r.id: r for r in load_rules(user=True)}
    assert by_id["copyright.ar"].pattern.pattern == "user"
    by_id = {r.id: r for r in load_rules([extra], user=True)}
    assert by_id["copyright.ar"].pattern.pattern == "extra"
    assert "mine" not in {r.id for r in load_rules([extra], user=True, disabled={"mine"})}
    assert {r.id: r for r in load_rules()}["copyright.ar"].category.value == "copyright"


def test_strip_uses_the_user_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    folder = user_rule_dir()
    folder.mkdir(parents=True)
    (folder / "arabstoday.toml").write_text(SIGNATURE, encoding="utf-8")
    result = stripper.strip(DUMP.read_bytes())
    assert [b.start + 1 for b in result.blocks if b.reason == "rule arabstoday.dateline"] == [70]


def test_signature_rule_from_strip_rules(tmp_path):
    path = tmp_path / "arabstoday.toml"
    path.write_text(SIGNATURE, encoding="utf-8")
    before = stripper.strip(DUMP.read_bytes())
    after = stripper.strip(DUMP.read_bytes(), rules=[path])
    lines = {b.start + 1: b for b in after.blocks}
    assert lines[70].reason == "rule arabstoday.dateline" and not lines[70].kept
    assert lines[14].category.value == "dateline" and not lines[14].kept
    assert after.text == before.text  # the article was already clean; now the reason is named


def test_catastrophic_pattern_finishes_within_its_timeout():
    rs = parse_rule_set('[[rule]]\nid = "evil"\ncategory = "footer"\npattern = \'(a+)+$\'\n')
    page = "\n\n".join(EN_PARAGRAPHS[:3] + ["a" * 8000 + "!"] + EN_PARAGRAPHS[3:])
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = strip_text(page, rules=[rs])
    assert time.perf_counter() - started < 3
    assert any("evil" in str(w.message) and "timed out" in str(w.message) for w in caught)
    assert EN_PARAGRAPHS[0][:40] in result.text
    assert not rs.rules[0].disabled  # skipped for that page only: tried again on the next


def test_a_rule_that_times_out_on_several_pages_is_disabled_for_the_run():
    from stripper.rules.model import MAX_TIMEOUT_PAGES

    rs = parse_rule_set('[[rule]]\nid = "evil"\ncategory = "footer"\npattern = \'(a+)+$\'\n')
    evil = "\n\n".join(EN_PARAGRAPHS[:3] + ["a" * 8000 + "!"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for n in range(1, MAX_TIMEOUT_PAGES + 1):
            strip_text(evil, rules=[rs])
            assert rs.rules[0].disabled == (n == MAX_TIMEOUT_PAGES)
            strip_text("\n\n".join(EN_PARAGRAPHS[3:]), rules=[rs])  # a page it is fine on
        started = time.perf_counter()
        strip_text(evil, rules=[rs])  # disabled: no time spent on it any more
        assert time.perf_counter() - started < 0.2
    messages = [str(w.message) for w in caught if "evil" in str(w.message)]
    assert messages == ["rule evil (<string>:2) timed out on this page and is skipped for the "
                        "rest of it"] * (MAX_TIMEOUT_PAGES - 1) + [
        f"rule evil (<string>:2) timed out on {MAX_TIMEOUT_PAGES} pages and is disabled for "
        "this run"]


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w*)*", r"(a|aa)+", r"(\w+\s?)+$",
                                     r"((a+)b?)+", r"(?:\p{L}+)*x", r"(a{1,20}){2,}"])
def test_explosive_patterns_are_flagged(pattern):
    assert explosive_parts(pattern)


@pytest.mark.parametrize("pattern", [r"^Sent from my \p{L}+", r"(?:a+b)+", r"(?>a+)+",
                                     r"(a++)+", r"(?:\w+\s)+", r"(x|y)+", r"[(a+)+]",
                                     r"(?:share|send)+", r"\d{4}"])
def test_safe_patterns_are_not_flagged(pattern):
    assert not explosive_parts(pattern)


def test_dynamic_probe_catches_what_the_parser_misses():
    rs = parse_rule_set('[[rule]]\nid = "evil"\ncategory = "footer"\npattern = \'(a|a)+$\'\n')
    assert catastrophic(rs.rules[0])


def test_builtin_sets_parse_with_lines_and_descriptions():
    sets = builtin_rule_sets()
    assert len(sets) >= 7
    for rule_set in sets:
        assert rule_set.name and rule_set.description
        for rule in rule_set.rules:
            assert rule.line > 0 and rule.description
            assert rule.where.startswith("builtin:")


SIGNED = """\
[[rule]]
id = "gazette.motto"
category = "footer"
pattern = '^Read all about it, every day'
site_marker = 'The Harbour Gazette'
"""


def test_site_marker_chooses_a_rule_by_what_the_page_shows(tmp_path):
    rule_file = tmp_path / "gazette.toml"
    rule_file.write_text(SIGNED, encoding="utf-8")
    paragraph = ("The council met on Tuesday and voted to keep the harbour open all winter, "
                 "after a long debate about the cost of repairs to the old sea wall. ") * 3
    page = f"{paragraph}\n\nRead all about it, every day of the week\n"
    motto = "Read all about it, every day of the week"
    unmarked = stripper.strip(page, kind="text", rules=[rule_file])
    marked = stripper.strip(page + "\nThe Harbour Gazette\n", kind="text", rules=[rule_file])
    decided = {b.text: b.reason for b in marked.blocks}
    assert decided[motto] == "rule gazette.motto"
    assert {b.text: b.reason for b in unmarked.blocks}[motto] != "rule gazette.motto"


def test_bad_site_marker_is_a_clear_error():
    with pytest.raises(RuleError, match="site_marker"):
        parse_rule_set(SIGNED.replace("'The Harbour Gazette'", "'(unclosed'"), "bad.toml")
