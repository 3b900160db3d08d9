#!/usr/bin/env python3
"""Benchmark stripper against other extractors on the shared development sets.

    python bench/run.py [--set text|html|both] [--tools stripper,trafilatura,...] [--limit N]
                        [--data DIR] [--out bench/out] [--lang-hint] [--by-lang] [--halves]
                        [--rounds N]

Each tool runs serially in a subprocess of its own (``--worker``), so its peak RSS is its own.
Predictions go to OUT/<set>/<tool>/<id>.txt; the table to OUT/<set>/summary.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import adapters  # noqa: E402
import report  # noqa: E402
import worker  # noqa: E402

SETS = {"text": "tf-dev-text", "html": "tf-dev-html"}
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "bench" / "data"
LANG_AWARE = ("stripper", "stripper-auto")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="both",
                    help="text, html, both, all (every set under --data), text-all, "
                    "html-all, or the name of a set folder (comma-separated for several)")
    ap.add_argument("--tools", help="comma-separated; default: every tool that fits the set. "
                    f"Known: {', '.join(adapters.TOOLS)}")
    ap.add_argument("--limit", type=int, help="only the first N documents (sorted by id)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding the sets")
    ap.add_argument("--out", type=Path, default=BENCH_DIR / "out", help="output folder")
    ap.add_argument("--lang-hint", action="store_true",
                    help="pass the gold language to stripper (results as 'stripper+lang')")
    ap.add_argument("--by-lang", action="store_true", help="print stripper's per-language rows")
    ap.add_argument("--halves", action="store_true",
                    help="also score every tool on two fixed halves of the set's sites "
                    "(a gap between them says a number fits some sites)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run every tool N times, alternating the order, and report each "
                    "tool's fastest round: steadier speed ratios on a shared machine")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed per tool")
    ap.add_argument("--worker", metavar="TOOL", help=argparse.SUPPRESS)
    ap.add_argument("--label", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def set_dirs(args: argparse.Namespace) -> list[Path]:
    """The set folders selected by --set."""
    data = args.data.resolve()
    every = sorted(p.name for p in data.iterdir() if (p / "gold.jsonl").is_file())
    if args.set == "both":
        names = list(SETS.values())
    elif args.set in ("all", "text-all", "html-all"):
        names = [n for n in every if args.set == "all"
                 or n.endswith("-html") == (args.set == "html-all")]
    else:
        names = [SETS.get(n, n) for n in args.set.split(",") if n]
    dirs = [data / n for n in names]
    for d in dirs:
        if not (d / "gold.jsonl").is_file():
            sys.exit(f"no benchmark set at {d} (see --data)")
    return dirs


def tools_for(kind: str, requested: str | None) -> list[str]:
    """Tool names to run on a set of ``kind`` inputs, skipping those that do not fit it."""
    names = requested.split(",") if requested else adapters.DEFAULT_TOOLS[kind]
    chosen = []
    for name in (n.strip() for n in names if n.strip()):
        if name not in adapters.TOOLS:
            sys.exit(f"unknown tool {name!r}; known: {', '.join(adapters.TOOLS)}")
        if kind in adapters.TOOLS[name].kinds:
            chosen.append(name)
        else:
            print(f"skipping {name}: does not take {kind} inputs", file=sys.stderr)
    return chosen


def label_of(tool: str, lang_hint: bool) -> str:
    return f"{tool}+lang" if lang_hint and tool in LANG_AWARE else tool


def spawn_worker(tool: str, label: str, set_dir: Path, args: argparse.Namespace) -> None:
    """Run one tool in a fresh interpreter and wait for it."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, "--label", label,
           "--set", str(set_dir), "--out", str(args.out.resolve())]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    if args.lang_hint:
        cmd.append("--lang-hint")
    log = args.out.resolve() / set_dir.name / f"{label}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with open(log, "w", encoding="utf-8") as f:
        try:
            rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT,
                                timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    status = {0: "done", 3: "unavailable"}.get(rc, f"failed ({rc}), see {log}")
    if rc == 0 and log.stat().st_size:
        status += f" (tool output in {log.name})"
    print(f"  {label:<16} {status} in {time.perf_counter() - t0:.1f}s wall", file=sys.stderr)


def bench_set(set_dir: Path, args: argparse.Namespace) -> list[report.Row]:
    """Run, score and tabulate every chosen tool on one set."""
    kind = worker.input_kind(set_dir)
    set_out = args.out.resolve() / set_dir.name
    print(f"== {set_dir.name} ({kind}){f', first {args.limit} docs' if args.limit else ''}",
          file=sys.stderr)
    tools = tools_for(kind, args.tools)
    labels = [label_of(tool, args.lang_hint) for tool in tools]
    rounds: dict[str, list[dict]] = {label: [] for label in labels}
    for n in range(args.rounds):
        order = list(zip(tools, labels, strict=True))
        for tool, label in order if n % 2 == 0 else order[::-1]:  # A B, B A, A B …
            record = set_out / f"{label}.run.json"
            record.unlink(missing_ok=True)
            spawn_worker(tool, label, set_dir, args)
            if record.is_file():
                rounds[label].append(json.loads(record.read_text(encoding="utf-8")))
    for label, runs in rounds.items():
        if len(runs) > 1:  # keep the fastest round's record: the least disturbed one
            best = min(runs, key=lambda r: r.get("cpu_seconds") or r.get("seconds") or 0.0)
            best["rounds"] = len(runs)
            (set_out / f"{label}.run.json").write_text(json.dumps(best, indent=1),
                                                       encoding="utf-8")
    ids = worker.select_ids(set_dir, args.limit) if args.limit else None
    rows = report.score_all(scorer_path(set_dir), set_dir, set_out, labels, ids)
    notes = run_notes(rows, set_dir, args)
    if args.rounds > 1:
        notes.insert(1, report.round_ratios(rounds, label_of("stripper", args.lang_hint)))
    print(f"\n{set_dir.name}\n{report.text_table(rows)}")
    for n in notes:
        print(n)
    if args.by_lang:
        for row in rows:
            if row.tool.startswith("stripper") and row.ok:
                print(report.lang_rows(row))
    for row in rows:
        if args.halves and row.ok and (line := report.halves_line(row, set_dir)):
            notes.append(line)
            print(line)
    for row in rows:
        meta = report.metadata_accuracy(set_dir, set_out / row.tool) if row.ok else None
        if meta and (meta["title_docs"] or meta["date_docs"]):
            parts = [f"{k} {meta[k]:.3f} of {meta[k + '_docs']}" for k in ("title", "date")
                     if meta[k] is not None]
            notes.append(f"{row.tool} metadata: " + ", ".join(parts))
            print(notes[-1])
    report.write_summary(set_out, set_dir.name, rows, notes)
    print(f"saved {set_out / 'summary.md'} and summary.json\n")
    return rows


def scorer_path(set_dir: Path) -> Path:
    """score.py of the shared bench folder: DATA/../score.py, or, for sets rendered
    elsewhere (--data of your own, e.g. other widths), the shared bench's."""
    beside = set_dir.parent.parent / "score.py"
    return beside if beside.is_file() else DEFAULT_DATA.parent / "score.py"


def run_notes(rows: list[report.Row], set_dir: Path, args: argparse.Namespace) -> list[str]:
    """Lines printed under the table: speed ratio, run conditions, errors."""
    notes = []
    ratio = report.speed_ratio(rows, label_of("stripper", args.lang_hint))
    if ratio:
        notes.append(ratio)
    docs = next((r.run["docs"] for r in rows if r.ok), 0)
    rounds = (f"fastest of {args.rounds} rounds in alternating order" if args.rounds > 1
              else "serial")
    limited = " (--limit)" if args.limit else ""
    notes.append(f"{docs} docs{limited}; one process per tool, {rounds}; "
                 f"python {platform.python_version()} on {platform.node()}; "
                 f"{time.strftime('%Y-%m-%d %H:%M')}")
    for r in rows:
        if not r.ok:
            notes.append(f"{r.tool}: n/a: {r.run.get('unavailable') or 'scoring failed'}")
        for e in r.run.get("error_samples", [])[:3]:
            notes.append(f"{r.tool} error: {e}")
    return notes


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    if args.worker:
        set_dir = Path(args.set)
        return worker.run_worker(args.worker, set_dir, args.out / set_dir.name, args.limit,
                                 args.lang_hint, args.label or args.worker)
    dirs = set_dirs(args)
    scores: dict[str, dict[str, float]] = {}
    per_doc: dict[str, dict[str, list[dict]]] = {"text": {}, "html": {}}
    for set_dir in dirs:
        kind = worker.input_kind(set_dir)
        for row in bench_set(set_dir, args):
            if row.f1 is not None and row.score is not None:
                scores.setdefault(set_dir.name, {})[row.tool] = row.f1
                per_doc[kind].setdefault(row.tool, []).extend(row.score.get("per_doc", []))
    if len(dirs) > 1:
        print(report.renderer_table(scores, label_of("stripper", args.lang_hint)))
        for kind, docs in per_doc.items():
            if docs:
                print(f"\n{kind} sets: " + report.pooled_languages(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
