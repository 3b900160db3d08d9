"""parse() reads a page from the bytes it was decoded from, or from the text
encoded anew, or from the text itself: the tree is the same whichever it takes."""

from __future__ import annotations

import pytest
from lxml import etree

from stripper.html.decode import decode_html, utf8_source
from stripper.html.parse import parse

PAGES = [
    "<html><body><p>plain ASCII</p></body></html>",
    "<html><body><p>Grüße, naïve café</p></body></html>",
    "<html><body><p>中文的段落 and 😀 four-byte characters</p></body></html>",
    "<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>é after a declaration</p>",
    "<html><head><meta charset='iso-8859-1'></head><body><p>é ü, declared otherwise</p>",
    "<html><body><p>a NUL\x00 in é text</p></body></html>",
]


def _tree(root) -> str:
    return etree.tostring(root, encoding=str)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_parses_alike_from_its_bytes_and_from_its_text(page):
    text, _ = decode_html(page.encode("utf-8"))
    from_bytes = parse(text)  # (the bytes decode_html kept, where the text is theirs)
    assert _tree(from_bytes) == _tree(parse(page))


def test_the_kept_bytes_serve_only_their_own_text_and_only_once():
    text, _ = decode_html("<p>é</p>".encode())
    assert utf8_source("<p>é</p>") is None  # an equal str that is not the decoded one
    text, _ = decode_html("<p>é</p>".encode())
    assert utf8_source(text) == "<p>é</p>".encode()
    assert utf8_source(text) is None  # forgotten once asked for
