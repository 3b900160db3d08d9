"""Title of a text dump: the lines around a candidate that tell the headline from a
standfirst, a notice, a caption, a pager link or a cut-off teaser, a trail's last place
that names the story in other words than the article, and a headline that asks a
question inside the kept run. Small pages written for these tests."""

from __future__ import annotations

import pytest

import stripper
from stripper.features import measure_blocks
from stripper.language import stopwords_for
from stripper.metadata.title import _Context, _title_only
from stripper.model import Block, Category

MENU = ["* Home", "* World", "* Business", "* Sport", "* Culture", ""]
FOOTER = ["", "About us", "Contact", "Privacy", "© 2026 Example Media"]

BODY = {
    "en": ["The town council voted on Tuesday evening to keep the old harbour library open "
           "for at least five more years, after a long debate about its costs.",
           "The mayor said the plan would be published in full next week, and that the "
           "building would stay open on Saturdays as well.",
           "Readers who come in from the market and the ferry will find the same desks by "
           "the windows, the council said, and the same librarians."],
    "de": ["Der Stadtrat hat am Dienstagabend beschlossen, die alte Hafenbibliothek "
           "mindestens fünf weitere Jahre offen zu halten, nach einer langen Debatte über "
           "die Kosten.",
           "Der Bürgermeister sagte, der Plan werde nächste Woche vollständig veröffentlicht, "
           "und das Gebäude bleibe auch samstags geöffnet.",
           "Wer vom Markt und von der Fähre kommt, findet dieselben Tische an den Fenstern, "
           "sagte der Rat, und dieselben Bibliothekare."],
    "ru": ["Городской совет во вторник вечером решил сохранить старую портовую библиотеку "
           "как минимум ещё на пять лет после долгого спора о расходах.",
           "Мэр сказал, что план будет полностью опубликован на следующей неделе, а здание "
           "будет открыто и по субботам.",
           "Читатели, которые приходят с рынка и с парома, найдут те же столы у окон, "
           "сказали в совете, и тех же библиотекарей."],
    "ar": ["صوّت المجلس البلدي مساء الثلاثاء على إبقاء مكتبة الميناء القديمة مفتوحة لخمس "
           "سنوات أخرى على الأقل، بعد نقاش طويل حول تكاليفها.",
           "وقال رئيس البلدية إن الخطة ستنشر كاملة الأسبوع المقبل، وإن المبنى سيبقى مفتوحا "
           "أيام السبت أيضا.",
           "وسيجد القراء القادمون من السوق والعبّارة المكاتب نفسها قرب النوافذ، كما قال "
           "المجلس، والموظفين أنفسهم."],
    "zh": ["市议会周二晚上投票决定，在经过关于费用的长时间辩论之后，让港口旧图书馆至少再开放五年。",
           "市长表示，该计划将于下周全文公布，大楼在星期六也将继续开放。",
           "从市场和渡口来的读者会看到窗边同样的书桌，议会说，还有同样的图书管理员。"],
}


def _page(*parts: list[str] | str) -> str:
    lines: list[str] = []
    for part in parts:
        lines += [part, ""] if isinstance(part, str) else part
    return "\n".join(lines) + "\n"


def _body(lang: str) -> list[str]:
    return [line for paragraph in BODY[lang] for line in (paragraph, "")]


# A photo's description the kept run opens on, a headline that asks a question, and a
# subheading further down.
QUESTIONS = {
    "en": ("The reading room of the old library by the harbour on a winter morning, when "
           "the first readers come in from the market and the ferry.",
           "Will the old harbour library stay open for five more years?",
           "Library hours on Saturdays"),
    "de": ("Der Lesesaal der alten Bibliothek am Hafen an einem Wintermorgen, wenn die "
           "ersten Leser vom Markt und von der Fähre hereinkommen.",
           "Bleibt die alte Hafenbibliothek noch fünf weitere Jahre offen?",
           "Öffnungszeiten am Samstag"),
    "ru": ("Читальный зал старой библиотеки у порта зимним утром, когда первые читатели "
           "приходят туда с рынка и с парома.",
           "Останется ли старая портовая библиотека открытой ещё пять лет?",
           "Часы работы по субботам"),
    "ar": ("قاعة المطالعة في المكتبة القديمة قرب الميناء في صباح شتوي، حين يأتي أول القراء "
           "من السوق ومن العبّارة.",
           "هل تبقى مكتبة الميناء القديمة مفتوحة خمس سنوات أخرى؟",
           "مواعيد العمل أيام السبت"),
    "zh": ("冬日清晨港口旧图书馆的阅览室，第一批读者从市场和渡口走进来，坐到窗边的书桌前开始阅读。",
           "港口旧图书馆还能再开放五年吗？",
           "星期六的开放时间"),
}


@pytest.mark.parametrize("lang", sorted(QUESTIONS))
def test_a_headline_that_asks_a_question_inside_the_kept_run(lang):
    """The kept run opens on a photo's description; the headline below it ends on a
    question mark, which no line of prose this short ends on: it is the title, over a
    subheading further down."""
    photo, headline, subhead = QUESTIONS[lang]
    body = _body(lang)
    page = _page(MENU, photo, headline, body[:4], subhead, body[4:], FOOTER)
    assert stripper.strip(page, kind="text").metadata.title == headline


# A trail whose last place names the story in words the article does not use, over a
# headline that words it differently.
TRAILS = {
    "en": ("Home", "Local news", "Budget: councillors rescue the harbour reading room",
           "Councillors rescue the harbour reading room for now"),
    "de": ("Startseite", "Lokales", "Haushalt: Ratsmitglieder retten den Lesesaal am Hafen",
           "Ratsmitglieder retten vorerst den Lesesaal am Hafen"),
    "ru": ("Главная", "Город", "Бюджет: депутаты спасают читальный зал у причала",
           "Депутаты пока спасают читальный зал у причала"),
    "ar": ("الرئيسية", "محليات", "الميزانية: الأعضاء ينقذون قاعة المطالعة عند الرصيف",
           "الأعضاء ينقذون قاعة المطالعة عند الرصيف مؤقتا"),
}


@pytest.mark.parametrize("lang", sorted(TRAILS))
def test_a_trail_that_names_the_headline_story_in_other_words(lang):
    """The trail's last place shares most of its words with the headline, few with the
    article: it is the page's title all the same (the form the page is filed under);
    a trail that ends on another story is none."""
    home, section, last, headline = TRAILS[lang]
    trail = [f"1. {home}", f"2. {section}", f"3. {last}", ""]
    page = _page(MENU, trail, headline, _body(lang), FOOTER)
    assert stripper.strip(page, kind="text").metadata.title == last
    other = [f"1. {home}", f"2. {section}", "3. Weather forecast for the coming weekend", ""]
    page = _page(MENU, other, headline, _body(lang), FOOTER)
    assert stripper.strip(page, kind="text").metadata.title == headline


def _blocks(lines: list[tuple[str, Category]], lang: str) -> list[Block]:
    blocks = [Block(index=i, text=text, start=i, end=i + 1, category=category)
              for i, (text, category) in enumerate(lines)]
    measure_blocks(blocks, stopwords_for(lang))
    return blocks


def _signals(lines: list[tuple[str, Category]], lang: str, at: int) -> dict[str, float]:
    blocks = _blocks(lines, lang)
    context = _Context(blocks, len(blocks), 0, [])
    return _title_only(blocks[at], context)


B = Category.BOILERPLATE
HEADLINES = {"en": "Council keeps the old harbour library open",
             "de": "Stadtrat lässt die alte Hafenbibliothek offen",
             "ru": "Совет сохранил старую портовую библиотеку",
             "ar": "المجلس يبقي مكتبة الميناء القديمة مفتوحة",
             "zh": "市议会决定让港口旧图书馆继续开放"}


@pytest.mark.parametrize("lang", sorted(BODY))
def test_a_headline_over_its_standfirst(lang):
    """A line right over a longer line of prose (the standfirst) is the headline the
    standfirst goes on from; the standfirst, or a tag list over a paragraph, is not."""
    standfirst = BODY[lang][0]
    lines = [(HEADLINES[lang], B), (standfirst, B), (BODY[lang][1], B)]
    assert _signals(lines, lang, 0)["dek_below"] == 1.0
    assert _signals(lines, lang, 1)["dek_below"] == 0.0  # the next line is shorter
    tags = [("harbour, library, council, budget", B), (standfirst, B)]
    assert _signals(tags, lang, 0)["dek_below"] == 0.0


NOTICES = {"en": ("This feature is only for registered readers", "Log in"),
           "de": ("Diese Funktion ist nur für registrierte Leser", "Anmelden"),
           "ru": ("Эта функция доступна только зарегистрированным читателям", "Войти"),
           "ar": ("هذه الميزة متاحة للقراء المسجلين فقط", "تسجيل الدخول")}


@pytest.mark.parametrize("lang", sorted(NOTICES))
def test_a_notice_over_the_control_it_names(lang):
    """A notice ("only for registered readers") sits over the log-in control; a
    headline sits over no such line."""
    notice, control = NOTICES[lang]
    lines = [(HEADLINES[lang], B), (notice, B), (control, Category.LOGIN)]
    assert _signals(lines, lang, 1)["control_below"] == 1.0
    assert _signals(lines, lang, 0)["control_below"] == 0.0


CAPTIONS = {"en": "Readers at the desks by the windows of the reading room",
            "de": "Leser an den Tischen an den Fenstern des Lesesaals",
            "ru": "Читатели за столами у окон читального зала",
            "ar": "القراء على المكاتب قرب نوافذ قاعة المطالعة",
            "zh": "读者坐在阅览室窗边的书桌前"}


@pytest.mark.parametrize("lang", sorted(CAPTIONS))
def test_a_caption_between_credits_or_echoed_with_one(lang):
    """A photo's caption between its credit lines ("© Photographer"), or printed again
    right below with the credit after it, is a caption, not the headline."""
    caption = CAPTIONS[lang]
    credit = ("© Jane Doe", Category.COPYRIGHT)
    lines = [(HEADLINES[lang], B), credit, (caption, B), credit, (BODY[lang][0], B)]
    assert _signals(lines, lang, 2)["between_credits"] == 1.0
    assert _signals(lines, lang, 0)["between_credits"] == 0.0
    lines = [(HEADLINES[lang], B), (caption, B), (f"{caption} Jane Doe", B)]
    assert _signals(lines, lang, 1)["echoed_below"] == 1.0
    assert _signals(lines, lang, 0)["echoed_below"] == 0.0


@pytest.mark.parametrize("line, pager", [
    ("« Five thoughts on the cup defeat", True),
    ("How to mount a remote folder over SSH »", True),
    ("‹ Предыдущая запись о библиотеке", True),
    ("« Les privatisations sont au profit d’intérêts privés »", False),  # a quote
    ("« Il y a, d’abord, le poids de la géographie ». Sur les migrations", False),
    ("Council keeps the old harbour library open", False),
])
def test_a_link_to_the_previous_or_next_post(line, pager):
    """A pager link's arrow opens or closes the line; a quote in guillemets has both."""
    assert _signals([(line, B)], "en", 0)["pager"] == float(pager)


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_a_teaser_cut_short_where_another_line_goes_on(lang):
    """A teaser that ends on an ellipsis where another line of the page goes on with
    more is cut short; an ellipsis that ends the only form of the line is the line's."""
    words = BODY[lang][0].split()
    cut, full = " ".join(words[:8]) + "…", " ".join(words[:14])
    lines = [(cut, B), (BODY[lang][1], B), (full, B)]
    assert _signals(lines, lang, 0)["cut_short"] == 1.0
    assert _signals(lines, lang, 2)["cut_short"] == 0.0
    assert _signals([(cut, B), (BODY[lang][1], B)], lang, 0)["cut_short"] == 0.0


# A few words naming a photo, and its caption below, which uses every one of them.
PHOTOS = {"en": ("Harbour library council", BODY["en"][0]),
          "de": ("Stadtrat Hafenbibliothek", BODY["de"][0]),
          "ru": ("Городской совет во вторник", BODY["ru"][0]),
          "ar": ("مكتبة الميناء القديمة", BODY["ar"][0]),
          "zh": ("旧图书馆", BODY["zh"][0])}


@pytest.mark.parametrize("lang", sorted(PHOTOS))
def test_a_photo_title_its_caption_restates(lang):
    """A line of a few words whose every word the long line below repeats is an
    image's title over its caption; a headline whose standfirst goes on in words of its
    own is none, and nor is a longer line, which a standfirst may well restate."""
    photo, caption = PHOTOS[lang]
    lines = [(photo, B), (caption, B), (BODY[lang][1], B)]
    assert _signals(lines, lang, 0)["restated_below"] == 1.0
    lines = [(HEADLINES[lang], B), (BODY[lang][1], B)]
    assert _signals(lines, lang, 0)["restated_below"] == 0.0
    if lang != "zh":
        words = caption.split()
        lines = [(" ".join(words[:7]), B), (caption, B)]
        assert _signals(lines, lang, 0)["restated_below"] == 0.0


# A notice long enough for a paragraph, that the kept run opens on, above the headline.
SCRIPT_NOTICES = {
    "en": "Please note: to use all the functions of these pages, you should switch on "
          "JavaScript in the settings of your browser.",
    "de": "Bitte beachten Sie: Um alle Funktionen dieser Seiten nutzen zu können, sollten "
          "Sie JavaScript in den Einstellungen Ihres Browsers aktivieren.",
    "ru": "Обратите внимание: чтобы пользоваться всеми функциями этих страниц, включите "
          "JavaScript в настройках вашего браузера прямо сейчас.",
    "ar": "يرجى الملاحظة: لاستخدام جميع وظائف هذه الصفحات، يجب عليك تفعيل جافا سكريبت في "
          "إعدادات المتصفح الخاص بك الآن من فضلك.",
    "zh": "请注意：为了使用本网站的全部功能，建议您在浏览器的设置中启用JavaScript，否则部分内容可能"
          "无法正常显示。",
}


@pytest.mark.parametrize("lang", sorted(SCRIPT_NOTICES))
def test_a_headline_printed_twice_past_a_notice_the_article_opens_on(lang, monkeypatch):
    """The kept run opens on a notice as long as a paragraph, which ends the article's
    lead; the headline, printed twice, follows it; above the article only a section's
    line scores at all. The headline is the title, the text the same as without the
    look past the lead."""
    from stripper.metadata import title as title_module

    notice, headline = SCRIPT_NOTICES[lang], HEADLINES[lang]
    page = _page(MENU, "Weather and traffic news", notice, headline, headline, _body(lang),
                 FOOTER, "Weather and traffic news")
    result = stripper.strip(page, kind="text")
    assert result.metadata.title == headline
    monkeypatch.setattr(title_module, "WEAK_TITLE", float("-inf"))
    without = stripper.strip(page, kind="text")
    assert without.metadata.title != headline
    assert without.text == result.text


# A headline a renderer broke before the colon an inline element opened with, its
# standfirst run on below it with no blank line between.
BROKEN = {"en": ("Harbour library", ": council keeps it open for five more years",
                 "The members decided after a long debate about the costs of the repairs."),
          "de": ("Hafenbibliothek", ": Stadtrat lässt sie fünf weitere Jahre offen",
                 "Die Mitglieder entschieden nach einer langen Debatte über die Kosten."),
          "ru": ("Портовая библиотека", ": совет сохранил её ещё на пять лет",
                 "Члены совета решили так после долгого спора о расходах на ремонт."),
          "ar": ("مكتبة الميناء", ": المجلس يبقيها مفتوحة خمس سنوات أخرى",
                 "قرر الأعضاء ذلك بعد نقاش طويل حول تكاليف الترميم."),
          "zh": ("港口图书馆", "：市议会决定再开放五年",
                 "议员们在关于维修费用的长时间辩论之后作出了决定。")}


@pytest.mark.parametrize("lang", sorted(BROKEN))
def test_a_headline_broken_before_its_colon(lang):
    """"Topic" over ": what happened" over the standfirst, no blank line between: the
    two first lines are the title, as one; under a menu item they are not joined."""
    from stripper.metadata.title import _broken_at_colon

    topic, rest, dek = BROKEN[lang]
    page = _page(MENU, [topic, rest, dek, ""], "Photo: Example Agency", _body(lang), FOOTER)
    assert stripper.strip(page, kind="text").metadata.title == topic + rest
    B = Category.BOILERPLATE
    blocks = _blocks([(topic, B), (rest, B)], lang)
    assert _broken_at_colon(blocks, blocks[1]) == topic + rest
    blocks = _blocks([(f"* {topic}", B), (rest, B)], lang)
    assert _broken_at_colon(blocks, blocks[1]) is None


@pytest.mark.parametrize("lang", sorted(HEADLINES))
def test_a_headline_printed_twice_over_a_long_run_of_chrome(lang, monkeypatch):
    """The headline, printed twice, then more lines of a menu than the look above the
    article reaches, and only a section's line above the article: the headline is the
    title, the text the same as without the look further up."""
    from stripper.metadata import title as title_module

    headline = HEADLINES[lang]
    menu = [f"* Section {i}" for i in range(64)] + [""]
    page = _page(MENU, headline, "(BUTTON) Share", headline, menu, "Weather and traffic news",
                 _body(lang), FOOTER, "Weather and traffic news")
    result = stripper.strip(page, kind="text")
    assert result.metadata.title == headline
    monkeypatch.setattr(title_module, "FAR_BLOCKS", 0)
    without = stripper.strip(page, kind="text")
    assert without.metadata.title != headline
    assert without.text == result.text


# A headline the renderer wrapped, its last word on a line of its own (lynx centres a
# heading's lines). No CJK: its lines wrap without spaces, so no word is set apart.
WRAPPED = {"en": "Council keeps the old harbour library open for five more years",
           "de": "Stadtrat lässt die alte Hafenbibliothek fünf weitere Jahre offen",
           "ru": "Городской совет сохранил старую портовую библиотеку ещё на пять лет",
           "ar": "المجلس البلدي يبقي مكتبة الميناء القديمة مفتوحة خمس سنوات أخرى"}


@pytest.mark.parametrize("lang", sorted(WRAPPED))
def test_a_wrapped_headline_whose_last_word_is_set_apart(lang):
    """The headline's last word, set apart below its first line with a blank line after,
    and the page's top line printing it whole: the two lines are the title, as one; a
    word beside a line that the page never prints with it (a control) is no part of it."""
    from stripper.metadata.title import _wrapped_rest

    headline = WRAPPED[lang]
    first, last = headline.rsplit(" ", 1)
    page = _page(f"{headline} - Example Media", MENU, [first, f"{' ' * 12}{last}", ""],
                 "Weather and traffic news", "Short teaser line of other news", _body(lang),
                 FOOTER)
    assert stripper.strip(page, kind="text").metadata.title == headline
    B = Category.BOILERPLATE
    lines = [(f"{headline} - Example Media", B), (first, B), (last, B), (BODY[lang][0], B)]
    blocks = _blocks(lines, lang)
    # a blank line between the pair and the text
    blocks[3].start, blocks[3].end = 4, 5
    assert _wrapped_rest(blocks, blocks[1]) == headline
    blocks = _blocks([(first, B), ("Close", B), (BODY[lang][0], B)], lang)
    blocks[2].start, blocks[2].end = 3, 4
    assert _wrapped_rest(blocks, blocks[0]) is None


# A headline of a few words over a standfirst of one short sentence, which the page
# prints again at its foot (a share line's text).
SHORT_DEKS = {"en": ("Harbour library saved",
                     "The council voted to keep the old harbour library open."),
              "ar": ("إنقاذ مكتبة الميناء القديمة",
                     "صوّت المجلس البلدي على إبقاء مكتبة الميناء القديمة مفتوحة.")}


@pytest.mark.parametrize("lang", sorted(SHORT_DEKS))
def test_a_short_standfirst_under_its_headline(lang):
    """A sentence right below a shorter headline-shaped line is the standfirst, though
    it repeats and the article uses all its words: the line above is the title."""
    headline, dek = SHORT_DEKS[lang]
    page = _page(MENU, headline, dek, "By Jane Doe", _body(lang), FOOTER, dek)
    assert stripper.strip(page, kind="text").metadata.title == headline
    B = Category.BOILERPLATE
    assert _signals([(headline, B), (dek, B)], lang, 1)["under_headline"] == 1.0
    assert _signals([(headline, B), (dek + "..", B)], lang, 1)["under_headline"] == 0.0
    assert _signals([(dek, B), (headline, B)], lang, 1)["under_headline"] == 0.0


@pytest.mark.parametrize("lang", sorted(SCRIPT_NOTICES))
def test_a_headline_past_a_notice_that_the_top_line_holds(lang):
    """As above, the headline past a notice that ends the lead, printed once more only
    inside the page's top line (a renderer's list of the page's feeds and titles):
    that repeat is enough for it to be the title."""
    headline = HEADLINES[lang]
    top = f"#Example Media » Feed Example Media » {headline} Comments Feed"
    page = _page(top, MENU, "Weather and traffic news", SCRIPT_NOTICES[lang], headline,
                 _body(lang), FOOTER, "Weather and traffic news")
    assert stripper.strip(page, kind="text").metadata.title == headline


# The end of a caption the renderer wrapped inside its brackets ("[Photo = Agency]").
BRACKET_TAILS = {"en": "harbour library]", "ru": "портовая библиотека]",
                 "ar": "مكتبة الميناء)", "zh": "图片来源：港口旧图书馆档案室】"}


@pytest.mark.parametrize("lang", sorted(BRACKET_TAILS))
def test_a_line_closing_a_bracket_it_never_opened_holds_no_title(lang):
    """A short line just above the article that closes a bracket it never opened is
    the wrapped end of a caption: never offered for the title's words; the line above
    it still is."""
    from stripper.metadata.title import _more_candidates

    B = Category.BOILERPLATE
    lines = [("* Home", B), ("Old photo of the reading room", B), (BRACKET_TAILS[lang], B),
             (BODY[lang][0], B)]
    blocks = _blocks(lines, lang)
    for block in blocks:  # a blank line after each
        block.start, block.end = 2 * block.index, 2 * block.index + 1
    texts = [item.text for item in _more_candidates(blocks, 3, 0, 3, [])]
    assert texts == ["Old photo of the reading room"]
