"""Headline and date of a text dump, on small pages written for these tests.

The pages put the traps real dumps have around the headline: a topic kicker above
it, a UI string or site name nearer the article, a date line taken in with the lead
or sitting far above it past a photo caption, "Updated" beside "Published".
"""

from __future__ import annotations

import pytest
from conftest import HARBOUR_LIBRARY

import stripper
from stripper.metadata.dates import date_label, read_date

MENU = ["Home", "World", "Business", "Sport", "Culture", "Search", ""]
FOOTER = ["", "About us", "Contact", "Privacy", "© 2026 Example Media"]

PAGES = {
    "en": {
        "kicker": "Harbour town",
        "headline": "Council keeps the old harbour library open for five more years",
        "ui": "Listen to this article",
        "date": "Published 14 March 2026",
        "iso": "2026-03-14",
        "body": HARBOUR_LIBRARY["en"][:3],
    },
    "de": {
        "kicker": "Hafenstadt",
        "headline": "Stadtrat lässt die alte Hafenbibliothek fünf weitere Jahre offen",
        "ui": "Artikel anhören",
        "date": "Veröffentlicht am 14. März 2026",
        "iso": "2026-03-14",
        "body": HARBOUR_LIBRARY["de"],
    },
    "ru": {
        "kicker": "Портовый город",
        "headline": "Городской совет сохранил старую портовую библиотеку ещё на пять лет",
        "ui": "Слушать статью",
        "date": "Опубликовано 14 марта 2026",
        "iso": "2026-03-14",
        "body": HARBOUR_LIBRARY["ru"],
    },
    "ar": {
        "kicker": "مدينة الميناء",
        "headline": "مجلس المدينة يبقي مكتبة الميناء القديمة مفتوحة خمس سنوات أخرى",
        "ui": "استمع إلى المقال",
        "date": "نشر في 14 مارس 2026",
        "iso": "2026-03-14",
        "body": [
            "قرر مجلس المدينة مساء الثلاثاء إبقاء مكتبة الميناء القديمة مفتوحة لمدة خمس "
            "سنوات أخرى على الأقل، بعد نقاش طويل حول تكاليفها.",
            "وقال أعضاء المجلس إن مبنى المكتبة في حالة أفضل مما أشار إليه مسح سابق، وإن "
            "الإصلاحات ستكلف أقل مما كان متوقعا.",
            "وقال القراء الذين دافعوا عن مكتبة الميناء إنهم شعروا بالارتياح، وإنهم "
            "سيجمعون الآن المال لرفوف جديدة وساعات عمل أطول.",
        ],
    },
}


def page(p: dict, *, above: list[str], below: list[str]) -> str:
    lines = MENU + above + [""] + below + [""]
    for paragraph in p["body"]:
        lines += [paragraph, ""]
    return "\n".join(lines + FOOTER) + "\n"


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_headline_beats_kicker_and_ui_string(lang):
    p = PAGES[lang]
    text = page(p, above=[p["kicker"], "", p["headline"], "", p["date"], "", p["ui"]], below=[])
    meta = stripper.strip(text, kind="text").metadata
    assert meta.title == p["headline"]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_headline_beats_a_repeated_ui_string_nearer_the_article(lang):
    """A UI string that repeats, between headline and article, looks like a headline
    repeated by the page; the article's own words say which one names the story."""
    p = PAGES[lang]
    text = page(p, above=[p["headline"], "", p["ui"], "", "Example Media newsroom", "",
                          p["ui"]], below=[])
    assert stripper.strip(text, kind="text").metadata.title == p["headline"]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_date_line_taken_in_with_the_lead_is_the_date(lang):
    """The selection may start the article a few lines early; its date line is then
    inside the kept run, and still the page's date."""
    p = PAGES[lang]
    text = page(p, above=[p["body"][2], "", p["headline"], "", p["date"]], below=[])
    meta = stripper.strip(text, kind="text").metadata
    assert meta.published is not None and meta.published.iso[:10] == p["iso"]


def test_date_far_above_the_article_is_found():
    p = PAGES["en"]
    gallery = [f"Image {i} of 20" for i in range(1, 21)]
    text = page(p, above=[p["date"], "", p["headline"], "", *gallery], below=[])
    meta = stripper.strip(text, kind="text").metadata
    assert meta.published is not None and meta.published.iso[:10] == p["iso"]


def test_labelled_publication_date_beats_a_nearer_unlabelled_one():
    p = PAGES["en"]
    text = page(p, above=[p["headline"], "", "Published 14 March 2026", "",
                          "Next match: 2 April 2026"], below=[])
    meta = stripper.strip(text, kind="text").metadata
    assert meta.published is not None and meta.published.iso[:10] == "2026-03-14"


@pytest.mark.parametrize(("line", "label"), [
    ("Published March 13, 2026 • Last updated 2 hours ago", "published"),
    ("Updated 3 June 2025, first published 1 June 2025", "updated"),
    ("09:05, Sat, Mar 14, 2026 | UPDATED: 09:40, Sat, Mar 14, 2026", None),
    ("Aktualisiert am 14. März 2026, 09:15 Uhr", "updated"),
    ("Veröffentlicht am 13. März 2026", "published"),
    ("Опубликовано 14 марта 2026", "published"),
    ("آخر تحديث 14 مارس 2026", "updated"),
    ("14 March 2026", None),
])
def test_date_label_is_the_word_before_the_date(line, label):
    assert date_label(line) == label


def test_profile_date_labels_count_as_publication_labels():
    assert date_label("Stand: 22.04.2024, 06:00 Uhr", ("stand",)) == "published"
    assert date_label("Stand: 22.04.2024, 06:00 Uhr") is None


def test_a_list_item_under_the_lead_is_never_the_headline():
    p = PAGES["en"]
    items = ["Two new reading rooms", "Longer opening hours on Saturdays",
             "A children's corner by the harbour window"]
    body = [p["body"][0], ""] + items + ["", *p["body"][1:]]
    text = "\n".join(MENU + [p["headline"], ""] + body + FOOTER)
    meta = stripper.strip(text, kind="text").metadata
    assert meta.title == p["headline"]


def _kicked(p: dict, sep: str) -> str:
    return f"{p['kicker']}{sep}{p['headline']}"


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_headline_takes_the_form_its_repeat_writes(lang):
    """A renderer spaced the kicker's colon ("Kicker : Headline") or dropped it; the
    related list under the article repeats the headline as the page wrote it."""
    p = PAGES[lang]
    related = ["", "More stories", "", f"1. {_kicked(p, ': ')}",
               "2. Storm closes the coast road for a day", ""]
    for shown in (" : ", " "):
        text = page(p, above=[_kicked(p, shown), "", p["date"]], below=[]) + "\n".join(
            related + FOOTER)
        assert stripper.strip(text, kind="text").metadata.title == _kicked(p, ": ")


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_space_a_renderer_put_before_a_colon_is_dropped(lang):
    p = PAGES[lang]
    text = page(p, above=[_kicked(p, " : "), "", p["date"]], below=[])
    assert stripper.strip(text, kind="text").metadata.title == _kicked(p, ": ")


def test_french_space_before_a_colon_is_kept():
    p = {**PAGES["en"], "kicker": "Ville portuaire",
         "headline": "Le conseil garde la vieille bibliothèque du port ouverte cinq ans",
         "body": ["Le conseil municipal a voté mardi soir pour garder la vieille "
                  "bibliothèque du port ouverte pendant au moins cinq ans de plus.",
                  "Les membres ont dit que le bâtiment de la bibliothèque était en "
                  "meilleur état que ne le disait une étude plus ancienne.",
                  "Les lecteurs qui avaient fait campagne pour la bibliothèque du port "
                  "se sont dits soulagés et vont maintenant réunir de l'argent."]}
    text = page(p, above=[_kicked(p, " : "), "", "Publié le 14 mars 2026"], below=[])
    assert stripper.strip(text, kind="text").metadata.title == _kicked(p, " : ")


@pytest.mark.parametrize(("line", "colon", "credit"), [
    ("Harbour town: Council keeps the old library open", 1.0, 0.0),
    ("港町：市議会が古い図書館の存続を決定", 1.0, 0.0),
    ("Readers wait outside the old harbour library | Jane Doe/Example Agency", 0.0, 1.0),
    ("Leser warten vor der alten Hafenbibliothek © Example Agency", 0.0, 1.0),
    ("Читатели ждут у старой портовой библиотеки (фото агентства)", 0.0, 1.0),
    ("مجلس المدينة يبقي مكتبة الميناء القديمة مفتوحة", 0.0, 0.0),
])
def test_headline_form_and_caption_credit_are_signals(line, colon, credit):
    """"Topic: what happened" speaks for a headline, a credit at a caption's end against."""
    from stripper.features import measure
    from stripper.language import stopwords_for
    from stripper.metadata.title import TITLE_WEIGHTS, _Context, title_signals
    from stripper.model import Block

    block = Block(index=0, text=line, start=0, end=1)
    block.features = measure(line, stopwords_for(None))
    signals = title_signals(block, _Context([block], 1, 0, []))
    assert (signals.get("colon"), signals.get("credit")) == (colon, credit)
    assert TITLE_WEIGHTS["colon"] > 0 > TITLE_WEIGHTS["credit"]


UPDATED_LINES = {
    "en": "Updated 14 March 2026, 18:05",
    "de": "Akt.: 14. März 2026 - 18.05 Uhr",
    "ru": "Обновлено 14 марта 2026",
    "ar": "آخر تحديث 14 مارس 2026",
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_an_updated_line_alone_dates_the_page(lang):
    """A page that prints only when it was updated: that day is the best evidence of
    its publication, and it stays the updated date too."""
    p = PAGES[lang]
    text = page(p, above=[p["headline"], "", UPDATED_LINES[lang]], below=[])
    meta = stripper.strip(text, kind="text").metadata
    assert meta.published is not None and meta.published.iso[:10] == p["iso"]
    assert meta.updated is not None and meta.updated.iso[:10] == p["iso"]


@pytest.mark.parametrize(("line", "extra"), [
    ("Akt.: 14. März 2026 - 18.05 Uhr", ("veröffentlicht",)),
    ("Sist oppdatert 14. mars 2026", ("publisert", "oppdatert")),
    ("Aggiornato il 14 marzo 2026", ("pubblicato", "aggiornato")),
    ("Atualizado em 14/03/2026", ("publicado", "atualizado")),
    ("Päivitetty 14.3.2026", ("julkaistu", "päivitetty")),
    ("수정 2026-03-14 10:00", ("입력", "수정")),
])
def test_profile_update_labels_are_updates(line, extra):
    """The profiles list their language's 'updated' word beside 'published'; it names
    the modified date, not the publication."""
    assert date_label(line, extra) == "updated"


@pytest.mark.parametrize(("text", "language", "iso"), [
    ("Publisert torsdag 12. mars 2026 - 13:26", "no", "2026-03-12T13:26:00"),
    ("12. februar 2026", "no", "2026-02-12"),
    ("• 28. 4. 2023, 18:41 Uhr", "de", "2023-04-28T18:41:00"),
    ("3. 11. 2025", "cs", "2025-11-03"),
])
def test_dates_the_old_reading_missed(text, language, iso):
    """Norwegian is 'nb' to dateparser; a day. month. year with spaces after the dots."""
    found = read_date(text, language)
    assert found is not None and found.iso == iso


DATE_LINES = {
    "en": ("14 March 2026, 18:05",
           "A reader in the reading room of the harbour library, 2 February 2026"),
    "de": ("14. März 2026, 18:05 Uhr",
           "Eine Leserin im Lesesaal der Hafenbibliothek am 2. Februar 2026"),
    "ru": ("14 марта 2026, 18:05",
           "Читательница в читальном зале старой портовой библиотеки, 2 февраля 2026"),
    "ar": ("14 مارس 2026",
           "قارئة في قاعة المطالعة بمكتبة الميناء يوم 2 فبراير 2026"),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_date_line_beats_a_nearer_caption_that_names_a_day(lang):
    """The lead photo's caption sits nearer the article than the date line, and names
    the day the photo was taken; the line that is only a date dates the page."""
    p = PAGES[lang]
    line, caption = DATE_LINES[lang]
    text = page(p, above=[p["headline"], "", line, "", caption], below=[])
    meta = stripper.strip(text, kind="text").metadata
    assert meta.published is not None and meta.published.iso[:10] == p["iso"]


# A Chinese page for the tests below (written for them, like the others).
ZH_PAGE = {
    "headline": "港口老图书馆将继续开放五年",
    "ui": "收听本文",
    "date": "发布于 2026年3月14日",
    "body": [
        "市议会周二晚间经过长时间讨论后决定，港口老图书馆至少再开放五年，并将在秋季公布维修计划。",
        "议员们表示，图书馆大楼的状况比早先的调查所显示的要好，维修费用也比担心的要低一些。",
        "曾为港口图书馆奔走的读者们说，他们松了一口气，现在将为新书架和更长的开放时间筹款。",
    ],
}
TITLE_PAGES = {**PAGES, "zh": ZH_PAGE}


@pytest.mark.parametrize("lang", sorted(TITLE_PAGES))
@pytest.mark.parametrize("marker", ["* ", "• ", "[12]", "   3. [7]"])
def test_headline_shown_only_as_a_list_item_or_link_is_the_title(lang, marker):
    """The page's headline reached the dump only as a list item or a numbered link
    (a breadcrumb's last place, lynx's link to the page itself): the title is its
    words without the marker, not the UI string nearer the article."""
    p = TITLE_PAGES[lang]
    text = page(p, above=[f"{marker}{p['headline']}", "", p["date"], "", p["ui"]], below=[])
    assert stripper.strip(text, kind="text").metadata.title == p["headline"]


@pytest.mark.parametrize(("lang", "headline"), [
    ("en", "Library saved"), ("de", "Bibliothek gerettet"), ("ru", "Библиотеку спасли"),
    ("ar", "المكتبة باقية"),
])
def test_two_word_headline_just_above_the_article_is_the_title(lang, headline):
    """A headline of two words sits right above the article; the site name and a
    label further up are no title."""
    p = {**TITLE_PAGES[lang]}
    p["body"] = [*p["body"]]
    word = headline.split()[0]
    # the article names the headline's subject in its first words
    p["body"][0] = f"{word} {p['body'][0]}"
    text = page(p, above=["Example Media", "", p["ui"], "", headline], below=[])
    assert stripper.strip(text, kind="text").metadata.title == headline


@pytest.mark.parametrize("line", [
    "* Harbour, Library, Council, Budget, Repairs",
    "* Council votes on the harbour library –",
    "[3]Harbour library |",
])
def test_a_tag_list_or_a_cut_off_line_is_never_the_title(line):
    p = TITLE_PAGES["en"]
    text = page(p, above=[p["headline"], "", line, "", p["date"]], below=[])
    assert stripper.strip(text, kind="text").metadata.title == p["headline"]


# What a line around the headline adds to it, in the dump: an inline trail before it, a
# control's label after it, a renderer's marker, a kicker the share links leave off.
CONTROLS = {"en": "Back to video", "de": "Zurück zum Video", "ru": "Назад к видео",
            "ar": "العودة إلى الفيديو"}
TRAIL_LABELS = {"en": "You are here: Home", "de": "Sie sind hier: Startseite",
                "ru": "Вы здесь: Главная", "ar": "أنت هنا: الرئيسية", "zh": "当前位置: 首页"}


QUOTES = {"en": "“{}”", "de": "„{}“", "ru": "«{}»", "ar": "«{}»", "zh": "「{}」"}


@pytest.mark.parametrize("lang", sorted(TITLE_PAGES))
def test_an_inline_trail_ends_on_the_title(lang):
    """"You are here: Home » Section » “Headline”" on one line, a trail the rules do not
    know for one (its last place opens on a quote): the title is its last place."""
    p = TITLE_PAGES[lang]
    kicker = p.get("kicker", "本地新闻")
    headline = QUOTES[lang].format(p["headline"])
    trail = f"{TRAIL_LABELS[lang]} » {kicker} » {headline}"
    text = page(p, above=[trail, "", p["date"]], below=[])
    assert stripper.strip(text, kind="text").metadata.title == headline


@pytest.mark.parametrize("lang", sorted(CONTROLS))
def test_a_control_after_the_headline_is_no_part_of_it(lang):
    """A video player's label ran into the headline's line; the page prints the headline
    alone further down: the title is the headline without the label."""
    p = TITLE_PAGES[lang]
    above = [f"{p['headline']} {CONTROLS[lang]}", "", p["date"]]
    text = page(p, above=above, below=[]) + f"\n{p['headline']}\n"
    assert stripper.strip(text, kind="text").metadata.title == p["headline"]


def test_a_last_word_the_page_uses_again_stays_in_the_title():
    """"… review": the page's other lines say "review" too; the word is the headline's."""
    p = TITLE_PAGES["en"]
    name = "The Harbour Library Game"
    headline = f"{name} review"
    above = ["Latest review", "", headline, "", p["date"]]
    text = page(p, above=above, below=[]) + f"\n{name}\n\nAnother review\n"
    assert stripper.strip(text, kind="text").metadata.title == headline


@pytest.mark.parametrize("lang", sorted(PAGES))
@pytest.mark.parametrize("label", ["", "Example Media: "])
def test_a_kicker_the_share_links_leave_off_is_no_part_of_the_title(lang, label):
    """The kicker ran into the headline's line ("Kicker: Headline"); the share link in
    lynx's list of links sends the headline alone (after a label of its own, maybe):
    the title is the headline. Where the link sends the whole line, that stays."""
    p = PAGES[lang]
    above = [f"{p['kicker']}: {p['headline']}", "", p["date"]]
    links = ["", "References", "", "   1. https://example.org/",
             f"   2. mailto:?subject={label}{p['headline']}&body=https://example.org/a"]
    text = page(p, above=above, below=[]) + "\n".join(links) + "\n"
    assert stripper.strip(text, kind="text").metadata.title == p["headline"]
    whole = text.replace(f"subject={label}", f"subject={p['kicker']}: ")
    assert stripper.strip(whole, kind="text").metadata.title == f"{p['kicker']}: {p['headline']}"


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_renderers_marker_after_the_headline_is_dropped(lang):
    """w3m printed an image's name in brackets after the headline's last word."""
    p = PAGES[lang]
    text = page(p, above=[f"{p['headline']}[7fc2a0-b]", "", p["date"]], below=[])
    assert stripper.strip(text, kind="text").metadata.title == p["headline"]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_headline_broken_before_its_colon_is_joined(lang):
    """The renderer broke "Kicker: Headline" before the colon an inline element opened
    with, the two parts indented differently: the title is the whole line."""
    p = PAGES[lang]
    above = [f"    {p['kicker']}", f"  : {p['headline']}", "", p["date"]]
    title = stripper.strip(page(p, above=above, below=[]), kind="text").metadata.title
    assert title == f"{p['kicker']}: {p['headline']}"
