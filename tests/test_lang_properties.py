"""Properties over every profiled language: a page made of our own prose paragraphs
plus generated chrome is never empty, and cleaning clean text changes nothing."""

from __future__ import annotations

import textwrap
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stripper import strip as clean
from stripper.select import page_warnings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SOURCES = {p.stem: tomllib.loads(p.read_text("utf-8"))
           for p in sorted((FIXTURES / "lang" / "sources").glob("*.toml"))}
RENDERED = sorted((FIXTURES / "lang" / "rendered").glob("*.txt"))


@st.composite
def pages(draw):
    src = SOURCES[draw(st.sampled_from(sorted(SOURCES)))]
    paragraphs = draw(st.lists(st.sampled_from(src["paragraphs"]), min_size=1, max_size=3,
                               unique=True))
    chrome = src["menu"] + src["related"] + src["footer"] + [src["related_heading"]]
    bullet = draw(st.sampled_from(["", "* ", "• ", "  * ", "□ "]))
    before = [bullet + c for c in draw(st.lists(st.sampled_from(chrome), max_size=8))]
    after = [bullet + c for c in draw(st.lists(st.sampled_from(chrome), max_size=8))]
    width = draw(st.sampled_from([0, 60, 72, 80, 100]))
    body = []
    for p in paragraphs:
        body.extend(textwrap.wrap(p, width) if width else [p])
        body.append("")
    return "\n".join(before + [""] + [src["title"], ""] + body + after) + "\n", paragraphs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_prose_page_is_never_empty(page):
    text, _paragraphs = page
    result = clean(text, kind="text")
    assert result.text.strip(), text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_cleaning_is_idempotent_on_generated_pages(page):
    """Issue 14: cleaning the clean text again changed it (a menu line taken for the
    title, a lead dropped without the chrome around it)."""
    once = clean(page[0], kind="text").text
    assert clean(once, kind="text").text == once


def test_cleaning_is_idempotent_on_rendered_fixtures():
    changed = set()
    for path in RENDERED + sorted((FIXTURES / "text").glob("*.txt")):
        once = clean(path.read_bytes(), kind="text").text
        if clean(once, kind="text").text != once:
            changed.add(path.name)
    assert not changed


def test_warning_when_nothing_is_kept():
    result = clean("Home\nNews\nSport\nContact\n", kind="text")
    assert result.text == ""
    assert page_warnings(result.blocks)
    prose = clean(SOURCES["en"]["paragraphs"][0] + "\n", kind="text")
    assert prose.text and not page_warnings(prose.blocks)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c)
                   for c in text)


def test_full_width_latin_article_is_kept():
    """Issue 14: an article typed in full-width Latin came out empty."""
    paragraphs = [_full_width(p) for p in SOURCES["en"]["paragraphs"]]
    page = "\n".join(SOURCES["en"]["menu"]) + "\n\n" + "\n\n".join(paragraphs) + "\n\n" + \
        "\n".join(SOURCES["en"]["footer"]) + "\n"
    text = clean(page, kind="text").text
    for p in paragraphs:
        assert p in text
    assert SOURCES["en"]["menu"][1] not in text.splitlines()
