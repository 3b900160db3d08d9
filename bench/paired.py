#!/usr/bin/env python3
"""Speed of two tools measured side by side, document by document, in one process.

    python bench/paired.py --set html                      # stripper vs trafilatura
    python bench/paired.py --set text --tools stripper,justext-lang --rounds 3

This machine is shared and its speed drifts by a quarter within a minute, so two tools
timed one after the other (as `run.py` does, for memory's sake) can get different
machines. Here both tools are built in one process and every document is cleaned by
both, one straight after the other, the order alternating from one document to the
next; each tool's CPU time is summed over the documents. A slow spell then costs both
alike, and the ratio of the two sums is the speed ratio. Accuracy and peak memory are
`run.py`'s to measure; this prints docs/s per tool, the ratio, and the ratio in each
tenth of the set (its spread says how steady the machine was).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import adapters  # noqa: E402
import worker  # noqa: E402
from run import DEFAULT_DATA, SETS  # noqa: E402

CHUNKS = 10


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="html", help="text, html, or a set folder under --data")
    ap.add_argument("--tools", default="stripper,trafilatura",
                    help="two tools, comma-separated (the first is compared to the second)")
    ap.add_argument("--rounds", type=int, default=1, help="passes over the set")
    ap.add_argument("--limit", type=int, help="only the first N documents")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding the sets")
    return ap.parse_args(argv)


def paired_times(extractors: list[adapters.Extractor], docs: list[worker.Doc],
                 rounds: int) -> list[list[float]]:
    """CPU seconds per document per tool, each document cleaned by every tool in turn,
    the order rotating from one document to the next."""
    clock = time.process_time
    times = [[0.0] * len(docs) for _ in extractors]
    order = list(range(len(extractors)))
    for _ in range(rounds):
        for k, doc in enumerate(docs):
            for t in order[k % 2:] + order[:k % 2]:
                start = clock()
                with contextlib.suppress(Exception):  # an error costs its time like output
                    extractors[t](doc.raw, doc.lang)
                times[t][k] += clock() - start
    return times


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = [n.strip() for n in args.tools.split(",")]
    if len(names) != 2:
        sys.exit("--tools takes exactly two tools")
    set_dir = args.data.resolve() / SETS.get(args.set, args.set)
    kind = worker.input_kind(set_dir)
    docs = worker.load_docs(set_dir, args.limit)
    langs = {d.lang for d in docs if d.lang}
    try:
        extractors = [adapters.build(n, kind, langs, False) for n in names]
    except adapters.ToolUnavailable as exc:
        sys.exit(f"unavailable: {exc}")
    for extract in extractors:  # warm up: lazy imports, caches, compiled patterns
        extract(docs[0].raw, docs[0].lang)
    # What both tools loaded is left out of the garbage collector's passes: otherwise each
    # tool's full collections would also walk the other's models, which they do not do in
    # a process of their own.
    gc.collect()
    gc.freeze()
    times = paired_times(extractors, docs, args.rounds)
    n = len(docs) * args.rounds
    rates = [n / sum(t) for t in times]
    size = max(1, len(docs) // CHUNKS)
    chunks = [sum(times[1][i:i + size]) / sum(times[0][i:i + size])
              for i in range(0, len(docs) - size + 1, size) if sum(times[0][i:i + size])]
    print(f"{set_dir.name}: {len(docs)} docs x {args.rounds} round(s), each cleaned by both "
          "tools in turn (CPU time)")
    for name, rate in zip(names, rates, strict=True):
        print(f"  {name:<14} {rate:7.1f} docs/s")
    print(f"{names[0]} docs/s = {rates[0] / rates[1]:.2f}x {names[1]}; by tenth of the set: "
          f"median {statistics.median(chunks):.2f}x, range {min(chunks):.2f}-{max(chunks):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
