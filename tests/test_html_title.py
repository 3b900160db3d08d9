"""How an HTML page's title is chosen among its declared and visible forms: what one
source adds around another (a kicker, a second clause, a trailing label) is not the
headline. Pages are made up here, after the structure of real article pages."""

from __future__ import annotations

import json

import pytest

import stripper

PROSE = {
    "en": ["The council met on Thursday evening and agreed that the old ferry pier would be "
           "rebuilt in stone before the next winter storms reach the northern coast.",
           "Engineers said the timber supports had rotted faster than expected, and that the "
           "repairs made five years ago would not hold through another season of gales."],
    "de": ["Der Gemeinderat hat am Donnerstagabend beschlossen, den alten Fähranleger noch vor "
           "den nächsten Winterstürmen an der Nordküste in Stein neu zu bauen.",
           "Die Ingenieure sagten, die Holzstützen seien schneller verrottet als erwartet und "
           "die Reparaturen von vor fünf Jahren hielten keine weitere Sturmsaison aus."],
    "ru": ["В четверг вечером городской совет решил перестроить старый паромный причал в "
           "камне ещё до того, как зимние штормы придут на северное побережье.",
           "Инженеры сообщили, что деревянные опоры сгнили быстрее, чем ожидалось, и что "
           "ремонт пятилетней давности не выдержит ещё одного сезона бурь."],
    "ja": ["市議会は木曜日の夜、北部の海岸に冬の嵐が来る前に、古いフェリー桟橋を石造りで"
           "建て直すことを決めた。技術者によると、木製の支柱は予想よりも早く腐っていた。",
           "五年前に行われた修理では、もう一度の嵐の季節には耐えられないという。市は来月にも"
           "工事の入札を始める予定で、完成は来年の春になる見込みだという。"],
}


def page(lang: str, *, ld: str | None = None, og: str | None = None, h1: str | None = None,
         title: str | None = None, site: str | None = None) -> bytes:
    head = f"<title>{title}</title>" if title else ""
    if og:
        head += f'<meta property="og:title" content="{og}">'
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    if ld:
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": ld}
        head += f'<script type="application/ld+json">{json.dumps(data)}</script>'
    body = f"<h1>{h1}</h1>" if h1 else ""
    body += "".join(f"<p>{p}</p>" for p in PROSE[lang])
    return (f'<html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
            f"<article>{body}</article></body></html>").encode()


def title_of(markup: bytes) -> str | None:
    return stripper.strip(markup, kind="html").metadata.title


@pytest.mark.parametrize(("lang", "kicker", "headline"), [
    ("de", "Küstenschutz", "Gemeinderat lässt den alten Fähranleger neu bauen"),
    ("ru", "Побережье", "Совет решил перестроить старый паромный причал"),
    ("en", '"It will not hold"', "Council votes to rebuild the ferry pier in stone"),
])
def test_kicker_in_the_structured_headline_is_dropped(lang, kicker, headline):
    """JSON-LD says "Kicker: Headline", og:title the headline alone."""
    ld = f"{kicker}: {headline}"
    assert title_of(page(lang, ld=ld, og=headline, h1=ld)) == headline


def test_second_clause_of_the_structured_headline_is_dropped():
    ld = "Council votes to rebuild the ferry pier in stone before the winter storms"
    og = "Council votes to rebuild the ferry pier in stone"
    assert title_of(page("en", ld=ld, og=og)) == og


def test_og_title_much_shorter_than_the_headline_is_a_label_not_the_headline():
    ld = "Pier plans approved: council votes to rebuild the old ferry pier in stone this year"
    assert title_of(page("en", ld=ld, og="Pier plans approved")) == ld


@pytest.mark.parametrize(("ld", "og"), [
    # og:title inside the headline but at neither end
    ("After long debate the council votes to rebuild the pier in stone this year",
     "the council votes to rebuild the pier in stone"),
    # og:title that ends inside one of the headline's words
    ("Council votes to rebuild the ferry pier in stonework",
     "Council votes to rebuild the ferry pier in stone"),
])
def test_og_title_not_a_whole_word_end_of_the_headline_is_not_taken(ld, og):
    assert title_of(page("en", ld=ld, og=og)) == ld


@pytest.mark.parametrize(("lang", "h1", "og"), [
    ("de", "Fähranleger aus Stein für die Nordküste",
     "Fähranleger aus Stein für die Nordküste Bauprojekt | Küstenbote"),
    ("en", "Council votes to rebuild the ferry pier",
     "Council votes to rebuild the ferry pier: what it means for you"),
    ("ja", "古いフェリー桟橋を石造りで再建へ",
     "古いフェリー桟橋を石造りで再建へ 写真特集｜港湾新聞"),
])
def test_visible_headline_wins_over_a_declared_title_that_goes_on(lang, h1, og):
    """og:title (or <title>) = the page's <h1> plus a word for search engines, a
    subtitle or a site name left after cutting."""
    assert title_of(page(lang, og=og, h1=h1, site="Küstenbote")) == h1


def test_visible_site_name_is_not_taken_for_the_headline():
    og = "Der Küstenbote Nord: Gemeinderat lässt den alten Fähranleger neu bauen"
    site = "Der Küstenbote Nord"
    assert title_of(page("de", og=og, h1=site, site=site)) == og


def test_visible_headline_must_end_at_a_word_of_the_declared_title():
    og = "Council votes to rebuild the ferry piers in stone"
    assert title_of(page("en", og=og, h1="Council votes to rebuild the ferry pier")) == og


def test_heading_with_the_longer_declared_headline_leaves_the_text():
    """The <h1> repeats the JSON-LD headline, though the title is its shorter og form:
    it is the headline all the same, not the article's first line."""
    ld = "Council votes to rebuild the ferry pier in stone before the winter storms"
    og = "Council votes to rebuild the ferry pier in stone"
    result = stripper.strip(page("en", ld=ld, og=og, h1=ld), kind="html")
    assert result.metadata.title == og
    assert ld not in result.text
    assert PROSE["en"][0][:40] in result.text
