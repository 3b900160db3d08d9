"""`stripper batch --learn`: learn the sites' templates from the run's own inputs
(the same files batch will clean), write them to OUT/_learned-rules.toml, and hand
that file to the cleaning pass as one more `--rules` file — so the run cleans
exactly as `stripper learn` followed by `stripper batch --rules` would."""

from __future__ import annotations

import io
import os

from stripper.batch.files import from_list, is_inside, read_list, walk
from stripper.learn import LearnOptions, Settings, Task, UrlMap, learn_file

LEARNED_FILE = "_learned-rules.toml"


def batch_tasks(cfg) -> list[Task]:
    """The batch run's inputs (a Config's SRC or --files-from, globs and excludes)."""
    out_root = os.path.abspath(cfg.out)
    if cfg.files_from is None:
        jobs = walk(cfg.src, ext=None, globs=cfg.globs, excludes=cfg.excludes,
                    skip_dirs=[out_root])
    else:
        base = cfg.src if cfg.src is not None else "."
        if cfg.files_from == "-":  # read once; batch reads the same list again
            import sys

            listing = (cfg.stdin or sys.stdin).read()
            cfg.stdin = io.StringIO(listing)
            paths = list(read_list(io.StringIO(listing)))
        else:
            with open(cfg.files_from, encoding="utf-8", errors="surrogateescape") as fh:
                paths = list(read_list(fh))
        jobs = from_list(paths, base, ext=None, out_root=out_root, globs=cfg.globs,
                         excludes=cfg.excludes)
    return [Task(job.src, job.rel) for job in jobs if job.error is None]


def learn_for_batch(cfg, *, site: str | None = None, urls: UrlMap | None = None,
                    by_folder: bool = False, all_lines: bool = False,
                    min_share: float | None = None, progress=None) -> str:
    """Learn from the run's inputs; returns the rule file's path (in OUT). Refuses
    (ValueError) the runs batch refuses to write: SRC that is OUT or inside it."""
    if cfg.src is not None and is_inside(cfg.src, os.path.abspath(cfg.out)):
        raise ValueError("the source folder must not be OUT or lie inside it")
    tasks = batch_tasks(cfg)
    if urls is not None:
        for task in tasks:
            task.url = urls.url_for(task.rel)
    options = LearnOptions(
        settings=Settings(kind=cfg.kind, language=cfg.language,
                          rule_files=tuple(cfg.rule_files), disabled=tuple(cfg.disabled),
                          max_size=cfg.max_size),
        site=site, urls=urls, by_folder=by_folder, all_lines=all_lines, jobs=cfg.jobs,
        progress=progress)
    if min_share is not None:
        options.min_share = min_share
    os.makedirs(cfg.out, exist_ok=True)
    path = os.path.join(cfg.out, LEARNED_FILE)
    learn_file(tasks, path, options, source=cfg.src or cfg.files_from or "")
    return path
