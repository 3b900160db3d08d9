"""Mutation fuzzing of stripper.strip(): an optional check, run by hand, not by CI.

    python tests/fuzz_pages.py                              # 2,000 mutants of fixtures/
    python tests/fuzz_pages.py -n 10000 --pages '../shared/bench/data/*/inputs/*.gz'

Each mutant is a real page (or a fixture) with a few hostile edits — bytes flipped,
cut or repeated; NULs, control bytes, BOMs and stray UTF-8 halves; deep nesting of
many kinds of tag; huge attribute lists (some with names broken by a quote or a slash,
some with no spaces); broken comments, CDATA and entities; a false `<meta charset>`;
long lines of one character — cleaned in a child process under a time limit. A
crash is any exception other than the clean refusal of an oversized page; a hang is
a page that takes longer than --timeout seconds (the child is then killed and
replaced). At the end: crashes, hangs, the slowest pages and the worst time per MB
(the ten worst pages timed twice more, the best of three kept; the worst one's edits
shown). A failing mutant is named by its page and seed, so `--replay PAGE:SEED`
rebuilds it exactly (and lists its edits); mutants are never written to disk.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import multiprocessing as mp
import random
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = [str(ROOT / "fixtures" / "html" / "*.html"),
                 str(ROOT / "fixtures" / "text" / "*.txt")]
MIN_BYTES_FOR_RATE = 20_000  # below this, time per MB is start-up noise


def _nest(rng: random.Random) -> bytes:
    tag = rng.choice([b"div", b"q", b"dl", b"fieldset", b"x-card", b"span", b"font", b"li",
                      b"table", b"blockquote", b"a", b"svg", b"math", b"ruby"])
    depth = rng.choice([300, 3000, 30000])
    closing = rng.random() < 0.5
    return b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + b"deep text " + (
        (b"</" + tag + b">") * depth if closing else b"")


def _attrs(rng: random.Random) -> bytes:
    n = rng.choice([300, 5000, 60000])
    quote = rng.choice([b'"x"', b'">"', b"'<'", b"x", b""])
    sep = b"=" if quote else b""
    between = rng.choice([b" ", b" ", b"/", b"", b"\n"]) if quote[:1] in (b'"', b"'") else b" "
    tag = rng.choice([b"div", b"script", b"title", b"p"])
    attrs = [b"a%d%s%s" % (i, sep, quote) for i in range(n)]
    for _ in range(rng.choice([0, 1, 3])):  # a name broken by a quote, a slash, a '<'
        i = rng.randrange(n)
        attrs[i] = rng.choice([b'"', b"'", b"/", b"<", b"="]) + attrs[i]
    return b"<" + tag + b" " + between.join(attrs) + b">x</" + tag + b">"


SNIPPETS = [
    lambda r: b"\x00" * r.choice([1, 3, 20]),
    lambda r: bytes(r.randrange(1, 32) for _ in range(r.choice([1, 10, 200]))),
    lambda r: r.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xc3", b"\xe2\x80",
                        b"\xf0\x9f"]),
    _nest,
    _attrs,
    lambda r: b"<!--" + b"-" * r.choice([1, 1000]) + b"<p>x",
    lambda r: b"<![CDATA[" + b"]" * r.choice([1, 5000]),
    lambda r: b"&" + b"#" * r.choice([1, 50]) + b"x" * 20 + b";" + b"&amp;" * 2000,
    lambda r: b'<meta charset="' + r.choice([b"utf-16", b"x-nonsense", b"cp1251", b"utf-7",
                                             b"iso-2022-jp", b"gb18030"]) + b'">',
    lambda r: bytes([r.randrange(32, 127)]) * r.choice([10_000, 200_000]),
    lambda r: b"\n" * r.choice([1000, 100_000]),
    lambda r: b"<p>" * r.choice([1000, 50_000]),
    lambda r: b"<script>" + b"x" * 1000,
    lambda r: b"<table>" + b"<tr><td>cell</td>" * r.choice([100, 20_000]),
    lambda r: "\u202e\u200f\u0627\u0644\u0639\u0631\u0628\ufeff\u0301\u0301\u0301".encode()
    * r.choice([1, 1000]),
    lambda r: b'<link rel="canonical" href="https://[bad/' + b"x" * r.choice([1, 5000]) + b'">',
    lambda r: b'<script type="application/ld+json">{"articleBody": "' + b"[" * 5000 + b'"}',
]


def mutate(raw: bytes, rng: random.Random, log: list[str] | None = None) -> bytes:
    """The mutant; `log`, when given, gets one line an edit (for --replay)."""
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        pos = rng.randrange(len(data) + 1)
        if op < 0.25 and data:  # flip some bytes
            flips = rng.randint(1, 50)
            for _ in range(flips):
                data[rng.randrange(len(data))] = rng.randrange(256)
            note = f"{flips} bytes flipped"
        elif op < 0.35:  # cut
            end = min(len(data), pos + rng.randint(1, max(1, len(data) // 4)))
            del data[pos:end]
            note = f"{end - pos:,} bytes cut at {pos:,}"
        elif op < 0.45 and data:  # repeat a slice
            end = min(len(data), pos + rng.randint(1, 2000))
            times = rng.randint(2, 50)
            data[pos:pos] = bytes(data[pos:end]) * times
            note = f"{end - pos:,} bytes at {pos:,} repeated {times} times"
        else:  # a hostile snippet
            snippet = rng.choice(SNIPPETS)(rng)
            data[pos:pos] = snippet
            note = f"snippet at {pos:,}: {len(snippet):,} bytes, {snippet[:40]!r}"
        if log is not None:
            log.append(note)
    return bytes(data)


def _load(pattern: str) -> bytes:
    raw = Path(pattern).read_bytes()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def _worker(conn) -> None:
    import warnings

    import stripper

    warnings.simplefilter("ignore")
    stripper.warm_up()
    while True:
        job = conn.recv()
        if job is None:
            return
        page, seed = job
        data = mutate(_load(page), random.Random(seed))
        kind = "html" if ".htm" in page else "auto"
        started = time.perf_counter()
        try:
            stripper.strip(data, kind=kind)
            error = None
        except ValueError as exc:
            error = None if "too large" in str(exc) else traceback.format_exc()
        except Exception:
            error = traceback.format_exc()
        conn.send((len(data), time.perf_counter() - started, error))


WARM_UP_SECONDS = 120  # a fresh child loads the models first; that is not the page's time


class Child:
    """The process that cleans the mutants; replaced (and warmed up again before the
    next mutant, so its start-up never counts as a hang) when it hangs or dies."""

    def __init__(self, ctx, warm_page: str):
        self.ctx, self.warm_page = ctx, warm_page
        self.start()

    def start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.conn.send((self.warm_page, -1))
        if self.conn.poll(WARM_UP_SECONDS):
            self.conn.recv()

    def run(self, job, timeout: float):
        self.conn.send(job)
        if not self.conn.poll(timeout):
            self.proc.kill()
            self.proc.join()
            self.start()
            return None
        try:
            return self.conn.recv()
        except EOFError:
            self.proc.join()
            code = self.proc.exitcode
            self.start()
            return (0, 0.0, f"worker died (exit code {code})")


RETIMED = 10


def _retimed(child: Child, rated: list[tuple[float, float, int, str]], timeout: float):
    """The worst pages by time per MB, each with the best of three timings."""
    for _rate, seconds, size, name in rated:
        page, _, seed = name.rpartition(":")
        for _ in range(2):
            answer = child.run((page, int(seed)), timeout)
            if answer is not None:
                seconds = min(seconds, answer[1])
        yield seconds / (size / 1e6), seconds, size, name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="mutants (default 2000)")
    ap.add_argument("--pages", action="append", help="glob of pages (.gz read); repeatable")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds a page may take")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--replay", metavar="PAGE:SEED", help="clean one mutant and show the error")
    args = ap.parse_args(argv)
    if args.replay:
        page, _, seed = args.replay.rpartition(":")
        import stripper

        edits: list[str] = []
        data = mutate(_load(page), random.Random(int(seed)), edits)
        for edit in edits:
            print(f"  {edit}")
        started = time.perf_counter()
        stripper.strip(data, kind="html" if ".htm" in page else "auto")
        print(f"{len(data):,} bytes: no error, {time.perf_counter() - started:.2f} s")
        return 0
    pages = sorted(p for pattern in (args.pages or DEFAULT_PAGES) for p in glob.glob(pattern)
                   if "expected" not in p and not p.endswith(".json"))
    if not pages:
        print("no pages", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    child = Child(mp.get_context("spawn"), pages[0])
    crashes: list[tuple[str, str]] = []
    hangs: list[str] = []
    timings: list[tuple[float, int, str]] = []
    started = time.monotonic()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop early: still report
    try:
        for n in range(args.n):
            page, seed = rng.choice(pages), rng.randrange(1 << 30)
            answer = child.run((page, seed), args.timeout)
            if answer is None:
                hangs.append(f"{page}:{seed}")
                continue
            size, seconds, error = answer
            if error:
                crashes.append((f"{page}:{seed}", error.strip().splitlines()[-1]))
            timings.append((seconds, size, f"{page}:{seed}"))
            if (n + 1) % 500 == 0:
                print(f"{n + 1:,} mutants, {len(crashes)} crashes, {len(hangs)} hangs, "
                      f"{time.monotonic() - started:,.0f} s", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        print("stopped early", file=sys.stderr)
    rated = [(s / (b / 1e6), s, b, name) for s, b, name in timings if b >= MIN_BYTES_FOR_RATE]
    rated.sort(reverse=True)
    try:  # one slow run can be the machine's doing: the worst rates are timed twice more
        rated[:RETIMED] = sorted(_retimed(child, rated[:RETIMED], args.timeout), reverse=True)
    except KeyboardInterrupt:
        pass
    finally:
        child.proc.kill()
    print(f"mutants: {len(timings) + len(hangs):,} of {len(pages)} pages; "
          f"crashes: {len(crashes)}; hangs over {args.timeout:g} s: {len(hangs)}")
    for name, last in crashes[:20]:
        print(f"  crash {name}: {last}")
    for name in hangs[:20]:
        print(f"  hang  {name}")
    slowest = sorted(timings, reverse=True)[:5]
    for seconds, size, name in slowest:
        print(f"  slow  {seconds:6.2f} s  {size / 1e6:7.2f} MB  {name}")
    if rated:
        worst, seconds, size, name = rated[0]
        print(f"worst time per MB (best of 3 runs): {worst:.2f} s/MB ({seconds:.2f} s for "
              f"{size / 1e6:.2f} MB, {name})")
        page, _, seed = name.rpartition(":")
        edits: list[str] = []
        mutate(_load(page), random.Random(int(seed)), edits)
        for edit in edits:
            print(f"  {edit}")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
