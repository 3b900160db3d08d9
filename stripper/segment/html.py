"""HTML → lines of visible text, so HTML can use the text-dump pipeline.

A stop-gap until structure-aware HTML extraction lands: block-level elements
start new lines, scripts, styles and other invisible elements are dropped.
"""

from __future__ import annotations

from lxml import etree, html

_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "ul", "ol",
    "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "blockquote", "pre",
    "form", "label", "br", "hr", "dl", "dt", "dd", "figure", "figcaption", "address", "option",
    "button", "title", "body", "html",
}


def render_text(markup: str) -> str:
    try:
        parser = html.HTMLParser(remove_comments=True, no_network=True, huge_tree=False)
        root = html.document_fromstring(markup.replace("\x00", ""), parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    title = root.findtext(".//title") or ""
    etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    lines: list[str] = [title.strip()] if title.strip() else []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK:
                flush()
            if element.text:
                current.append(element.text)
        else:
            if tag in _BLOCK:
                flush()
            if element.tail:
                current.append(element.tail)
    flush()
    return "\n".join(lines)

