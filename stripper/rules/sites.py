"""Which site a page is, and which site-specific rules are for it."""

from __future__ import annotations

import fnmatch
from urllib.parse import urlsplit

import regex

PAGE_URL_CHARS = 200_000  # how much of a page its canonical link is searched in


def host_of(url: str | None) -> str | None:
    """The URL's host name, or None for no URL or one urllib cannot read
    (`https://[bad/` raises ValueError there)."""
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def site_matches(site: str, host: str, url: str | None = None) -> bool:
    """One `sites` entry against a page's host (and URL, for entries with a path)."""
    site = site.strip().lower()
    if "://" in site:
        site = site.split("://", 1)[1]
    site_host, _, site_path = site.partition("/")
    host = host.lower()
    if any(c in site_host for c in "*?["):
        if not fnmatch.fnmatchcase(host, site_host):
            return False
    elif not (host == site_host or host.endswith("." + site_host)):
        return False
    if site_path and url:
        try:
            parts = urlsplit(url)
        except ValueError:  # an address urllib cannot read has no path to match
            return False
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return fnmatch.fnmatchcase(path.lower(), "/" + site_path)
    return True





_PAGE_URL = [
    regex.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>""", regex.I),
    regex.compile(r"""<meta\b[^>]*\bproperty\s*=\s*["']?og:url\b[^>]*>""", regex.I),
]
# The word every match of each pattern holds: a match lies in the stretch between the
# last `>` before one of them and the first after it, so only those stretches are read.
_PAGE_URL_WORD = [regex.compile("canonical", regex.I), regex.compile("og:url", regex.I)]
_HREF = regex.compile(r"""\b(?:href|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", regex.I)


_WARC_URI = regex.compile(r"^WARC-Target-URI:\s*(https?://\S+)", regex.MULTILINE)


def page_url(text: str, kind: str = "html") -> str | None:
    """The page's own address as an HTML page declares it (canonical link, then og:url).

    A text dump carries no markup; a Common Crawl WET record names its page in a
    `WARC-Target-URI:` header. Other dumps need `--url`.
    """
    if kind != "html":
        found = _WARC_URI.search(text[:4096])
        return found.group(1) if found else None
    end = text.find("</head", 0, PAGE_URL_CHARS)  # where both belong: read the head first
    if end > 0:
        found = _declared_url(text, end)
        if found:
            return found
    return _declared_url(text, min(len(text), PAGE_URL_CHARS))


def _declared_url(text: str, end: int) -> str | None:
    """The first http(s) address of a canonical link, else of og:url, in `text[:end]`."""
    for tag_pattern, word in zip(_PAGE_URL, _PAGE_URL_WORD, strict=True):
        try:
            tags = _tags(text, end, tag_pattern, word)
        except TimeoutError:
            continue
        for tag in tags:
            found = _HREF.search(tag)
            value = found and next(v for v in found.groups() if v is not None).strip()
            if value and value.lower().startswith(("http://", "https://")) and host_of(value):
                return value
    return None


def _tags(text: str, end: int, tag_pattern: regex.Pattern, word: regex.Pattern) -> list[str]:
    """`tag_pattern`'s matches in `text[:end]`, in order: at most one in each stretch
    that holds `word` and ends at a `>` (a match holds no `>` but its last)."""
    tags: list[str] = []
    done = 0  # where the last stretch read ended
    for hit in word.finditer(text, 0, end):
        if hit.start() < done:
            continue  # (in the stretch just read)
        close = text.find(">", hit.end(), end)
        if close < 0:
            break  # no tag ends before `end`
        start = text.rfind(">", 0, hit.start()) + 1
        done = close + 1
        tags.extend(m.group() for m in tag_pattern.finditer(text, start, done, timeout=1.0))
    return tags
