"""Result → text, JSON, JSON Lines or Markdown."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator

from stripper.model import KEPT as _KEPT
from stripper.model import Block, Result

FORMATS = ("text", "json", "jsonl", "markdown")


def clean_text(blocks: list[Block]) -> str:
    """The kept blocks' own input lines, a blank line where the input had a gap. Lines
    keep their indentation less what they all share: a renderer's indent is part of
    its wrap geometry (an indented paragraph wraps short of the page width), so
    cleaning the clean text again must see it to re-join the same paragraphs."""
    return textwrap.dedent("\n".join(
        "" if line is None else line[1].rstrip() for line in clean_lines(blocks)))


def clean_lines(blocks: list[Block]) -> Iterator[tuple[int, str] | None]:
    """The clean text's lines in order: (input line number, its text) for each line of
    a kept block, None for the blank line put where the input had a gap."""
    previous: Block | None = None
    for block in blocks:
        if block.verdict is not _KEPT:
            continue
        if previous is not None and block.start != previous.end:
            yield None
        yield from enumerate(block.source_lines or [block.text], start=block.start)
        previous = block


def render(result: Result, fmt: str, *, source: str | None = None, links: bool = False) -> str:
    if fmt == "text":
        return result.text + "\n" if result.text else ""
    if fmt == "json":
        return json.dumps(_document(result, source), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(_document(result, source, blocks=False), ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return to_markdown(result, links=links)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _document(result: Result, source: str | None, *, blocks: bool = True) -> dict:
    data = {"source": source}
    data.update(result.to_dict(blocks=blocks))
    return data


def to_markdown(result: Result, *, links: bool = False) -> str:
    """Title, then the kept blocks with their roles: headings, lists, quotes, tables, code.

    Text dumps carry no roles, so their Markdown is the clean text under the title.
    `links` keeps hyperlinks where the input had them (HTML).
    """
    parts = [f"# {result.metadata.title}"] if result.metadata.title else []
    if result.kind != "html":
        parts += [result.text] if result.text else []
        return "\n\n".join(parts) + "\n" if parts else ""
    previous: Block | None = None
    chunk: list[str] = []
    for block in (b for b in result.blocks if b.kept):
        same_group = (previous is not None and block.kind == previous.kind
                      and block.kind in ("list-item", "table")
                      and getattr(block, "group", -1) == getattr(previous, "group", -2))
        if not same_group and chunk:
            parts.append("\n".join(chunk))
            chunk = []
        if block.kind == "table" and not same_group:
            chunk.extend(_table_row(block, header=True))
        else:
            chunk.extend(_markdown_lines(block, links))
        previous = block
    if chunk:
        parts.append("\n".join(chunk))
    return "\n\n".join(parts) + "\n" if parts else ""


def _markdown_lines(block: Block, links: bool) -> list[str]:
    text = getattr(block, "markdown", "") if links else ""
    text = text or block.text
    if block.kind == "heading":
        return ["#" * min(6, max(2, getattr(block, "level", 2))) + " " + " ".join(text.split())]
    if block.kind == "list-item":
        return ["- " + " ".join(text.split())]
    if block.kind == "quote":
        return ["> " + line for line in text.splitlines()]
    if block.kind == "code":
        return ["```", block.text, "```"]
    if block.kind == "table":
        return _table_row(block, header=False)
    return [text]


def _table_row(block: Block, *, header: bool) -> list[str]:
    cells = [c.replace("|", "\\|") for c in getattr(block, "cells", []) or [block.text]]
    row = "| " + " | ".join(cells) + " |"
    return [row, "|" + " --- |" * len(cells)] if header else [row]
