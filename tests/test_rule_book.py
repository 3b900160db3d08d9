"""The rule book: sources merged once, one for_page filter, the run's own record of
which rule decided a block, and keep rules outranking the DOM."""

from __future__ import annotations

import pickle

import pytest
from click.testing import CliRunner

import stripper
from stripper.cli import cli
from stripper.rules import RuleBook, parse_rule_set

MARKED = """\
name = "paper"
site_marker = 'Kilimanjaro Herald'

[[rule]]
id = "paper.pitch"
category = "newsletter"
pattern = '^Become a Herald member today'
sites = ["herald.example"]
"""

PARAGRAPHS = [
    "The regional council met on Tuesday evening to debate the new water tariff, and after "
    "three hours of questions the members agreed to publish the full study next month.",
    "Farmers in the valley said the tariff would double their costs, while the utility "
    "argued that the pipes had not been replaced in forty years and were leaking badly.",
    "A final vote is expected in the spring, once the consultation with the villages along "
    "the river has ended and the engineers have answered the written objections.",
]
DUMP = "\n\n".join(["Home | Politics | Sport", *PARAGRAPHS,
                    "Become a Herald member today and read without limits.",
                    "© 2026 Kilimanjaro Herald"]) + "\n"


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def test_a_site_marker_match_is_enough_without_a_url():
    book = RuleBook.from_sets([parse_rule_set(MARKED, "m.toml")])
    assert [r.id for r in book.for_page(None, DUMP, "en")] == ["paper.pitch"]
    assert book.for_page(None, "another paper's page", "en") == []
    assert [r.id for r in book.for_page("https://www.herald.example/a", "", "en")] == [
        "paper.pitch"]
    result = stripper.strip(DUMP, kind="text", rules=[parse_rule_set(MARKED, "m.toml")])
    pitch = next(b for b in result.blocks if b.text.startswith("Become a Herald"))
    assert (pitch.rule, pitch.category.value) == ("paper.pitch", "newsletter")
    assert "Become a Herald" not in result.text


def test_languages_and_disabled_ids_are_filtered_in_one_place():
    text = MARKED.replace('sites = ["herald.example"]', 'languages = ["de"]')
    book = RuleBook.from_sets([parse_rule_set(text, "m.toml")])
    assert book.for_page(None, DUMP, "en") == []
    assert [r.id for r in book.for_page(None, DUMP, "de")] == ["paper.pitch"]
    off = RuleBook.from_sets([parse_rule_set(text, "m.toml")],
                             disabled=["paper.pitch", "no.such.rule"])
    assert off.rules == () and off.unknown_disabled == {"no.such.rule"}


def test_the_book_merges_later_over_earlier_and_digests_what_it_holds():
    base = parse_rule_set(MARKED, "a.toml")
    other = parse_rule_set(MARKED.replace("Become a Herald member", "Join us"), "b.toml")
    merged = RuleBook.from_sets([base, other])
    assert len(merged.rules) == 1 and merged.rules[0].pattern.pattern.startswith("^Join us")
    assert merged.digest != RuleBook.from_sets([base]).digest
    assert merged.digest == RuleBook.from_sets([base, other]).digest
    assert RuleBook.from_sets([base], disabled=["x"]).digest != RuleBook.from_sets([base]).digest
    assert pickle.loads(pickle.dumps(merged)).digest == merged.digest  # for batch workers


def test_strip_takes_a_book_loaded_once(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text(MARKED, encoding="utf-8")
    book = RuleBook.load([path])
    assert "paper.pitch" in book.ids and len(book.ids) > 1  # built-in ones too
    once = stripper.strip(DUMP, kind="text", rules=book)
    again = stripper.strip(DUMP, kind="text", rules=[path])
    assert once.text == again.text and "Become a Herald" not in once.text


HTML = """<html lang="en"><head><title>Water tariff</title></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/p">Politics</a></nav>
<article><h1>Water tariff</h1>{paras}</article>
<aside class="sidebar related"><p>Editor's note: this story was corrected on Monday
to give the right date of the vote.</p></aside>
<footer><p>© 2026 Kilimanjaro Herald</p></footer>
</body></html>""".format(paras="".join(f"<p>{p}</p>" for p in PARAGRAPHS))

KEEP = """\
[[rule]]
id = "mine.note"
category = "content"
action = "keep"
pattern = "^Editor's note:"
"""


def test_a_keep_rule_rescues_a_block_the_dom_labelled():
    plain = stripper.strip(HTML, kind="html")
    note = next(b for b in plain.blocks if b.text.startswith("Editor's note"))
    assert not note.kept and note.rule is None  # the DOM removed it, no rule did
    kept = stripper.strip(HTML, kind="html", rules=[parse_rule_set(KEEP, "k.toml")])
    note = next(b for b in kept.blocks if b.text.startswith("Editor's note"))
    assert note.kept and note.rule == "mine.note"
    assert "Editor's note" in kept.text


def test_rules_test_on_html_reports_what_clean_does(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    drop = tmp_path / "drop.toml"
    drop.write_text('[[rule]]\nid = "mine.home"\ncategory = "navigation"\n'
                    'pattern = "^Home\\\\b"\n'
                    '[[rule]]\nid = "mine.tariff"\ncategory = "boilerplate"\n'
                    'pattern = "^A final vote"\n', encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(cli, ["rules", "test", str(drop), "--on", str(page)]).output
    clean = runner.invoke(cli, ["clean", str(page), "--rules", str(drop)]).output
    # the menu was already removed by the DOM, so the rule decides nothing there ...
    assert "mine.home" not in out.split("no match for:")[0]
    # ... while the paragraph it drops is gone from clean's output as reported
    assert "drops mine.tariff (was kept)" in out
    assert "A final vote" not in clean and PARAGRAPHS[0][:40] in clean


@pytest.mark.parametrize("pattern, needle", [
    ("(" * 5000 + "a" + ")" * 5000, "nests groups 5000 deep"),
    ("x{4294967294}", "repeat count {4294967294}"),
    ("(?:ab){20000,}", "repeat count {20000}"),
    ("a" * 30_000, "too long"),
])
def test_patterns_that_would_exhaust_the_compiler_are_refused(tmp_path, pattern, needle):
    text = f"[[rule]]\nid = \"bad\"\ncategory = \"footer\"\npattern = '{pattern}'\n"
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    for args in (["rules", "check", str(path)], ["clean", "-", "--rules", str(path)]):
        result = runner.invoke(cli, args, input="Some text\n")
        assert result.exit_code in (1, 2), (args, result.output)
        assert needle in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_sane_counted_repeats_and_classes_still_compile():
    from stripper.rules.schema import safe_compile

    assert safe_compile(r"^\d{4}-\d{2}-\d{2}$").match("2026-12-01")
    assert safe_compile(r"[(]{3}\(x\)").search("(((( x)") is None
    assert safe_compile("(" * 50 + "a" + ")" * 50).match("a")


@pytest.mark.parametrize("pattern", [".", "^"])
def test_a_rule_that_empties_a_page_is_named_in_a_warning(tmp_path, pattern):
    rule = parse_rule_set(f'[[rule]]\nid = "all"\ncategory = "footer"\npattern = "{pattern}"\n',
                          "all.toml")
    with pytest.warns(RuntimeWarning, match=r"rule all \(all.toml:2\) removed \d+ of"):
        result = stripper.strip(DUMP, kind="text", rules=[rule])
    assert result.text == ""
    path = tmp_path / "all.toml"
    path.write_text(f'[[rule]]\nid = "all"\ncategory = "footer"\npattern = "{pattern}"\n',
                    encoding="utf-8")
    out = CliRunner().invoke(cli, ["clean", "-", "--rules", str(path)], input=DUMP)
    assert "warning: rule all" in out.output


def test_no_warning_when_the_page_keeps_its_article(recwarn):
    stripper.strip(DUMP, kind="text")
    assert not [w for w in recwarn if "removed" in str(w.message)]


def test_clean_says_on_stderr_when_a_page_has_no_article():
    menu = "Home\nNews\nSport\nContact\n© 2026 Kilimanjaro Herald\n"
    result = CliRunner().invoke(cli, ["clean", "-"], input=menu)
    assert result.exit_code == 0
    assert "no article found" in result.output  # (CliRunner mixes stderr in)


def test_diff_structure_shows_the_article_container(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    plain = CliRunner().invoke(cli, ["diff", str(page), "--no-color", "--no-pager"]).output
    out = CliRunner().invoke(cli, ["diff", str(page), "--structure", "--no-color",
                                   "--no-pager"]).output
    assert len(out) > len(plain) and "article" in out[len(plain) // 2:]
