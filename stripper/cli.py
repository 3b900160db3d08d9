"""The `stripper` command: parses options, calls the library, prints.

Exit codes: 0 success, 1 when any input failed, 2 on usage errors (Click's own).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click

import stripper
from stripper import formats
from stripper.cli_archive import (
    FIRST_HELP,
    RECORD_HELP,
    archive_records,
    check_record_options,
    is_archive_input,
    record_document,
    record_label,
    strip_item,
)
from stripper.cli_batch import batch
from stripper.cli_common import (
    MAX_INPUT_BYTES,
    OutputError,
    error_reason,
    fail,
    input_label,
    language_and_rule_options,
    load_rule_book,
    max_size_option,
    open_output,
)
from stripper.cli_diff import diff
from stripper.cli_learn import learn
from stripper.cli_rules import rules as rules_group
from stripper.inputs import printable_name, read_input


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(stripper.__version__, "-V", "--version", prog_name="stripper")
def cli() -> None:
    """Turn raw page dumps (saved HTML or text dumps of rendered pages) into clean
    article text plus metadata, in any script.

    \b
    Examples:
      stripper clean page.txt                 clean one dump, print the article
      cat page.html | stripper clean -        read standard input
      stripper clean *.txt --format jsonl     one JSON object per input
      stripper clean page.txt --format json   text, metadata and every block's verdict
    """


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              default="-", show_default=True,
              help="Write here instead of standard output (a regular file is replaced "
                   "only once everything was written).")
@click.option("-f", "--format", "fmt", type=click.Choice(formats.names()), default="text",
              show_default=True,
              help=formats.help_text() + " json on several inputs: a JSON array.")
@click.option("--links", is_flag=True,
              help="With --format markdown: keep the page's hyperlinks (HTML input).")
@click.option("--url", help="The page's address (chooses site-specific rules; kept in metadata).")
@click.option("--record", metavar="ID", help=RECORD_HELP)
@click.option("--first", type=click.IntRange(min=1), metavar="N",
              help=FIRST_HELP + " Each is one output, as several files are; with -f json "
                   "or jsonl each names its archive, record id and target URI.")
@language_and_rule_options
@max_size_option(f"{MAX_INPUT_BYTES // 2**20}M")
def clean(files, output, fmt, links, kind, url, record, first, language, rule_files, disabled,
          max_size) -> None:
    """Clean FILE(s) and print the article text.

    With no FILE, or when FILE is -, read standard input; .gz files are read
    transparently. Errors (a missing file, a folder, a binary file) name the input
    and go to standard error; the other files are still cleaned, and the exit code
    is 1. Several files with --format text print their articles one after another,
    each ending with a newline; --format jsonl keeps them apart (one object per
    file, with its source), --format json makes them one JSON array, and
    `stripper batch` writes one output per file. A WARC/WET archive gives its first
    page record, the one --record names, or its first N with --first N (one output
    each, as for several files).
    """
    names = files or ("-",)
    check_record_options(names, record, first)
    book = load_rule_book(rule_files, disabled)
    fmt_ = formats.get(fmt)
    array = fmt_.document and (len(names) > 1 or (first or 1) > 1)
    failed = 0
    written = 0
    try:
        with open_output(output) as sink:
            if array:
                sink.write("[\n")
            for name in names:
                pages = _cleaned(name, fmt_, links=links, record=record, first=first,
                                 max_size=max_size, kind=kind, url=url, rules=book,
                                 language=language)
                while True:  # not a for loop: an error writing the output is not the input's
                    try:
                        label, result, text = next(pages)
                    except StopIteration:
                        break
                    except (OSError, ValueError) as exc:
                        failed += 1
                        click.echo(f"stripper: {input_label(name)}: {error_reason(exc)}",
                                   err=True)
                        break
                    for note in result.warnings:  # e.g. "no article found": never silent
                        if not note.startswith("rule "):  # (those were warned as they happened)
                            click.echo(f"stripper: {label}: {note}", err=True)
                    if array:
                        text = (",\n" if written else "") + text.rstrip("\n")
                    sink.write(text)
                    written += 1
            if array:
                sink.write("\n]\n" if written else "]\n")
    except OutputError as exc:
        fail(str(exc), 1)
    sys.exit(1 if failed else 0)


def _cleaned(name: str, fmt_: formats.Format, *, links: bool, record: str | None,
             first: int | None, max_size: int, **options
             ) -> Iterator[tuple[str, stripper.Result, str]]:
    """(label for messages, result, its output) for each page of input `name`: the file,
    or the archive's chosen records. Raises OSError or ValueError saying why."""
    url, kind = options["url"], options["kind"]
    if not is_archive_input(name):
        page = read_input(name, max_size=max_size, url=url, kind=kind)
        result = stripper.strip(page.raw, **options)
        source = None if name == "-" else printable_name(name)
        yield input_label(name), result, fmt_.write(result, source=source, links=links)
        return
    for item in archive_records(name, record, first, max_size=max_size):
        result = strip_item(item, **options)
        text = (record_document(item, result, fmt=fmt_.name) if fmt_.name in ("json", "jsonl")
                else fmt_.write(result, links=links))
        yield record_label(name, item), result, text


# Subcommands live in their own modules (cli_<name>.py); they are registered here.
for command in (batch, diff, learn, rules_group):
    cli.add_command(command)


def main() -> None:
    """The console entry point. Ctrl-C anywhere ends with one line and status 130 (Click
    alone would say "Aborted!" and exit 1)."""
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _say("interrupted")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _say("interrupted")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"stripper: {message}", err=True)


if __name__ == "__main__":
    main()
