"""Throughput and memory of `stripper batch` on generated folders of dumps.

    python bench/batch_bench.py                      # 2,000 files, --jobs 1 and 2
    python bench/batch_bench.py --n 2000 --n 20000   # is memory flat as the count grows?
    python bench/batch_bench.py --n 500 --jobs 1,2,4 --html

Dumps are generated from the project's own fixtures (`fixtures/text/*.txt`, and with
--html `fixtures/html/*.html` too), each copy made distinct by a numbered sentence
(in the page's own encoding), 100 to a folder. Each run is a fresh process,
`python -m stripper.cli batch GEN -o OUT -j J -q --force`; files/s and MB/s are
over the wall time of that process (start-up included), and peak RSS comes from
the run's `OUT/_summary.json` (the parent's own getrusage, and the largest
ru_maxrss any worker reported). Results also go to `bench/out/batch/results.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sources(html: bool) -> list[tuple[str, bytes]]:
    names = sorted(p for p in (ROOT / "fixtures" / "text").glob("*.txt")
                   if "expected" not in p.name)
    if html:
        names += sorted((ROOT / "fixtures" / "html").glob("*.html"))
    return [(p.suffix, p.read_bytes()) for p in names]  # some are in legacy code pages


def distinct(suffix: str, data: bytes, i: int) -> bytes:
    """The page made unique by a numbered line, added in ASCII: every fixture's encoding
    is ASCII-compatible except UTF-16's, whose copies get the line in UTF-16 too."""
    codec = ("utf-16-le" if data.startswith(b"\xff\xfe") else
             "utf-16-be" if data.startswith(b"\xfe\xff") else "ascii")
    if suffix == ".html":
        end = "</body>".encode(codec)
        return data.replace(end, f"<p>Archive copy number {i} of this page.</p>".encode(codec)
                            + end)
    return data + f"\nThis is archive copy number {i}.\n".encode(codec)


def generate(folder: Path, n: int, html: bool) -> int:
    """Write n dumps under folder (100 a sub-folder); return their total size in bytes."""
    pages = sources(html)
    total = 0
    for i in range(n):
        suffix, original = pages[i % len(pages)]
        data = distinct(suffix, original, i)
        sub = folder / f"part{i // 100:04d}"
        if i % 100 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"page{i:06d}{suffix}").write_bytes(data)
        total += len(data)
    return total


def run_batch(src: Path, out: Path, jobs: int) -> dict:
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "stripper.cli", "batch", str(src), "-o", str(out),
           "-j", str(jobs), "-q", "--force"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    summary = json.loads((out / "_summary.json").read_text())
    return {
        "jobs": jobs,
        "files": summary["files"],
        "done": summary["done"],
        "empty": summary["empty"],
        "failed": summary["failed"],
        "wall_s": round(wall, 2),
        "files_per_s": round(summary["files"] / wall, 1),
        "mb_per_s": round(summary["input_bytes"] / 1e6 / wall, 2),
        "peak_rss_parent_mb": round(summary["peak_rss_parent"] / 2**20, 1),
        "peak_rss_worker_mb": round(summary["peak_rss_worker"] / 2**20, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, action="append",
                    help="number of generated dumps (repeatable; default 2000)")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values (default 1,2)")
    ap.add_argument("--html", action="store_true", help="mix in the HTML fixtures")
    ap.add_argument("--work", help="folder for generated inputs and outputs (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    args = ap.parse_args()
    counts = args.n or [2000]
    jobs = [int(j) for j in args.jobs.split(",")]
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="batch-bench-"))
    rows = []
    try:
        for n in counts:
            src = work / f"gen-{n}"
            if src.exists():
                shutil.rmtree(src)
            size = generate(src, n, args.html)
            print(f"{n:,} dumps, {size / 1e6:.1f} MB, in {src}", flush=True)
            for j in jobs:
                row = {"n": n, "input_mb": round(size / 1e6, 1), **run_batch(src, work / "out", j)}
                rows.append(row)
                print(json.dumps(row), flush=True)
            if not args.keep:
                shutil.rmtree(src)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("| files | jobs | wall s | files/s | MB/s | speed-up | parent RSS MB | worker RSS MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        base = next(r for r in rows if r["n"] == row["n"] and r["jobs"] == jobs[0])
        speedup = row["files_per_s"] / base["files_per_s"]
        print(f"| {row['n']:,} | {row['jobs']} | {row['wall_s']} | {row['files_per_s']} | "
              f"{row['mb_per_s']} | {speedup:.2f}× | {row['peak_rss_parent_mb']} | "
              f"{row['peak_rss_worker_mb']} |")
    out = ROOT / "bench" / "out" / "batch"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(rows, indent=2) + "\n")
    print(f"\ncores: {os.cpu_count()}; results in {out / 'results.json'}")


if __name__ == "__main__":
    main()
