"""`stripper diff`: show in the terminal what was removed and why.

Thin: parses options, reads inputs, calls `stripper.strip()`, hands the Result to
`stripper.diff` for rendering and prints (through a pager when asked, or when the view
is taller than the screen and standard output is a terminal, as git does).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console

import stripper
from stripper import diff as render
from stripper.cli_archive import (
    FIRST_HELP,
    RECORD_HELP,
    archive_records,
    check_record_options,
    is_archive_input,
    record_label,
    strip_item,
)
from stripper.cli_common import (
    MAX_INPUT_BYTES,
    error_reason,
    input_label,
    language_and_rule_options,
    load_rule_book,
    max_size_option,
)
from stripper.decode import decode
from stripper.inputs import read_input


@click.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--full", is_flag=True, help="Show every removed block; do not fold long runs.")
@click.option("-u", "--unified", is_flag=True,
              help="Print a unified diff (input → clean text) instead, plain, for less, "
                   "delta or patch.")
@click.option("-y", "--side-by-side", "side_by_side", is_flag=True,
              help=f"Input and clean text in two columns (needs {render.MIN_SIDE_BY_SIDE} "
                   "columns; otherwise the normal view).")
@click.option("--structure", is_flag=True,
              help="After the view, the page's structure: the nested elements holding 2%+ "
                   "of its text, their kept and removed characters, the article's container "
                   "and what removed the rest (HTML pages).")
@click.option("-e", "--explain", is_flag=True,
              help="After the view, a table of the rules and signals that removed blocks, "
                   "with counts and the first line each removed.")
@click.option("--color/--no-color", "color", default=None,
              help="Force colour on (even into a pipe) or off. Default: colour on a "
                   "terminal unless NO_COLOR is set.")
@click.option("--pager/--no-pager", "pager", default=None,
              help="Page the output with $PAGER (less). Default: page when the view is "
                   "taller than the terminal.")
@click.option("-w", "--width", type=click.IntRange(min=20), metavar="COLUMNS",
              help="Render for this many columns instead of the terminal's width.")
@click.option("--url", help="The page's address (chooses site-specific rules).")
@click.option("--record", metavar="ID", help=RECORD_HELP)
@click.option("--first", type=click.IntRange(min=1), metavar="N",
              help=FIRST_HELP + " More than one gives a summary line each, as several "
                   "files do (with -u, a diff each), named by archive and target URI.")
@language_and_rule_options
@max_size_option(f"{MAX_INPUT_BYTES // 2**20}M")
def diff(files, full, unified, side_by_side, structure, explain, color, pager, width, kind, url,
         record, first, language, rule_files, disabled, max_size) -> None:
    """Show FILE with every removed block marked: its category and the rule or signal
    that removed it.

    With no FILE, or when FILE is -, read standard input. Several files, or a folder
    (read recursively), print one summary line per file instead: kept and removed
    lines and the categories removed, to scan a crawl for outliers. A WARC/WET
    archive shows its first page record, the one --record names, or with --first N
    its first N (a summary line each, named by archive and target URI).

    \b
    Examples:
      stripper diff page.txt                  the page, removed blocks labelled
      stripper diff page.txt --explain        ... and which rules fired
      stripper diff page.html --structure     ... and the page's element tree, by text
      stripper diff page.txt -u | delta       a unified diff, input → clean text
      stripper diff crawl/                    one line per file
    """
    names = list(files) or ["-"]
    inputs, failed = _expand(names)
    check_record_options(inputs, record, first)
    book = load_rule_book(rule_files, disabled)
    options = {"kind": kind, "url": url, "rules": book, "language": language}
    picks = {"record": record, "first": first, "max_size": max_size}
    console = _console(color, width)
    summary = not unified and (len(inputs) > 1 or (first or 1) > 1
                               or any(Path(n).is_dir() for n in names if n != "-"))
    errors = [0]
    pages = _pages(inputs, picks, options, errors)

    if summary:
        # aligned on the longest name (a record's is only known once it is read)
        name_width = 48 if any(map(is_archive_input, inputs)) else \
            min(48, max((len(input_label(n)) for n in inputs), default=0))
        for label, res, _raw in pages:
            console.print(render.summary_line(res, label or "<stdin>", name_width=name_width),
                          soft_wrap=True)
        sys.exit(1 if failed + errors[0] else 0)

    parts: list[str] = []
    for source, res, raw in pages:
        if unified:
            original = decode(raw)[0].splitlines() if res.kind == "text" else None
            parts.append(render.unified(res, original, source=source))
            continue
        with console.capture() as capture:
            if side_by_side and console.width >= render.MIN_SIDE_BY_SIDE:
                console.print(render.side_by_side(res, source, full=full))
                if explain:
                    console.print(render.explain_table(res))
            else:
                if side_by_side:
                    click.echo(f"stripper: --side-by-side needs {render.MIN_SIDE_BY_SIDE} "
                               f"columns and the terminal has {console.width}; showing the "
                               "normal view (--width sets the width)", err=True)
                console.print(render.view(res, source, full=full, explain=explain))
            if structure and res.kind == "html":
                console.print(render.structure_table(res))
        parts.append(capture.get())
    _show("".join(parts), console, pager)
    sys.exit(1 if failed + errors[0] else 0)


def _console(color: bool | None, width: int | None) -> Console:
    kwargs: dict = {"highlight": False, "markup": False, "emoji": False}
    if color is True:
        kwargs.update(force_terminal=True, no_color=False)
    elif color is False:
        kwargs.update(color_system=None, no_color=True)
    if width:
        kwargs["width"] = width
    return Console(**kwargs)


def _show(text: str, console: Console, pager: bool | None) -> None:
    if not text:
        return
    tty = sys.stdout.isatty()
    if pager is None:
        pager = tty and text.count("\n") > console.height
    if pager and tty:
        if "LESS" not in os.environ:
            os.environ["LESS"] = "FRX"  # as git: quit if one screen, keep colours
        click.echo_via_pager(text, color=True)
    else:
        click.echo(text, nl=False, color=True)


def _expand(names: list[str]) -> tuple[list[str], int]:
    """Files to show: folders walked recursively (hidden entries skipped), in order."""
    out: list[str] = []
    failed = 0
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = sorted(_walk(path))
            if not found:
                click.echo(f"stripper: {name}: no files in this folder", err=True)
                failed += 1
            out.extend(str(p) for p in found)
        else:
            out.append(name)
    return out, failed


def _walk(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            yield path


def _pages(inputs: list[str], picks: dict, options: dict, errors: list[int]
           ) -> Iterator[tuple[str | None, stripper.Result, bytes]]:
    """(name, result, raw input) for every page to show: each file, or the chosen records
    of each archive (named `archive target-URI`; standard input has no name). A failure
    is said on standard error and counted in `errors[0]`."""
    for name in inputs:
        try:
            if is_archive_input(name):  # a WARC/WET archive: its chosen records
                for item in archive_records(name, picks["record"], picks["first"],
                                            max_size=picks["max_size"]):
                    yield record_label(name, item), strip_item(item, **options), item.payload
                continue
            raw = read_input(name, max_size=picks["max_size"]).raw
            source = None if name == "-" else input_label(name)
            yield source, stripper.strip(raw, **options), raw
        except (OSError, ValueError) as exc:
            click.echo(f"stripper: {input_label(name)}: {error_reason(exc)}", err=True)
            errors[0] += 1
