"""measure() / measure_blocks(): counts, punctuation, links, stopwords, repetition."""

from __future__ import annotations

import pytest
from conftest import features_of

from stripper.features import measure_blocks, normalise, tokens
from stripper.language import stopwords_for
from stripper.segment.text import segment_text


@pytest.mark.parametrize(
    "text, words",
    [
        ("The cat sat on the mat.", 6),
        ("Die Straße über den Fluss ist gesperrt.", 7),
        ("ذهب الولد إلى المدرسة صباحاً.", 5),
        ("Мама мыла раму вчера.", 4),
        ("کتاب را روی میز گذاشتم.", 5),
        ("我们今天去北京。", 7),  # CJK: one word a character
        ("我们 today 去北京", 6),  # 5 Han characters + 1 Latin word
        ("", 0),
        ("— … —", 0),
    ],
)
def test_word_counts(text, words):
    assert features_of(text).words == words


def test_cjk_flag_only_for_cjk_text():
    assert features_of("卫生部今天宣布在首都开设一家新医院。").cjk
    assert not features_of("The cat sat on the mat.").cjk
    assert not features_of("ذهب الولد إلى المدرسة").cjk


@pytest.mark.parametrize(
    "text",
    [
        "The meeting ended late.",
        "هل هذا صحيح؟",
        "What happened next?",
        "Stop it now!",
        "یہ کتاب بہت اچھی ہے۔",
        "今天天气很好。",
        "太好了！",
        "真的吗？",
        "And then the lights went out…",
        "Он сказал: «Всё будет хорошо.»",
        "She said: “It works.”",
        "彼は「よろしくお願いします。」",
        "The end.   ",
    ],
)
def test_terminal_punctuation(text):
    assert features_of(text).terminal_punct


@pytest.mark.parametrize(
    "text",
    ["Home", "Related articles", "Главная страница", "الأكثر قراءة", "相关阅读", "Price 12,50"],
)
def test_no_terminal_punctuation(text):
    assert not features_of(text).terminal_punct


@pytest.mark.parametrize(
    "text",
    [
        "https://news.example/world/2024/03/story.html",
        "www.example.org",
        "info@zeitung.example",
    ],
)
def test_urls_and_emails_are_link_like(text):
    assert features_of(text).link_like >= 0.5


def test_sentence_with_an_address_is_somewhat_link_like():
    f = features_of("For tickets write to tickets@theatre.example before the end of May.")
    assert 0 < f.link_like < 1


@pytest.mark.parametrize(
    "text",
    [
        "A normal sentence without any links in it.",
        "قال الوزير إن الحكومة ستواصل العمل.",
        "Президент подписал закон в среду.",
    ],
)
def test_plain_text_is_not_link_like(text):
    assert features_of(text).link_like == 0


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "The minister said that the new bridge would be opened in the spring."),
        ("ar", "قال الوزير إن الجسر الجديد سيفتتح في فصل الربيع من هذا العام."),
        ("ru", "Министр сказал, что новый мост откроют весной этого года."),
        ("zh", "部长说，这座新桥将在今年春天开通。"),
        ("de", "Der Minister sagte, dass die neue Brücke im Frühjahr eröffnet wird."),
        ("fa", "وزیر گفت که پل جدید در بهار امسال افتتاح می‌شود."),
    ],
)
def test_stopword_ratio_positive_for_normal_sentences(language, text):
    f = features_of(text, language)
    assert 0 < f.stopword_ratio < 1


def test_stopword_ratio_zero_without_a_language():
    assert features_of("The minister said that it would open.", None).stopword_ratio == 0


def test_stopword_ratio_low_for_a_menu():
    menu = features_of("News Sport Business Culture Weather Travel", "en")
    prose = features_of("It was the best of times and it was the worst of times.", "en")
    assert menu.stopword_ratio < prose.stopword_ratio


def test_bullet_flag():
    assert features_of("  * first item").bullet
    assert features_of("• item").bullet
    assert features_of("1. item").bullet
    assert not features_of("1999 was a good year.").bullet


@pytest.mark.parametrize("line", [
    "   ☆ third level of a w3m list", "□ Kultur", "     # fourth level in lynx",
    "       @ fifth level in lynx", "   o 相关新闻", "   o Übersicht", "   o أخبار العالم",
])
def test_renderers_nested_bullets_are_bullets(line):
    assert features_of(line).bullet


@pytest.mark.parametrize("line", ["o bien se quedan en casa", "#1 in the charts", "@user said"])
def test_bullet_look_alikes_in_prose_are_not_bullets(line):
    assert not features_of(line).bullet


def test_letter_ratio():
    assert features_of("12:30 04.05.2024").letter_ratio == 0
    assert features_of("abc").letter_ratio == 1
    assert features_of("مرحبا").letter_ratio == 1
    assert 0.4 < features_of("ab 12").letter_ratio < 0.6


def test_repetition_counts():
    text = "\n\n".join([
        "Share this",
        "The first paragraph of the story.",
        "Share this",
        "GMT 03:06",
        "GMT 14:36",  # the same once digits are dropped
        "share  THIS!",  # case and punctuation do not matter
        "The second paragraph of the story.",
    ])
    _, blocks = segment_text(text)
    measure_blocks(blocks, stopwords_for("en"))
    repeats = {b.text: b.features.repeats for b in blocks}
    assert repeats["Share this"] == 3
    assert repeats["share  THIS!"] == 3
    assert repeats["GMT 03:06"] == 2
    assert repeats["The first paragraph of the story."] == 1
    assert repeats["The second paragraph of the story."] == 1


def test_normalise_and_tokens():
    assert normalise("  Hello, World! 2024 ") == "hello world"
    assert tokens("北京 Beijing") == ["北", "京", "beijing"]


def test_a_lynx_link_inside_an_unspaced_paragraph_leaves_it_prose():
    """In Chinese or Japanese the whole paragraph is one space-free token; a lynx
    marker on a name inside it must not make the paragraph a link."""
    paragraph = ("市议会周二晚间投票决定，港口旁的老图书馆将至少再开放五年。[12]议员们在长时间"
                 "辩论后表示，这座建筑的状况比此前一份调查所说的要好得多，屋顶的维修费用也不到最初估计的一半。")
    assert features_of(paragraph).link_like < 0.5
    assert features_of("[12]首页 [13]新闻 [14]体育").link_like >= 0.9
    assert features_of("https://news.example/world/2024/03/a-very-long-story-address.html"
                       ).link_like >= 0.9


def test_decision_text_drops_renderer_markers_only():
    from stripper.features import decision_text
    assert decision_text("[12]Most Popular [right.png]") == "Most Popular"
    assert decision_text("(BUTTON) Подписаться [ ]") == "Подписаться"
    assert decision_text("الأكثر قراءة [IMG]") == "الأكثر قراءة"
    assert decision_text("[12]") == "[12]"  # nothing left: the text stays as it was
    assert decision_text("see [note 3] in 图表.png") == "see [note 3] in 图表.png"


@pytest.mark.parametrize("text, language", [
    ("The [12]council voted on Tuesday to keep the old [13]library open, and the "
     "[14]mayor said the roof would be repaired by the end of [15]the summer.", "en"),
    ("Совет [12]города решил во вторник оставить старую [13]библиотеку открытой ещё на "
     "пять лет, а [14]мэр пообещал отремонтировать крышу до конца лета.", "ru"),
])
def test_inline_lynx_links_in_a_long_sentence_leave_it_prose(text, language):
    assert features_of(text, language).link_like < 0.3


@pytest.mark.parametrize("text, at_least", [
    ("[12]Home [13]News [14]Sport [15]Business [16]Culture", 0.5),
    ("[12]Council to vote on new parking rules", 0.5),  # a headline: no sentence
    ("Read the full report at https://example.org/report and the council's minutes "
     "at [14]the town hall page, published on Tuesday evening.", 0.3),  # a URL
])
def test_link_lines_stay_link_like(text, at_least):
    assert features_of(text, "en").link_like >= at_least


@pytest.mark.parametrize("line, link_led", [
    ("By [47]Jane Doe, Chief Reporter", False),
    ("Автор: [3]Иван Петров, корреспондент", False),
    ("بقلم [9]أحمد سالم، مراسل الشؤون المحلية", False),
    ("* [45]News", True),
    ("(BUTTON) [73]Subscribe now", True),  # a button label is no words of the line's own
    ("Leave a comment [131]Share on Facebook [132]Share via WhatsApp", True),  # a row of links
])
def test_one_lynx_link_after_words_of_its_own_is_no_menu_item(line, link_led):
    """A short line with a linked name in it (a byline) is not navigation; a line that
    opens with a link, or holds a row of them, is."""
    assert (features_of(line).link_like >= 0.5) is link_led


def test_a_word_lynx_numbers_as_a_link_inside_a_line_is_no_menu_item():
    from stripper.features import linked_word_in_line

    assert linked_word_in_line("kernige [248]Haferflocken")
    assert linked_word_in_line("2 EL gehackte [252]Haselnüsse")
    assert linked_word_in_line("щепотка [17]корицы")
    assert not linked_word_in_line("* [45]News")  # a menu item opens with its link
    assert not linked_word_in_line("[247]Haferdrink (Hafermilch) oder Wasser")
    assert not linked_word_in_line("Mehr [3]Rezepte [4]Tipps")  # two links: a row
    assert not linked_word_in_line("Quelle: [5]https://example.org/a")  # a URL

