"""`stripper learn`: thin; parses options, runs `stripper.learn`, writes the rule file."""

from __future__ import annotations

import sys

import click

import stripper
from stripper.batch import default_jobs
from stripper.cli_common import language_and_rule_options
from stripper.learn import LearnOptions, Settings, UrlMap, learn_file, tasks_from
from stripper.rules import RuleError


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
    from stripper.learn.for_batch import learn_for_batch

    options = options_from(site=site, urls=urls, by_folder=by_folder, all_lines=all_lines,
                           jobs=cfg.jobs, min_share=min_share or 0.3, kind=cfg.kind,
                           language=cfg.language, rule_files=cfg.rule_files,
                           disabled=cfg.disabled, quiet=cfg.quiet)
    try:
        path = learn_for_batch(cfg, site=site, urls=options.urls, by_folder=by_folder,
                               all_lines=all_lines, min_share=options.min_share,
                               progress=options.progress)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
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
