"""The CLI's glue for WARC/WET archives: `stripper batch` over archives, and one record
for `stripper clean` / `stripper diff` (`--record ID`, or the first page record).

Thin: the commands in cli.py, cli_batch.py and cli_diff.py call in here when an input
is an archive; the work is `stripper.batch.archive` and `stripper.warc`.
"""

from __future__ import annotations

import click
from rich.console import Console

import stripper
from stripper.warc import find_record, is_archive, strip_record

RECORD_HELP = ("With a WARC/WET archive as input: the record to clean, by its WARC-Record-ID "
               "or target URI. Default: the archive's first page record.")


def _need_warcio() -> None:
    try:
        import warcio  # noqa: F401
    except ImportError:
        raise click.UsageError("reading WARC/WET archives needs warcio: "
                               "pip install 'stripper[warc]'") from None


def batch_archives(sources: tuple[str, ...], *, out: str | None, jsonl: str | None,
                   **settings) -> int:
    """`stripper batch ARCHIVE... (--jsonl FILE | -o DIR)`; returns the exit code."""
    from stripper.batch import archive

    _need_warcio()
    if out is None and jsonl is None:
        raise click.UsageError("give --jsonl FILE (one row per record) or -o DIR")
    cfg = archive.ArchiveConfig(sources=tuple(sources), out=out, jsonl=jsonl, **settings)
    tally, _summary = archive.run(cfg, Console(stderr=True))
    if tally.interrupted:
        return 130
    return 1 if tally.failed else 0


def is_archive_input(name: str) -> bool:
    return name != "-" and is_archive(name)


def strip_archive_record(name: str, record: str | None, **options
                         ) -> tuple[stripper.Result, bytes]:
    """Clean one record of archive `name`; (result, the record's payload). Raises
    ValueError (why) when the archive has no such page record."""
    _need_warcio()
    try:
        item = find_record(name, record)
    except LookupError as exc:
        raise ValueError(str(exc)) from None
    if options.get("kind", "auto") == "auto":
        options.pop("kind", None)
    else:
        import dataclasses

        item = dataclasses.replace(item, kind=options.pop("kind"))
    return strip_record(item, **options), item.payload
