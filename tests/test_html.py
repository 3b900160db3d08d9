"""HTML pages: golden fixtures, metadata from <head>, decoding, malformed markup."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import stripper
from stripper.html.decode import declared_charset, decode_html
from stripper.html.parse import PageTooLarge

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"
GOLDEN = sorted(p.stem.removesuffix(".expected") for p in HTML.glob("*.expected.txt"))
PARAGRAPH = ("<p>The harbour committee met on Thursday evening and agreed, after a long "
             "debate, that the old crane would stay where it is for at least another year.</p>")


def strip_file(stem: str) -> stripper.Result:
    return stripper.strip((HTML / f"{stem}.html").read_bytes())


def test_golden_set_is_complete():
    for stem in ("en-news", "jsonld-differs", "forum-en", "cookie-wall", "ar-news",
                 "ar-legacy-cp1256", "nested-tables", "no-article"):
        assert stem in GOLDEN


@pytest.mark.parametrize("stem", GOLDEN)
def test_golden(stem):
    expected = (HTML / f"{stem}.expected.txt").read_text(encoding="utf-8")
    result = strip_file(stem)
    assert result.kind == "html"
    assert (result.text + "\n" if result.text else "") == expected


def test_no_article_is_empty():
    assert strip_file("no-article").text == ""


def test_comments_and_form_removed():
    result = strip_file("en-news")
    assert "Submit" not in result.text and "captcha" not in result.text.lower()
    assert any(b.category.value in ("comments", "comment-form") for b in result.removed)


def test_blocks_have_kind_path_and_reason():
    result = strip_file("en-blog")
    kinds = {b.kind for b in result.kept}
    assert {"paragraph", "heading", "list-item"} <= kinds
    assert all(b.path and b.path.startswith("html/body") for b in result.blocks)
    assert all(b.reason for b in result.blocks)


def test_json_ld_metadata():
    meta = strip_file("jsonld-differs").metadata
    assert meta.title == "Ferry timetable changes for winter"
    assert meta.published.iso == "2025-10-02T08:15:00+01:00"
    assert meta.author == "Mara Quill"
    assert meta.site_name == "Coastline Courier"
    assert meta.url == "https://courier.example/2025/ferry-winter"
    assert meta.tags == ["ferries", "transport"]
    assert meta.language == "en"


def test_visible_body_wins_over_json_ld():
    text = strip_file("jsonld-differs").text
    assert "half past seven" in text and "nine in the evening" not in text


def test_title_without_site_suffix():
    assert strip_file("cookie-wall").metadata.title == (
        "Allotment waiting list shrinks as new plots open")
    assert strip_file("nested-tables").metadata.title == "Village pond restored"


def test_cookie_wall_removed():
    result = strip_file("cookie-wall")
    assert "cookies" not in result.text
    assert any(b.category.value == "cookie" for b in result.removed)


def test_rtl_page():
    result = strip_file("ar-news")
    assert result.metadata.language == "ar"
    assert result.text.count("\n\n") >= 4


def test_legacy_code_page():
    raw = (HTML / "ar-legacy-cp1256.html").read_bytes()
    assert declared_charset(raw) == "cp1256"
    result = stripper.strip(raw)
    assert result.encoding == "cp1256"
    assert result.metadata.language == "ar"
    assert "مكتبة عامة" in result.text


def test_table_rows_are_blocks():
    rows = [b for b in strip_file("nested-tables").kept if b.kind == "table"]
    assert [b.text for b in rows] == ["Species Count", "Frogs 12", "Newts 5"]


# -- decoding


def test_utf8_wins_over_wrong_declaration():
    raw = '<meta charset="iso-8859-1"><p>Grüße aus Köln</p>'.encode()
    assert decode_html(raw) == ('<meta charset="iso-8859-1"><p>Grüße aus Köln</p>', "utf-8")


@pytest.mark.parametrize("declared", ["no-such-charset", "utf-16", "x-user-defined", ""])
def test_odd_declarations_never_crash(declared):
    raw = f'<meta charset="{declared}"><p>caf\xe9 cr\xe8me</p>'.encode("cp1252")
    text, _ = decode_html(raw)
    assert "café" in text or "caf" in text


def test_bom():
    raw = b"\xef\xbb\xbf<html><body><p>x</p></body></html>"
    assert decode_html(raw)[1] == "utf-8-sig"


def test_gb2312_declared():
    page = ('<html><head><meta charset="gb2312"></head>'
            "<body><p>山区小学开设种子课堂。</p></body></html>")
    text, enc = decode_html(page.encode("gb2312"))
    assert enc == "gb18030" and "种子课堂" in text


# -- malformed markup: a result or a clear error, quickly


def timed(raw) -> tuple[stripper.Result, float]:
    start = time.perf_counter()
    result = stripper.strip(raw, kind="html")
    return result, time.perf_counter() - start


def test_unclosed_tags():
    result, seconds = timed("<html><body><div><p>" + PARAGRAPH[3:-4] * 3 + "<p>" + PARAGRAPH[3:])
    assert "old crane" in result.text and seconds < 5


def test_mismatched_headings():
    result, _ = timed("<body><h2>Harbour news</h3>" + PARAGRAPH * 4 + "</body>")
    assert "old crane" in result.text


def test_nul_bytes():
    result, _ = timed(("<body>" + PARAGRAPH * 4 + "</body>").replace("crane", "cr\x00ane"))
    assert "\x00" not in result.text and "old crane" in result.text


def test_ten_thousand_deep_nesting():
    page = "<html><body>" + "<div>" * 10_000 + PARAGRAPH * 4 + "</div>" * 10_000 + "</body></html>"
    result, seconds = timed(page)
    assert seconds < 10
    assert "old crane" in result.text


def test_fifty_megabyte_page():
    page = "<html><body>" + PARAGRAPH * (50_000_000 // len(PARAGRAPH)) + "</body></html>"
    start = time.perf_counter()
    with pytest.raises(PageTooLarge, match="too large"):
        stripper.strip(page, kind="html")
    assert time.perf_counter() - start < 10


def test_fifty_megabytes_of_inline_data_still_give_a_result():
    blob = "A" * 50_000_000
    page = (f'<html><body><img src="data:image/png;base64,{blob}">'
            + PARAGRAPH * 4 + "</body></html>")
    result, seconds = timed(page)
    assert "old crane" in result.text and seconds < 15


@pytest.mark.parametrize("raw", ["", "<", "<html>", "\x00\x00", b"\xff\xfe<\x00", "<p>" * 5000])
def test_degenerate_inputs(raw):
    assert isinstance(stripper.strip(raw, kind="html").text, str)


def test_xhtml_with_an_xml_declaration_is_parsed():
    page = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
            "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>Ferry</title>"
            "</head><body><div id=\"content\"><h1>Ferry timetable changes</h1>"
            + "<p>The island ferry will run two extra crossings on Saturdays from June, the "
              "operator said, after a summer of full boats and long queues at the pier.</p>" * 3
            + "</div></body></html>")
    for raw in (page, page.encode("utf-8")):
        result = stripper.strip(raw)
        assert "two extra crossings" in result.text


def _blocks(body: str) -> list[str]:
    page = f"<html><body><article>{body}</article></body></html>".encode()
    return [b.text for b in stripper.strip(page, kind="html").blocks]


@pytest.mark.parametrize("body, expected", [
    # a newline in the markup is a space; only <br> breaks a line; <pre> keeps its own
    ("<p>Строка исходника\nпродолжается здесь</p>", ["Строка исходника продолжается здесь"]),
    ("<p>第一行<br>第二行</p>", ["第一行\n第二行"]),
    ("<p>سطر\r\n  ثانٍ<br/>\nسطر آخر</p>", ["سطر ثانٍ\nسطر آخر"]),
    ("<pre>def f():\n    return 1</pre>", ["def f():\n    return 1"]),
])
def test_line_breaks_come_from_br_not_markup_newlines(body, expected):
    assert _blocks(body) == expected


def test_hidden_and_inline_markup():
    blocks = _blocks(
        '<p>Visible <span class="sr-only">screen reader only</span><b>bold</b> and '
        '<em>emphasis</em><span hidden>gone</span><i style="display: none">also gone</i>.</p>'
        '<div class="d-none d-md-block"><p>Shown on wide screens</p></div>'
        '<div aria-hidden="true"><p>Hidden wholly</p></div>')
    assert blocks == ["Visible bold and emphasis.", "Shown on wide screens"]


def test_sentence_in_the_article_container_apart_from_the_run():
    """A short paragraph of the article, cut off from the kept run by a gallery and a
    related box, is still the article's: it is in the container and reads as a sentence."""
    long = ("The council met on Tuesday evening to discuss the new budget, and after a long "
            "debate the members agreed to fund the repairs of the old bridge over the river, "
            "which has been closed to traffic since the floods of last spring.")
    page = f"""<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article class="story"><h1>Bridge repairs approved</h1>
    <p>{long}</p><p>{long.replace('Tuesday', 'Monday')}</p>
    <figure><img src="a.jpg"><figcaption>Photo 1 of 12</figcaption></figure>
    <div class="box"><a href="/a">Other story one</a><a href="/b">Other story two</a></div>
    <p>Work on the bridge is expected to start in May, the mayor said.</p>
    </article><footer>© 2024 The Town Paper</footer></body></html>"""
    result = stripper.strip(page.encode(), kind="html")
    assert "expected to start in May" in result.text
    assert "Photo 1 of 12" not in result.text and "Other story" not in result.text


_BODY = ("The council met on Tuesday evening to discuss the new budget, and after a long "
         "debate the members agreed to fund the repairs of the old bridge over the river, "
         "which has been closed to traffic since the floods of last spring.")


def _news_page(under_headline: str) -> bytes:
    return f"""<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <main><h1>Bridge repairs approved</h1>{under_headline}
    <div class="story-body"><p>{_BODY}</p><p>{_BODY.replace('Tuesday', 'Monday')}</p></div>
    <section class="teaser-list"><div class="teaser"><a href="/a">
    <p>Flood defences: what the new plans mean for the riverside homes this year.</p></a>
    </div></section></main><footer>© 2024 The Town Paper</footer></body></html>""".encode()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_teaser_classed_lead_under_the_headline_is_the_articles(lang):
    lead = {"en": "After two years of closures, the town will finally repair its oldest "
                  "bridge, at a cost of four million euros.",
            "de": "Nach zwei Jahren Sperrung wird die Stadt ihre älteste Brücke endlich "
                  "sanieren lassen, für vier Millionen Euro."}[lang]
    result = stripper.strip(_news_page(f'<div class="teaser-text"><p>{lead}</p></div>'),
                            kind="html")
    assert lead in result.text
    assert result.text.index(lead) < result.text.index("The council met")
    assert "Flood defences" not in result.text  # a teaser of another story: a link
    lead_block = next(b for b in result.blocks if b.text == lead)
    assert lead_block.reason == "the article's lead, under its headline"


def test_two_teaser_paragraphs_under_the_headline_are_not_a_lead():
    teasers = "".join(f'<div class="teaser"><p>{t}</p></div>' for t in (
        "The mayor explains in an interview why the bridge matters to the whole town.",
        "Residents on both banks of the river tell us how the closure changed their lives."))
    result = stripper.strip(_news_page(teasers), kind="html")
    assert "The council met" in result.text
    assert "The mayor explains" not in result.text and "Residents on both" not in result.text


def test_element_paths_are_written_out_when_read():
    result = stripper.strip(b"<html><body><div><p>one</p><p>two</p></div></body></html>",
                            kind="html")
    first, second = result.blocks
    assert second.to_dict()["path"] == "html/body/div/p[2]"
    assert first.path == "html/body/div/p[1]"
    first.path = "set/by/hand"
    assert first.path == "set/by/hand"


@pytest.mark.parametrize("junk", ["\x01", "\x0b", "\x1f", "\x7f\x08"])
def test_control_characters_beside_hidden_elements(junk):
    """The parser lets control characters through; removing a hidden element must not
    hand them back to lxml's checked setters."""
    page = (f"<html><body><article><p>Kept paragraph one{junk} here.</p>"
            f"<div hidden>gone</div>{junk} tail text{junk}<span class='sr-only'>x</span>"
            f"{junk}<p>Another paragraph.</p></article></body></html>")
    result = stripper.strip(page.encode(), kind="html")
    texts = " ".join(b.text for b in result.blocks)
    assert "gone" not in texts and "tail text" in texts


def test_cards_wrapped_in_a_link_are_links():
    """<a><div><h3>…</h3><p>…</p></div></a>: every block of the card is link text."""
    cards = "".join(
        f'<a href="/story/{n}"><div class="card"><h3>{title}</h3><p>{teaser}</p></div></a>'
        for n, (title, teaser) in enumerate([
            ("Ferry timetable changes", "From next week the first ferry of the day leaves "
             "half an hour earlier, the operator said in a statement on Friday."),
            ("New school opens", "The new primary school on the hill opened its doors to "
             "two hundred pupils this morning, after three years of building work."),
        ]))
    page = f"""<html><body><main><h1>Bridge repairs approved</h1>
    <div class="story-body"><p>{_BODY}</p><p>{_BODY.replace('Tuesday', 'Monday')}</p>
    {cards}</div></main></body></html>""".encode()
    result = stripper.strip(page, kind="html")
    assert "The council met" in result.text
    assert "ferry" not in result.text.lower() and "school" not in result.text.lower()


@pytest.mark.parametrize("canonical", ["https://[bad/story", "http://[::1/x", "https://]/"])
def test_an_unreadable_canonical_address_is_no_address(canonical):
    page = (f'<html><head><link rel="canonical" href="{canonical}"></head><body><article>'
            f"<h1>Bridge repairs approved</h1><p>{_BODY}</p></article></body></html>")
    result = stripper.strip(page.encode(), kind="html")
    assert "The council met" in result.text
    assert stripper.strip(page.encode(), kind="html", url=canonical).text == result.text


def test_ruby_readings_are_not_text():
    """Furigana over kanji (<rt>) and the parentheses old browsers show (<rp>) are
    reading aids: the text is the base characters."""
    sentence = ("子どもへの体罰を禁止する法律ができました。"
                "親は子どもを叱るとき、手をあげてはいけません。")
    ruby = sentence.replace("体罰", "<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp></ruby>") \
                   .replace("法律", "<ruby>法律<rt>ほうりつ</rt></ruby>")
    html = (f"<html><body><article><h1>ニュース</h1><p>{ruby}</p><p>{ruby}</p>"
            "</article></body></html>")
    text = stripper.strip(html, kind="html").text
    assert sentence in text
    assert "たいばつ" not in text and "ほうりつ" not in text
