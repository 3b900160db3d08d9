"""Score prediction folders with the set's score.py and lay the results out as one table."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
COLUMNS = ("tool", "F1", "P", "R", "acc", "docs/s", "CPU docs/s", "MB/s", "RSS import MB",
           "peak RSS MB", "errors")


@dataclass
class Row:
    """One tool's line in a set's table."""

    tool: str
    run: dict
    score: dict | None

    @property
    def ok(self) -> bool:
        return not self.run.get("unavailable") and self.score is not None

    @property
    def docs_per_s(self) -> float | None:
        s = self.run.get("seconds") or 0.0
        return self.run["docs"] / s if self.ok and s > 0 else None

    @property
    def cpu_docs_per_s(self) -> float | None:
        """Documents per second of the tool's own CPU time (older records lack it)."""
        s = self.run.get("cpu_seconds") or 0.0
        return self.run["docs"] / s if self.ok and s > 0 else None

    @property
    def family(self) -> str:
        """The metric family of the set: "body" where the gold has full bodies."""
        return "body" if self.score and "body" in self.score else "snippets"

    @property
    def f1(self) -> float | None:
        return self.score[self.family]["f1"] if self.ok and self.score else None

    def cells(self) -> list[str]:
        if not self.ok or self.score is None:
            return [self.tool, "n/a"] + [""] * (len(COLUMNS) - 2)
        m = self.score[self.family]
        secs = self.run["seconds"]
        mb_s = self.run["input_bytes"] / MIB / secs if secs > 0 else 0.0
        return [self.tool, f"{m['f1']:.3f} ±{m['f1_std']:.3f}", f"{m['precision']:.3f}",
                f"{m['recall']:.3f}", f"{m['accuracy']:.3f}" if "accuracy" in m else "—",
                f"{self.docs_per_s:.1f}",
                f"{self.cpu_docs_per_s:.1f}" if self.cpu_docs_per_s else "—", f"{mb_s:.2f}",
                f"{self.run['rss_import_mb']:.0f}",
                f"{self.run['peak_rss_mb']:.0f}", str(self.run["errors"])]

    def as_dict(self) -> dict:
        d = {"tool": self.tool, "run": self.run}
        if self.score is not None:
            d["score"] = {k: v for k, v in self.score.items() if k != "per_doc"}
        return d


def gold_subset(set_dir: Path, ids: list[str], tmp: Path) -> Path:
    """A throw-away set folder whose gold.jsonl holds only ``ids`` (for --limit runs)."""
    keep = set(ids)
    with open(set_dir / "gold.jsonl", encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and json.loads(line)["id"] in keep]
    sub = tmp / set_dir.name
    sub.mkdir()
    (sub / "gold.jsonl").write_text("".join(lines), encoding="utf-8")
    return sub


def run_scorer(scorer: Path, set_dir: Path, pred_dir: Path, json_out: Path) -> dict | None:
    """Run score.py --by-lang --json on one prediction folder; the parsed JSON or None."""
    cmd = [sys.executable, str(scorer), str(set_dir), str(pred_dir), "--by-lang",
           "--json", str(json_out)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not json_out.is_file():
        print(f"score.py failed for {pred_dir}:\n{proc.stdout}{proc.stderr}", file=sys.stderr)
        return None
    return json.loads(json_out.read_text(encoding="utf-8"))


def score_all(scorer: Path, set_dir: Path, set_out: Path, labels: list[str],
              ids: list[str] | None) -> list[Row]:
    """Score every tool's predictions (on ``ids`` only, if given) into ``<label>.score.json``."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-gold-") as tmp:
        gold_dir = gold_subset(set_dir, ids, Path(tmp)) if ids is not None else set_dir
        for label in labels:
            run_path = set_out / f"{label}.run.json"
            run = (json.loads(run_path.read_text(encoding="utf-8")) if run_path.is_file()
                   else {"unavailable": "worker wrote no record"})
            score = None
            if not run.get("unavailable"):
                json_out = set_out / f"{label}.score.json"
                score = run_scorer(scorer, gold_dir, set_out / label, json_out)
            rows.append(Row(label, run, score))
    return rows


def markdown_table(rows: list[Row]) -> str:
    """The rows as a GitHub-flavoured markdown table."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def text_table(rows: list[Row]) -> str:
    """The rows as an aligned plain-text table for the terminal."""
    table = [list(COLUMNS)] + [r.cells() for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    fmt = [(str.ljust if i == 0 else str.rjust) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(f(c, w) for f, c, w in zip(fmt, row, widths, strict=True)).rstrip()
                     for row in table)


def speed_ratio(rows: list[Row], tool: str = "stripper", ref: str = "trafilatura") -> str | None:
    """'stripper docs/s = X.X× trafilatura (CPU time: Y.Y×)' when both ran."""
    by_name = {r.tool: r for r in rows}
    a, b = by_name.get(tool), by_name.get(ref)
    if a and b and a.docs_per_s and b.docs_per_s:
        line = f"{tool} docs/s = {a.docs_per_s / b.docs_per_s:.1f}× {ref}"
        if a.cpu_docs_per_s and b.cpu_docs_per_s:
            line += f" (by CPU time: {a.cpu_docs_per_s / b.cpu_docs_per_s:.1f}×)"
        return line
    return None


def round_ratios(rounds: dict[str, list[dict]], tool: str = "stripper",
                 ref: str = "trafilatura") -> str:
    """'stripper/trafilatura docs/s by round: 2.1×, 1.9×, …' (CPU time where recorded)."""
    ratios = []
    for a, b in zip(rounds.get(tool, []), rounds.get(ref, []), strict=False):
        secs_a = a.get("cpu_seconds") or a.get("seconds")
        secs_b = b.get("cpu_seconds") or b.get("seconds")
        if secs_a and secs_b and a.get("docs") and b.get("docs"):
            ratios.append(f"{(a['docs'] / secs_a) / (b['docs'] / secs_b):.1f}×")
    return f"{tool}/{ref} docs/s by round: {', '.join(ratios) or 'n/a'}"


def lang_rows(row: Row) -> str:
    """Per-language snippet scores of one tool, as plain-text lines."""
    by_lang = (row.score or {}).get("by_lang") or {}
    out = [f"{row.tool} by language:", f"  {'lang':<5} {'docs':>4} {'F1':>6} {'P':>6} {'R':>6} "
           f"{'acc':>6} {'empty':>5}"]
    for lang, s in by_lang.items():
        m = s.get("body") or s["snippets"]
        acc = f"{m['accuracy']:6.3f}" if "accuracy" in m else f"{'—':>6}"
        out.append(f"  {lang:<5} {s['docs']:>4} {m['f1']:6.3f} {m['precision']:6.3f} "
                   f"{m['recall']:6.3f} {acc} {s['empty']:>5}")
    return "\n".join(out)


_LAST_HOST = re.compile(r"https?://([^/:?#]+)(?!.*https?://)")
_FD_SITE = re.compile(r"^fd-(.+?)-\d{4}-\d{2}-\d{2}")


def site_of(doc_id: str, url: str | None) -> str:
    """The site a page comes from: the publisher an fd id names, else the host of its
    URL (the archived page's, when the URL is an archive's)."""
    if m := _FD_SITE.match(doc_id):
        return m.group(1).lower()
    m = _LAST_HOST.search(url or "")
    return m.group(1).lower().removeprefix("www.") if m else doc_id


def site_half(site: str) -> str:
    """"A" or "B": a fixed split of the sites, the same on every set and run."""
    return "AB"[zlib.crc32(site.encode("utf-8")) % 2]


def half_scores(set_dir: Path, per_doc: list[dict]) -> dict[str, dict]:
    """F1 on each half of the set's sites, computed as the scorer does on the whole
    set (body: mean precision and recall; snippets: pooled counts). Numbers fitted on
    the dev pages should hold on both halves alike; a gap says they fit some sites."""
    urls = {}
    with open(set_dir / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                urls[g["id"]] = g.get("url")
    groups: dict[str, list[dict]] = {"A": [], "B": []}
    sites: dict[str, set[str]] = {"A": set(), "B": set()}
    for d in per_doc:
        site = site_of(d["id"], urls.get(d["id"]))
        groups[site_half(site)].append(d)
        sites[site_half(site)].add(site)
    out = {}
    for half, docs in groups.items():
        if not docs:
            continue
        if "precision" in docs[0]:  # body F1
            ps = [d["precision"] for d in docs if not d["empty"]]
            rs = [d["recall"] for d in docs]
            p = statistics.mean(ps) if ps else 0.0
            r = statistics.mean(rs) if rs else 0.0
        else:  # snippet F1
            tp, fp, fn = (sum(d.get(k, 0) for d in docs) for k in ("tp", "fp", "fn"))
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
        out[half] = {"f1": 2 * p * r / (p + r) if p + r else 0.0, "docs": len(docs),
                     "sites": len(sites[half])}
    return out


def halves_line(row: Row, set_dir: Path) -> str | None:
    """One tool's F1 on the two site halves, as a note under the table."""
    per_doc = (row.score or {}).get("per_doc")
    if not per_doc:
        return None
    halves = half_scores(set_dir, per_doc)
    parts = [f"{h} {v['f1']:.3f} ({v['docs']} docs, {v['sites']} sites)"
             for h, v in sorted(halves.items())]
    return f"{row.tool} by site half: " + ", ".join(parts)


def write_summary(set_out: Path, set_name: str, rows: list[Row], notes: list[str]) -> None:
    """Save the table as ``summary.md`` and ``summary.json`` in ``set_out``."""
    md = [f"# {set_name}", "", markdown_table(rows), ""] + [f"{n}  " for n in notes]
    (set_out / "summary.md").write_text("\n".join(md).rstrip() + "\n", encoding="utf-8")
    data = {"set": set_name, "notes": notes, "tools": [r.as_dict() for r in rows]}
    (set_out / "summary.json").write_text(json.dumps(data, indent=1, ensure_ascii=False),
                                          encoding="utf-8")


# ---------------------------------------------------------------- across sets

def family_and_renderer(set_name: str) -> tuple[str, str]:
    """("fd-dev", "w3m") from "fd-dev-w3m"; tf-dev-text is tf-dev by inscriptis."""
    family, _, renderer = set_name.rpartition("-")
    return family, "inscriptis" if renderer == "text" else renderer


def renderer_table(scores: dict[str, dict[str, float]], tool: str = "stripper") -> str:
    """One row per family, one column per renderer: the tool's F1 on each set, and how
    far the worst renderer is below the best."""
    cells: dict[str, dict[str, float]] = {}
    for set_name, by_tool in scores.items():
        if tool in by_tool:
            family, renderer = family_and_renderer(set_name)
            cells.setdefault(family, {})[renderer] = by_tool[tool]
    renderers = ["html", "inscriptis", "w3m", "lynx"]
    lines = [f"{tool} F1 by renderer", f"  {'family':<8}" + "".join(f"{r:>11}" for r in renderers)
             + f"{'text gap':>10}"]
    for family in sorted(cells):
        row = cells[family]
        text = [v for r, v in row.items() if r != "html"]
        gap = f"{max(text) - min(text):10.3f}" if len(text) > 1 else f"{'—':>10}"
        lines.append(f"  {family:<8}" + "".join(
            f"{row[r]:11.3f}" if r in row else f"{'—':>11}" for r in renderers) + gap)
    return "\n".join(lines)


def pooled_languages(per_doc: dict[str, list[dict]], min_docs: int = 3) -> str:
    """Per language, the mean per-document F1 pooled over every set given (body F1
    where the gold has a body, snippet F1 elsewhere), for each tool."""
    tools = sorted(per_doc)
    langs: dict[str, dict[str, list[float]]] = {}
    for tool, docs in per_doc.items():
        for d in docs:
            value = d.get("f1", d.get("snippet_f1"))
            if value is not None:
                langs.setdefault(d.get("lang") or "?", {}).setdefault(tool, []).append(value)
    lines = ["mean per-document F1 by language, pooled over the sets",
             f"  {'lang':<5} {'docs':>5}" + "".join(f"{t[:14]:>15}" for t in tools)]
    order = sorted(langs, key=lambda k: -max(len(v) for v in langs[k].values()))
    for lang in order:
        counts = max(len(v) for v in langs[lang].values())
        if counts < min_docs:
            continue
        row = [f"{sum(v) / len(v):15.3f}" if (v := langs[lang].get(t)) else f"{'—':>15}"
               for t in tools]
        lines.append(f"  {lang:<5} {counts:>5}" + "".join(row))
    return "\n".join(lines)


def metadata_accuracy(set_dir: Path, pred_dir: Path) -> dict | None:
    """Title exact (whitespace folded) and published date (the day) against the gold,
    from the tool's ``<id>.meta.json`` files; None when the tool wrote none."""
    import unicodedata

    def fold(text: str | None) -> str:
        return " ".join(unicodedata.normalize("NFC", text or "").split())

    titles = dates = title_n = date_n = 0
    seen = False
    with open(set_dir / "gold.jsonl", encoding="utf-8") as f:
        for g in map(json.loads, f):
            path = pred_dir / f"{g['id']}.meta.json"
            if not (pred_dir / f"{g['id']}.txt").is_file():
                continue  # not run (--limit)
            meta = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
            seen = seen or path.is_file()
            if g.get("title"):
                title_n += 1
                titles += fold(meta.get("title")) == fold(g["title"])
            if g.get("published"):
                date_n += 1
                dates += (meta.get("published") or "")[:10] == str(g["published"])[:10]
    if not seen:
        return None
    return {"title": titles / title_n if title_n else None, "title_docs": title_n,
            "date": dates / date_n if date_n else None, "date_docs": date_n}
