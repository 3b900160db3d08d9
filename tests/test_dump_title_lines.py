"""Headline of a text dump: where it sits when the selection misses it, and the UI
lines that are never a headline. Small pages written for these tests."""

from __future__ import annotations

import pytest
from conftest import HARBOUR_LIBRARY

import stripper

MENU = ["* Home", "* World", "* Business", "* Sport", "* Culture", ""]
FOOTER = ["", "About us", "Contact", "Privacy", "© 2026 Example Media"]

PAGES = {
    "en": {
        "headline": "Council keeps the old harbour library open for five more years",
        "lead_photo": "The reading room of the old library by the harbour on a winter morning, "
                  "when the first readers come in from the market and the ferry.",
        "label": "You are here:",
        "button": "(BUTTON) Open the search form",
        "body": HARBOUR_LIBRARY["en"][:3],
    },
    "de": {
        "headline": "Stadtrat lässt die alte Hafenbibliothek fünf weitere Jahre offen",
        "lead_photo": "Der Lesesaal der alten Bibliothek am Hafen an einem Wintermorgen, wenn "
                  "die ersten Leser vom Markt und von der Fähre hereinkommen und lesen.",
        "label": "Sie sind hier:",
        "button": "(BUTTON) Suchformular öffnen",
        "body": HARBOUR_LIBRARY["de"],
    },
    "ru": {
        "headline": "Городской совет сохранил старую портовую библиотеку ещё на пять лет",
        "lead_photo": "Читальный зал старой библиотеки у порта зимним утром, когда первые "
                  "читатели приходят туда с рынка и с парома и садятся за столы у окна.",
        "label": "Вы находитесь здесь:",
        "button": "(BUTTON) Открыть форму поиска",
        "body": HARBOUR_LIBRARY["ru"],
    },
}


def _body(p: dict) -> list[str]:
    lines: list[str] = []
    for paragraph in p["body"]:
        lines += [paragraph, ""]
    return lines


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_headline_below_a_description_the_article_opens_on(lang):
    """Nothing above the kept run looks like a headline; the run opens on a photo's
    description and the headline follows it: the headline is found there, and what
    the text keeps of it stays in the text."""
    p = PAGES[lang]
    lines = MENU + [p["lead_photo"], "", p["headline"], "", *_body(p)] + FOOTER
    result = stripper.strip("\n".join(lines) + "\n", kind="text")
    assert result.metadata.title == p["headline"]
    if any(b.kept and b.text == p["headline"] for b in result.blocks):
        assert p["headline"] in result.text


@pytest.mark.parametrize("lang", sorted(PAGES))
@pytest.mark.parametrize("ui", ["label", "button"])
def test_a_label_or_control_is_never_the_headline(lang, ui):
    """A breadcrumb's label ("You are here:") or a control lynx names ("(BUTTON) …"),
    repeated right above the article, is no headline, though it repeats and sits
    nearest; where nothing else is one, the page has no headline rather than it."""
    p = PAGES[lang]
    lines = MENU + [p[ui], "", p[ui], "", *_body(p)] + FOOTER
    title = stripper.strip("\n".join(lines) + "\n", kind="text").metadata.title
    assert title != p[ui]
    lines = MENU + [p["headline"], "", p[ui], "", p[ui], "", *_body(p)] + FOOTER
    assert stripper.strip("\n".join(lines) + "\n", kind="text").metadata.title == p["headline"]


@pytest.mark.parametrize("line", ["[logo.png] [icon-search]", "Dear reader,",
                                  "IFRAME: https://example.com/frame", "Lesen Sie auch:"])
def test_ui_line_shapes(line):
    from stripper.features import measure
    from stripper.language import stopwords_for
    from stripper.metadata.title import _widget
    from stripper.model import Block

    block = Block(index=0, text=line, start=0, end=1)
    block.features = measure(line, stopwords_for(None))
    assert _widget(block)
    headline = Block(index=0, text="[12]Council keeps the old library open", start=0, end=1)
    assert not _widget(headline)


TRAILS = {
    "en": ("Home", "Local news", "Library to stay open as council backs the harbour plan"),
    "de": ("Startseite", "Lokales", "Hafenbibliothek bleibt offen: Stadtrat stimmt dem Plan zu"),
    "ru": ("Главная", "Город", "После обсуждения расходов совет сохранил портовую библиотеку"),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_breadcrumb_trail_ends_on_the_title(lang):
    """A numbered trail above the article ends on the page it leads to: that place,
    which the article's words name, is the title, over the headline shown under it;
    a trail that ends on something the article does not name is no title."""
    p = PAGES[lang]
    home, section, last = TRAILS[lang]
    trail = [f"1. {home}", f"2. {section}", f"3. {last}", ""]
    lines = MENU + trail + [p["headline"], "", *_body(p)] + FOOTER
    assert stripper.strip("\n".join(lines) + "\n", kind="text").metadata.title == last
    other = [f"1. {home}", f"2. {section}", "3. Weather forecast for the coming weekend", ""]
    lines = MENU + other + [p["headline"], "", *_body(p)] + FOOTER
    assert stripper.strip("\n".join(lines) + "\n", kind="text").metadata.title == p["headline"]


SUBHEADS = {"en": "Repairs to the harbour library", "de": "Reparaturen an der Hafenbibliothek",
            "ru": "Ремонт портовой библиотеки"}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_subheading_deep_in_the_article_is_no_title(lang):
    """The kept run opens on a description, the headline below it; far into the text a
    subheading whose words the paragraphs after it use: the headline is the title."""
    p = PAGES[lang]
    body = _body(p)
    lines = MENU + [p["lead_photo"], "", p["headline"], ""] + body * 3
    lines += [SUBHEADS[lang], ""] + body * 2 + FOOTER
    result = stripper.strip("\n".join(lines) + "\n", kind="text")
    assert result.metadata.title == p["headline"]
