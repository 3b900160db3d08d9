"""Which site a page belongs to: a name the user gives, the page's URL (from a URL
list the user gives, or the page's own canonical link), the folder it sits in, or —
when nothing names it — the cluster of pages it shares template lines with."""

from __future__ import annotations

import json
import os
from pathlib import Path

import regex

from stripper.rules import host_of

_SLUG_DROP = regex.compile(r"[^\p{L}\p{N}.\-]+")


def site_of_host(host: str) -> str:
    """`www.example.com` → `example.com`: the name a site's rules and ids carry."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def slug(name: str) -> str:
    """A site name fit for a rule id (`learned.<slug>.<n>`)."""
    text = _SLUG_DROP.sub("-", name.strip().lower()).strip("-.")
    return text or "site"


def folder_site(rel: str) -> str | None:
    """The folder a page sits in (relative to the source), or None at the top."""
    parent = os.path.dirname(rel)
    return parent or None


class UrlMap:
    """Page → URL, read from a file the user gives (`--urls FILE`):

    * TSV: `PATH<TAB>URL` a line (a header line `path<TAB>url` is skipped);
    * JSON Lines: objects with `url` and one of `path`, `file` or `id`.

    A page is found by its path relative to the source, then by its file name, then
    by its name without extensions (`id` `fd-1` matches `fd-1.txt.gz`).
    """

    def __init__(self, pairs: list[tuple[str, str]]):
        self.by_path: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.by_stem: dict[str, str] = {}
        for key, url in pairs:
            key = key.strip()
            norm = os.path.normpath(key)
            self.by_path[norm] = url
            self.by_name.setdefault(os.path.basename(norm), url)
            self.by_stem.setdefault(_stem(norm), url)

    @classmethod
    def read(cls, path: str | Path) -> UrlMap:
        pairs: list[tuple[str, str]] = []
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if line.startswith("{"):
                    try:
                        data = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{path}:{number}: not JSON: {exc.msg}") from None
                    key = next((data[k] for k in ("path", "file", "id")
                                if isinstance(data.get(k), str)), None)
                    url = data.get("url")
                    if key and isinstance(url, str) and url:
                        pairs.append((key, url))
                    continue
                key, tab, url = line.partition("\t")
                if not tab:
                    raise ValueError(f"{path}:{number}: expected PATH<TAB>URL")
                if (key.lower(), url.strip().lower()) == ("path", "url"):
                    continue
                pairs.append((key, url.strip()))
        return cls(pairs)

    def url_for(self, rel: str) -> str | None:
        norm = os.path.normpath(rel)
        return (self.by_path.get(norm) or self.by_name.get(os.path.basename(norm))
                or self.by_stem.get(_stem(norm)))


def _stem(path: str) -> str:
    return os.path.basename(path).split(".", 1)[0]


def known_site(rel: str, *, site: str | None, urls: UrlMap | None, by_folder: bool,
               page_host: str | None) -> str | None:
    """The site named for this page, in order: `--site`, `--urls`, `--by-folder`,
    the page's own address; None leaves it to clustering."""
    if site:
        return site
    if urls is not None:
        host = host_of(urls.url_for(rel))
        if host:
            return site_of_host(host)
    if by_folder:
        return folder_site(rel) or "."
    if page_host:
        return site_of_host(page_host)
    return None
