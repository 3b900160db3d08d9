"""The datatrove step: StripperExtractor between datatrove's readers and writers."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("warcio")

from datatrove.data import Document  # noqa: E402

from stripper.datatrove import DEFAULT_TIMEOUT, StripperExtractor  # noqa: E402
from tests.archive_pages import ARTICLES, write_warc, write_wet  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEV_SETS = ("tf-dev-html", "fd-dev-html", "mh-dev-html")
DEV_SAMPLE = 12  # the largest pages of each set, unless STRIPPER_DEV_ALL=1


def _read_output(folder: Path) -> list[dict]:
    docs = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            docs.extend(json.loads(line) for line in fh)
    return docs


def _crawl(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    folder.mkdir()
    write_warc(str(folder / "part-0.warc.gz"), pages=("en", "ar"))
    write_warc(str(folder / "part-1.warc.gz"), pages=("zh",))
    write_wet(str(folder / "part-2.warc.wet.gz"), pages=("ru", "ar"))
    return folder


def _stats(folder: Path) -> dict:
    stats = json.loads((folder / "stats.json").read_text())  # all tasks merged
    for step in stats:
        if "stripper" in step["name"]:
            return step["stats"]
    raise AssertionError("no stats of the stripper step")


def _count(stats: dict, key: str) -> int:
    value = stats.get(key, 0)
    return value["total"] if isinstance(value, dict) else value


_PIPELINE = """
import sys
from datatrove.executor import {executor}
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter
from stripper.datatrove import StripperExtractor

if __name__ == "__main__":  # the executors' worker processes import this file
    crawl, out, logs = sys.argv[1:4]
    {setup}
    {executor}(
        pipeline=[WarcReader(crawl, glob_pattern="*.gz"), StripperExtractor(),
                  JsonlWriter(out)],
        tasks=2, workers=2, logging_dir=logs,
    ).run()
    {teardown}
"""


def _run_pipeline(tmp_path: Path, executor: str, setup: str = "", teardown: str = ""
                  ) -> tuple[list[dict], Path]:
    """The pipeline in its own interpreter, as a user runs it (datatrove's executors
    leave threads and processes behind in the process that ran them)."""
    import subprocess
    import sys

    pytest.importorskip("cchardet")
    pytest.importorskip("magic")
    crawl = _crawl(tmp_path)
    out, logs = tmp_path / "out", tmp_path / "logs"
    script = tmp_path / "pipeline.py"
    script.write_text(_PIPELINE.format(executor=executor, setup=setup, teardown=teardown))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, str(script), str(crawl), str(out), str(logs)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return _read_output(out), logs


def test_local_executor_two_tasks_cleans_and_describes(tmp_path):
    docs, logs = _run_pipeline(tmp_path, "LocalPipelineExecutor")
    by_url: dict[str, list[dict]] = {}
    for doc in docs:
        by_url.setdefault(doc["metadata"]["url"], []).append(doc)
    # HTML pages and WET dumps kept; the PDF, the 404 and the short notice page are not
    # HTML WarcReader passes on (PDF) or stripper finds no article in (404, notice)
    for lang in ("en", "ar", "zh"):
        title, paragraphs = ARTICLES[lang]
        (doc,) = by_url[f"https://news.example.{lang}/story-{lang}"][:1]
        assert doc["text"].startswith(paragraphs[0])
        assert "All rights reserved" not in doc["text"]
        meta = doc["metadata"]
        assert meta["language"] == lang and meta["title"] == title and meta["kind"] == "html"
        assert meta["removed"]["navigation"] >= 1 and meta["words"] > 20
    wet_ru = by_url["https://news.example.ru/story-ru"][0]
    assert wet_ru["metadata"]["kind"] == "text" and wet_ru["metadata"]["language"] == "ru"
    assert ARTICLES["ru"][1][0] in wet_ru["text"]
    legacy = by_url["https://news.example.ru/legacy"][0]
    assert legacy["metadata"]["language"] == "ru"
    stats = _stats(logs)
    assert _count(stats, "forwarded") == len(docs)
    assert _count(stats, "dropped_no_article") >= 2  # the 404 page, the one-line notice
    assert _count(stats, "timeout") == 0


def test_nested_metadata_and_dropped_reasons_in_process():
    step = StripperExtractor(metadata_key="stripper")
    docs = [Document(text="", id="blank"),
            Document(text="\x00\x01\x02 binary \x00", id="bin"),
            Document(text="Menu | Home\n\nShort.", id="short"),
            Document(text="\n\n".join(ARTICLES["en"][1]), id="ok",
                     metadata={"url": "https://news.example.en/x"})]
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["ok"]
    assert kept[0].metadata["url"] == "https://news.example.en/x"
    assert kept[0].metadata["stripper"]["language"] == "en"
    stats = step.stats.to_dict() if hasattr(step.stats, "to_dict") else step.stats
    text = json.dumps(stats, default=str)
    for reason in ("dropped_blank_input", "dropped_binary", "dropped_no_article"):
        assert reason in text


def test_slow_document_times_out_and_the_rest_go_on(monkeypatch):
    import time

    class Slow(StripperExtractor):
        def clean(self, text, kind, url):
            if "SLOW" in text:
                time.sleep(30)
            return super().clean(text, kind, url)

    body = "\n\n".join(ARTICLES["en"][1])
    docs = [Document(text="SLOW " + body, id="slow"), Document(text=body, id="fine")]
    step = Slow(timeout=1.0)
    started = time.monotonic()
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["fine"]
    assert time.monotonic() - started < 15
    assert "timeout" in json.dumps(step.stats.to_dict(), default=str)


def _dev_pages() -> list[Path]:
    roots = [Path(os.environ["STRIPPER_BENCH_DATA"])] if os.environ.get("STRIPPER_BENCH_DATA") \
        else [REPO.parent / "shared" / "bench" / "data", Path("/work/shared/bench/data")]
    for root in roots:
        if root.is_dir():
            break
    else:
        return []
    pages: list[Path] = []
    for name in DEV_SETS:
        found = sorted((root / name / "inputs").glob("*.gz"), key=lambda p: -p.stat().st_size)
        pages.extend(found if os.environ.get("STRIPPER_DEV_ALL") else found[:DEV_SAMPLE])
    return pages


def test_every_dev_page_fits_datatrove_default_timeout_start_up_included():
    """The sandbox's child starts within the timeout and cleans every page within it."""
    assert DEFAULT_TIMEOUT == 1.0
    pages = _dev_pages()
    if not pages:
        pytest.skip("the development sets are not here")
    docs = [Document(text=gzip.decompress(p.read_bytes()).decode("utf-8", "replace"),
                     id=p.name) for p in pages]
    step = StripperExtractor()  # datatrove's default timeout, 1 s
    list(step.run(iter(docs)))
    text = json.dumps(step.stats.to_dict(), default=str)
    assert '"timeout"' not in text and "broken_process" not in text, text
    assert "clean_error" not in text, text


def test_ray_executor(tmp_path):
    pytest.importorskip("ray")
    docs, _ = _run_pipeline(
        tmp_path, "RayPipelineExecutor",
        setup="import ray; ray.init(num_cpus=2, include_dashboard=False)",
        teardown="ray.shutdown()")
    langs = {d["metadata"]["url"]: d["metadata"]["language"] for d in docs}
    assert langs["https://news.example.zh/story-zh"] == "zh"
    assert langs["https://news.example.ar/story-ar"] == "ar"
    assert langs["https://news.example.ru/story-ru"] == "ru"
