"""Extraction tools under benchmark, each behind the same small interface.

A tool is built once per worker process by ``build(name, kind, langs, lang_hint)`` and returns
an ``Extractor``: ``extract(raw_bytes, lang) -> str``. All third-party imports happen inside
the builders, so a worker only ever imports the tool it measures.
"""

from __future__ import annotations

import html
import inspect
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

Extractor = Callable[[bytes, "str | None"], str]


class ToolUnavailable(Exception):
    """The tool (or the library it wraps) cannot be imported here."""


@dataclass(frozen=True)
class Tool:
    """A benchmarked tool: its builder and the input kinds ("text", "html") it accepts."""

    name: str
    kinds: tuple[str, ...]
    builder: Callable[[str, set[str], bool], Extractor]
    note: str = ""


# ---------------------------------------------------------------- helpers

# ISO 639-1 -> jusText stoplist name, for the languages jusText ships.
JUSTEXT_LANGS = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean",
    "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ms": "Malay",
    "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})


def decode_text(raw: bytes) -> str:
    """Decode a text dump (UTF-8, with replacement of stray bytes)."""
    return raw.decode("utf-8", errors="replace")


def decode_html(raw: bytes) -> str:
    """Decode saved HTML: UTF-8 if valid, else the declared charset, else Windows-1252."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(raw[:4096])
    enc = m.group(1).decode("ascii").lower() if m else "cp1252"
    if enc in ("iso-8859-1", "latin-1", "latin1", "us-ascii"):
        enc = "cp1252"
    try:
        return raw.decode(enc, errors="replace")
    except LookupError:
        return raw.decode("cp1252", errors="replace")


def lines_as_html(text: str) -> str:
    """Wrap a text dump as HTML for the tools that read only HTML: one escaped ``<p>``
    per non-blank line, or, in a dump hard-wrapped by its renderer (w3m, lynx), per
    run of lines between blank lines — as a user of those tools would feed a dump (fed
    one wrapped line a paragraph, jusText kept nothing of fd-dev-w3m)."""
    lines = [line.strip() for line in text.splitlines()]
    if _hard_wrapped(text):
        runs: list[str] = []
        current: list[str] = []
        for line in [*lines, ""]:
            if line:
                current.append(line)
            elif current:
                runs.append(" ".join(current))
                current = []
        lines = runs
    paras = "".join(f"<p>{html.escape(s)}</p>\n" for s in lines if s)
    return f"<html><body>\n{paras}</body></html>"


WRAP_MAX_COLUMNS = 110  # a renderer's wrap width is at most about this
WRAP_NEAR = 12  # lines this close to the longest one were wrapped there
WRAP_SHARE = 0.15
WRAP_FITTING = 0.9


def _hard_wrapped(text: str) -> bool:
    """Whether nearly all lines fit a renderer's width and many end close to one width
    (lynx leaves long URLs unwrapped, hence the share)."""
    lengths = [len(line.rstrip()) for line in text.splitlines() if line.strip()]
    fitting = [n for n in lengths if n <= WRAP_MAX_COLUMNS]
    if len(lengths) < 10 or len(fitting) < WRAP_FITTING * len(lengths):
        return False
    widest = sorted(fitting)[int(0.97 * (len(fitting) - 1))]  # not one odd long line
    return sum(n >= widest - WRAP_NEAR for n in fitting) >= WRAP_SHARE * len(fitting)


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment, with a line break around every block element."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return re.sub(r"\n\s*\n+", "\n", root.text_content()).strip()


def as_input(kind: str, raw: bytes) -> str:
    """What an HTML-only tool is fed: the decoded page, or the dump as <p>-per-line HTML."""
    return lines_as_html(decode_text(raw)) if kind == "text" else decode_html(raw)


def _require(module: str) -> None:
    try:
        __import__(module)
    except ImportError as exc:
        raise ToolUnavailable(f"cannot import {module}: {exc}") from exc


# ---------------------------------------------------------------- tools

class Prediction(str):
    """A tool's text, with the metadata it found (title, published) for the
    metadata table; written beside the text as ``<id>.meta.json``."""

    meta: dict

    def __new__(cls, text: str, meta: dict) -> Prediction:
        obj = super().__new__(cls, text)
        obj.meta = meta
        return obj


def _stripper(force_kind: str | None) -> Callable[[str, set[str], bool], Extractor]:
    def build(kind: str, langs: set[str], lang_hint: bool) -> Extractor:
        if str(REPO_ROOT) not in sys.path:
            sys.path.insert(0, str(REPO_ROOT))
        try:
            import stripper
        except ImportError as exc:
            raise ToolUnavailable(f"cannot import stripper: {exc}") from exc
        if not hasattr(stripper, "strip"):
            raise ToolUnavailable("stripper has no strip() yet")
        params = inspect.signature(stripper.strip).parameters
        lang_kw = next((k for k in ("lang", "language") if k in params), None)
        if lang_hint and lang_kw is None:
            print("warning: stripper.strip() takes no lang/language argument; --lang-hint ignored",
                  file=sys.stderr)
        strip_kind = force_kind or ("text" if kind == "text" else "auto")
        if hasattr(stripper, "warm_up"):  # its models load here, as trafilatura's on import
            # full: the date parser's tables too, as `stripper batch` loads them once
            # per run (trafilatura's date library loads on import)
            stripper.warm_up(full=True)

        def extract(raw: bytes, lang: str | None) -> str:
            kw = {lang_kw: lang} if lang_hint and lang_kw and lang else {}
            result = stripper.strip(raw, kind=strip_kind, **kw)
            meta = result.metadata
            published = getattr(meta, "published", None)
            return Prediction(result.text or "", {
                "title": meta.title, "published": getattr(published, "iso", None)})

        return extract

    return build


def _keep_all(kind: str, langs: set[str], lang_hint: bool) -> Extractor:
    return lambda raw, lang: decode_text(raw)


def _trafilatura(kind: str, langs: set[str], lang_hint: bool) -> Extractor:
    _require("trafilatura")
    import trafilatura

    def extract(raw: bytes, lang: str | None) -> str:
        doc = lines_as_html(decode_text(raw)) if kind == "text" else raw
        return trafilatura.extract(doc, include_comments=False) or ""

    return extract


def _justext_lang(kind: str, langs: set[str], lang_hint: bool) -> Extractor:
    _require("justext")
    import justext

    stoplists = {lang: justext.get_stoplist(JUSTEXT_LANGS.get(lang, "English")) for lang in langs}
    english = justext.get_stoplist("English")

    def extract(raw: bytes, lang: str | None) -> str:
        doc = lines_as_html(decode_text(raw)) if kind == "text" else raw
        paras = justext.justext(doc, stoplists.get(lang or "", english))
        return "\n".join(p.text for p in paras if not p.is_boilerplate)

    return extract


def _readability(kind: str, langs: set[str], lang_hint: bool) -> Extractor:
    _require("readability")
    from readability import Document

    def extract(raw: bytes, lang: str | None) -> str:
        return html_fragment_text(Document(as_input(kind, raw)).summary(html_partial=True))

    return extract


def _boilerpy3(kind: str, langs: set[str], lang_hint: bool) -> Extractor:
    _require("boilerpy3")
    from boilerpy3 import extractors

    article = extractors.ArticleExtractor()

    def extract(raw: bytes, lang: str | None) -> str:
        return article.get_content(as_input(kind, raw)) or ""

    return extract


TOOLS: dict[str, Tool] = {
    t.name: t
    for t in (
        Tool("stripper", ("text", "html"), _stripper(None),
             'strip(raw, kind="text") on dumps, kind="auto" on HTML'),
        Tool("stripper-auto", ("text", "html"), _stripper("auto"), 'strip(raw, kind="auto")'),
        Tool("keep-all", ("text",), _keep_all, "the whole dump (baseline)"),
        Tool("trafilatura", ("text", "html"), _trafilatura,
             "extract(include_comments=False); dumps as <p>-per-line HTML"),
        Tool("justext-lang", ("text", "html"), _justext_lang,
             "told the gold language (English stoplist if jusText has none)"),
        Tool("readability", ("html",), _readability, "readability-lxml summary() text"),
        Tool("boilerpy3", ("text", "html"), _boilerpy3, "ArticleExtractor"),
    )
}

DEFAULT_TOOLS = {
    "text": ["stripper", "keep-all", "trafilatura", "justext-lang", "boilerpy3"],
    "html": ["stripper", "trafilatura", "readability", "justext-lang", "boilerpy3"],
}


def build(name: str, kind: str, langs: set[str], lang_hint: bool = False) -> Extractor:
    """Import and set up tool ``name`` for inputs of ``kind``; raises ToolUnavailable."""
    return TOOLS[name].builder(kind, langs, lang_hint)
