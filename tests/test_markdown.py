"""Markdown output keeps the roles of HTML blocks; text dumps get their clean text."""

from __future__ import annotations

from pathlib import Path

import stripper
from stripper.emit import render

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"

PAGE = b"""<!doctype html><html lang="en"><head><title>Tides - Coast News</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Spring tides flood the harbour road</h1>
<p>The harbour road was closed for three hours on Sunday morning after the highest spring
tide of the year pushed sea water over the wall near the lifeboat station.</p>
<h2>What the council said</h2>
<p>A council spokesman said the wall would be inspected this week and that sandbags would be
handed out to the houses nearest the quay before the next high tide on Thursday.</p>
<ul><li>Sandbags from the depot on Mill Lane</li><li>Road closed at high water</li></ul>
<blockquote><p>We have never seen the water this high in March, said a fisherman.</p></blockquote>
<p>Residents can find the <a href="https://example.org/tides">tide times</a> on the harbour
website, where warnings are posted a day ahead of every tide higher than five metres.</p>
</article><footer>&copy; 2025 Coast News</footer></body></html>"""


def test_html_roles_become_markdown():
    md = render(stripper.strip(PAGE), "markdown")
    lines = md.splitlines()
    assert lines[0] == "# Spring tides flood the harbour road"
    assert "## What the council said" in lines
    assert "- Sandbags from the depot on Mill Lane" in lines
    assert "- Road closed at high water" in lines
    # consecutive list items stay one list
    i = lines.index("- Sandbags from the depot on Mill Lane")
    assert lines[i + 1] == "- Road closed at high water"
    assert any(line.startswith("> We have never seen") for line in lines)
    assert "Home" not in md and "Coast News" not in md.split("\n", 1)[1]


def test_links_only_when_asked():
    result = stripper.strip(PAGE)
    assert "](https://example.org/tides)" not in render(result, "markdown")
    assert "[tide times](https://example.org/tides)" in render(result, "markdown", links=True)


def test_tables_get_a_header_row():
    md = render(stripper.strip((HTML / "nested-tables.html").read_bytes()), "markdown")
    rows = [line for line in md.splitlines() if line.startswith("|")]
    assert len(rows) >= 3 and set(rows[1].replace("|", "").split()) == {"---"}


def test_text_dump_markdown_is_title_and_clean_text():
    dump = (Path(__file__).resolve().parent.parent / "fixtures" / "arabic-news-dump.txt")
    result = stripper.strip(dump.read_bytes())
    assert render(result, "markdown") == f"# {result.metadata.title}\n\n{result.text}\n"


def test_a_link_around_blocks_is_a_link_in_each_of_them():
    page = b"""<html><body><article><h1>Harbour news</h1>
    <p>The quay reopens on <a href="/quay">Monday morning</a>, the council said today.</p>
    <a href="/story/tides"><div><h3>Spring tides</h3><p>How high the water rose [1]</p></div></a>
    <p>After the card, a paragraph with <a href="/e"></a>an empty link in it.</p>
    </article></body></html>"""
    blocks = {b.text: b.markdown for b in stripper.strip(page, kind="html").blocks}
    assert blocks["Spring tides"] == "[Spring tides](/story/tides)"
    assert blocks["How high the water rose [1]"] == (
        "[How high the water rose \\[1\\]](/story/tides)")
    assert blocks["After the card, a paragraph with an empty link in it."] == (
        "After the card, a paragraph with an empty link in it.")
    assert "](" not in blocks["Harbour news"]
