"""Learned templates → a rule file in the standard TOML format, for people to read
and edit: one section per site, rules sorted by how widespread they are, each
commented with its counts, share of pages and an example page."""

from __future__ import annotations

import regex

from stripper.learn.decide import SiteTemplate
from stripper.learn.normalise import has_digits, line_pattern, marker_pattern
from stripper.learn.sites import slug

_HOST_LIKE = regex.compile(r"^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$")
_CONTROL = regex.compile(r"[\x00-\x1f\x7f]")


def toml_string(text: str) -> str:
    """A TOML string: literal ('…', backslashes as written) when it can be."""
    if "'" not in text and not _CONTROL.search(text):
        return f"'{text}'"
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif _CONTROL.match(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def rule_id(site: str, n: int) -> str:
    return f"learned.{slug(site)}.{n}"


def is_host(name: str) -> bool:
    return bool(_HOST_LIKE.match(name))


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _one_line(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def render(sites: list[SiteTemplate], *, pages: int, source: str = "") -> str:
    """The rule file's text (empty sites are left out; with none, a file of
    comments only, which `rules check` reports as having no rules)."""
    total = sum(len(s.lines) for s in sites)
    summary = f"Template lines of {len(sites)} site(s), learned from {pages} pages."
    head = [
        "# Site templates learned by `stripper learn`"
        + (f" from {source}" if source else "") + ".",
        f"# {pages} pages, {len(sites)} site(s), {total} rule(s). Each rule is a line seen on",
        "# many pages of its site and outside the article on nearly all of them. Edit freely:",
        "# delete a rule to keep its line, or widen a pattern.",
        'name = "learned"',
        'version = "1"',
        f"description = {toml_string(summary)}",
        "",
    ]
    out = head
    for site in sites:
        marker = marker_pattern(site.marker) if site.marker else None
        out.append(f"# ── {site.name}: {site.pages} pages, {len(site.lines)} rule(s)"
                   + (f"; marker found on {site.marked} ({_share(site.marked, site.pages)})"
                      if marker else "; no marker line (needs --url)") + " ──")
        out.append("")
        sites_value = f"sites = [{toml_string(site.name)}]" if is_host(site.name) else None
        for n, line in enumerate(site.lines, 1):
            stats = line.stats
            kind = "pattern (digits folded)" if has_digits(line.text) else "exact line"
            out.append(f"# {kind}: seen on {stats.pages} of {site.pages} pages "
                       f"({_share(stats.pages, site.pages)}), outside the article on "
                       f"{line.outside}, removed by stripper on {stats.removed}; "
                       f"e.g. {stats.example}")
            out.append("[[rule]]")
            out.append(f"id = {toml_string(rule_id(site.name, n))}")
            out.append(f"category = {toml_string(line.category)}")
            out.append(f"pattern = {toml_string(line_pattern(line.text))}")
            if sites_value:
                out.append(sites_value)
            if marker:
                out.append(f"site_marker = {toml_string(marker)}")
            about = f"Template line of {site.name}: {_one_line(line.text)}"
            out.append(f"description = {toml_string(about)}")
            out.append(f"examples = [{toml_string(line.text)}]")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
