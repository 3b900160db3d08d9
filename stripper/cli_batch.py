"""`stripper batch`: thin; parses options, hands a Config to `stripper.batch.run`."""

from __future__ import annotations

import os
import sys

import click
from rich.console import Console

import stripper
from stripper.batch import BatchError, Config, default_jobs, run
from stripper.batch.archive import wants_archives
from stripper.cli_archive import batch_archives
from stripper.cli_common import language_and_rule_options
from stripper.cli_learn import batch_learning, learned_rules
from stripper.rules import RuleError

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2,
          "g": 1024**3, "gb": 1024**3}


class _Size(click.ParamType):
    name = "SIZE"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().lower()
        number = text.rstrip("kmgb")
        unit = text[len(number):]
        try:
            size = int(float(number) * _UNITS[unit])
        except (ValueError, KeyError):
            self.fail(f"{value!r} is not a size such as 500K, 20M or 1G", param, ctx)
        if size <= 0:
            self.fail("the size must be positive", param, ctx)
        return size


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
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True,
              help="Per-page output: .txt article, .json document (text, metadata, blocks), "
                   "or .md.")
@click.option("--jsonl", type=click.Path(dir_okay=False, allow_dash=False),
              help="Instead of a file per page, append one JSON line per page to this file.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=default_jobs,
              show_default="all cores", help="Worker processes.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True, help="Seconds one file may take; then its worker is killed "
                                      "and the file reported as a timeout.")
@click.option("--max-size", type=_Size(), default="50M", show_default=True,
              help="Refuse larger inputs (after gunzip), e.g. 500K, 20M.")
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
    newer than the input, so an interrupted run resumes where it stopped. A bad file
    (binary, too large, timeout, parse failure) is reported and skipped; the exit
    code is then 1. OUT/_manifest.jsonl has a line per file: path, status, reason,
    sizes, language, words kept.

    \b
    Examples:
      stripper batch crawl/ -o clean/
      stripper batch crawl/ -o clean/ --glob '*.html' --exclude 'tmp/*' -j 8
      find crawl -name '*.txt.gz' | stripper batch --files-from - -o clean/
      stripper batch crawl/ -o meta/ --jsonl corpus.jsonl
      stripper batch CC-MAIN-*.warc.gz --jsonl corpus.jsonl    WARC/WET: a row per record
    """
    try:
        for path in rule_files:
            stripper.rules.load_file(path)
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    if src and wants_archives(src):  # WARC/WET archives: stripper/cli_archive.py
        sys.exit(batch_archives(src, out=out, jsonl=jsonl, fmt=fmt, jobs=jobs, timeout=timeout,
                                max_size=max_size, force=force, kind=kind,
                                rule_files=rule_files, disabled=disabled, language=language,
                                quiet=quiet))
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
                 language=language, quiet=quiet,
                 stdin=sys.stdin if files_from == "-" else None)
    cfg.rule_files = learned_rules(cfg, **learning)  # --learn: learn first, into OUT
    try:
        tally, _summary = run(cfg, Console(stderr=True))
    except BatchError as exc:
        raise click.UsageError(str(exc)) from None
    if tally.interrupted:
        sys.exit(130)
    sys.exit(1 if tally.failed else 0)
