"""detect_language() on a few sentences per language."""

from __future__ import annotations

import pytest

from stripper.language import detect_language, stopwords_for

SAMPLES = {
    "ar": [
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة بعد ثلاث سنوات من العمل.",
        "وقال الوزير إن المستشفى سيخدم أكثر من مليون مواطن في المنطقة والمناطق المجاورة لها.",
    ],
    "en": [
        "The health ministry announced on Tuesday that a new hospital would open next month.",
        "The minister said the hospital would serve more than a million people in the region.",
    ],
    "de": [
        "Das Gesundheitsministerium hat am Dienstag die Eröffnung eines neuen Krankenhauses "
        "angekündigt.",
        "Der Minister sagte, das Krankenhaus werde mehr als eine Million Menschen versorgen.",
    ],
    "ru": [
        "Министерство здравоохранения во вторник объявило об открытии новой больницы в столице.",
        "Министр сказал, что больница будет обслуживать более миллиона жителей этого региона.",
    ],
    "zh": [
        "卫生部今天宣布在首都开设一家新医院，这家医院将于下个月正式开放。",
        "部长说，这家医院将为该地区一百多万居民提供服务。",
    ],
    "fa": [
        "وزارت بهداشت امروز از افتتاح یک بیمارستان جدید در پایتخت خبر داد و گفت که این "
        "بیمارستان به بیش از یک میلیون نفر خدمت می‌کند.",
        "به گفته وزیر، ساخت این بیمارستان سه سال پیش آغاز شده است و هزینه آن را دولت "
        "پرداخت کرده است.",
    ],
    "ur": [
        "وزارت صحت نے منگل کو اعلان کیا ہے کہ دارالحکومت میں ایک نیا ہسپتال "
        "اگلے مہینے کھل جائے گا۔",
        "وزیر نے کہا کہ یہ ہسپتال علاقے کے دس لاکھ سے زیادہ لوگوں کو خدمات فراہم کرے گا۔",
    ],
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_detect_language(language):
    assert detect_language(SAMPLES[language]) == language


def test_long_lines_outvote_menus():
    menu = ["Home", "News", "Sport", "Login", "Contact", "About us"]
    assert detect_language(menu + SAMPLES["ru"] + menu) == "ru"


@pytest.mark.parametrize("lines", [[], [""], ["12:30", "2024-01-05", "— • —"]])
def test_no_letters_no_language(lines):
    assert detect_language(lines) is None


def test_stopwords_for_unknown_or_missing_language_is_empty():
    assert not stopwords_for(None).available
    assert not stopwords_for("xx-not-a-language").available
    assert stopwords_for("en").available
    assert "the" in stopwords_for("en").words


def test_a_sample_that_starts_without_letters_is_read_in_full():
    """The short first sample holds only long separator lines: the full sample decides."""
    rules = ["— " * 40] * 8
    assert detect_language(rules + SAMPLES["de"] * 3) == "de"


@pytest.mark.parametrize(("first_confidence", "expected_calls"), [(0.6, 2), (0.999, 1)])
def test_the_full_sample_is_read_only_when_the_short_one_leaves_the_model_unsure(
        monkeypatch, first_confidence, expected_calls):
    from stripper import language

    calls = []
    real = language._identifier()

    class Spy:
        def classify(self, text):
            calls.append(len(text))
            lang, _ = real.classify(text)
            return lang, first_confidence if len(calls) == 1 else 0.99

    monkeypatch.setattr(language, "_identifier", lambda: Spy())
    language._classify.cache_clear()  # judgements are remembered: the spy must see them
    assert detect_language(SAMPLES["ru"] * 20) == "ru"
    assert calls == [language._QUICK_SAMPLE, language._SAMPLE][:expected_calls]


def test_indonesian_clitics_carry_function_words():
    """-nya (his/her/the), -lah and -kah ride on the word before them: a sentence of
    them reads with as many function words as its whole-word count misses."""
    from stripper.language import stopwords_for

    sw = stopwords_for("id")
    words = ["presiden", "membeli", "dua", "sisir", "pisang", "lalu", "memberinya", "uang",
             "kepada", "pedagangnya"]
    plain = sum(w in sw.words for w in words) / len(words)
    assert sw.ratio(words) > plain
    assert "secara" in sw.words and "tersebut" in sw.words
