"""The literal prefilter of the rule matcher: sound analysis, same results."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from conftest import FIXTURES_DIR
from hypothesis import given, settings
from hypothesis import strategies as st

import stripper
from stripper.model import Category
from stripper.rules import builtin_rule_sets, load_rules
from stripper.rules import matcher as loader
from stripper.rules.matcher import Matcher
from stripper.rules.model import Rule
from stripper.rules.prefilter import (
    CASE_EXCEPTIONS,
    case_exceptions,
    derive_literals,
    fold,
    line_start_pattern,
    required_literals,
    rule_literals,
)

BUILTIN = [rule for rule_set in builtin_rule_sets() for rule in rule_set.rules]
ICASE = regex.IGNORECASE


def holds(literals: frozenset[str], text: str) -> bool:
    """What the prefilter lets through: the folded text holds one of the literals."""
    folded = fold(text)
    return any(word in folded for word in literals)


# --- the analysis on small patterns ---------------------------------------------------

@pytest.mark.parametrize("pattern, flags, expected", [
    ("cookie", 0, {"cookie"}),
    ("newsletter|rundbrief", 0, {"newsletter", "rundbrief"}),
    (r"^\W*(?:read|weiter)\s+more\W*$", 0, {"more"}),
    (r"(?:lese)?zeichen", 0, {"zeichen"}),
    (r"colou?r", 0, {"color", "colour"}),
    (r"e-?mail\s+address", 0, {"address"}),
    (r"(?:abc)+def", 0, {"abc"}),
    (r"(?:spam)*\d+\s+eggs", 0, {"eggs"}),
    (r"(?:ja|nein){2}", 0, {"jaja", "janein", "neinja", "neinnein"}),
    (r"Alle Rechte", ICASE, {"alle rechte"}),
    (r"(?i)COPYRIGHT\s+\d{4}", 0, {"copyright"}),
    (r"(?i:Kontakt)\s+aufnehmen", 0, {"aufnehmen"}),
    (r"\p{Arabic}+\s+محفوظة", 0, {"محفوظة"}),
    (r"[\p{L}\p{M}]+\s+حقوق", 0, {"حقوق"}),
    (r"Читайте\s+также", ICASE, {"читайте"}),
    (r"版权所有|著作権", 0, {"版权所有", "著作権"}),
    (r"ال[إأا]?لكتروني", 0, {"الإلكتروني", "الألكتروني", "الالكتروني", "اللكتروني"}),
    (r"(?<!\d)\d+\s+kommentare?\b", ICASE, {"kommentar"}),
    (r"(?=[^\n]*\d)^\W*datum", 0, {"datum"}),
    (r"(?>atomar)\s*x", 0, {"atomar"}),
    # a lookahead's text is in the block too: it can be what the rule needs
    (r"^(?=.*?(?:facebook|whatsapp))(?:\w+\s*)+$", 0, {"facebook", "whatsapp"}),
    (r"(?<=gesamt)\s*\d+", 0, {"gesamt"}),
])
def test_required_literals_of_small_patterns(pattern, flags, expected):
    assert required_literals(pattern, flags) == frozenset(expected)


@pytest.mark.parametrize("pattern, flags", [
    (r"\p{L}+", 0),  # no literal at all
    (r"(?:foo)?\d+", 0),  # optional: nothing required
    (r"foo|\d+", 0),  # one branch without a literal
    (r"by\s+\p{L}+", ICASE),  # too short to be worth it
    (r"(?:von|by)\s+\p{L}+", ICASE),
    (r"\s+", 0),
    (r"(?:cookie){e<=1}", 0),  # fuzzy matching: regex-only syntax
    (r"[[:alpha:]]+cookie", 0),  # POSIX class
    (r"(?|cookie|keks)", 0),  # branch reset
    (r"cookie", regex.VERSION1),
    (r"strasse", regex.IGNORECASE | regex.FULLCASE),  # would also match "straße"
    (r"(?x) cook ie", 0),
])
def test_no_prefilter_where_none_is_sound_or_useful(pattern, flags):
    assert required_literals(pattern, flags) is None


def test_weak_literals_are_still_derived_but_not_used():
    assert derive_literals(r"(?:von|by)\s+\p{L}+", ICASE) == {"von", "by"}
    assert required_literals(r"(?:von|by)\s+\p{L}+", ICASE) is None


def test_weak_sets_serve_short_blocks_but_not_single_ascii_characters():
    assert rule_literals(regex.compile(r"^\W*(?:von|by)\s+\p{L}+", ICASE), weak=True) == {
        "von", "by"}
    assert rule_literals(regex.compile(r"(?:x|von)\s+\p{L}+"), weak=True) is None


def test_literals_never_hold_a_newline():
    found = required_literals("abcd\nefghij")
    assert found == {"efghij"}


def test_non_ascii_single_characters_are_selective_enough():
    assert required_literals(r"(?:©|&copy;)\s*\d{4}") == {"©", "&copy;"}


# --- folding -------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("İSTANBUL", "istanbul"),
    ("ſtraße", "STRAßE"),
    ("\u212a", "k"),  # Kelvin sign
    ("ΟΔΟΣ", "οδοσ"),  # final sigma
    ("οδος", "ΟΔΟΣ"),
    ("µ", "Μ"),  # micro sign, Greek capital mu
])
def test_fold_equates_what_regex_ignorecase_equates(a, b):
    assert regex.fullmatch(regex.escape(a), b, ICASE)
    assert fold(a) == fold(b)
    assert len(fold(a)) == len(a)


def test_case_exception_table_is_current():
    assert case_exceptions() == CASE_EXCEPTIONS


# --- soundness on the packaged rules -------------------------------------------------

@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_every_matching_example_holds_a_literal(rule):
    literals = rule_literals(rule.pattern)
    if literals is None:
        return
    assert all("\n" not in word and word for word in literals)
    for example in rule.examples + rule.counter_examples:
        if rule.pattern.search(example):
            assert holds(literals, example), f"{rule.id}: {example!r} holds none of {literals}"


def test_most_packaged_rules_get_a_prefilter():
    with_literals = [r for r in BUILTIN if rule_literals(r.pattern) is not None]
    assert len(with_literals) >= 0.7 * len(BUILTIN)


# --- soundness on random patterns ----------------------------------------------------

LITERAL_CHARS = "absikσب中"
# Each literal character with the characters regex IGNORECASE takes for it.
EQUIVALENT = {"a": "aA", "b": "bB", "s": "sSſ", "i": "iIİı", "k": "kK\u212a", "σ": "σςΣ",
              "ب": "ب", "中": "中"}
NOISE = st.text("absikABSIKſİıσςΣب中 \n1.\u212a", max_size=8)


def _spelled(word: str):
    """The word with each character in any of its case-insensitive spellings."""
    return st.tuples(*(st.sampled_from(EQUIVALENT[c]) for c in word)).map("".join)


_literal = st.text(LITERAL_CHARS, min_size=1, max_size=3).flatmap(
    lambda w: st.tuples(st.just(regex.escape(w)), _spelled(w)))
_other = st.sampled_from([
    (r"\p{L}", "ξ"), (r"\d", "1"), (".", " "), ("[ab]", "b"), ("[^a]", "s"), ("^", ""),
    ("$", ""), (r"\b", ""), (r"\s+", " "), (r"\w*", "ab"), (r"\P{L}", "1"),
])


def _concat(parts):
    return "".join(p for p, _ in parts), "".join(e for _, e in parts)


def _alternation(parts):
    pattern = "(?:" + "|".join(p for p, _ in parts) + ")"
    return st.sampled_from([e for _, e in parts]).map(lambda e: (pattern, e))


def _repeat(part):
    (pattern, example), (suffix, low, high) = part
    return st.integers(low, high).map(lambda n: (f"(?:{pattern}){suffix}", example * n))


_REPEATS = st.sampled_from([("?", 0, 1), ("*", 0, 3), ("+", 1, 3), ("{2}", 2, 2),
                            ("{1,3}", 1, 3), ("{0,2}", 0, 2)])
# (pattern, a string the pattern matches, or nearly: anchors and case may spoil it)
pattern_and_example = st.recursive(
    st.one_of(_literal, _other),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=4).map(_concat),
        st.lists(inner, min_size=2, max_size=3).flatmap(_alternation),
        st.tuples(inner, _REPEATS).flatmap(_repeat),
    ),
    max_leaves=8,
)


@settings(max_examples=500, deadline=None)
@given(pattern_and_example, st.sampled_from([0, ICASE]), NOISE, NOISE, st.lists(NOISE))
def test_prefilter_no_means_regex_no(case, flags, before, after, others):
    pattern, example = case
    literals = derive_literals(pattern, flags)
    if literals is None:
        return
    compiled = regex.compile(pattern, flags)
    for text in [example, before + example + after, *others]:
        if not holds(literals, text):
            assert compiled.search(text) is None, (pattern, literals, text)


# --- same results with and without the prefilter -------------------------------------

def _fixture_pages() -> list[Path]:
    text = [p for p in sorted((FIXTURES_DIR / "text").glob("*.txt"))
            if not p.name.endswith(".expected.txt")]
    html = sorted((FIXTURES_DIR / "html").glob("*.html"))
    return text + html


@pytest.mark.parametrize("scan_at", [0, loader.SCAN_AT, 10**9])
@pytest.mark.parametrize("path", _fixture_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_matcher_results_do_not_depend_on_the_prefilter(path, scan_at, monkeypatch):
    # scan_at 0: candidates always scanned as a sub-page; 10**9: always searched one by one
    monkeypatch.setattr(loader, "SCAN_AT", scan_at)
    kind = "html" if path.suffix == ".html" else "text"
    blocks = stripper.strip(path.read_bytes(), kind=kind).blocks
    items = [(b.text, b.features.words) for b in blocks]
    rules = [r for r in load_rules() if r.scope in ("line", "block")]
    with_prefilter = Matcher(rules).first_matches(items)
    without = Matcher(rules, prefilter=False).first_matches(items)
    assert [r and r.id for r in with_prefilter] == [r and r.id for r in without]
    assert any(r is not None for r in with_prefilter)


@pytest.mark.parametrize("path", _fixture_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_matcher_finds_what_searching_every_block_with_every_rule_finds(path):
    kind = "html" if path.suffix == ".html" else "text"
    blocks = stripper.strip(path.read_bytes(), kind=kind).blocks
    items = [(b.text, b.features.words) for b in blocks]
    rules = sorted((r for r in load_rules() if r.scope in ("line", "block")),
                   key=lambda r: -r.priority)
    by_hand = [next((r.id for r in rules if r.matches(text, words)), None)
               for text, words in items]
    assert [r and r.id for r in Matcher(rules).first_matches(items)] == by_hand


# --- scanning a page for patterns anchored at a line start ----------------------------

def _starts(compiled: regex.Pattern, page: str) -> list[int]:
    """Where a match starts in the page, scanned the plain way (`^` in MULTILINE)."""
    scan = regex.compile(compiled.pattern, compiled.flags | regex.MULTILINE)
    return [m.start() for m in scan.finditer(page, overlapped=True)]


@settings(max_examples=300, deadline=None)
@given(pattern_and_example, st.sampled_from([0, ICASE]), st.lists(NOISE, max_size=6))
def test_line_start_scan_finds_the_same_starts(case, flags, lines):
    pattern, example = case
    try:
        compiled = regex.compile("^" + pattern, flags)
    except regex.error:
        return
    led = line_start_pattern(compiled)
    assert led is not None
    page = "\n".join([example, *lines, example])
    assert [m.start() for m in led.finditer("\n" + page, overlapped=True)] == _starts(
        compiled, page)


@pytest.mark.parametrize("pattern", ["a|^b", "(?:^a)", r"\Aa", "a^", "x"])
def test_only_patterns_led_by_a_top_level_caret_are_rewritten(pattern):
    assert line_start_pattern(regex.compile(pattern)) is None


@pytest.mark.parametrize("pattern", [r"^\W*(?P<n>\d+ h)(?:\s*(?&n))?\W*$",
                                     r"^(\d+ h)(?:,\s*(?1))*$", r"^(?P<n>\d+ h)(?P>n)?$"])
def test_group_calls_do_not_stop_the_line_start_scan(pattern):
    compiled = regex.compile(pattern)
    led = line_start_pattern(compiled)
    assert led is not None
    page = "3 h\n. 3 h 4 h\nx 3 h\n3 h, 4 h\n\n3 h4 h"
    assert [m.start() for m in led.finditer("\n" + page, overlapped=True)] == _starts(
        compiled, page)


def test_a_whole_pattern_recursion_is_not_led_by_a_newline():
    assert line_start_pattern(regex.compile(r"^a(?R)?")) is None


def test_rules_without_a_prefilter_still_match():
    fuzzy = Rule(id="t.fuzzy", category=Category.COOKIE,
                 pattern=regex.compile(r"(?:cookies){e<=1}"))
    plain = Rule(id="t.plain", category=Category.COOKIE, pattern=regex.compile("cookies"))
    assert rule_literals(fuzzy.pattern) is None
    found = Matcher([fuzzy, plain]).first_matches([("we use cookes here", 4), ("cookies", 1),
                                                  ("nothing", 1)])
    assert [r and r.id for r in found] == ["t.fuzzy", "t.fuzzy", None]


def test_a_matcher_remembers_blocks_but_not_a_rule_since_disabled():
    """Deciding rules are remembered per (text, words); a remembered rule that timed out
    for good since is looked past, and the block gets the rule after it."""
    first = Rule(id="t.share", category=Category.SHARE, pattern=regex.compile(r"^Поделиться"),
                 priority=10)
    second = Rule(id="t.social", category=Category.SHARE, pattern=regex.compile(r"Telegram"))
    matcher = Matcher([first, second])
    items = [("Поделиться: Telegram", 2), ("文章正文没有任何规则会匹配", 1), ("Telegram 频道", 2)]
    once = matcher.first_matches(items)
    assert [r and r.id for r in once] == ["t.share", None, "t.social"]
    assert len(matcher.memo) == 3
    assert matcher.first_matches(items) == once
    first.disabled = True
    assert [r and r.id for r in matcher.first_matches(items)] == ["t.social", None, "t.social"]
