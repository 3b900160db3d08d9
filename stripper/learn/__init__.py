"""Learn a site's template from many of its pages, as a rule file.

    sites.py      which site a page belongs to (--site, --urls, --by-folder, its URL)
    cluster.py    ... or, when nothing names it, the pages it shares lines with
    survey.py     one page → its blocks' line hashes and verdicts (in worker processes)
    normalise.py  a line's key (digits folded), hash, and the pattern that matches it
    counter.py    a bounded counter of lines per site (hashes, not strings)
    decide.py     which repeated lines are template: outside the article, or chrome
    write.py      the rule file (standard TOML, sorted, commented)

`learn(tasks, options)` runs the whole pass over a list of pages (`Task`: a path,
its name, its URL) and returns the sites' templates; `render(...)` writes them as
TOML; `learn_file(...)` does both. Finding the files is the caller's (the CLI walks
folders as batch does; `stripper batch --learn` hands over batch's own list).
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from stripper.learn.cluster import CLUSTER_PATIENCE, Clusterer
from stripper.learn.counter import CAPACITY, LineCounter
from stripper.learn.decide import (
    MIN_SHARE,
    SiteTemplate,
    Spill,
    candidates,
    choose_marker,
    marker_coverage,
    outside_counts,
    template_lines,
    worth_a_rule,
)
from stripper.learn.sites import UrlMap, known_site
from stripper.learn.survey import PageSurvey, Settings, Task, init_worker, survey
from stripper.learn.write import render

__all__ = ["LearnOptions", "Learned", "Settings", "Task", "UrlMap", "learn", "learn_file",
           "render"]

PROGRESS_SECONDS = 2.0
CHUNK = 4  # pages per worker hand-out


@dataclass
class LearnOptions:
    settings: Settings = field(default_factory=Settings)
    site: str | None = None  # every page is of this site
    urls: UrlMap | None = None  # page → URL
    by_folder: bool = False  # the folder a page sits in is its site
    jobs: int = 1
    min_share: float = MIN_SHARE
    all_lines: bool = False  # also lines stripper removed on every page
    capacity: int = CAPACITY
    progress: Callable[[int, int, float], None] | None = None  # (done, total, seconds)


@dataclass
class Learned:
    sites: list[SiteTemplate]
    pages: int = 0  # pages read
    failed: list[tuple[str, str]] = field(default_factory=list)  # (page, reason)
    pruned: int = 0  # counter entries dropped to stay in bounds

    @property
    def rules(self) -> int:
        return sum(len(s.lines) for s in self.sites)


def _surveys(tasks: list[Task], options: LearnOptions) -> Iterator[PageSurvey]:
    if options.jobs <= 1 or len(tasks) < 2 * CHUNK:
        for task in tasks:
            yield survey(task, options.settings)
        return
    context = _context()
    with context.Pool(options.jobs, initializer=init_worker,
                      initargs=(options.settings,)) as pool:
        yield from pool.imap(survey, tasks, chunksize=CHUNK)


def _context():
    """Workers forked from a warm fork server, as batch's are (batch's preload too,
    named not imported, so `batch --learn` shares one warm server): no worker pays
    for loading the models."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["stripper", "stripper.batch.worker", "stripper.batch.warm",
                                    "stripper.learn.survey"])
    return context


def learn(tasks: list[Task], options: LearnOptions | None = None) -> Learned:
    """Survey every page (in parallel), count its lines per site, and decide each
    site's template lines."""
    options = options or LearnOptions()
    counter = LineCounter(capacity=options.capacity)
    clusters = Clusterer()
    site_ids: dict[str, int] = {}
    names: dict[int, str] = {}
    site_pages: dict[int, int] = {}
    learned = Learned(sites=[])
    started = last = time.monotonic()
    with tempfile.TemporaryFile(prefix="stripper-learn-") as fh:
        spill = Spill(fh)
        for done, page in enumerate(_surveys(tasks, options), 1):
            now = time.monotonic()
            if options.progress and now - last >= PROGRESS_SECONDS:
                options.progress(done, len(tasks), now - started)
                last = now
            if page.error is not None:
                learned.failed.append((page.rel, page.error))
                continue
            learned.pages += 1
            name = known_site(page.rel, site=options.site, urls=options.urls,
                              by_folder=options.by_folder, page_host=page.host)
            cluster = None
            if name is None:
                cluster, _new = clusters.assign([s.line for s in page.seen])
                name = f"\0cluster {cluster}"
            sid = site_ids.setdefault(name, len(site_ids))
            names[sid] = name
            site_pages[sid] = site_pages.get(sid, 0) + 1
            for seen in page.seen:
                counter.add(sid, seen.line, text=seen.text, page=page.rel,
                            removed=not seen.kept, by_rule=seen.by_rule, chrome=seen.chrome,
                            category=seen.category, words=seen.words)
            spill.write(sid, page.order, page.kept, page.sizes)
            if counter.over():
                for stats in counter.prune():
                    if names[stats.site].startswith("\0cluster "):
                        clusters.forget(stats.line, int(names[stats.site].split()[1]))
            if done % CLUSTER_PATIENCE == 0:
                clusters.expired()
        if options.progress:
            options.progress(len(tasks), len(tasks), time.monotonic() - started)
        learned.pruned = counter.pruned
        fh.flush()
        cands = candidates(counter, site_pages, options.min_share)
        chosen = template_lines(cands, outside_counts(spill, cands, counter))
        markers = {sid: choose_marker(lines) for sid, lines in chosen.items()}
        marked = marker_coverage(spill, {sid: {t.stats.line for t in m}
                                         for sid, m in markers.items()})
    numbered = 0
    for sid in sorted(chosen, key=lambda s: _site_order(names[s])):
        lines = worth_a_rule(chosen[sid], options.all_lines)
        if not lines:
            continue
        name = names[sid]
        if name.startswith("\0cluster "):
            numbered += 1
            name = f"cluster-{numbered}"
        learned.sites.append(SiteTemplate(name, site_pages[sid], lines,
                                          [t.text for t in markers[sid]], marked.get(sid, 0)))
    return learned


def _site_order(name: str) -> tuple[int, int | str]:
    if name.startswith("\0cluster "):
        return 1, int(name.split()[1])
    return 0, name


def learn_file(tasks: list[Task], output, options: LearnOptions | None = None,
               source: str = "") -> Learned:
    """Learn, and write the rule file to `output` (a path, or a text stream)."""
    learned = learn(tasks, options)
    text = render(learned.sites, pages=learned.pages, source=source)
    if hasattr(output, "write"):
        output.write(text)
    else:
        tmp = f"{output}.stripper-tmp-{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, output)
    return learned
