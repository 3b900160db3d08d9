"""Rule files: built-in examples, loader errors, user rules, disabling, timeouts."""

from __future__ import annotations

import time
import warnings

import pytest
from conftest import EN_PARAGRAPHS, strip_text

from stripper.rules import RuleError, builtin_rule_sets, load_file, load_rules
from stripper.rules.schema import parse_rule_set

BUILTIN = [rule for rule_set in builtin_rule_sets() for rule in rule_set.rules]


def test_there_are_builtin_rules():
    assert len(builtin_rule_sets()) >= 5
    assert len(BUILTIN) >= 20
    ids = [r.id for r in BUILTIN]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_builtin_rule_examples(rule):
    assert rule.examples, f"{rule.id} has no examples"
    assert rule.counter_examples, f"{rule.id} has no counter_examples"
    for example in rule.examples:
        assert rule.pattern.search(example), f"{rule.id} misses example {example!r}"
    for counter in rule.counter_examples:
        assert not rule.pattern.search(counter), f"{rule.id} matches counter {counter!r}"


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_builtin_rule_examples_respect_max_words(rule):
    # An example longer than max_words could never fire in a real page.
    from stripper.features import tokens

    if rule.max_words is None:
        return
    for example in rule.examples:
        assert len(tokens(example)) <= rule.max_words, (rule.id, example)


GOOD_RULE = """
[[rule]]
id = "sig.mine"
category = "boilerplate"
pattern = '^Sent from my'
examples = ["Sent from my phone"]
counter_examples = ["He sent the letter."]
"""


@pytest.mark.parametrize(
    "text, needle",
    [
        ("[[rule]\nid = 'x'", "not valid TOML"),
        ("[[rule]]\nid = 'x.a'\ncategory = 'footer'\npattern = 'a'\ncolour = 'red'\n", "colour"),
        ("[[rule]]\nid = 'x.bad'\ncategory = 'footer'\npattern = '(unclosed'\n", "x.bad"),
        ("[[rule]]\nid = 'x.dup'\ncategory = 'footer'\npattern = 'a'\n"
         "[[rule]]\nid = 'x.dup'\ncategory = 'footer'\npattern = 'b'\n", "x.dup"),
        ("[[rule]]\nid = 'x.cat'\ncategory = 'sidebarz'\npattern = 'a'\n", "sidebarz"),
        ("[[rule]]\nid = 'x.nopat'\ncategory = 'footer'\n", "pattern"),
        ("[[rule]]\nid = 'x.empty'\ncategory = 'footer'\npattern = ''\n", "pattern"),
        ("name = 'n'\n", "rule"),
        ("colour = 'red'\n[[rule]]\nid = 'x'\ncategory = 'footer'\npattern = 'a'\n", "colour"),
        ("[[rule]]\nid = 'x.scope'\ncategory = 'footer'\npattern = 'a'\nscope = 'page'\n",
         "scope"),
        ("[[rule]]\nid = 'x.flag'\ncategory = 'footer'\npattern = 'a'\nflags = 'q'\n", "flag"),
    ],
    ids=["bad-toml", "unknown-key", "bad-regex", "duplicate-id", "unknown-category",
         "missing-pattern", "empty-pattern", "no-rules", "unknown-top-key", "bad-scope",
         "bad-flag"],
)
def test_loader_errors_name_file_and_rule(tmp_path, text, needle):
    path = tmp_path / "my-rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_file(path)
    message = str(info.value)
    assert "my-rules.toml" in message
    assert needle in message


def test_bad_regex_message_names_the_rule(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text("[[rule]]\nid = 'x.bad'\ncategory = 'footer'\npattern = 'a[b'\n")
    with pytest.raises(RuleError, match=r"x\.bad"):
        load_file(path)


def test_missing_file_and_non_utf8_file(tmp_path):
    with pytest.raises(RuleError, match="nope.toml"):
        load_file(tmp_path / "nope.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes("[[rule]]\nid = 'é'\n".encode("latin-1"))
    with pytest.raises(RuleError, match="latin1.toml"):
        load_file(path)


def test_rule_errors_are_raised_by_strip(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[[rule]]\nid = 'x'\n")
    with pytest.raises(RuleError, match="broken.toml"):
        strip_text("Hello", rules=[path])


def test_parse_good_rule_set():
    rs = parse_rule_set(GOOD_RULE, "inline.toml")
    assert [r.id for r in rs.rules] == ["sig.mine"]
    assert rs.rules[0].pattern.search("Sent from my phone")


def _article_with(line: str) -> str:
    return "\n\n".join(EN_PARAGRAPHS[:2] + [line] + EN_PARAGRAPHS[2:]) + "\n"


SIGNATURE = "Sent from my pocket telephone, please excuse the brevity of this message."


def test_user_rule_file_removes_a_signature_line(tmp_path):
    page = _article_with(SIGNATURE)
    before = strip_text(page)
    assert SIGNATURE in before.text.splitlines()  # a sentence: kept without the rule
    path = tmp_path / "signatures.toml"
    path.write_text(GOOD_RULE, encoding="utf-8")
    after = strip_text(page, rules=[path])
    assert SIGNATURE not in after.text
    for para in EN_PARAGRAPHS:
        assert para in after.text
    removed = [b for b in after.blocks if b.text == SIGNATURE]
    assert removed and not removed[0].kept
    assert "sig.mine" in removed[0].reason


def test_user_rule_set_object_is_accepted():
    page = _article_with(SIGNATURE)
    result = strip_text(page, rules=[parse_rule_set(GOOD_RULE, "inline")])
    assert SIGNATURE not in result.text


def test_user_rule_replaces_builtin_with_same_id():
    text = GOOD_RULE.replace("sig.mine", "copyright.en")
    rules = load_rules([parse_rule_set(text, "inline")])
    same = [r for r in rules if r.id == "copyright.en"]
    assert len(same) == 1 and same[0].source == "inline"


def test_disable_rules_switches_a_builtin_rule_off():
    line = "Share on Facebook"
    page = "\n\n".join(EN_PARAGRAPHS[:2] + [line] + EN_PARAGRAPHS[2:])
    on = strip_text(page)
    block = next(b for b in on.blocks if b.text == line)
    assert block.reason == "rule share.buttons"
    off = strip_text(page, disable_rules=["share.buttons"])
    block = next(b for b in off.blocks if b.text == line)
    assert "share.buttons" not in block.reason
    assert all(r.id != "share.buttons" for r in load_rules(disabled={"share.buttons"}))
    # switching it off for one call does not switch it off for the next
    again = strip_text(page)
    assert next(b for b in again.blocks if b.text == line).reason == "rule share.buttons"


def test_catastrophic_pattern_times_out_with_a_warning(tmp_path):
    path = tmp_path / "evil.toml"
    path.write_text("[[rule]]\nid = 'evil.backtrack'\ncategory = 'boilerplate'\n"
                    "pattern = '(a+)+$'\n", encoding="utf-8")
    evil_line = "a" * 5000 + "b"
    # the long line sits in the chrome above the article: removed with or without the rule
    page = "\n\n".join(["Menu", evil_line, *EN_PARAGRAPHS, "© 2024 Town Gazette"]) + "\n"
    started = time.monotonic()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = strip_text(page, rules=[path])
    elapsed = time.monotonic() - started
    assert elapsed < 5
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert any("evil.backtrack" in m for m in messages), messages
    # the page is still cleaned
    for para in EN_PARAGRAPHS:
        assert para in result.text
    assert "Menu" not in result.text.splitlines()
    assert "© 2024 Town Gazette" not in result.text
    assert evil_line not in result.text


def test_runs_of_punctuation_lines_disable_no_rule():
    """`^\\W*` runs on across lines of punctuation from every line start; a page of
    thousands of them (table borders, separators) once made built-in rules time out
    and switch off for the rest of the process. Such lines are now matched once per
    distinct text, outside the page scan."""
    import stripper

    page = "- | -\n" * 4000
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a timed-out rule warns
        stripper.strip(page, kind="text")
        stripper.strip("Home | News\n" + "| |\n" * 3000 + "The end of it all.", kind="text")
