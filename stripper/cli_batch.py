"""`stripper batch`: thin; parses options, hands a Config to `stripper.batch.run`."""

from __future__ import annotations

import os
import sys

import click
from rich.console import Console

from stripper import formats
from stripper.batch import BatchError, BatchIOError, Config, default_jobs, run
from stripper.batch.archive import wants_archives
from stripper.cli_archive import batch_archives
from stripper.cli_common import fail, language_and_rule_options, load_rule_book, max_size_option
from stripper.cli_learn import batch_learning, learned_rules


@click.command()
@click.argument("src", nargs=-1, type=click.Path(exists=True))
@click.option("-o", "--output", "out", type=click.Path(),
              help="OUT: the folder the outputs mirror the source tree into; it also gets "
                   "_manifest.jsonl and _summary.json.")
@click.option("--files-from", type=click.Path(allow_dash=True, dir_okay=False),
              help="Clean the paths listed in this file (one a line; - for standard input) "
                   "instead of walking SRC. Relative paths are taken from SRC when given.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Only files matching (name, or relative path when the pattern has a /); "
                   "repeatable. Default: every file.")
@click.option("--exclude", "excludes", multiple=True, metavar="PATTERN",
              help="Leave out files and folders matching (repeatable).")
@click.option("-f", "--format", "fmt", type=click.Choice(formats.names(per_page=True)),
              default="text", show_default=True,
              help="Per-page output, one file each ("
                   + ", ".join(f"{f.name} {f.suffix}" for f in formats.FORMATS.values()
                               if f.per_page)
                   + "): " + formats.help_text(per_page=True))
@click.option("--jsonl", type=click.Path(dir_okay=False, allow_dash=False),
              help="Instead of a file per page, append one JSON line per page to this file.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=default_jobs,
              show_default="all cores", help="Worker processes.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True, help="Seconds one file may take; then its worker is killed "
                                      "and the file reported as a timeout.")
@max_size_option("50M")
@click.option("--force", is_flag=True, help="Redo every page, even when its output is up to date.")
@language_and_rule_options
@click.option("-q", "--quiet", is_flag=True, help="No progress display and no final report.")
@batch_learning
def batch(src, out, files_from, globs, excludes, fmt, jsonl, jobs, timeout, max_size, force,
          kind, language, rule_files, disabled, quiet, **learning) -> None:
    """Clean every page dump under SRC (or listed by --files-from) into OUT.

    \b
    Outputs mirror the source tree: SRC/a/b.html -> OUT/a/b.txt (.gz inputs are
    read transparently). Writes are atomic, and a re-run skips pages whose output is
    newer than the input and was made with the same stripper version, rules and
    options, so an interrupted run resumes where it stopped and a run with new
    --rules or --lang redoes every page. A bad file (binary, too large, timeout,
    parse failure, an output that cannot be written) is recorded failed; the exit
    code is then 1. OUT/_manifest.jsonl has a line per file: path, status, reason,
    sizes, language, words kept; OUT/_summary.json the totals and the settings.
    One run at a time writes into OUT: a second one is refused while the first
    holds OUT/.stripper-batch.lock.

    \b
    Examples:
      stripper batch crawl/ -o clean/
      stripper batch crawl/ -o clean/ --glob '*.html' --exclude 'tmp/*' -j 8
      find crawl -name '*.txt.gz' | stripper batch --files-from - -o clean/
      stripper batch crawl/ -o meta/ --jsonl corpus.jsonl
      stripper batch CC-MAIN-*.warc.gz --jsonl corpus.jsonl    WARC/WET: a row per record
    """
    book = load_rule_book(rule_files, disabled)  # once: the workers get the loaded book
    if src and wants_archives(src):  # WARC/WET archives: stripper/cli_archive.py
        sys.exit(batch_archives(src, out=out, jsonl=jsonl, fmt=fmt, jobs=jobs, timeout=timeout,
                                max_size=max_size, force=force, kind=kind,
                                book=book, language=language, quiet=quiet))
    if len(src) > 1 or (src and not os.path.isdir(src[0])):
        raise click.UsageError(f"{src[-1]}: not a folder (files may be WARC/WET archives)")
    src = src[0] if src else None
    if out is None:
        raise click.UsageError("Missing option '-o' / '--output'.")
    if src is None and files_from is None:
        raise click.UsageError("give a source folder SRC or --files-from FILE")
    cfg = Config(out=out, src=src, files_from=files_from, globs=globs, excludes=excludes,
                 fmt=fmt, jsonl=jsonl, jobs=jobs, timeout=timeout, max_size=max_size,
                 force=force, kind=kind, rule_files=rule_files, disabled=disabled,
                 language=language, quiet=quiet, book=book,
                 stdin=sys.stdin if files_from == "-" else None)
    cfg.rule_files = learned_rules(cfg, **learning)  # --learn: learn first, into OUT
    if cfg.rule_files != tuple(rule_files):
        cfg.book = load_rule_book(cfg.rule_files, disabled)  # the learned file too
    try:
        tally, _summary = run(cfg, Console(stderr=True))
    except BatchError as exc:
        raise click.UsageError(str(exc)) from None
    except BatchIOError as exc:
        fail(str(exc), 2 if exc.busy else 1)
    if tally.interrupted:
        sys.exit(130)
    sys.exit(1 if tally.failed else 0)
