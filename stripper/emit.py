"""Result → text, JSON, JSON Lines or Markdown."""

from __future__ import annotations

import json

from stripper.model import Block, Result

FORMATS = ("text", "json", "jsonl", "markdown")


def clean_text(blocks: list[Block]) -> str:
    """The kept blocks' own input lines, trimmed; a blank line where the input had a gap."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if not block.kept:
            continue
        if previous is not None and block.start != previous.end:
            out.append("")
        out.extend(line.strip() for line in block.source_lines or [block.text])
        previous = block
    return "\n".join(out)


def render(result: Result, fmt: str, *, source: str | None = None) -> str:
    if fmt == "text":
        return result.text + "\n" if result.text else ""
    if fmt == "json":
        return json.dumps(_document(result, source), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(_document(result, source, blocks=False), ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return to_markdown(result)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _document(result: Result, source: str | None, *, blocks: bool = True) -> dict:
    data = {"source": source}
    data.update(result.to_dict(blocks=blocks))
    return data


def to_markdown(result: Result) -> str:
    parts = []
    if result.metadata.title:
        parts.append(f"# {result.metadata.title}")
    if result.text:
        parts.append(result.text)
    return "\n\n".join(parts) + "\n" if parts else ""
