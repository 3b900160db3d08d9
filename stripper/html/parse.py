"""Markup → a cleaned lxml tree, safely.

lxml's HTML parser reads no network resources and resolves no external entities.
Its depth limit (256 elements) would silently drop the rest of a page nested deeper
— old pages with thousands of unclosed `<font>` tags do that — so a page that hits
it is parsed again with the limit raised to libxml2's "huge" maximum, and, if even
that is not enough, once more with its container tags flattened, and at last with
every tag that can nest removed. A tag's attributes past the 256th are dropped
first (stripper.html.guard: libxml2 compares each with all before it, so one tag with
100,000 took minutes). Size is guarded
here, not by libxml2: scripts, styles and inline data URIs are cut out first, and a
page still larger than `MAX_MARKUP_CHARS` is refused with a clear error.
"""

from __future__ import annotations

import re

from lxml import etree

from stripper.html.decode import utf8_source
from stripper.html.guard import cap_attributes

MAX_MARKUP_CHARS = 12_000_000
_BULKY = re.compile(
    r"<(script|style|svg|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->|data:[a-z/+.-]+;base64,[A-Za-z0-9+/=\s]{200,}",
    re.IGNORECASE | re.DOTALL,
)
_CONTAINERS = re.compile(
    r"</?(?:div|span|font|b|i|u|em|strong|center|section|small|big|a|table|tbody|tr|td|"
    r"article|main|aside|header|footer|nav|ul|ol|li|blockquote)\b[^>]*>",
    re.IGNORECASE,
)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)

# The last resort for nesting deeper than libxml2's limit even in "huge" mode (2,048)
# in tags the flattening above does not know (q, dl, fieldset, custom elements): every
# tag goes but those that cannot nest, so the page's text and paragraphs survive.
_UNNESTABLE = re.compile(
    r"<(?!/?(?:html|head|body|title|meta|link|base|p|br|hr|h[1-6]|img|wbr)\b)"
    r"/?[A-Za-z][^>]*>")


class PageTooLarge(ValueError):
    """The page is too large to parse safely."""


def _parser(huge: bool, utf8: bool) -> etree.HTMLParser:
    # Plain lxml elements: lxml.html's element classes make every node visit slower.
    # No id table: nothing looks elements up by id, and libxml2 hashes every id for it.
    return etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                            huge_tree=huge, default_doctype=False, collect_ids=False,
                            encoding="utf-8" if utf8 else None)


_PARSERS = {(huge, utf8): _parser(huge, utf8) for huge in (False, True) for utf8 in (False, True)}


def _document(markup: str) -> tuple[str | bytes, bool]:
    """The markup as libxml2 reads it fastest, and whether that is UTF-8 bytes.

    lxml hands libxml2 a str's own buffer, which libxml2 converts to UTF-8 itself:
    two-byte characters a little slower than Python's encoder, four-byte ones (an
    emoji makes a page's every character four bytes) through iconv, a third slower.
    An ASCII str is UTF-8 already; one with lone surrogates (no valid UTF-8) is
    left to lxml, which reads it as it always has. The trees are the same. A page that
    came as UTF-8 bytes and is parsed unchanged is parsed from those bytes (no encoding).
    """
    source = utf8_source(markup)  # the page's own bytes, when the text is theirs as decoded
    if source is not None:
        return source, True
    if markup.isascii():
        return markup, False
    try:
        return markup.encode("utf-8"), True
    except UnicodeEncodeError:
        return markup, False


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any("depth" in e.message for e in parser.error_log
               if e.type_name == "ERR_RESOURCE_LIMIT")


def parse(markup: str) -> etree._Element | None:
    """The document's root element, or None when there is nothing to parse."""
    if markup.find("\x00") >= 0:  # (find: half the time of replace's or `in`'s scan)
        markup = markup.replace("\x00", "")
    if len(markup) > MAX_MARKUP_CHARS:
        markup = _BULKY.sub(" ", markup)
        if len(markup) > MAX_MARKUP_CHARS:
            raise PageTooLarge(
                f"HTML page too large ({len(markup):,} characters of markup after removing "
                f"scripts and styles; the limit is {MAX_MARKUP_CHARS:,})")
    # lxml refuses a str that declares its own encoding (XHTML's <?xml ... encoding=?>):
    # the text is decoded already, so the declaration goes.
    markup = _XML_DECLARATION.sub("", markup, count=1)
    if not markup or markup.isspace():  # (strip() would copy the page)
        return None
    markup = cap_attributes(markup)
    for attempt in ("plain", "huge", "flat", "flatter"):
        if attempt == "flat":
            markup = _CONTAINERS.sub(" ", markup)
        elif attempt == "flatter":
            markup = _UNNESTABLE.sub(" ", markup)
        document, utf8 = _document(markup)
        parser = _PARSERS[attempt != "plain", utf8]
        try:
            root = etree.fromstring(document, parser=parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            return None
        if root is None:
            return None
        if not _too_deep(parser):
            break
    return root
