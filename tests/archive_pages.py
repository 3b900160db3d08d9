"""Small WARC and WET archives for the archive and datatrove tests, built with warcio.

The pages are written for these tests (news-like pages with menus and footers in
several scripts); nothing is copied from the development sets.
"""

from __future__ import annotations

import io
import os

ARTICLES = {
    "en": ("Harbour bridge reopens after repairs",
           ["The old harbour bridge reopened to traffic on Monday morning after eight months "
            "of repairs to its steel deck and cables, the city's transport office said.",
            "Engineers replaced more than two hundred rusted bolts and repainted the whole "
            "span, and cyclists now have a separate lane on the eastern side of the road.",
            "Shop owners near the bridge said the closure had cost them many customers, and "
            "they hope the spring festival next month will bring visitors back to the quay."]),
    "ar": ("افتتاح مكتبة جديدة في وسط المدينة",
           ["افتتحت البلدية يوم الأحد مكتبة عامة جديدة في وسط المدينة تضم أكثر من عشرين ألف "
            "كتاب باللغتين العربية والإنجليزية، إلى جانب قاعة كبيرة للمطالعة.",
            "وقال مدير المكتبة إن المبنى سيفتح أبوابه كل يوم من الساعة التاسعة صباحا حتى "
            "العاشرة مساء، وإن الدخول سيكون مجانيا لجميع السكان والطلاب.",
            "وأضاف أن المكتبة ستنظم ورشات أسبوعية للأطفال في القراءة والكتابة، وأمسيات شعرية "
            "يشارك فيها كتاب من المنطقة خلال أشهر الصيف المقبلة."]),
    "zh": ("城市公园完成改造重新开放",
           ["经过一年的改造，市中心的老公园于本周六重新向市民开放，园内新增了三条步行道和一个儿童游乐区。",
            "公园管理处表示，改造期间共种植了两千多棵树木，并修复了湖边的旧亭子，让游客可以在那里休息和观赏风景。",
            "附近的居民说，他们每天早上都会来公园散步和锻炼，希望以后能有更多这样安静舒适的公共空间。"]),
    "ru": ("В городе открылся новый музей истории",
           ["В субботу в центре города открылся новый музей местной истории, в котором собраны "
            "старые фотографии, письма и предметы быта прошлого века.",
            "Директор музея рассказал, что большую часть экспонатов передали жители города, "
            "которые хранили их в своих семьях много лет.",
            "Вход в музей в первый месяц будет бесплатным, а по выходным для школьников "
            "будут проводиться экскурсии и занятия."]),
}

# Too short for a detector to tell KOI8-R from other code pages: only the header can.
NOTICE_TITLE = "Музей открыт"
NOTICE_PAGE = (f"<html><head><title>{NOTICE_TITLE}</title></head>"
               f"<body><p>{NOTICE_TITLE}</p></body></html>")

MENU = ["Home", "News", "Sport", "Weather", "Contact"]
FOOTER = "© 2025 Example Media. All rights reserved."


def html_page(lang: str, *, meta_charset: str | None = "utf-8") -> str:
    title, paragraphs = ARTICLES[lang]
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    direction = ' dir="rtl"' if lang == "ar" else ""
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="{lang}"{direction}><head>{meta}<title>{title}</title>'
            f'</head><body><nav><ul>{menu}</ul></nav><article><h1>{title}</h1>{body}</article>'
            f"<footer><p>{FOOTER}</p></footer></body></html>")


def text_dump(lang: str) -> str:
    title, paragraphs = ARTICLES[lang]
    return "\n".join([" | ".join(MENU), "", title, "", *[p + "\n" for p in paragraphs], FOOTER])


def _response(writer, uri: str, body: bytes, content_type: str, status: str = "200 OK"):
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders(status, [("Content-Type", content_type),
                                     ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                     http_headers=http)


def write_warc(path: str, *, gzip: bool = True, oversize: int = 0, truncate: bool = False,
               pages: tuple[str, ...] = ("en", "ar", "zh")) -> dict[str, str]:
    """A WARC of HTML pages (plus a request, a PDF, a 404, a legacy-charset page whose
    charset only the HTTP header names, and optionally an oversize page and a cut-off
    last record). Returns {target URI: what it is}."""
    from warcio.warcwriter import WARCWriter

    made: dict[str, str] = {}
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(b"software: tests\r\n"),
            warc_headers_dict={"Content-Type": "application/warc-fields"}))
        for lang in pages:
            uri = f"https://news.example.{lang}/story-{lang}"
            writer.write_record(writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                warc_headers_dict={"Content-Type": "application/http; msgtype=request"}))
            writer.write_record(_response(writer, uri, html_page(lang).encode("utf-8"),
                                          "text/html; charset=utf-8"))
            made[uri] = f"html-{lang}"
        legacy = "https://news.example.ru/legacy"
        writer.write_record(_response(writer, legacy,
                                      html_page("ru", meta_charset=None).encode("cp1251"),
                                      "text/html; charset=windows-1251"))
        made[legacy] = "html-ru-cp1251"
        notice = "https://news.example.ru/notice"
        writer.write_record(_response(writer, notice, NOTICE_PAGE.encode("koi8-r"),
                                      "text/html; charset=koi8-r"))
        made[notice] = "html-ru-koi8r"
        pdf = "https://files.example.com/report.pdf"
        writer.write_record(_response(writer, pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
                                      "application/pdf"))
        made[pdf] = "pdf"
        missing = "https://news.example.com/gone"
        writer.write_record(_response(writer, missing, b"<html><body>Not found</body></html>",
                                      "text/html", status="404 Not Found"))
        made[missing] = "404"
        if oversize:
            big = "https://news.example.com/huge"
            filler = "<p>" + "padding text " * (oversize // 13 + 1) + "</p>"
            writer.write_record(_response(writer, big, html_page("en").replace(
                "</article>", filler + "</article>").encode("utf-8"), "text/html"))
            made[big] = "oversize"
        if truncate:
            last = "https://news.example.com/cut-off"
            writer.write_record(_response(writer, last, html_page("en").encode("utf-8"),
                                          "text/html; charset=utf-8"))
            made[last] = "truncated"
    if truncate:
        size = os.path.getsize(path)
        with open(path, "rb+") as fh:
            fh.truncate(size - 300)
    return made


def write_wet(path: str, *, gzip: bool = True,
              pages: tuple[str, ...] = ("en", "ar", "zh", "ru")) -> dict[str, str]:
    """A WET file: a warcinfo record, then one conversion record per page."""
    from warcio.warcwriter import WARCWriter

    made: dict[str, str] = {}
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(b"software: tests\r\n"),
            warc_headers_dict={"Content-Type": "application/warc-fields"}))
        for lang in pages:
            uri = f"https://news.example.{lang}/story-{lang}"
            writer.write_record(writer.create_warc_record(
                uri, "conversion", payload=io.BytesIO(text_dump(lang).encode("utf-8")),
                warc_headers_dict={"Content-Type": "text/plain"}))
            made[uri] = f"text-{lang}"
        empty = "https://news.example.com/blank"
        writer.write_record(writer.create_warc_record(
            empty, "conversion", payload=io.BytesIO(b"  \n"),
            warc_headers_dict={"Content-Type": "text/plain"}))
        made[empty] = "empty"
    return made
