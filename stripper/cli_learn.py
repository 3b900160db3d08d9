"""`stripper learn` and `stripper batch --learn`: finds the pages (as batch does),
runs `stripper.learn` on them, writes the rule file.

`batch --learn` learns from the run's own inputs into OUT/_learned-rules.toml and
hands that file to the cleaning pass as one more `--rules` file, so the run cleans
exactly as `stripper learn` followed by `stripper batch --rules` would.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable

import click

import stripper
from stripper.batch import default_jobs
from stripper.batch.files import from_list, is_inside, read_list, walk
from stripper.cli_common import language_and_rule_options
from stripper.learn import LearnOptions, Settings, Task, UrlMap, learn_file
from stripper.rules import RuleError

LEARNED_FILE = "_learned-rules.toml"  # in batch's OUT


def tasks_from(sources: Iterable[str], urls: UrlMap | None = None, *,
               globs: tuple[str, ...] = (), excludes: tuple[str, ...] = (),
               skip_dirs: Iterable[str] = ()) -> list[Task]:
    """Every file under each folder (in name order, as batch walks them), and each
    file given; with a URL for each page the map knows."""
    tasks = []
    for source in sources:
        if os.path.isdir(source):
            for job in walk(source, ext=None, globs=globs, excludes=excludes,
                            skip_dirs=list(skip_dirs)):
                if job.error is None:
                    tasks.append(Task(job.src, job.rel))
        else:
            tasks.append(Task(source, os.path.normpath(source)))
    return _with_urls(tasks, urls)


def _with_urls(tasks: list[Task], urls: UrlMap | None) -> list[Task]:
    if urls is not None:
        for task in tasks:
            task.url = urls.url_for(task.rel)
    return tasks


def batch_tasks(cfg) -> list[Task]:
    """A batch run's inputs (its Config's SRC or --files-from, globs and excludes)."""
    out_root = os.path.abspath(cfg.out)
    if cfg.files_from is None:
        jobs = walk(cfg.src, ext=None, globs=cfg.globs, excludes=cfg.excludes,
                    skip_dirs=[out_root])
    else:
        base = cfg.src if cfg.src is not None else "."
        if cfg.files_from == "-":  # read once; batch reads the same list again
            listing = (cfg.stdin or sys.stdin).read()
            cfg.stdin = io.StringIO(listing)
            paths = list(read_list(io.StringIO(listing)))
        else:
            with open(cfg.files_from, encoding="utf-8", errors="surrogateescape") as fh:
                paths = list(read_list(fh))
        jobs = from_list(paths, base, ext=None, out_root=out_root, globs=cfg.globs,
                         excludes=cfg.excludes)
    return [Task(job.src, job.rel) for job in jobs if job.error is None]


def progress_printer(quiet: bool):
    """Progress on standard error: a rewritten line on a terminal, else a line a call."""
    if quiet:
        return None
    tty = sys.stderr.isatty()

    def show(done: int, total: int, seconds: float) -> None:
        rate = done / seconds if seconds > 0 else 0.0
        line = f"stripper learn: {done:,}/{total:,} pages ({rate:.1f}/s)"
        click.echo(("\r" + line) if tty else line, err=True, nl=not tty or done == total)

    return show


def options_from(*, site, urls, by_folder, all_lines, jobs, min_share, kind, language, rule_files,
                 disabled, quiet) -> LearnOptions:
    try:
        url_map = UrlMap.read(urls) if urls else None
    except (OSError, ValueError) as exc:
        raise click.UsageError(f"--urls: {exc}") from None
    return LearnOptions(
        settings=Settings(kind=kind, language=language, rule_files=tuple(rule_files),
                          disabled=tuple(disabled)),
        site=site, urls=url_map, by_folder=by_folder, all_lines=all_lines, jobs=jobs,
        min_share=min_share,
        progress=progress_printer(quiet))


def learn_options(command):
    """The grouping and threshold options, shared with `stripper batch --learn`."""
    options = [
        click.option("--site", metavar="NAME",
                     help="Every page is of this site (a host name such as example.com "
                          "also scopes the rules by URL)."),
        click.option("--urls", type=click.Path(exists=True, dir_okay=False),
                     help="Each page's URL, to group pages by host: a TSV of PATH<TAB>URL, "
                          "or JSON Lines with url and path, file or id (the file name "
                          "without extensions)."),
        click.option("--by-folder", is_flag=True,
                     help="The folder a page sits in is its site."),
        click.option("--all-lines", is_flag=True,
                     help="Also write rules for template lines stripper removed on every "
                          "page anyway (menus, footers): longer files, the same result on "
                          "these pages."),
        click.option("--min-share", type=click.FloatRange(0, 1, min_open=True),
                     default=0.3, show_default=True,
                     help="Learn lines seen on at least this share of a site's pages."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def batch_learning(command):
    """`stripper batch --learn` and the grouping options, passed on as `**learning`."""
    command = learn_options(command)
    return click.option("--learn", is_flag=True,
                        help="Learn the sites' templates from these inputs first (as "
                             "`stripper learn` does, into OUT/_learned-rules.toml), then "
                             "clean with them.")(command)


def learned_rules(cfg, *, learn: bool = False, site=None, urls=None, by_folder=False,
                  all_lines=False, min_share=None) -> tuple[str, ...]:
    """The batch run's rule files, with the learned one last when --learn is given."""
    if not learn:
        if site or urls or by_folder or all_lines:
            raise click.UsageError("--site, --urls, --by-folder and --all-lines go with --learn")
        return tuple(cfg.rule_files)
    options = options_from(site=site, urls=urls, by_folder=by_folder, all_lines=all_lines,
                           jobs=cfg.jobs, min_share=min_share or 0.3, kind=cfg.kind,
                           language=cfg.language, rule_files=cfg.rule_files,
                           disabled=cfg.disabled, quiet=cfg.quiet)
    if cfg.src is not None and is_inside(cfg.src, os.path.abspath(cfg.out)):
        raise click.UsageError("the source folder must not be OUT or lie inside it")
    options.settings.max_size = cfg.max_size
    tasks = _with_urls(batch_tasks(cfg), options.urls)
    os.makedirs(cfg.out, exist_ok=True)
    path = os.path.join(cfg.out, LEARNED_FILE)
    learn_file(tasks, path, options, source=cfg.src or cfg.files_from or "")
    return (*cfg.rule_files, path)


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="Write the rule file here.")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Only files matching (name, or relative path when the pattern has a /); "
                   "repeatable, as for batch.")
@click.option("--exclude", "excludes", multiple=True, metavar="PATTERN",
              help="Leave out files and folders matching (repeatable).")
@learn_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=default_jobs,
              show_default="all cores", help="Worker processes.")
@language_and_rule_options
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
def learn(sources, output, globs, excludes, site, urls, by_folder, all_lines, min_share, jobs,
          kind, language, rule_files, disabled, quiet) -> None:
    """Learn each site's template from many of its pages: write the lines that repeat
    across a site's pages, outside the article, as a rule file.

    \b
    Pages are grouped by site: --site, else the page's URL (--urls, or an HTML
    page's canonical link), else its folder with --by-folder, else the pages whose
    lines it shares. Digits are folded, so lines that differ only in a date or a
    time are one line. Each rule is scoped to its site (`sites` for a host, and a
    `site_marker`: the site's most widespread lines, so text dumps need no --url).

    \b
    Examples:
      stripper learn crawl/example.com/ -o example.toml
      stripper learn dumps/ --urls urls.tsv -o sites.toml
      stripper clean page.txt --rules example.toml
      stripper batch crawl/ -o clean/ --learn
    """
    try:
        for path in rule_files:
            stripper.rules.load_file(path)
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    options = options_from(site=site, urls=urls, by_folder=by_folder,
                           all_lines=all_lines, jobs=jobs,
                           min_share=min_share, kind=kind, language=language,
                           rule_files=rule_files, disabled=disabled, quiet=quiet)
    tasks = tasks_from(sources, options.urls, globs=globs, excludes=excludes)
    if output == "-":
        learned = learn_file(tasks, sys.stdout, options, source=", ".join(sources))
    else:
        learned = learn_file(tasks, output, options, source=", ".join(sources))
    for page, reason in learned.failed:
        click.echo(f"stripper: {page}: {reason}", err=True)
    if not quiet:
        click.echo(f"stripper learn: {learned.rules} rule(s) for {len(learned.sites)} site(s) "
                   f"from {learned.pages:,} pages"
                   + (f", {len(learned.failed)} failed" if learned.failed else ""), err=True)
    sys.exit(1 if learned.failed else 0)
