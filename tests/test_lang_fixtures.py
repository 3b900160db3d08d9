"""Language coverage: pages in 23 languages and every major script, as w3m and lynx
dumps at two widths (fixtures/lang/, made by fixtures/lang/render.py from our own
prose). The article must be kept whole and the menu, related list and footer go."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

from stripper import strip as clean

LANG = Path(__file__).resolve().parent.parent / "fixtures" / "lang"
SOURCES = {p.stem: tomllib.loads(p.read_text("utf-8"))
           for p in sorted((LANG / "sources").glob("*.toml"))}
RENDERED = sorted((LANG / "rendered").glob("*.txt"))
_MARKER = re.compile(r"\[\d+\]|^\s*(?:[*•·+-]|\d+\.)\s+")


def squash(text: str) -> str:
    """Whitespace and lynx link numbers dropped: wrapping differs by renderer."""
    return "".join(re.sub(r"\[\d+\]", "", unicodedata.normalize("NFC", text)).split())


def output_lines(text: str) -> set[str]:
    return {squash(_MARKER.sub("", ln)) for ln in text.splitlines() if ln.strip()}


def test_fixture_coverage():
    assert len(SOURCES) >= 20
    assert len(RENDERED) == 4 * len(SOURCES)


# Known failures (strict: a fix makes them fail as XPASS, so this list must shrink).
KNOWN_FAILING = {"ja.lynx72", "th.lynx100",
                 "th.w3m60", "zu.lynx72"}


def _case(path: Path):
    marks = [pytest.mark.xfail(strict=True, reason="known gap")] if path.stem in KNOWN_FAILING \
        else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("path", [_case(p) for p in RENDERED])
def test_article_kept_chrome_removed(path):
    src = SOURCES[path.name.split(".")[0]]
    result = clean(path.read_bytes(), kind="text")
    text = squash(result.text)
    for paragraph in src["paragraphs"]:
        assert squash(paragraph) in text, paragraph[:40]
    lines = output_lines(result.text)
    for chrome in src["menu"] + src["related"] + src["footer"] + [src["related_heading"]]:
        assert squash(chrome) not in lines, chrome
    assert squash(src["related"][0]) not in text
    assert "References" not in lines and "file:///" not in result.text  # lynx's link list


def _marker_cases() -> list[tuple[str, str]]:
    from stripper.profiles import profile_for
    return [(code, marker) for code in sorted(SOURCES)
            if (profile := profile_for(code)) is not None for marker in profile.end_markers]


@pytest.mark.parametrize(("code", "marker"), _marker_cases())
def test_every_profile_end_marker_ends_the_article(code, marker):
    """A profile's end_markers are rules: each, w3m-bulleted, is told by a rule (not
    merely dropped as a short line), and the article before it stays."""
    src = SOURCES[code]
    page = [*src["menu"], src["title"], *src["paragraphs"], f"• {marker}",
            *src["related"], *src["footer"]]
    result = clean("\n\n".join(page) + "\n", kind="text")
    heading = next(b for b in result.blocks if b.text == f"• {marker}")
    assert heading.rule and not heading.kept, heading.reason
    kept = output_lines(result.text)
    for paragraph in src["paragraphs"]:
        assert squash(paragraph) in kept
