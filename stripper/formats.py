"""The output formats, in one registry: name → writer and file suffix.

`clean --format`, `batch --format` and the help texts all read this table, so a new
format is one entry here (and its writer in `emit.py`). `per_page` formats can be
written as one file per page by `stripper batch`; `jsonl` is its `--jsonl FILE`.
"""

from __future__ import annotations

from dataclasses import dataclass

from stripper.emit import render
from stripper.model import Result


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str  # of a batch output file
    summary: str  # one line for --help
    per_page: bool = True  # a file per page in batch
    document: bool = False  # one JSON document: several of them make a JSON array

    def write(self, result: Result, *, source: str | None = None, links: bool = False) -> str:
        return render(result, self.name, source=source, links=links)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", ".txt", "the article"),
    Format("json", ".json", "text, metadata and every block with its verdict and reason",
           document=True),
    Format("jsonl", ".jsonl", "one line per input, no blocks", per_page=False),
    Format("markdown", ".md", "title and text, with headings, lists, quotes and tables"),
)}


def names(*, per_page: bool = False) -> list[str]:
    return [f.name for f in FORMATS.values() if f.per_page or not per_page]


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}") from None


def help_text(*, per_page: bool = False) -> str:
    """'text: the article; json: …' for an option's help."""
    return "; ".join(f"{f.name}: {f.summary}" for f in FORMATS.values()
                     if f.per_page or not per_page) + "."

