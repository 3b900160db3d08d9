"""The CLI's glue for WARC/WET archives: `stripper batch` over archives, and records
for `stripper clean` / `stripper diff` (`--record ID`, `--first N`, or the first page
record).

Thin: the commands in cli.py, cli_batch.py and cli_diff.py call in here when an input
is an archive; the work is `stripper.batch.archive` and `stripper.warc`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import click
from rich.console import Console

import stripper
from stripper.cli_common import input_label, warn
from stripper.warc import (
    ARCHIVE_SUFFIXES,
    ArchiveRecord,
    find_record,
    is_archive,
    iter_records,
    strip_record,
)

RECORD_HELP = ("With a WARC/WET archive as input: the record to clean, by its WARC-Record-ID "
               "or target URI. Default: the archive's first page record.")
FIRST_HELP = ("With WARC/WET archives as input: the first N page records of each archive "
              "instead of one (not with --record).")


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


def check_record_options(names, record: str | None, first: int | None) -> None:
    """--record and --first name records, so they need archives, and only one of them."""
    if record is not None and first is not None:
        raise click.UsageError("--record and --first exclude each other: give one")
    if record is None and first is None:
        return
    option = "--record" if record is not None else "--first"
    for name in names:
        if not is_archive_input(name):
            raise click.UsageError(
                f"{option} picks records of WARC/WET archives, and {input_label(name)} is "
                f"not one (an archive's name ends in {', '.join(ARCHIVE_SUFFIXES)})")


def archive_records(name: str, record: str | None = None, first: int | None = None, *,
                    max_size: int | None = None) -> Iterator[ArchiveRecord]:
    """The records of archive `name` to clean: the one `record` names, the first `first`
    page records, or (neither) the first page record. Raises ValueError (why) when
    there is none, or when the archive breaks off before `first` were read."""
    _need_warcio()
    sizes = {} if max_size is None else {"max_size": max_size}
    if first is None:
        try:
            yield find_record(name, record, **sizes)
        except LookupError as exc:
            raise ValueError(str(exc)) from None
        return
    found = 0
    for item in iter_records(name, **sizes):
        if isinstance(item, ArchiveRecord):
            yield item
            found += 1
            if found == first:
                return
        elif item.record_id is None:  # the archive itself is broken: no more records
            raise ValueError(item.reason)
    if not found:
        raise ValueError("no page record in the archive")
    warn(f"{input_label(name)}: {found} page record{'s' if found > 1 else ''} in the "
         f"archive, fewer than --first {first}")


def strip_item(item: ArchiveRecord, **options) -> stripper.Result:
    """Clean one record; `kind` other than auto overrides what its headers say."""
    kind = options.pop("kind", "auto")
    if kind != "auto":
        item = dataclasses.replace(item, kind=kind)
    return strip_record(item, **options)


def record_label(name: str, item: ArchiveRecord) -> str:
    """How a record is named in messages and summaries: `archive target-URI` (or its id)."""
    return f"{input_label(name)} {item.uri or item.record_id}"


def record_document(item: ArchiveRecord, result: stripper.Result, *, fmt: str) -> str:
    """-f json / jsonl of a record: the row `stripper batch --jsonl` writes (source
    archive, record id, target URI, crawl date, then the result)."""
    from stripper.batch.archive import jsonl_row

    data = jsonl_row(item, result, blocks=fmt == "json")
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(data, ensure_ascii=False) + "\n"
