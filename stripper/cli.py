"""The `stripper` command: parses options, calls the library, prints.

Exit codes: 0 success, 1 when any input failed, 2 on usage errors (Click's own).
"""

from __future__ import annotations

import sys

import click

import stripper
from stripper.cli_archive import RECORD_HELP, is_archive_input, strip_archive_record
from stripper.cli_batch import batch
from stripper.cli_common import (
    error_reason,
    input_label,
    language_and_rule_options,
    read_input,
)
from stripper.cli_diff import diff
from stripper.cli_learn import learn
from stripper.cli_rules import prepare_rules
from stripper.cli_rules import rules as rules_group
from stripper.emit import FORMATS, render
from stripper.rules import RuleError


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
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              default="-", show_default=True, help="Write here instead of standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True,
              help="text: the article; json: text, metadata and every block with its verdict "
                   "and reason; jsonl: one line per input, no blocks; markdown: title and text.")
@click.option("--links", is_flag=True,
              help="With --format markdown: keep the page's hyperlinks (HTML input).")
@click.option("--url", help="The page's address (chooses site-specific rules; kept in metadata).")
@click.option("--record", metavar="ID", help=RECORD_HELP)
@language_and_rule_options
def clean(files, output, fmt, links, kind, url, record, language, rule_files, disabled) -> None:
    """Clean FILE(s) and print the article text.

    With no FILE, or when FILE is -, read standard input. Errors name the file and
    go to standard error; the other files are still cleaned, and the exit code is 1.
    Several files with --format text print their articles one after another, each
    ending with a newline; --format jsonl keeps them apart (one object per file,
    with its source), and `stripper batch` writes one output per file.
    """
    try:
        prepare_rules()  # one-line warnings; the user's rule folder read (and checked) once
        extra = [stripper.rules.load_file(p) for p in rule_files]
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    failed = 0
    sink = click.open_file(output, "w", encoding="utf-8", atomic=output != "-")
    with sink:
        for name in files or ("-",):
            try:
                if is_archive_input(name):  # a WARC/WET archive: one of its records
                    result, _ = strip_archive_record(name, record, kind=kind, url=url,
                                                     rules=extra, disable_rules=disabled,
                                                     language=language)
                else:
                    raw = read_input(name)
                    result = stripper.strip(raw, kind=kind, url=url, rules=extra,
                                            disable_rules=disabled, language=language)
            except (OSError, ValueError) as exc:
                failed += 1
                click.echo(f"stripper: {input_label(name)}: {error_reason(exc)}", err=True)
                continue
            sink.write(render(result, fmt, source=None if name == "-" else name, links=links))
    sys.exit(1 if failed else 0)



# Subcommands live in their own modules (cli_<name>.py); they are registered here.
for command in (batch, diff, learn, rules_group):
    cli.add_command(command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
