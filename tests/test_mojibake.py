"""Doubly encoded UTF-8 is read right at decode time, in every script."""

import sys

import pytest

import stripper
from stripper.decode import decode
from stripper.mojibake import repaired

PROSE = {
    "de": "Die Straßenbahn fährt über die Brücke, und die Bürger kommen wieder pünktlich an.",
    "fr": "L'été dernier, la mairie a décidé de rénover l'école — les élèves étaient ravis.",
    "ru": "Городской совет утвердил бюджет во вторник после долгих споров о ремонте дорог.",
    "ar": "وافق المجلس البلدي على الميزانية الجديدة يوم الثلاثاء بعد نقاش طويل حول الطرق.",
    "zh": "市议会周二在长时间辩论后批准了新的预算，市长表示计划将于下周全文公布。",
}


def as_latin1_mojibake(text: str) -> str:
    """What a renderer writes when it reads UTF-8 as Latin-1 (lynx with no charset)."""
    return text.encode("utf-8").decode("latin-1")


def as_cp1252_mojibake(text: str) -> str:
    """... or as windows-1252 (its five gaps kept as the Latin-1 control they are)."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


@pytest.mark.parametrize("lang", sorted(PROSE))
@pytest.mark.parametrize("garble", [as_latin1_mojibake, as_cp1252_mojibake])
def test_doubly_encoded_prose_is_read_right(lang, garble):
    garbled = garble(PROSE[lang])
    assert garbled != PROSE[lang]
    assert repaired(garbled) == PROSE[lang]


def test_a_page_with_right_and_garbled_lines_keeps_the_right_ones():
    right = "Sie sagte: „Wir fahren morgen.“"
    page = f"{right}\n{as_latin1_mojibake(PROSE['de'])}\n"
    assert repaired(page) == f"{right}\n{PROSE['de']}\n"


@pytest.mark.parametrize("text", [
    "São Paulo e Brasília são cidades do Brasil.",  # ã before a letter is no mojibake
    "Ã is a letter too, in one name.",  # a single odd pair is left alone
    # a letter before a soft hyphen or a closing quote is no encoded sequence
    "Die Fä\u00adhre fährt, sagt er, „nur bis zur Schleuse, das ist nicht so groß“. "
    "Die Grä\u00adfin meint: „Das Wetter ist heute schön, aber nicht heiß“.",
    "El alcalde dijo “sí” y la concejal respondió “aquí”, según el acta de la sesión.",
    PROSE["fr"], PROSE["ar"], PROSE["zh"],
])
def test_clean_text_is_left_alone(text, monkeypatch):
    """... without a call to ftfy, which costs tens of milliseconds on a large page."""
    import types

    def refuse(_text):
        raise AssertionError("clean text was sent to ftfy")

    monkeypatch.setitem(sys.modules, "ftfy", types.SimpleNamespace(fix_encoding=refuse))
    assert repaired(text) is text


def test_decode_says_it_repaired_and_strip_copies_repaired_lines():
    lines = [
        "Startseite | Nachrichten | Sport",
        "",
        *[f"{PROSE['de']} Absatz {n}." for n in range(4)],
        "",
        "© 2025 Beispiel Verlag",
    ]
    raw = as_latin1_mojibake("\n".join(lines)).encode("utf-8")
    text, encoding = decode(raw)
    assert encoding == "utf-8, mojibake repaired"
    result = stripper.strip(raw, kind="text")
    assert result.encoding == encoding
    assert "Straßenbahn fährt über" in result.text
    inputs = {line.strip() for line in text.splitlines()}
    assert all(line.strip() in inputs for line in result.text.splitlines() if line.strip())


def test_clean_bytes_keep_their_encoding_name():
    assert decode(PROSE["ru"].encode("utf-8")) == (PROSE["ru"], "utf-8")


def test_the_byte_scan_reads_the_same_continuations_as_the_prose_says():
    """The signature's continuation bytes are exactly what Latin-1 and windows-1252
    print for 0x80-0xBF, in UTF-8."""
    import re

    from stripper.mojibake import _CONT

    cont = re.compile(_CONT + rb"\Z")
    printed = {bytes([b]).decode("latin-1") for b in range(0x80, 0xC0)}
    printed |= {c for b in range(0x80, 0xC0)
                if (c := bytes([b]).decode("cp1252", errors="ignore"))}
    for code in range(0x80, 0x2200):
        char = chr(code)
        assert bool(cont.match(char.encode("utf-8"))) == (char in printed), hex(code)
