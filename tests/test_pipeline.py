"""classify + select through strip(): the article region, end markers, empty input."""

from __future__ import annotations

import pytest
from conftest import EN_PARAGRAPHS, HARBOUR_LIBRARY, nonblank, strip_text

import stripper
from stripper.model import Category

NAV = ["Home", "News | Sport | Business | Culture | Weather", "Search", "Log in"]
RELATED = [
    "Related articles",
    "Council to vote on new parking rules",
    "Bakery on Mill Street closes after forty years",
    "Local team wins the regional cup final",
]
FOOTER = ["About us | Contact | Privacy Policy", "© 2025 Harbour Gazette. All rights reserved."]


def synthetic_page(middle: list[str] | None = None) -> str:
    body = EN_PARAGRAPHS if middle is None else middle
    return "\n\n".join([*NAV, "Library will stay open", *body, *RELATED, *FOOTER]) + "\n"


def page_of(body: list[str], kind: str) -> str:
    """The body as a dump among chrome, or as an HTML page's article."""
    if kind == "text":
        return synthetic_page(body)
    return "<html><body><article>" + "".join(f"<p>{p}</p>" for p in body) + \
        "</article></body></html>"


def test_synthetic_page_keeps_only_the_paragraphs():
    result = strip_text(synthetic_page())
    assert result.text == "\n\n".join(EN_PARAGRAPHS)
    kept = result.kept
    assert [b.text for b in kept] == EN_PARAGRAPHS
    assert all(b.category is Category.CONTENT for b in kept)
    marker = next(b for b in result.blocks if b.text == "Related articles")
    assert marker.category is Category.RELATED_LIST
    for headline in RELATED[1:]:
        block = next(b for b in result.blocks if b.text == headline)
        assert not block.kept
    copyright_block = next(b for b in result.blocks if b.text.startswith("©"))
    assert copyright_block.category in (Category.COPYRIGHT, Category.FOOTER)
    assert result.metadata.language == "en"


def test_every_removed_block_says_why():
    result = strip_text(synthetic_page())
    assert all(b.reason for b in result.blocks)
    assert sum(result.metadata.removed.values()) == len(result.removed)


def test_end_marker_followed_by_dense_paragraphs_does_not_end_the_article():
    body = EN_PARAGRAPHS[:2] + ["Read more"] + EN_PARAGRAPHS[2:]
    result = strip_text(synthetic_page(body))
    for para in EN_PARAGRAPHS:
        assert para in nonblank(result.text)
    assert "Read more" not in result.text.splitlines()
    assert "Related articles" not in result.text


def test_end_marker_followed_by_headlines_ends_the_article():
    # headlines after the marker look like short lines; nothing dense follows
    body = EN_PARAGRAPHS[:3]
    result = strip_text(synthetic_page(body))
    assert nonblank(result.text) == body
    for line in RELATED:
        assert line not in result.text


@pytest.mark.parametrize("raw", ["", "\n\n\n", "   \t  \n", b"", b"\n"])
def test_empty_input_gives_empty_text(raw):
    result = stripper.strip(raw)
    assert result.text == ""
    assert result.kept == []
    assert result.metadata.title is None


def test_only_chrome_gives_empty_text():
    page = "\n".join(NAV + RELATED + FOOTER)
    assert strip_text(page).text == ""


SCRIPT_PARAGRAPHS = {
    "ar": [
            "أعلن المجلس البلدي يوم الثلاثاء أن المكتبة القديمة ستبقى مفتوحة لخمس سنوات أخرى "
            "على الأقل، وقال الأعضاء إن حالة المبنى أفضل بكثير مما قيل لهم في السابق.",
            "وملأ السكان الذين ناضلوا من أجل بقاء المكتبة أكثر من عام قاعة الاجتماع، وصفقوا "
            "عندما أعلنت النتيجة، وقالت إحداهن إنها تستعير الكتب من هناك منذ طفولتها.",
            "ومن المتوقع أن تبدأ أعمال الإصلاح في فصل الربيع وأن تستمر نحو ثلاثة أشهر، وخلال "
            "هذه الفترة ستغلق قاعة المطالعة لكن قسم الأطفال سيبقى مفتوحا طوال أيام الأسبوع.",
        ],
    "ru": [
            "Городской совет во вторник решил сохранить старую библиотеку как минимум ещё на "
            "пять лет. Депутаты сказали, что здание находится в гораздо лучшем состоянии, чем им "
            "говорили раньше.",
            "Жители, которые больше года боролись за библиотеку, заполнили зал заседаний и "
            "аплодировали, когда был объявлен результат. Одна из них сказала, что берёт там "
            "книги с самого детства.",
            "Ремонт должен начаться весной и продлится около трёх месяцев. В это время читальный "
            "зал будет закрыт, но детский отдел будет работать по будним дням.",
        ],
    "zh": [
            "市议会周二决定，老图书馆将至少再开放五年。议员们说，这座建筑的状况比他们之前听说的要好得多，"
            "屋顶的维修费用也不到最初估计的一半。",
            "一年多来一直为保留图书馆而奔走的居民们挤满了会议厅，当结果宣布时，他们热烈鼓掌。"
            "一位居民说，她从小就在那里借书，现在终于放心了。",
            "维修工程预计将于明年春天开始，持续大约三个月。在此期间，阅览室将暂时关闭，"
            "但儿童阅览区和电脑室在工作日仍将照常开放。",
        ],
}


@pytest.mark.parametrize("paragraphs", list(SCRIPT_PARAGRAPHS.values()),
                         ids=list(SCRIPT_PARAGRAPHS))
def test_other_scripts_keep_the_paragraphs(paragraphs):
    chrome_top = ["Home", "Search"]
    chrome_bottom = ["© 2025 Example Media"]
    page = "\n\n".join(chrome_top + paragraphs + chrome_bottom)
    result = strip_text(page)
    assert nonblank(result.text) == paragraphs


def test_common_crawl_wet_record():
    """A WET record: WARC headers, then the page's text; the headers go, the URL is read."""
    body = ("The harbour road was closed for three hours on Sunday after the highest spring "
            "tide of the year pushed sea water over the wall near the lifeboat station. ")
    record = (
        "WARC/1.0\nWARC-Type: conversion\n"
        "WARC-Target-URI: https://coast.example/news/tides\n"
        "WARC-Date: 2024-03-11T08:00:00Z\nContent-Type: text/plain\nContent-Length: 812\n\n"
        "Home\nNews\nSport\n\n" + body * 2 + "\n\n" + body + "\n\n© 2024 Coast News\n"
    )
    result = stripper.strip(record.encode(), kind="auto")
    assert result.metadata.url == "https://coast.example/news/tides"
    assert result.text.startswith("The harbour road")
    assert "WARC" not in result.text and "Content-Length" not in result.text
    reasons = {b.text: b.reason for b in result.blocks}
    assert reasons["WARC-Type: conversion"] == "rule archive.warc-header"


_RU_RECIPE = [
    "Эти блины мы печём каждое воскресенье уже много лет, и рецепт почти не менялся. Тесто "
    "готовится за десять минут, а сами блины получаются тонкими и мягкими, если дать тесту "
    "немного постоять перед жаркой.",
    "Главное здесь не торопиться и хорошо разогреть сковороду. Первый блин часто выходит "
    "комом, но это не повод расстраиваться: остальные обычно получаются ровными и красивыми.",
    "Смешайте яйца с сахаром и солью, влейте половину молока и постепенно всыпьте муку, "
    "чтобы не было комков. Затем добавьте остальное молоко и растопленное масло и хорошо "
    "перемешайте тесто.",
    "Жарьте блины на среднем огне примерно по минуте с каждой стороны и складывайте их "
    "стопкой. Подавайте их горячими со сметаной, вареньем или мёдом, как больше нравится.",
]
_INGREDIENTS = {
    "en": ["Ingredients", "200 g flour", "2 eggs", "1 cup of milk", "a pinch of salt",
           "50 g butter", "1 tsp sugar", "zest of one lemon", "oil for the pan", "Method"],
    "ru": ["Ингредиенты", "200 г муки", "2 яйца", "1 стакан молока", "щепотка соли",
           "50 г масла", "1 ч. л. сахара", "цедра лимона", "масло для сковороды", "Приготовление"],
}


@pytest.mark.parametrize("lang", sorted(_INGREDIENTS))
def test_a_long_list_inside_the_article_does_not_cut_it(lang):
    """Thirty short lines between two of the article's paragraphs (a recipe's ingredients
    and steps) are the article's: a run of short lines weighs no more than three in the
    choice of the article's run."""
    paragraphs = EN_PARAGRAPHS if lang == "en" else _RU_RECIPE
    steps = [f"{n}. {line}" for n, line in enumerate(_INGREDIENTS[lang][1:-1], 1)]
    again = [f"{n + len(steps)}) {line}" for n, line in enumerate(_INGREDIENTS[lang][1:-1], 1)]
    listed = _INGREDIENTS[lang] + steps + again  # a longer list than one paragraph outweighs
    body = paragraphs[:1] + listed + paragraphs[1:2]
    result = strip_text(synthetic_page(body))
    for line in listed + paragraphs[:2]:
        assert line in nonblank(result.text), line
    assert "Related articles" not in result.text


def test_short_blocks_between_content_are_found_in_one_pass():
    """select._between_content against the nearest-neighbour search it replaced."""
    from hypothesis import given
    from hypothesis import strategies as st

    from stripper.model import Category, Klass, Label
    from stripper.select import _between_content

    def slow(labels, k, first, last):
        ok = (Klass.GOOD, Klass.NEARGOOD)
        before = next((labels[j].klass for j in range(k - 1, first - 1, -1)
                       if labels[j].klass is not Klass.SHORT), None)
        after = next((labels[j].klass for j in range(k + 1, last + 1)
                      if labels[j].klass is not Klass.SHORT), None)
        return before in ok and after in ok

    @given(st.lists(st.sampled_from(list(Klass)), min_size=1, max_size=40), st.data())
    def check(klasses, data):
        labels = [Label(k, Category.CONTENT, "") for k in klasses]
        first = data.draw(st.integers(0, len(labels) - 1))
        last = data.draw(st.integers(first, len(labels) - 1))
        assert _between_content(labels, first, last) == [
            slow(labels, k, first, last) for k in range(first, last + 1)]

    check()


PROMPT = "The timetable for the summer months is posted at the town hall entrance."


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_box_the_page_renders_twice_is_dropped(kind):
    """A prompt rendered once for small and once for large screens, inside the article's
    run, is chrome; the article's paragraphs around it stay."""
    body = [EN_PARAGRAPHS[0], PROMPT, EN_PARAGRAPHS[1], PROMPT, EN_PARAGRAPHS[2]]
    result = stripper.strip(page_of(body, kind), kind=kind)
    assert PROMPT not in result.text
    for paragraph in EN_PARAGRAPHS[:3]:
        assert paragraph[:60] in result.text
    assert any(b.category is Category.DUPLICATE for b in result.blocks)


def test_a_box_lynx_renders_twice_with_other_link_numbers_is_dropped():
    """lynx numbers each copy's links anew ("[48]Prompt" / "[63]Prompt"): the copies
    are the same box all the same."""
    body = [EN_PARAGRAPHS[0], "[48]" + PROMPT, EN_PARAGRAPHS[1], "[63]" + PROMPT,
            EN_PARAGRAPHS[2]]
    result = stripper.strip(page_of(body, "text"), kind="text")
    assert PROMPT not in result.text
    assert any(b.category is Category.DUPLICATE for b in result.blocks)


def test_a_page_that_is_all_repeats_keeps_them():
    """When nothing else would be left, the repeated text is the article."""
    short = EN_PARAGRAPHS[0].split(". ")[0] + "."
    result = stripper.strip("\n\n".join([short] * 4) + "\n", kind="text")
    assert short in result.text


def test_a_long_paragraph_found_twice_is_left_alone():
    body = [EN_PARAGRAPHS[0], EN_PARAGRAPHS[1], EN_PARAGRAPHS[2], EN_PARAGRAPHS[0]]
    result = stripper.strip(synthetic_page(body), kind="text")
    assert nonblank(result.text).count(EN_PARAGRAPHS[0]) == 2


# A "most read" box as w3m renders it: each story's photo caption (a sentence), its
# section and age, its headline. The captions read as prose; the ages give it away.
_TEASERS = {
    "en": [
        ("A lorry waits at the harbour gate on Monday morning after the storm had closed the port "
         "for two days and the drivers had slept in their cabs.",
         "Business / 3 h ago", "Port reopens as ferries return to the timetable"),
        ("Volunteers sort donated coats, boots and scarves in the hall of the primary school on "
         "Friday, as more bags arrive from the villages.",
         "Local / 5 h ago", "Winter coat drive collects a record number of donations"),
        ("The new footbridge over the river is lifted into place by two cranes at night, while "
         "the road below is closed to all traffic.",
         "Transport / 6 h ago", "Footbridge finally in place after a year of delays"),
        ("Players of the junior team celebrate with their coach and their parents on the pitch "
         "after the final whistle of the match.",
         "Sport / 8 h ago", "Junior side through to the county semi-final"),
    ],
    "ru": [
        ("Грузовик стоит у ворот порта в понедельник утром, после того как шторм закрыл порт "
         "на два дня и водители ночевали в кабинах.",
         "Экономика / 3 часа назад", "Порт снова открыт, паромы вернулись к расписанию"),
        ("Волонтёры разбирают тёплые куртки, обувь и шарфы в зале школы в пятницу вечером, а "
         "из деревень привозят всё новые сумки.",
         "Город / 5 часов назад", "Акция помощи собрала рекордное число вещей"),
        ("Новый пешеходный мост через реку ночью поднимают на место двумя кранами, а дорога под "
         "ним закрыта для всех машин.",
         "Транспорт / 6 часов назад", "Мост наконец установлен после года задержек"),
        ("Игроки юношеской команды радуются вместе с тренером и родителями на поле после "
         "финального свистка.",
         "Спорт / 8 часов назад", "Юноши вышли в полуфинал областного кубка"),
    ],
}


@pytest.mark.parametrize("lang", sorted(_TEASERS))
@pytest.mark.parametrize("where", ["before", "after"])
def test_teaser_units_between_story_ages_are_removed(lang, where):
    """A list of other stories, each unit a caption, an age and a headline, is chrome
    however well its captions read, before or after the article."""
    paragraphs = EN_PARAGRAPHS[:2] if lang == "en" else _RU_RECIPE[:2]
    box = [line for unit in _TEASERS[lang] for line in unit]
    body = box + paragraphs if where == "before" else paragraphs + box
    result = strip_text("\n\n".join([*NAV, *body, *FOOTER]) + "\n")
    kept = nonblank(result.text)
    for paragraph in paragraphs:
        assert paragraph in kept
    # the caption before the first age and the headline after the last are left to the
    # article's run to judge
    inner = box[1:-1]
    assert not set(inner) & set(kept)
    teasers = [b for b in result.blocks if "teaser list" in b.reason]
    assert teasers and all(b.category is Category.RELATED_LIST for b in teasers)


@pytest.mark.parametrize("stamps", [["1/4", "2/4", "3/4", "4/4"],
                                    ["09:12", "09:40", "10:05", "10:31"]])
def test_slide_numbers_and_clock_times_are_not_teaser_stamps(stamps):
    """A gallery numbers its slides and a live blog heads its posts with clock times:
    the text between is the article."""
    units = [s for stamp, para in zip(stamps, EN_PARAGRAPHS, strict=True) for s in (stamp, para)]
    result = strip_text(synthetic_page(units))
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in nonblank(result.text)
    assert not any("teaser list" in b.reason for b in result.blocks)


_MOST_READ = {  # each a headline and its standfirst, as one line of a list
    "en": ["Most read",
           "• Council approves the new bus lanes on the ring road despite the objections of "
           "the shop owners in the old town who say that their customers will no longer find "
           "anywhere to park",
           "• Hundreds queue for hours in the rain at the opening of the first supermarket in "
           "the old mill by the river, and some of them say that they had waited since the "
           "early morning",
           "• Former mayor writes a book about the forty years of the harbour festival and the "
           "people who kept it going through the hard years when there was no money for "
           "anything at all",
           "• Police appeal for witnesses after a van was driven into the window of the bakery "
           "on the corner of the square in the middle of the night and the driver ran off "
           "towards the station"],
    "es": ["Lo más leído",
           "1. El ayuntamiento aprueba los nuevos carriles bus de la ronda pese a las quejas de "
           "los comerciantes del casco antiguo, que dicen que sus clientes ya no van a encontrar "
           "dónde aparcar",
           "2. Cientos de vecinos hacen cola durante horas bajo la lluvia en la apertura del "
           "nuevo mercado del puerto, y algunos de ellos dicen que esperaban desde muy temprano "
           "por la mañana",
           "3. El antiguo alcalde escribe un libro sobre los cuarenta años de las fiestas del "
           "barrio y de quienes las mantuvieron en los años duros en los que no había dinero "
           "para nada",
           "4. La policía busca testigos tras el choque de una furgoneta contra el escaparate "
           "de una panadería de la plaza en plena noche, cuando el conductor huyó hacia la "
           "estación de tren"],
}


@pytest.mark.parametrize("lang", sorted(_MOST_READ))
def test_a_list_of_long_headlines_after_an_end_marker_ends_the_article(lang):
    """Long headlines full of function words do not make a dense run of paragraphs: no
    sentence ends among them, so the end marker ends the article."""
    paragraphs = EN_PARAGRAPHS[:3] if lang == "en" else _RU_RECIPE[:3]
    page = [*NAV, *paragraphs, *_MOST_READ[lang], *FOOTER]
    result = strip_text("\n\n".join(page) + "\n")
    kept = nonblank(result.text)
    assert paragraphs == kept


_CONSENT = [  # a consent dialog's explanations: prose, split by its setting names
    "Your choices on this site",
    "We and our partners store and read information on your device to show you content "
    "and advertising that suits you, to measure how often pages are read and to improve "
    "the service. You can change these choices at any time at the bottom of every page.",
    "Privacy settings",
    "Some of this information is needed for the site to work at all, and some of it helps "
    "us to understand which of our stories our readers find useful, so that we can write "
    "more of them and fewer of the others.",
    "Accept all",
]


def test_a_consent_dialog_away_from_the_article_is_not_a_second_region():
    """A region beside the article that holds a consent box the rules found is that
    box's text, however well its explanations read."""
    page = [*_CONSENT, *NAV, *["Headline " + str(n) for n in range(12)],
            "Library will stay open", *EN_PARAGRAPHS]
    result = strip_text("\n\n".join([*page, *FOOTER]) + "\n")
    assert nonblank(result.text) == EN_PARAGRAPHS


_BIOS = {
    # (not "Ana is a reporter at …", which the rule byline.bio removes on its own)
    "en": ("Ana Ruiz", "Ana covers the harbour, the council and the town's schools for the "
                       "Gazette. Before that she worked for a radio station."),
    "ru": ("Анна Петрова", "Анна пишет для газеты о городском совете, школах и порте. До "
                           "этого она работала на местном радио."),
}


@pytest.mark.parametrize(("lang", "kind"), [("en", "text"), ("en", "html"), ("ru", "html")])
def test_the_author_box_under_the_article_goes(lang, kind):
    """A name line and a paragraph about that person, last on the page, is the author's
    box; the article's paragraphs stay."""
    name, bio = _BIOS[lang]
    paragraphs = EN_PARAGRAPHS if lang == "en" else _RU_RECIPE[:3]
    body = [*paragraphs, name, bio]
    result = stripper.strip(page_of(body, kind), kind=kind)
    for paragraph in paragraphs:
        assert paragraph[:60] in result.text
    assert bio[:40] not in result.text and name not in result.text.splitlines()
    assert any(b.category is Category.BYLINE and "author's box" in b.reason
               for b in result.blocks)


def test_a_last_paragraph_that_opens_with_another_name_stays():
    body = [*EN_PARAGRAPHS, "Ana Ruiz", "Residents " + EN_PARAGRAPHS[0][4:]]
    result = strip_text(synthetic_page(body))
    assert not any("author's box" in b.reason for b in result.blocks)


@pytest.mark.parametrize("heading", ["[14]Most Popular [arrow-right.png]", "Most read [IMG]",
                                     "[3]Related articles"])
def test_lynx_markers_do_not_hide_an_end_marker(heading):
    """lynx writes link numbers and an image's file name into the heading; the rules
    read the heading without them."""
    related = ["[15]Council to vote on new parking rules, and the mayor says yes",
               "[16]Bakery on Mill Street closes after forty years of bread",
               "[17]Local team wins the regional cup final in extra time"]
    page = "\n\n".join([*NAV, "Library will stay open", *EN_PARAGRAPHS[:3], heading,
                        *related, *FOOTER]) + "\n"
    result = strip_text(page)
    assert nonblank(result.text) == EN_PARAGRAPHS[:3]
    marker = next(b for b in result.blocks if b.text == heading)
    assert marker.rule is not None and marker.rule.startswith("related")


@pytest.mark.parametrize("resume", ["Story continues below advertisement",
                                    "This advertisement has not loaded yet, but your article "
                                    "continues below.", "Weiterlesen nach der Anzeige"])
def test_a_story_continues_line_resumes_the_article_after_a_long_box(resume):
    """A "Trending" box of other stories set inside the article, longer than the
    lookahead after its marker, and then the page says the story goes on."""
    box = ["Trending"]
    for n in range(1, 7):
        box += [f"{n}.", f"Mayor answers questions about the {n}th budget plan of the year",
                "Politics", "Local"]
    page = "\n\n".join([*NAV, "Library will stay open", *EN_PARAGRAPHS[:2], *box, resume,
                        *EN_PARAGRAPHS[2:], *RELATED, *FOOTER]) + "\n"
    result = strip_text(page)
    assert nonblank(result.text) == EN_PARAGRAPHS
    line = next(b for b in result.blocks if b.text == resume)
    assert line.rule == "promo.resume"


def test_without_a_story_continues_line_the_box_ends_the_article():
    box = ["Trending"]
    for n in range(1, 7):
        box += [f"{n}.", f"Mayor answers questions about the {n}th budget plan of the year",
                "Politics", "Local"]
    page = "\n\n".join([*NAV, "Library will stay open", *EN_PARAGRAPHS[:2], *box,
                        "Advertisement", *EN_PARAGRAPHS[2:], *RELATED, *FOOTER]) + "\n"
    assert nonblank(strip_text(page).text) == EN_PARAGRAPHS[:2]


def _tr_source() -> dict:
    import tomllib

    from conftest import FIXTURES_DIR
    return tomllib.loads((FIXTURES_DIR / "lang" / "sources" / "tr.toml").read_text("utf-8"))


def _named_bio_page(paragraphs: list[str], tail: list[str]) -> str:
    src = _tr_source()
    return "\n\n".join([*src["menu"], src["title"], *paragraphs, *tail,
                         *src["footer"]]) + "\n"


_TR_BIO = ["Deniz Aksoy Vadi Gazetesi - Spor Editörü", "Takip Et",
           "Deniz Aksoy, 1990 yılında İzmir'de doğdu. Gazetecilik eğitimini Ankara'da "
           "tamamladıktan sonra 2016'dan beri gazetede futbol ve şehrin kulüpleri "
           "üzerine yazıyor."]
_TR_BOX = ["GÜNÜN GELİŞMELERİ", "Belediye meclisi yeni yüzme havuzunu onayladı! Çarşıdaki fırın "
           "ödül kazandı! Köprü bir hafta trafiğe kapalı olacak ve sürücüler eski yolu "
           "kullanacak!"]


def test_an_author_box_named_in_full_goes_with_what_is_kept_under_it():
    paragraphs = _tr_source()["paragraphs"]
    result = strip_text(_named_bio_page(paragraphs, [*_TR_BIO, *_TR_BOX]))
    assert nonblank(result.text) == paragraphs
    assert any("author's box" in b.reason for b in result.blocks if b.text == _TR_BIO[2])


def test_a_subheading_that_opens_with_a_name_is_no_author_box():
    paragraphs = _tr_source()["paragraphs"]
    body = [*paragraphs[:2], "Deniz Aksoy finalde kazandı",
            "Deniz Aksoy, on yıl boyunca liman kulübünde çalıştıktan sonra finali kazandı "
            "ve kendisiyle kalan antrenörlere teşekkür etti.", paragraphs[2]]
    result = strip_text(_named_bio_page(body, []))
    assert not any("author's box" in b.reason for b in result.blocks)
    assert body[3] in nonblank(result.text)


def test_a_page_of_profiles_keeps_them():
    profiles = []
    for first, last in (("Ana", "Ruiz"), ("Ben", "Okafor"), ("Carla", "Moretti")):
        profiles += [f"{first} {last}",
                     f"{first} {last}, who has lived by the harbour for twenty years, runs "
                     "the bakery on Mill Street and sits on the library's board of friends."]
    result = strip_text(synthetic_page([*EN_PARAGRAPHS[:2], *profiles]))
    assert not any("author's box" in b.reason for b in result.blocks)


def test_the_article_resumes_with_the_sentences_under_an_inline_read_also():
    """"Read also:", one headline, then the article goes on: its first paragraph has
    few function words (weaker by the statistics), the next is plainly prose; the
    article resumes at the first, not the second."""
    terse = ("Finnish officials presented detailed budget proposals during Tuesday's "
             "Brussels summit, citing agricultural subsidies, regional funds and research "
             "programmes as national priorities.")
    body = [*EN_PARAGRAPHS[:2], "Read also:", "Council to vote on new parking rules",
            terse, EN_PARAGRAPHS[2], "Read next:", *RELATED[1:]]
    result = strip_text("\n\n".join([*NAV, "Library will stay open", *body, *FOOTER]) + "\n")
    kept = nonblank(result.text)
    assert terse in kept and EN_PARAGRAPHS[2] in kept
    assert "Council to vote on new parking rules" not in kept


def test_a_long_comment_under_the_comments_heading_does_not_resume_the_article():
    comment = ("I have lived by the harbour for thirty years and I can tell you that the "
               "library has always been the one place where the whole town meets, young and "
               "old, so I am glad the council finally listened to the people who use it every "
               "week instead of the consultants who never set foot in the reading room.")
    thread = ["Comments", "All Comments 2", "Ana Ruiz says:", "5 May 2025 at 00:46", comment,
              "Log in to Reply", "Ben Okafor says:", "6 May 2025 at 08:16",
              "Very well said, and the children's section deserves the same care.",
              "Log in to Reply"]
    result = strip_text(synthetic_page([*EN_PARAGRAPHS, *thread]))
    assert nonblank(result.text) == EN_PARAGRAPHS


def _source(lang: str) -> dict:
    import tomllib

    from conftest import FIXTURES_DIR
    return tomllib.loads((FIXTURES_DIR / "lang" / "sources" / f"{lang}.toml").read_text("utf-8"))


@pytest.mark.parametrize(("lang", "inline"), [
    ("pl", "Czytaj też: Rada miasta głosuje nad nowym budżetem"),
    ("de", "Lesen Sie auch: Stadtrat stimmt über neue Parkgebühren ab"),
    ("fr", "À lire aussi » Le conseil municipal vote le nouveau budget"),
    ("es", "Le puede interesar: El concejo aprueba el presupuesto del puerto"),
])
def test_a_read_also_link_inside_the_article_goes_and_the_article_stays(lang, inline):
    """The lead is one paragraph: the link under it must not cut it off."""
    src = _source(lang)
    paragraphs = src["paragraphs"]
    page = "\n\n".join([*src["menu"], src["title"], paragraphs[0], inline, *paragraphs[1:],
                        src["related_heading"], *src["related"], *src["footer"]]) + "\n"
    result = strip_text(page)
    assert nonblank(result.text) == paragraphs
    assert inline not in result.text


def test_a_job_adverts_box_inside_the_article_goes_and_does_not_cut_the_lead():
    src = _source("de")
    paragraphs = src["paragraphs"]
    jobs = ["Stellenmarkt", "Sachbearbeiter/in Einkauf (m/w/d)", "Muster Lufttechnik GmbH",
            "IT-Administrator (w/m/div) Stadtwerke Talheim", "Bautechniker/in (m/w/d)",
            "Gemeinde Oberau", "Fachkraft für Abwassertechnik (m/w/d) Zweckverband Tal",
            "Erzieher/in (m/w/d) Kita Sonnenhof", "Elektroniker/in (m/w/d) Talwerke",
            "Verwaltungsfachangestellte/r (m/w/d) Landratsamt", "Koch/Köchin (m/w/d) Gasthof"]
    page = "\n\n".join([*src["menu"], src["title"], paragraphs[0], *jobs, *paragraphs[1:],
                        src["related_heading"], *src["related"], *src["footer"]]) + "\n"
    result = strip_text(page)
    kept = nonblank(result.text)
    assert kept[0] == paragraphs[0] and kept[-1] == paragraphs[-1]
    assert not any("(m/w/d)" in line for line in kept)


def test_the_article_resumes_past_boxes_of_links_set_one_after_another():
    """"Read also" / a story's headline / the article's next paragraph / "Read also" /
    another headline / the article goes on: each box is dropped, the article kept."""
    body = [EN_PARAGRAPHS[0], "Read also", "Council to vote on new parking rules",
            EN_PARAGRAPHS[1], "Read also", "Bakery on Mill Street closes after forty years",
            EN_PARAGRAPHS[2], EN_PARAGRAPHS[3]]
    result = strip_text(synthetic_page(body))
    assert nonblank(result.text) == EN_PARAGRAPHS[:4]


# Photo captions that end with their credit, by each language's own label; our prose.
CAPTIONED = {
    "fi": (["Kaupunginvaltuusto päätti maanantaina, että kirjasto pysyy auki myös kesällä. "
            "Päätöstä on odotettu pitkään, sillä lukijoita on ollut enemmän kuin koskaan.",
            "Kirjaston johtaja kertoi, että aukioloajat julkaistaan ensi viikolla verkossa. "
            "Hänen mukaansa henkilökuntaa palkataan lisää kesän ajaksi, ja lasten lukupiiri "
            "jatkuu joka tiistai koko kesän ajan."],
           "Lukijat jonottivat kirjaston ovella aamulla. Kuva: Liisa Virta"),
    "ko": (["시의회는 월요일 도서관을 여름에도 계속 운영하기로 결정했다. 이용자가 어느 때보다 "
            "많아지면서 이번 결정은 오랫동안 기다려져 왔다.",
            "도서관장은 운영 시간을 다음 주에 누리집에 공개하겠다고 밝혔다. 그는 여름 동안 "
            "직원을 더 뽑을 계획이라고 말했다."],
           "시민들이 아침부터 도서관 앞에 줄을 서 있다. [사진 출처 = 한빛일보]"),
}


@pytest.mark.parametrize("lang", sorted(CAPTIONED))
def test_caption_ending_in_a_credit_is_removed(lang):
    """A caption between the paragraphs reads as a sentence; its credit gives it away."""
    paragraphs, caption = CAPTIONED[lang]
    result = strip_text(synthetic_page([paragraphs[0], caption, paragraphs[1]]))
    assert [b.text for b in result.kept] == paragraphs
    block = next(b for b in result.blocks if b.text == caption)
    assert block.rule == "credit.caption"


# An image's alt text rendered above the same caption, a link's title beside its text.
DOUBLED = {
    "en": "Volunteers fill sandbags by the river on Friday morning before the storm",
    "ru": "Добровольцы наполняют мешки песком у реки в пятницу утром перед штормом",
    "zh": "志愿者周五上午在河边装沙袋，为即将到来的暴风雨做准备",
}


@pytest.mark.parametrize("lang", sorted(DOUBLED))
def test_a_block_that_says_its_opening_twice_is_chrome(lang):
    """Its words read as prose, so the statistics alone would keep it past the article."""
    caption = DOUBLED[lang]
    paragraphs = EN_PARAGRAPHS if lang == "en" else SCRIPT_PARAGRAPHS[lang]
    doubled = f"{caption} {caption}"
    result = strip_text(synthetic_page([*paragraphs, doubled]))  # under the article
    block = next(b for b in result.blocks if b.text == doubled)
    assert not block.kept and block.reason.startswith("says its opening twice")
    assert [b.text for b in result.kept] == list(paragraphs)


def test_prose_that_takes_a_phrase_up_again_is_kept():
    """A quote repeated later in a paragraph is no doubled rendering: the repeat is no
    whole opening of eight words."""
    text = ("“Are they asking you for money?” the officer said. “Are they asking you for a "
            "gift card or a transfer? Then it is a scam, and you should hang up the phone "
            "at once and call the bank yourself,” she told the meeting on Tuesday evening.")
    result = strip_text(synthetic_page([EN_PARAGRAPHS[0], text, *EN_PARAGRAPHS[1:]]))
    assert text in [b.text for b in result.kept]


def _lynx_box(marker: str, stories: list[tuple[str, str]], first_link: int) -> list[str]:
    """A box of other stories as lynx writes it: per item the linked headline, its
    section, a bare link number, the headline again and its author."""
    box, n = [marker], first_link
    for headline, author in stories:
        box += [f"* [{n}]{headline}", "Gear", f"[{n + 1}]", headline, author]
        n += 2
    return [*box, "*"]


POPULAR = [("Twelve Deals on Garden Tools This Weekend", "Ann Lee"),
           ("How to Set Up a VPN on Your Home Router", "Tom Park"),
           ("Which Seat on a Train Is the Quietest", "Mia Cole"),
           ("The Best Cheap Headphones We Tested", "Raj Iyer")]


MORE_PARAGRAPHS = [
    "Volunteers from the reading club have offered to run the Sunday opening for the first "
    "few months. Their chair said that about thirty people had already put their names down, "
    "and that more would come forward once the hours were known.",
    "The library's collection of local newspapers, which goes back to the eighteen-sixties, "
    "will be moved to a dry room upstairs while the roof is mended. Staff will still fetch "
    "any volume that a reader asks for, though it may take a day or two.",
    "Not everyone was pleased with the vote. Two members argued that the money should have "
    "gone to the new sports hall instead, and one of them said the council had once again "
    "put off a decision that it would have to face sooner or later.",
    "The mayor thanked the campaigners and the staff in a short speech after the meeting. "
    "She said that the library had shown how much a small building could matter to a town, "
    "and that she hoped to see the reading room full again by the summer.",
]


def test_the_article_resumes_after_each_copy_of_a_box_the_page_repeats():
    """A long review sets the same "Most Popular" box between its sections, again and
    again; in a lynx dump each copy runs past the lookahead after its marker. The
    copies are one box the page repeats: the article goes on after it."""
    paragraphs = EN_PARAGRAPHS + MORE_PARAGRAPHS
    body = [*paragraphs[:4], *_lynx_box("Most Popular", POPULAR, 10), *paragraphs[4:],
            *_lynx_box("Most Popular", POPULAR, 30)]
    result = strip_text(synthetic_page(body))
    assert nonblank(result.text) == paragraphs
    for headline, author in POPULAR:
        assert headline not in result.text and author not in result.text


PLACES = [["Alder Bay", "Brook End", "Cold Harbour", "Dunmore", "Eastwick", "Fairhaven",
           "Glenrock", "Highcliff", "Ivy Cross", "Juniper Point"],
          ["Kestrel Isle", "Longmoor", "Millbrook", "Northgate", "Oakhurst", "Pennard",
           "Queensferry", "Redcastle", "Saltmarsh", "Thornbury"]]


def test_a_repeated_marker_over_new_stories_each_time_still_ends_the_article():
    """An endless page: each story ends with its tags and a "Read also" box of other
    headlines, then the next story. The marker repeats but its box is new each time, so
    it is no copy of one box: the first story ends at its box."""
    stories = [[EN_PARAGRAPHS[0], EN_PARAGRAPHS[1]], [EN_PARAGRAPHS[2], EN_PARAGRAPHS[3]]]
    body: list[str] = []
    for n, story in enumerate(stories):
        box = ["Read also"]
        for place in PLACES[n]:
            box += [f"New ferry timetable for {place} starts on Monday", "National"]
        body += [*story, *box]
    result = strip_text(synthetic_page(body))
    assert nonblank(result.text) == stories[0]


def test_the_article_resumes_at_the_resume_line_that_prose_follows():
    """An advertisement inside a "Trending" box prints its own "continues below" line,
    with more of the box under it; the page's second such line, under the box, is where
    the article goes on."""
    box = ["Trending", "1.", "Council to vote on new parking rules", "Politics", "2.",
           "Bakery on Mill Street closes after forty years", "Business",
           "Advertisement", "Story continues below", "3.",
           "Local team wins the regional cup final", "Sport", "4.",
           "Ferry timetable changes again in the spring", "Transport", "5.",
           "Harbour festival returns with a new stage", "Culture",
           "Advertisement", "This advertisement has not loaded yet, but your article "
           "continues below."]
    paragraphs = EN_PARAGRAPHS + MORE_PARAGRAPHS + [
        "The library's opening hours over the summer will be published on its website and "
        "on the notice board by the main door. The staff asked readers to return any books "
        "they have out before the reading room closes, so that the shelves can be moved.",
        "A group of pupils from the harbour school has offered to help carry the books "
        "upstairs. Their teacher said the class had been studying the town's history and "
        "wanted to see the old newspapers that they had only read about so far.",
        "The council will decide in the autumn whether to apply for a grant towards a new "
        "lift. Until then, readers who cannot use the stairs can ask at the front desk, "
        "where staff will bring down any volume from the upper room within a day.",
    ]
    page = "\n\n".join([*NAV, "Library will stay open", *paragraphs[:5], *box,
                        *paragraphs[5:], *RELATED, *FOOTER]) + "\n"
    assert nonblank(strip_text(page).text) == paragraphs


def test_the_article_resumes_under_a_box_too_long_for_its_run_to_bridge():
    """A long "Trending" box costs more than the paragraphs under it are worth, so the
    best run ends above it; the page's "your article continues below" line under the
    box says the paragraphs there are the article's."""
    box = ["Trending"]
    for n, place in enumerate(PLACES[0], start=1):
        box += [f"{n}.", f"New ferry timetable for {place} starts on Monday", "Transport"]
    box += ["Advertisement", "This advertisement has not loaded yet, but your article "
            "continues below."]
    paragraphs = EN_PARAGRAPHS + MORE_PARAGRAPHS
    page = "\n\n".join([*NAV, "Library will stay open", *paragraphs[:6], *box,
                        *paragraphs[6:], *RELATED, *FOOTER]) + "\n"
    assert nonblank(strip_text(page).text) == paragraphs


@pytest.mark.parametrize("lead, body, controls", [
    ("Readers have saved the reading room by the harbour, at least until the year 2030.",
     EN_PARAGRAPHS, "Previous Next"),
    ("Читатели отстояли читальный зал у старого порта, и он будет открыт по крайней мере "
     "до 2030 года.",
     ["Городской совет во вторник вечером решил сохранить старую портовую библиотеку как "
      "минимум ещё на пять лет после долгого обсуждения расходов. Депутаты сказали, что "
      "здание библиотеки находится в лучшем состоянии, чем показало прежнее обследование.",
      "Читатели, которые выступали за портовую библиотеку, обрадовались и теперь собирают "
      "деньги на новые полки и более долгие часы работы. Ремонт начнётся весной и продлится "
      "около трёх месяцев, а детский отдел всё это время будет работать по будням."],
     "Назад Вперёд"),
])
def test_a_lead_set_off_by_gallery_controls_stays(lead, body, controls):
    """A one-sentence lead above a photo's Previous / Next buttons is the article's start,
    though the statistics only half trust a sentence that short (the buttons, between
    content, stay with it, as any short line inside the article does)."""
    page = "\n\n".join([*NAV, "Library will stay open", lead, controls, *body, *RELATED,
                        *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept[0] == lead
    assert kept[-len(body):] == body


@pytest.mark.parametrize("form", [
    ["____________________ [ ] Contact me with news and offers from our partners and from "
     "the other titles of our group [ ] Receive email from us on behalf of our sponsors"],
    ["[*] Recevoir la lettre d'information de la rédaction, avec les appels et les rendez-vous "
     "du mois (deux ou trois envois par mois au plus)",
     "( ) Участвовать в жизни местного клуба и получать новости о встречах рядом с вашим домом"],
])
def test_a_forms_fields_are_no_article_text(form):
    """A newsletter form rendered by lynx or w3m (check boxes, radio buttons, a text
    field) has labels that read as prose; its fields say it is a form."""
    body = HARBOUR_LIBRARY["en"]
    page = "\n\n".join([*NAV, "Library will stay open", body[0], *form, *body[1:], *RELATED,
                        *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept == body


@pytest.mark.parametrize("alt, caption", [
    ("Readers queue at the gate of the old harbour library",
     "Readers queue at the gate of the old harbour library. Photo: Ana Ruiz/Harbour Gazette"),
    ("Leser warten vor dem Tor der alten Hafenbibliothek",
     "Leser warten vor dem Tor der alten Hafenbibliothek. Foto: Anna Berg/dpa"),
    ("港の古い図書館の前で開館を待つ市民たち",
     "港の古い図書館の前で開館を待つ市民たち＝14日午前（山田太郎撮影）"),
])
def test_an_images_alt_text_above_its_caption_goes(alt, caption):
    """A renderer prints an image's alt text, and under it the caption that says it again
    with the credit: a thing rendered twice, the picture's, not the article's."""
    body = HARBOUR_LIBRARY["en"]
    page = "\n\n".join([*NAV, "Library will stay open", body[0], alt, caption, *body[1:],
                        *RELATED, *FOOTER]) + "\n"
    assert nonblank(strip_text(page).text) == body


def test_a_paragraph_said_twice_at_once_keeps_one_copy():
    """A lead shown as the summary and again as the first paragraph is the article's
    (a lead this long said twice is no box rendered twice: drop_repeated leaves it)."""
    body = HARBOUR_LIBRARY["en"]
    lead = body[0] + " The vote was close, and the mayor spoke last."
    assert 30 < len(lead.split()) < 45
    page = "\n\n".join([*NAV, "Library will stay open", lead, lead, *body[1:],
                        *RELATED, *FOOTER]) + "\n"
    assert nonblank(strip_text(page).text) == [lead, *body[1:]]


LYNX_TEASERS = {
    "en": ["   * [41]Summer fest at the institute: readings, music and a long table in the "
           "garden until late",
           "   * [42]The new writing course opens in October with twelve places for first "
           "year students",
           "   * [43]A podcast on the city's old docks, with the people who worked there "
           "for forty years"],
    "de": ["   * [41]Sommerfest am Institut: Lesungen, Musik und eine lange Tafel im Garten "
           "bis spät in die Nacht",
           "   * [42]Der neue Schreibkurs beginnt im Oktober mit zwölf Plätzen für "
           "Studierende im ersten Jahr",
           "   * [43]Ein Podcast über die alten Docks der Stadt, mit den Menschen, die dort "
           "vierzig Jahre arbeiteten"],
}


@pytest.mark.parametrize("lang", sorted(LYNX_TEASERS))
def test_a_list_whose_items_each_open_with_a_link_is_a_teaser_list(lang):
    """A short article under a long list of other pages, each item a link with its
    summary, as lynx prints it: the list reads as prose and outweighs the article."""
    article = HARBOUR_LIBRARY["en"][0]
    summary = {"en": ". It was a good evening, and all who came said they would come again.",
               "de": ". Es war ein schöner Abend, und alle wollen im nächsten Jahr wiederkommen."}
    teasers = [item + summary[lang] for item in LYNX_TEASERS[lang]] * 2
    page = "\n\n".join([*NAV, "Library will stay open", article, "\n".join(teasers),
                        *FOOTER]) + "\n"
    assert nonblank(strip_text(page).text) == [article]


def test_an_articles_own_linked_list_inside_it_stays():
    """The same list between the article's paragraphs is the article's own."""
    body = HARBOUR_LIBRARY["en"]
    items = LYNX_TEASERS["en"]
    page = "\n\n".join([*NAV, "Library will stay open", body[0], "\n".join(items),
                        *body[1:], *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept[0] == body[0] and kept[-len(body) + 1:] == body[1:]


NO_ARTICLE = [
    "Kommunestyret vedtok tirsdag kveld at det gamle biblioteket ved havna skal holde åpent "
    "i minst fem år til, etter en lang debatt om kostnadene.",
    "Politikerne sa at bygningen var i bedre stand enn en tidligere rapport hadde antydet, og "
    "at reparasjonene av taket vil koste mindre enn fryktet.",
    "Innbyggerne som har kjempet for biblioteket i over et år, sa at de var lettet og at de "
    "nå vil samle inn penger til nye hyller og lengre åpningstider.",
]
NO_TEASERS = [
    "Ferja står igjen ved kaia",
    "Rederiet venter på en del til motoren som må sendes fra utlandet, og pendlerne må i "
    "mellomtiden ta bussen rundt fjorden, som tar nesten en time lenger enn ferja.",
    "Ny skole åpner i høst",
    "Kommunen har ansatt tolv nye lærere før skolestart, og rektor sier at alle klassene "
    "vil få sine egne rom når det nye bygget står ferdig til jul.",
]


@pytest.mark.parametrize("heading", ["Mer om", "Mere om"])
def test_a_scandinavian_more_about_heading_ends_the_article(heading):
    """'Mer om' (Norwegian, Swedish) / 'Mere om' (Danish) heads the topic tags under an
    article, and other stories' teasers follow: they are not this article's."""
    page = "\n\n".join([*NAV, "Biblioteket får leve videre", *NO_ARTICLE, "Del artikkel",
                        heading, "bibliotek havna kommunestyret nyheter", *NO_TEASERS,
                        *FOOTER]) + "\n"
    assert nonblank(strip_text(page).text) == NO_ARTICLE


_HARBOUR_BODY = [
    "The harbour board met on Monday to decide what should happen to the old pilot boat, "
    "which has been moored beside the fish market since it was retired eleven years ago.",
    "Several members argued that the boat should be restored and opened to visitors, as the "
    "maritime museum in the next town has done with its lifeboat, at a cost of about forty "
    "thousand pounds.",
    "Others said the money would be better spent on the slipway, which floods at every high "
    "spring tide and has already damaged two trailers belonging to the sailing club.",
    "The chair said that a survey of the hull would be carried out in the spring, and that "
    "no decision would be taken until the board had seen what the surveyors found.",
    "A group of former pilots has offered to help with the work for free, and one of them "
    "said he still remembered every sound the engine made on a winter night at sea.",
    "The board will meet again in April, when the survey is expected to be finished and "
    "the costs of both plans can be compared side by side with the harbour's budget.",
]


def test_a_lead_the_page_says_the_story_continues_from_is_kept_however_short():
    """A one-paragraph lead, then an ad and a subscription box: the page prints "Story
    continues below" between them, so the lead is the article's start even though it
    weighs far less than the body after the box."""
    box = ["Advertisement", "Story continues below",
           "Subscribe now to read the full story and support local journalism.",
           "Already a subscriber? Sign in", "We rely on your support to make local news "
           "available to all.", "Create an account or sign in to continue with your reading "
           "experience.", "Don't have an account? Create Account"]
    lead = ("The harbour board will decide this spring what to do with the old pilot boat, "
            "the last of its kind on this stretch of the coast.")
    page = "\n\n".join([*NAV, "Harbour board weighs the pilot boat's future",
                        lead, *box, *_HARBOUR_BODY, *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept == [lead, *_HARBOUR_BODY]


def test_a_comments_link_over_the_body_does_not_cut_off_the_lead_above_it():
    """The byline's bar ends with a bare "Comments" link: an end marker's words, but
    the article's body follows it, not a list; the lead above the bar is the article's."""
    lead = [_HARBOUR_BODY[0], _HARBOUR_BODY[1]]
    bar = ["By Ana Ruiz", "14:00, 28 Apr 2024", "Share", "Facebook", "Twitter", "WhatsApp",
           "Email", "Comments", "(BUTTON)"]
    page = "\n\n".join([*NAV, "Harbour board weighs the pilot boat's future", *lead, *bar,
                        *_HARBOUR_BODY[2:], *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept[:2] == lead and kept[-4:] == _HARBOUR_BODY[2:]
    assert "Comments" not in kept


def test_a_standfirst_over_the_byline_bar_is_the_articles_lead():
    """Headline, a one-sentence standfirst, then the byline's bar (author, date, share
    buttons) and the body: the standfirst weighs too little to be a region of its own,
    and the lead walk goes past the bar's lines to it."""
    standfirst = ("The old pilot boat could become a museum piece or make way for a new "
                  "slipway, and the board has until April to decide.")
    bar = ["By Ana Ruiz", "Facebook", "Twitter", "WhatsApp", "Pinterest", "LinkedIn", "Reddit",
           "Telegram"]
    page = "\n\n".join([*NAV, "Harbour board weighs the pilot boat's future", standfirst,
                        *bar, *_HARBOUR_BODY, *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept == [standfirst, *_HARBOUR_BODY]


def test_a_standfirst_over_a_byline_lynx_numbers_as_links_is_kept():
    """lynx numbers the byline's links ("[36]Avatar [37]Ana Ruiz, 18 September 2019"),
    which reads as a line of links; in the other renderers it is the short line it is,
    and the standfirst above it is the article's lead on every renderer."""
    standfirst = "The old pilot boat could become a museum piece, and the board must decide soon."
    page = "\n\n".join([*NAV, "Harbour board weighs the pilot boat's future", standfirst,
                        "[36]Avatar [37]Ana Ruiz, 18 September 2019", *_HARBOUR_BODY,
                        *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept[0] == standfirst and kept[-len(_HARBOUR_BODY):] == _HARBOUR_BODY


def test_a_box_of_lynx_links_inside_the_article_goes_a_lone_one_stays():
    """Three lines lynx marks as links in a row inside the article are a box of other
    stories (section, headline, section); one such line between two paragraphs is
    judged as the short line the other renderers print."""
    box = ["[51]Opinion [52]Health", "[53]Pilot boats of the north coast", "[54]Health"]
    lone = "[60]Harbour board"
    page = "\n\n".join([*NAV, "Harbour board weighs the pilot boat's future",
                        *_HARBOUR_BODY[:3], *box, *_HARBOUR_BODY[3:5], lone,
                        _HARBOUR_BODY[5], *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept == [*_HARBOUR_BODY[:5], lone, _HARBOUR_BODY[5]]


def test_the_one_paragraph_under_an_author_box_heading_is_the_box_not_the_article():
    """"About the author" ends the article; the long paragraph under it (a life story
    that opens with a year, not the name) is the box's own, where one that long under
    "Related articles" would have been the article resuming."""
    bio = ("Born in 1988 in a fishing town on the north coast, she studied history and "
           "politics before joining the paper as a trainee in 2012, and has since covered "
           "local government, the courts and the harbour for the news desk. She lives by "
           "the sea with her family and two old dogs, and writes a weekly column on the "
           "town's history.")
    page = "\n\n".join([*NAV, "Harbour board weighs the pilot boat's future",
                        *_HARBOUR_BODY, "Ana Ruiz Harbour Gazette - Reporter",
                        "About the author", bio, *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept[-len(_HARBOUR_BODY):] == _HARBOUR_BODY and bio not in kept


def test_an_intro_over_the_articles_table_of_contents_is_the_articles_start():
    """Two paragraphs of intro, then the table of contents (lynx's numbered links, one
    of them reading like a marker), then the article: the contents cut the run, and
    the intro is the article's start all the same."""
    intro = _HARBOUR_BODY[:2]
    toc = ["Table of contents", "* [20]The pilot boat", "* [21]The slipway",
           "* [22]What the survey will show", "* [23]The vote in April", "* [24]The costs",
           "* [25]The former pilots", "* [26]Related articles", "* [27]The museum's lifeboat"]
    page = "\n\n".join([*NAV, "Harbour board weighs the pilot boat's future", *intro, *toc,
                        *_HARBOUR_BODY[2:], *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept == _HARBOUR_BODY


def test_a_line_of_lynx_links_alone_goes_even_between_paragraphs():
    """"[25]Older post [26]Newer post" between two paragraphs is a row of links (the
    post's neighbours), not a short line of the article's."""
    row = "[25]Lifeboat museum opens [26]A new island ferry"
    page = "\n\n".join([*NAV, "Harbour board weighs the pilot boat's future",
                        *_HARBOUR_BODY[:4], row, *_HARBOUR_BODY[4:], *RELATED, *FOOTER]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert kept == _HARBOUR_BODY


_BIO_BOXES = {
    "ru": ("Об авторе", "Анна Петрова родилась в Самаре и пишет о городской культуре, "
           "библиотеках и музеях с две тысячи пятнадцатого года; до этого она работала "
           "учителем литературы в школе на окраине города и вела кружок для старшеклассников."),
    "ar": ("عن الكاتب", "وُلد سامر الخطيب في مدينة حلب، ودرس الصحافة في جامعة دمشق، ويكتب منذ عشر "
           "سنوات عن الثقافة والمكتبات العامة والمتاحف في المدن العربية، وقد عمل قبل ذلك مدرساً "
           "للغة العربية في مدرسة ثانوية."),
    "de": ("Über die Autorin", "Katrin Sommer wurde in Leipzig geboren, hat Geschichte und "
           "Germanistik studiert und schreibt seit dem Jahr 2015 über Bibliotheken, Museen und "
           "die Kultur der Stadt; vorher hat sie als Lehrerin an einer Schule am Stadtrand "
           "gearbeitet."),
}


@pytest.mark.parametrize("lang", sorted(_BIO_BOXES))
def test_the_author_box_under_its_heading_goes_in_other_scripts(lang):
    import tomllib

    from conftest import FIXTURES_DIR
    src = tomllib.loads((FIXTURES_DIR / "lang" / "sources" / f"{lang}.toml").read_text("utf-8"))
    heading, bio = _BIO_BOXES[lang]
    page = "\n\n".join([*src["menu"], src["title"], src["date"], *src["paragraphs"], heading,
                        bio, src["related_heading"], *src["related"], *src["footer"]]) + "\n"
    kept = nonblank(strip_text(page).text)
    assert all(p in kept for p in src["paragraphs"]) and bio not in kept
