"""decode(): byte-order marks, UTF-8, legacy code pages, garbage; sniff_kind()."""

from __future__ import annotations

import codecs

import pytest

from stripper.decode import decode, sniff_kind

ARABIC = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة.\n"
    "وقال الوزير إن المستشفى سيخدم أكثر من مليون مواطن في المنطقة.\n"
    "وأضاف أن العمل بدأ قبل ثلاث سنوات بتمويل حكومي كامل.\n"
)
RUSSIAN = (
    "Министерство здравоохранения сегодня объявило об открытии новой больницы в столице.\n"
    "Министр сказал, что больница будет обслуживать более миллиона жителей региона.\n"
    "По его словам, строительство началось три года назад.\n"
)
CHINESE = (
    "卫生部今天宣布在首都开设一家新医院。\n"
    "部长说，这家医院将为该地区一百多万居民提供服务。\n"
    "他表示，建设工作三年前就开始了，全部由政府出资。\n"
)
POLISH = (
    "Rada miasta zebrała się we wtorek wieczorem, aby omówić nowy budżet. Po długiej "
    "dyskusji radni zgodzili się sfinansować remont starego mostu na rzece, który od "
    "wiosennej powodzi jest zamknięty dla ruchu. Prace mają się rozpocząć w maju.\n"
)
GERMAN = "Die Straße über den Fluss wird im Frühjahr für drei Wochen gesperrt.\n"


def test_str_input_is_returned_as_is():
    assert decode(ARABIC) == (ARABIC, None)


def test_utf8_bom_is_removed():
    text, encoding = decode(codecs.BOM_UTF8 + ARABIC.encode("utf-8"))
    assert text == ARABIC
    assert encoding is not None and encoding.replace("_", "-").startswith("utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sample", [RUSSIAN, CHINESE, GERMAN])
def test_utf16_with_bom(codec, sample):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text, encoding = decode(bom + sample.encode(codec))
    assert text == sample
    assert "16" in encoding


@pytest.mark.parametrize("sample", [ARABIC, RUSSIAN, CHINESE, GERMAN])
def test_utf8_without_bom(sample):
    assert decode(sample.encode("utf-8")) == (sample, "utf-8")


@pytest.mark.parametrize(
    "sample, codec",
    [(ARABIC, "windows-1256"), (RUSSIAN, "cp1251"), (CHINESE, "gb18030")],
)
def test_legacy_code_pages_are_detected(sample, codec):
    raw = sample.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the test input really is not UTF-8
    text, encoding = decode(raw)
    assert text == sample
    assert encoding is not None


@pytest.mark.parametrize("sample", [ARABIC, RUSSIAN, CHINESE])
def test_mostly_utf8_with_stray_windows_1252_bytes(sample):
    """A UTF-8 page with a phrase pasted from a windows-1252 source stays UTF-8."""
    pasted = "Zitat: \u201eSchöne Grüße\u201c \u2013 café".encode("cp1252")
    raw = sample.encode("utf-8") + pasted + sample.encode("utf-8")
    text, encoding = decode(raw)
    assert encoding == "utf-8"
    assert text == sample + "Zitat: \u201eSchöne Grüße\u201c \u2013 café" + sample


@pytest.mark.parametrize(
    "sample, codec",
    [(ARABIC * 5, "windows-1256"), (RUSSIAN * 5, "cp1251"), (CHINESE * 5, "gb18030"),
     (GERMAN * 20, "cp1252"), (POLISH * 3, "cp1250")],
)
def test_legacy_pages_are_not_taken_for_mostly_utf8(sample, codec):
    text, _ = decode(sample.encode(codec))
    assert text == sample


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        bytes(range(256)),
        b"\xff\xfe\xfd\x80\x81\x00\x00\xc3",
        b"\x00" * 64,
        b"\xef\xbb\xbf\xff\xff",  # a BOM followed by invalid UTF-8
        b"\xff\xfe\x00\xd8",  # UTF-16 BOM then a lone surrogate
        bytes(range(255, -1, -1)) * 40,
    ],
)
def test_garbage_never_raises(raw):
    text, _encoding = decode(raw)
    assert isinstance(text, str)


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html>\n<html><head><title>T</title></head><body><p>Hi</p></body></html>",
        "  <html lang='ar'><body><div>مرحبا</div></body></html>",
        "Some junk first\n<div class='a'><p>one</p><span>two</span></div>",
    ],
)
def test_sniff_html(text):
    assert sniff_kind(text) == "html"


@pytest.mark.parametrize(
    "text",
    [
        ARABIC,
        RUSSIAN,
        CHINESE,
        "Use the <p> tag for paragraphs, the manual says.\nSecond line of the dump.",
        "",
    ],
)
def test_sniff_text(text):
    assert sniff_kind(text) == "text"
