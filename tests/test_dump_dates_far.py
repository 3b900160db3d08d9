"""The date of a text dump where the date line is not near the article's start, or
where a nearer date is another item's: small pages written for these tests.

Dumps put the date line far above the article (past a gallery), deep in it (past the
share buttons and captions of the lead), or past its foot; the date line nearest the
article may be a clip's ("12.03.2026 | 2:43 min"), an embedded post's or a teaser's,
and the day of a comment is the reader's, not the page's.
"""

from __future__ import annotations

import textwrap

import pytest
from conftest import HARBOUR_LIBRARY

import stripper
from stripper.metadata.dates import date_label, of_other_item, words_beside_date

MENU = ["Home", "World", "Business", "Sport", "Culture", "Search", ""]
FOOTER = ["", "About us", "Contact", "Privacy", "© 2026 Example Media"]

BODY = {
    "en": HARBOUR_LIBRARY["en"],
    "de": [
        "Der Stadtrat hat am Dienstagabend beschlossen, die alte Hafenbibliothek "
        "mindestens fünf weitere Jahre offen zu halten, nach einer langen Debatte.",
        "Das Gebäude der Bibliothek sei in besserem Zustand als ein früheres Gutachten "
        "vermuten ließ, sagten Mitglieder des Rates nach der Sitzung am Abend.",
        "Leserinnen und Leser, die sich für die Hafenbibliothek eingesetzt hatten, "
        "wollen nun Geld für neue Regale und längere Öffnungszeiten sammeln.",
        "Der Vorstand der Bibliothek will im Herbst einen Plan für die Reparaturen "
        "vorlegen, mit einem Zeitplan für die Arbeiten an Dach und Fenstern.",
    ],
    "fr": [
        "Le conseil municipal a voté mardi soir pour garder la vieille bibliothèque "
        "du port ouverte pendant au moins cinq ans de plus, après un long débat.",
        "Les membres ont dit que le bâtiment de la bibliothèque était en meilleur "
        "état que ne le disait une étude plus ancienne, et que les travaux coûteraient moins.",
        "Les lecteurs qui avaient fait campagne pour la bibliothèque du port se sont "
        "dits soulagés et vont maintenant réunir de l'argent pour de nouvelles étagères.",
        "Le conseil de la bibliothèque présentera à l'automne un plan pour les "
        "travaux, avec un calendrier pour le toit et les fenêtres du bâtiment.",
    ],
    "es": [
        "El ayuntamiento votó el martes por la noche mantener abierta la vieja "
        "biblioteca del puerto al menos cinco años más, tras un largo debate.",
        "Los concejales dijeron que el edificio de la biblioteca estaba en mejor "
        "estado de lo que había indicado un estudio anterior, y que las obras costarían menos.",
        "Los lectores que habían hecho campaña por la biblioteca del puerto se "
        "mostraron aliviados y ahora reunirán dinero para nuevas estanterías.",
        "La junta de la biblioteca presentará en otoño un plan para las obras, "
        "con un calendario para el tejado y las ventanas del edificio.",
    ],
    "no": [
        "Bystyret vedtok tirsdag kveld å holde det gamle havnebiblioteket åpent i "
        "minst fem år til, etter en lang debatt om hva det koster å drive det.",
        "Medlemmene sa at bygningen var i bedre stand enn en tidligere undersøkelse "
        "hadde antydet, og at reparasjonene ville koste mindre enn fryktet.",
        "Leserne som hadde kjempet for havnebiblioteket sa at de var lettet, og at "
        "de nå vil samle inn penger til nye hyller og lengre åpningstider.",
        "Styret for biblioteket skal legge fram en plan for reparasjonene til "
        "høsten, med en tidsplan for arbeidet på taket og vinduene.",
    ],
    "ja": [
        "市議会は火曜日の夜、港の古い図書館を少なくともあと五年間開けておくことを決めた。"
        "費用をめぐって長い議論が続いた末の決定だった。",
        "議員たちは、図書館の建物は以前の調査が示していたよりも良い状態にあり、"
        "修理の費用も心配されていたほどかからないと述べた。",
        "図書館の存続を求めてきた利用者たちは安心したと話し、"
        "これから新しい本棚と開館時間の延長のための募金を始めるという。",
        "図書館の理事会は秋に修理の計画を示し、屋根と窓の工事の日程も発表する予定だ。",
    ],
}
HEADLINE = {
    "en": "Council keeps the old harbour library open for five more years",
    "de": "Stadtrat lässt die alte Hafenbibliothek fünf weitere Jahre offen",
    "fr": "Le conseil garde la vieille bibliothèque du port ouverte cinq ans",
    "es": "El ayuntamiento mantiene abierta la vieja biblioteca del puerto",
    "no": "Bystyret holder det gamle havnebiblioteket åpent i fem år til",
    "ja": "港の古い図書館、あと五年間存続へ",
}


def dump(lang: str, *, head: list[str], lead: list[str] = (), tail: list[str] = ()) -> str:
    """MENU, the head lines, the headline, the lead lines, the body, the tail, FOOTER."""
    lines = MENU + list(head) + ["", HEADLINE[lang], ""] + list(lead) + [""]
    for paragraph in BODY[lang]:
        lines += [paragraph, ""]
    return "\n".join(lines + list(tail) + FOOTER) + "\n"


def published(text: str) -> str | None:
    meta = stripper.strip(text, kind="text").metadata
    return meta.published.iso[:10] if meta.published and meta.published.iso else None


GALLERY = [f"Image {i} of 80" for i in range(1, 81)]


@pytest.mark.parametrize(("lang", "line", "iso"), [
    ("en", "Published 14 March 2026", "2026-03-14"),
    ("de", "Veröffentlicht am 14. März 2026", "2026-03-14"),
    ("no", "Publisert: 14.03.26 kl. 09:15", "2026-03-14"),
])
def test_labelled_date_line_far_above_the_article(lang, line, iso):
    """Past a long gallery, the date line is farther above the article than the
    places searched first; nothing nearer is a date line, so the far one is taken."""
    assert published(dump(lang, head=[line, "", *GALLERY])) == iso


@pytest.mark.parametrize(("lang", "line", "iso"), [
    ("en", "Friday, 13 March 2026 4:55 PM", "2026-03-13"),
    ("fr", "le 13/03/2026 à 09:47", "2026-03-13"),
    ("es", "13 de marzo de 2026", "2026-03-13"),
])
def test_date_line_past_the_foot_of_the_article(lang, line, iso):
    """A date line a few lines past the foot (past the topic tags) is the date when none
    is nearer the head."""
    tail = ["Topics", "", "Harbour", "", "Libraries", "", "Town council", "", line, ""]
    assert published(dump(lang, head=[], tail=tail)) == iso


def test_a_teaser_list_gives_no_date_to_an_undated_page():
    tail = ["More stories", "",
            "* Storm closes the coast road for a day 2 April 2026",
            "* New ferry timetable starts in the spring 1 April 2026",
            "* Harbour market returns with forty stalls 31 March 2026", ""]
    assert published(dump("en", head=[], tail=tail)) is None


def test_a_comment_gives_no_date_to_an_undated_page():
    """Past the places searched first: the comments' dates are the readers'."""
    tail = ["2 comments", "", "Sort by newest", "", "Log in to comment", "", "Anna says:",
            "", "14 March 2026 at 10:15", "",
            "Wonderful news for the town, thank you to everyone who helped.", "",
            "Reply", ""]
    assert published(dump("en", head=[], tail=tail)) is None


def test_a_clip_s_date_beside_its_running_time_is_not_the_page_s():
    """A video teaser under the headline prints its day and running time; the page's
    own date line sits farther up."""
    lead = ["14.03.2026 | 2:43 min", ""]
    text = dump("de", head=["13.03.2026 | 18:00", "", "Hafenstadt"], lead=lead)
    assert published(text) == "2026-03-13"


def test_an_embedded_post_s_date_is_not_the_page_s():
    lead = ["Libraries are the heart of a town. Keep ours open!", "",
            "— A Reader (@a_reader) March 15, 2026", ""]
    text = dump("en", head=["March 13, 2026", "", "Harbour town", "", "Local news"],
                lead=lead)
    assert published(text) == "2026-03-13"


def test_byline_of_parts_is_a_date_line_and_beats_the_masthead_date():
    """"By …, in A, B, C · date · 0 Comments": only the date's own part counts against
    it, so it outranks the day's date printed far up in the masthead."""
    head = ["Saturday, 14 March 2026", "", *GALLERY[:20]]
    lead = ["By Anna Berg, in News, Harbour, Culture, Local life · 13 Mar 2026, "
            "20:02 · 0 Comments", ""]
    assert published(dump("en", head=head, lead=lead)) == "2026-03-13"


def test_japanese_date_line_counts_its_characters_as_words_but_is_short():
    head = ["2026年3月14日 10時05分 (3月14日 10時20分更新)"]
    assert published(dump("ja", head=head)) == "2026-03-14"


def test_date_line_above_an_image_name_is_a_line_of_its_own():
    """A wrapping renderer (lynx, here) breaks a line before a word that would not fit,
    but an image's long name in brackets under a line that ends a sentence (the "p.m."
    of a date line) was set on a line of its own: the date line is its own block."""
    def wrapped(paragraph: str) -> list[str]:
        return textwrap.wrap(paragraph, 76, initial_indent="   ", subsequent_indent="   ")

    lines = ["   " + line for line in MENU if line] + ["", "   " + HEADLINE["en"], ""]
    lines += ["   April 28 2026, 3:54 p.m.",
              "   [harbour-library-reading-room-on-a-saturday-morning-photo.jpg?w=1440&h=720]",
              *wrapped("Readers in the reading room of the harbour library on a Saturday "
                       "morning, when the library is busiest. Photo: Example Media"), ""]
    for paragraph in BODY["en"] * 2:
        lines += [*wrapped(paragraph), ""]
    text = "\n".join(lines + ["   " + line for line in FOOTER]) + "\n"
    blocks = stripper.strip(text, kind="text").blocks
    assert any(b.text == "April 28 2026, 3:54 p.m." for b in blocks)
    assert published(text) == "2026-04-28"


def test_profile_label_is_a_word_of_its_own():
    assert date_label("Stand: 22.04.2024, 06:00 Uhr", ("stand",)) == "published"
    assert date_label("Im Standard am 29. März 2014", ("stand",)) is None
    assert date_label("公開日2024年4月22日", ("公開日",)) == "published"


@pytest.mark.parametrize(("line", "words"), [
    ("By Anna Berg, in News, Harbour · 13 Mar 2026, 20:02 · 0 Comments", 0),
    ("Fr 13.03.26 | 14:07 Uhr | Von Anna Berg", 2),
    ("Readers in the harbour library in Leeds, 14 April 2026.", 7),
])
def test_words_beside_date_count_only_the_date_s_part(line, words):
    assert words_beside_date(line) == words


@pytest.mark.parametrize(("line", "other"), [
    ("26.10.2025 | 2:43 min", True),
    ("05.09.2024 | 12:03 Min.", True),
    ("— A Name (@a_name) July 18, 2026", True),
    ("06.11.2025 | 20:15", False),
    ("May 3, 2026 10:05 Minneapolis", False),
])
def test_dates_of_other_items(line, other):
    assert of_other_item(line) is other
