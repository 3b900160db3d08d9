"""WARC → JSONL throughput: `stripper batch`, and datatrove with stripper's step and
with datatrove's own Trafilatura step, on the same records, in one run.

    python bench/warc_bench.py                 # 3 rounds, the best of each
    python bench/warc_bench.py --rounds 2 --sets tf-dev-html

Builds one gzipped WARC from the development HTML pages (`tf-dev-html`, `fd-dev-html`
and `mh-dev-html` under the bench data folder: every page as a `response` record with
HTTP headers, its charset from the set's sources.tsv and Common Crawl's
WARC-Identified-Payload-Type), and the same records split in two WARCs (alternately),
all in a temporary folder that is removed afterwards. Then, each as a fresh process
(start-up included in its wall time):

    batch j1 / j2         stripper batch X.warc.gz --jsonl OUT -j 1 / -j 2
    dt-stripper t1 / t2   WarcReader → StripperExtractor → JsonlWriter,
    dt-trafilatura t1/t2  WarcReader → datatrove's Trafilatura → JsonlWriter,
                          under LocalPipelineExecutor: tasks=1 workers=1 on the one WARC,
                          tasks=2 workers=2 on the two halves

Both datatrove pipelines write plain JSONL (`compression=None`), as `stripper batch`
does. records/s and MB/s are over every page record of the WARC and its HTML bytes
(not only the documents kept). Peak RSS: the largest single process (wait4's
ru_maxrss, which counts the processes the run reaped, or the largest seen by sampling)
and, sampled every 50 ms, the sum over the run's process tree. The order of the runs
alternates across rounds; each configuration keeps its fastest round. Results:
`bench/out/warc/results.json`.

Needs the `warc` and `datatrove` extras, and for the Trafilatura step the trafilatura
release datatrove[processing] pins (`pip install 'trafilatura>=1.8,<1.12'`): not part
of the `bench` extra, which has trafilatura 2. Configurations whose packages are
missing are left out and said so.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = ("tf-dev-html", "fd-dev-html", "mh-dev-html")
DATA_ROOTS = (ROOT.parent / "shared" / "bench" / "data", Path("/work/shared/bench/data"))

PIPELINE = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter

if __name__ == "__main__":  # the executor's worker processes import this file
    crawl, out, logs, tasks = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if sys.argv[5] == "stripper":
        from stripper.datatrove import StripperExtractor as Extractor
    else:
        from datatrove.pipeline.extractors import Trafilatura as Extractor
    LocalPipelineExecutor(
        pipeline=[WarcReader(crawl, glob_pattern="*.warc.gz"), Extractor(),
                  JsonlWriter(out, compression=None)],
        tasks=tasks, workers=tasks, logging_dir=logs,
    ).run()
"""


@dataclass
class Corpus:
    records: int
    html_bytes: int
    warc_bytes: int
    one: Path  # a folder holding the one WARC
    two: Path  # a folder holding the two halves


@dataclass
class Run:
    name: str
    round: int
    wall_s: float
    returncode: int
    kept: int | None  # documents written
    timeouts: int | None
    peak_rss_process_mb: float
    peak_rss_tree_mb: float | None


def data_root(given: str | None) -> Path:
    roots = [Path(given)] if given else [Path(os.environ["STRIPPER_BENCH_DATA"])] \
        if os.environ.get("STRIPPER_BENCH_DATA") else list(DATA_ROOTS)
    for root in roots:
        if root.is_dir():
            return root
    raise SystemExit(f"no bench data folder (tried {', '.join(map(str, roots))})")


def dev_pages(root: Path, sets: list[str]):
    """(id, URL, charset, bytes) of every page of the sets, in id order."""
    for name in sets:
        folder = root / name
        with open(folder / "sources.tsv", encoding="utf-8", newline="") as fh:
            rows = {r["id"]: r for r in csv.DictReader(fh, delimiter="\t")}
        for path in sorted((folder / "inputs").glob("*.html.gz")):
            page_id = path.name.removesuffix(".html.gz")
            row = rows.get(page_id, {})
            url = row.get("url") or row.get("key") or ""
            if not url.startswith(("http://", "https://")):
                url = f"https://pages.invalid/{page_id}"
            yield page_id, url, (row.get("charset") or "utf-8"), gzip.decompress(path.read_bytes())


def build(root: Path, sets: list[str], work: Path) -> Corpus:
    """The WARC (and its two halves): a request-less crawl of response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    one, two = work / "one", work / "two"
    one.mkdir()
    two.mkdir()
    count = size = 0
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(p, "wb")) for p in
                 (one / "crawl.warc.gz", two / "part-0.warc.gz", two / "part-1.warc.gz")]
        writers = [WARCWriter(fh, gzip=True) for fh in files]
        for i, (_, url, charset, body) in enumerate(dev_pages(root, sets)):
            for writer in (writers[0], writers[1 + i % 2]):
                http = StatusAndHeaders("200 OK", [
                    ("Content-Type", f"text/html; charset={charset}"),
                    ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http,
                    warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"}))
            count += 1
            size += len(body)
    return Corpus(count, size, (one / "crawl.warc.gz").stat().st_size, one, two)


def configurations(corpus: Corpus, work: Path, script: Path) -> dict[str, tuple[list[str], str]]:
    """name → (command, output kind); the ones whose packages are missing left out."""
    warc = str(corpus.one / "crawl.warc.gz")
    out = work / "out"
    runs: dict[str, tuple[list[str], str]] = {}
    for jobs in (1, 2):
        runs[f"batch j{jobs}"] = ([sys.executable, "-m", "stripper.cli", "batch", warc,
                                   "--jsonl", str(out / "out.jsonl"), "-j", str(jobs),
                                   "-q", "--force"], "batch")
    missing = [m for m in ("datatrove", "cchardet", "magic") if not _importable(m)]
    if missing:
        print(f"datatrove runs left out: {', '.join(missing)} not installed", flush=True)
        return runs
    extractors = ["stripper"]
    if _importable("trafilatura"):
        extractors.append("trafilatura")
    else:
        print("dt-trafilatura left out: trafilatura not installed", flush=True)
    for extractor in extractors:
        for tasks, folder in ((1, corpus.one), (2, corpus.two)):
            runs[f"dt-{extractor} t{tasks}"] = (
                [sys.executable, str(script), str(folder), str(out), str(work / "logs"),
                 str(tasks), extractor], "datatrove")
    return runs


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def measure(name: str, cmd: list[str], kind: str, work: Path, round_: int) -> Run:
    out, logs = work / "out", work / "logs"
    for folder in (out, logs):  # datatrove skips tasks its logging folder says are done
        shutil.rmtree(folder, ignore_errors=True)
    out.mkdir()
    sampler = TreeSampler()
    started = time.perf_counter()
    with open(work / "stderr.log", "wb") as err:  # a file: a pipe could fill up or linger
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        sampler.start(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)  # its rusage: the run's processes included
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    kept = timeouts = None
    if kind == "batch":
        summary = json.loads((out / "out.jsonl.summary.json").read_text())
        kept = summary["done"]
        timeouts = summary.get("failure_reasons", {}).get("timeout", 0)
    elif (logs / "stats.json").exists():
        for step in json.loads((logs / "stats.json").read_text()):
            if "EXTRAC" in step.get("name", "") or "stripper" in step.get("name", "") \
                    or "Trafilatura" in step.get("name", ""):
                stats = step["stats"]
                kept = _count(stats, "forwarded")
                timeouts = _count(stats, "timeout")
    if proc.returncode not in (0, 1):
        stderr = (work / "stderr.log").read_text(encoding="utf-8", errors="replace")
        print(f"{name}: exit {proc.returncode}: {stderr[-2000:]}",
              file=sys.stderr, flush=True)
    return Run(name, round_, round(wall, 2), proc.returncode, kept, timeouts,
               round(max(usage.ru_maxrss * 1024, sampler.largest) / 2**20, 1),
               None if sampler.peak is None else round(sampler.peak / 2**20, 1))


def _count(stats: dict, key: str) -> int:
    value = stats.get(key, 0)
    return value["total"] if isinstance(value, dict) else int(value)


class TreeSampler:
    """The largest summed RSS of a process and its descendants, and the largest RSS of
    any one of them, every 50 ms (psutil)."""

    def __init__(self) -> None:
        self.peak: int | None = None
        self.largest = 0
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, pid: int) -> None:
        try:
            import psutil
        except ImportError:
            return
        self.peak = 0

        def sample() -> None:
            try:
                root = psutil.Process(pid)
            except psutil.Error:
                return
            while not self._done.is_set():
                total = 0
                try:
                    for proc in [root, *root.children(recursive=True)]:
                        with contextlib.suppress(psutil.Error):  # it just ended
                            rss = proc.memory_info().rss
                            total += rss
                            self.largest = max(self.largest, rss)
                except psutil.Error:
                    return
                self.peak = max(self.peak or 0, total)
                self._done.wait(0.05)

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()


def table(best: dict[str, Run], corpus: Corpus) -> str:
    lines = ["| run | cores | wall s | records/s | MB/s | kept | timeouts | "
             "peak RSS, largest process MB | peak RSS, all processes MB |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, run in best.items():
        cores = name[-1]
        tree = "-" if run.peak_rss_tree_mb is None else f"{run.peak_rss_tree_mb}"
        lines.append(
            f"| {name} | {cores} | {run.wall_s} | {corpus.records / run.wall_s:.1f} | "
            f"{corpus.html_bytes / 1e6 / run.wall_s:.2f} | {_dash(run.kept)} | "
            f"{_dash(run.timeouts)} | {run.peak_rss_process_mb} | {tree} |")
    return "\n".join(lines)


def _dash(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds (default 3); the best of each")
    ap.add_argument("--sets", default=",".join(DEV_SETS),
                    help=f"comma-separated dev sets (default {','.join(DEV_SETS)})")
    ap.add_argument("--data", help="the bench data folder (default: shared/bench/data)")
    ap.add_argument("--only", help="comma-separated run names (e.g. 'batch j1,dt-stripper t1')")
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    root = data_root(args.data)
    work = Path(tempfile.mkdtemp(prefix="warc-bench-"))
    try:
        corpus = build(root, args.sets.split(","), work)
        print(f"{corpus.records:,} records, {corpus.html_bytes / 1e6:.1f} MB of HTML, "
              f"WARC {corpus.warc_bytes / 1e6:.1f} MB gzipped", flush=True)
        script = work / "pipeline.py"
        script.write_text(PIPELINE)
        runs = configurations(corpus, work, script)
        if args.only:
            wanted = {n.strip() for n in args.only.split(",")}
            runs = {n: r for n, r in runs.items() if n in wanted}
        names = list(runs)
        every: list[Run] = []
        for round_ in range(args.rounds):
            order = names if round_ % 2 == 0 else names[::-1]
            for name in order:
                cmd, kind = runs[name]
                run = measure(name, cmd, kind, work, round_)
                every.append(run)
                print(json.dumps(asdict(run)), flush=True)
        best = {name: min((r for r in every if r.name == name), key=lambda r: r.wall_s)
                for name in names}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(best, corpus))
    versions = {m: _version(m) for m in ("datatrove", "trafilatura", "warcio")}
    print(f"\ncores: {os.cpu_count()}; rounds: {args.rounds}; {versions}")
    out = ROOT / "bench" / "out" / "warc"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({
        "records": corpus.records, "html_bytes": corpus.html_bytes,
        "warc_bytes": corpus.warc_bytes, "sets": args.sets.split(","),
        "rounds": args.rounds, "cores": os.cpu_count(), "versions": versions,
        "best": {n: asdict(r) for n, r in best.items()},
        "runs": [asdict(r) for r in every]}, indent=2) + "\n")
    print(f"results in {out / 'results.json'}")


def _version(module: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    main()
