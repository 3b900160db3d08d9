"""One tool over one set, in a process of its own, so its memory can be measured alone.

The worker loads every input into memory, imports and warms up the tool, times only the
extraction loop, then writes ``<id>.txt`` predictions and a ``<tool>.run.json`` record.
"""

from __future__ import annotations

import gc
import gzip
import json
import resource
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

try:  # run as ``python bench/run.py`` (bench/ on sys.path) or as ``bench.worker``
    import adapters
except ImportError:  # pragma: no cover
    from bench import adapters

MIB = 1024 * 1024
MAX_ERRORS_KEPT = 10


@dataclass
class Doc:
    """One benchmark input, held in memory."""

    id: str
    lang: str | None
    raw: bytes


@dataclass
class RunRecord:
    """What a worker measured; written as JSON next to the predictions."""

    tool: str
    set: str
    kind: str
    docs: int = 0
    input_bytes: int = 0
    seconds: float = 0.0  # wall clock of the extraction loop
    cpu_seconds: float = 0.0  # this process's CPU time in that loop: steadier on a shared machine
    errors: int = 0
    empty: int = 0
    rss_loaded_mb: float = 0.0
    rss_import_mb: float = 0.0
    peak_rss_mb: float = 0.0
    unavailable: str | None = None
    error_samples: list[str] = field(default_factory=list)
    slowest: list[tuple[str, float]] = field(default_factory=list)


def current_rss_mb() -> float:
    """Resident set size of this process now, in MiB (Linux /proc, psutil elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * resource.getpagesize() / MIB
    except OSError:
        import psutil

        return psutil.Process().memory_info().rss / MIB


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024


def input_kind(set_dir: Path) -> str:
    """"html" or "text", from the extension of the set's inputs."""
    first = next((set_dir / "inputs").iterdir()).name.removesuffix(".gz")
    return "html" if first.endswith((".html", ".htm")) else "text"


def select_ids(set_dir: Path, limit: int | None) -> list[str]:
    """Sorted ids of the set's gold lines, the first ``limit`` of them if given."""
    with open(set_dir / "gold.jsonl", encoding="utf-8") as f:
        ids = sorted(json.loads(line)["id"] for line in f if line.strip())
    return ids[:limit] if limit else ids


def load_docs(set_dir: Path, limit: int | None) -> list[Doc]:
    """All (or the first ``limit``) inputs of a set, decompressed, with their gold language."""
    with open(set_dir / "gold.jsonl", encoding="utf-8") as f:
        langs = {g["id"]: g.get("lang") for g in map(json.loads, f) if g}
    files = {p.name.removesuffix(".gz").rpartition(".")[0]: p
             for p in (set_dir / "inputs").iterdir()}
    docs = []
    for doc_id in select_ids(set_dir, limit):
        data = files[doc_id].read_bytes()
        if files[doc_id].name.endswith(".gz"):
            data = gzip.decompress(data)
        docs.append(Doc(doc_id, langs.get(doc_id), data))
    return docs


def describe(exc: BaseException) -> str:
    """'Type: message', falling back to the cause when the message is empty."""
    text = f"{type(exc).__name__}: {exc}".rstrip(": ")
    cause = exc.__cause__ or exc.__context__
    return f"{text} ({describe(cause)})" if not str(exc) and cause else text


def time_loop(extract: adapters.Extractor, docs: list[Doc], rec: RunRecord) -> list[str]:
    """Run ``extract`` over all docs; only this loop is timed. Exceptions give empty output."""
    outputs: list[str] = []
    per_doc: list[tuple[str, float]] = []
    clock = time.perf_counter
    start, cpu_start = clock(), time.process_time()
    for doc in docs:
        t0 = clock()
        try:
            text = extract(doc.raw, doc.lang)
        except Exception as exc:  # noqa: BLE001 - any failure of the tool counts as an error
            rec.errors += 1
            if len(rec.error_samples) < MAX_ERRORS_KEPT:
                rec.error_samples.append(f"{doc.id}: {describe(exc)}"[:300])
            text = ""
        per_doc.append((doc.id, clock() - t0))
        outputs.append(text if isinstance(text, str) else str(text))
    rec.seconds = clock() - start
    rec.cpu_seconds = time.process_time() - cpu_start
    rec.slowest = sorted(per_doc, key=lambda p: -p[1])[:5]
    return outputs


def write_predictions(pred_dir: Path, docs: list[Doc], outputs: list[str]) -> None:
    """Replace ``pred_dir``'s predictions with one ``<id>.txt`` per document."""
    pred_dir.mkdir(parents=True, exist_ok=True)
    for old in [*pred_dir.glob("*.txt"), *pred_dir.glob("*.meta.json")]:
        old.unlink()
    for doc, text in zip(docs, outputs, strict=True):
        (pred_dir / f"{doc.id}.txt").write_text(text, encoding="utf-8")
        meta = getattr(text, "meta", None)
        if meta is not None:
            (pred_dir / f"{doc.id}.meta.json").write_text(
                json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def run_worker(tool: str, set_dir: Path, out_dir: Path, limit: int | None,
               lang_hint: bool, label: str) -> int:
    """Measure ``tool`` on ``set_dir``; write predictions and the run record under ``out_dir``."""
    kind = input_kind(set_dir)
    rec = RunRecord(tool=label, set=set_dir.name, kind=kind)
    docs = load_docs(set_dir, limit)
    rec.docs, rec.input_bytes = len(docs), sum(len(d.raw) for d in docs)
    rec.rss_loaded_mb = current_rss_mb()
    record_path = out_dir / f"{label}.run.json"
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        extract = adapters.build(tool, kind, {d.lang for d in docs if d.lang}, lang_hint)
    except adapters.ToolUnavailable as exc:
        rec.unavailable = str(exc)
        record_path.write_text(json.dumps(asdict(rec), indent=1), encoding="utf-8")
        return 3
    rec.rss_import_mb = current_rss_mb()
    if docs:
        try:
            extract(docs[0].raw, docs[0].lang)  # warm-up: lazy imports, caches, compiled regexes
        except Exception:  # noqa: BLE001 - the timed loop records errors
            traceback.print_exc(limit=2)
    gc.collect()
    outputs = time_loop(extract, docs, rec)
    rec.peak_rss_mb = peak_rss_mb()
    rec.empty = sum(not t.strip() for t in outputs)
    write_predictions(out_dir / label, docs, outputs)
    record_path.write_text(json.dumps(asdict(rec), indent=1), encoding="utf-8")
    return 0
