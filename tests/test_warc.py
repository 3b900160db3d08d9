"""WARC/WET archives: the streaming reader, `stripper batch` over archives, --record."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

pytest.importorskip("warcio")

from stripper.cli import cli  # noqa: E402
from stripper.html.decode import decode_html  # noqa: E402
from stripper.warc import ArchiveRecord, SkippedRecord, find_record, iter_records  # noqa: E402
from tests.archive_pages import ARTICLES, NOTICE_PAGE, NOTICE_TITLE, write_warc, write_wet  # noqa: E402

MAX = 8 * 1024


@pytest.fixture()
def crawl(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    warc = folder / "a.warc.gz"
    wet = folder / "b.wet.gz"
    made = write_warc(str(warc), oversize=MAX * 2, truncate=True)
    made.update(write_wet(str(wet)))
    return folder, warc, wet, made


def _by_uri(items):
    return {i.uri: i for i in items if i.uri}


def test_reader_yields_pages_and_says_why_it_skips(crawl):
    _, warc, wet, _ = crawl
    warc_items = list(iter_records(str(warc), max_size=MAX))
    pages = [i for i in warc_items if isinstance(i, ArchiveRecord)]
    skipped = _by_uri(i for i in warc_items if isinstance(i, SkippedRecord))
    assert {p.uri for p in pages} == {"https://news.example.en/story-en",
                                      "https://news.example.ar/story-ar",
                                      "https://news.example.zh/story-zh",
                                      "https://news.example.ru/legacy",
                                      "https://news.example.ru/notice"}
    assert all(p.kind == "html" and p.record_id.startswith("<urn:uuid:") and p.date
               for p in pages)
    assert skipped["https://files.example.com/report.pdf"].reason == "not HTML (application/pdf)"
    assert skipped["https://news.example.com/gone"].reason == "HTTP status 404"
    assert skipped["https://news.example.com/huge"].category == "too-large"
    assert skipped["https://news.example.com/cut-off"].category == "broken"
    assert "truncated" in skipped["https://news.example.com/cut-off"].reason
    # requests and warcinfo are not pages: passed over, not reported
    assert not any(i.uri == "" for i in warc_items)
    wet_items = list(iter_records(str(wet)))
    assert [i.kind for i in wet_items if isinstance(i, ArchiveRecord)] == ["text"] * 4
    assert [i.reason for i in wet_items if isinstance(i, SkippedRecord)] == ["empty payload"]


def test_plain_warc_and_folders_are_read(tmp_path):
    write_warc(str(tmp_path / "x.warc"), gzip=False, pages=("en",))
    write_wet(str(tmp_path / "sub_y.wet"), gzip=False, pages=("zh",))
    (tmp_path / "notes.txt").write_text("not an archive")
    uris = [i.uri for i in iter_records(str(tmp_path)) if isinstance(i, ArchiveRecord)]
    assert uris[:2] == ["https://news.example.zh/story-zh", "https://news.example.en/story-en"]


def test_http_charset_counts_when_the_page_declares_none(crawl):
    _, warc, _, _ = crawl
    notice = find_record(str(warc), "https://news.example.ru/notice")
    assert notice.charset == "koi8-r"
    assert decode_html(notice.payload, notice.charset) == (NOTICE_PAGE, "koi8-r")
    # (without the header, detection alone now reads these few bytes right too:
    # stripper.decode prefers the words-in-one-script reading among near-tied code pages)
    # a page's own declaration still wins over the transport's
    declared = NOTICE_PAGE.replace("<head>", '<head><meta charset="koi8-r">').encode("koi8-r")
    assert decode_html(declared, "cp1251")[1] == "koi8-r"


def test_malformed_archive_is_reported_not_fatal(tmp_path):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"<html><body>a page saved under the wrong name</body></html>\n")
    good = tmp_path / "good.warc.gz"
    write_warc(str(good), pages=("en",))
    items = list(iter_records([str(bad), str(good)]))
    assert isinstance(items[0], SkippedRecord) and items[0].category == "broken"
    assert "malformed" in items[0].reason
    assert any(isinstance(i, ArchiveRecord) for i in items[1:])


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_archive_to_jsonl_rows_report_and_resume(crawl, tmp_path):
    folder, _, _, _ = crawl
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    res = runner.invoke(cli, ["batch", str(folder), "--jsonl", str(out), "-j", "2",
                              "--max-size", str(MAX)])
    assert res.exit_code == 1, res.output  # the cut-off and the oversize record failed
    rows = {r["record_id"]: r for r in _rows(out)}
    assert len(rows) == 9  # 5 HTML pages (the notice page too) + 4 WET dumps
    manifest = _rows(tmp_path / "out.jsonl.manifest.jsonl")
    by_status: dict[str, list] = {}
    for line in manifest:
        by_status.setdefault(line["status"], []).append(line)
    assert {m["reason"] for m in by_status["skipped"]} == {"not HTML (application/pdf)",
                                                           "HTTP status 404"}
    empty = {m["url"]: m["reason"] for m in by_status["empty"]}
    assert empty == {"https://news.example.com/blank": "empty payload",  # the WET record
                     "https://news.example.ru/notice": "no article found"}  # one line only
    assert len(by_status["failed"]) == 2
    summary = json.loads((tmp_path / "out.jsonl.summary.json").read_text())
    assert summary["skip_reasons"]["not HTML (application/pdf)"] == 1
    assert summary["records"] == len(manifest)

    # a re-run redoes nothing: every page is already in the JSONL file, by record id
    res = runner.invoke(cli, ["batch", str(folder), "--jsonl", str(out), "-j", "1",
                              "--max-size", str(MAX), "-q"])
    assert res.exit_code == 1
    assert len(_rows(out)) == len(rows)
    again = _rows(tmp_path / "out.jsonl.manifest.jsonl")
    assert sum(m["reason"] == "already cleaned (--force redoes it)" for m in again) == 9
    assert sum(m["status"] == "done" for m in again) == 0


def test_jsonl_rows_carry_record_fields_and_clean_text(crawl, tmp_path):
    _, warc, wet, _ = crawl
    out = tmp_path / "rows.jsonl"
    res = CliRunner().invoke(cli, ["batch", str(warc), str(wet), "--jsonl", str(out), "-j", "1",
                                   "--max-size", str(MAX), "-q"])
    assert res.exit_code == 1
    rows = _rows(out)
    assert all(list(r)[:4] == ["source", "record_id", "url", "date"] for r in rows)
    ids = [r["record_id"] for r in rows]
    assert len(set(ids)) == len(ids)
    for lang in ("en", "ar", "zh"):
        title, paragraphs = ARTICLES[lang]
        for row in (r for r in rows if r["url"] == f"https://news.example.{lang}/story-{lang}"):
            assert paragraphs[0] in row["text"]
            assert "All rights reserved" not in row["text"]
            assert row["metadata"]["language"] == lang
            assert row["metadata"]["title"] == title
            assert row["metadata"]["removed"]
    legacy = next(r for r in rows if r["url"] == "https://news.example.ru/legacy")
    assert legacy["encoding"] == "cp1251"
    assert ARTICLES["ru"][1][0] in legacy["text"]
    notice = next(r for r in rows if r["url"] == "https://news.example.ru/notice")
    assert notice["encoding"] == "koi8-r" and notice["metadata"]["title"] == NOTICE_TITLE


def test_batch_archive_to_folder_resumes_by_record_id(crawl, tmp_path):
    _, warc, _, _ = crawl
    out = tmp_path / "clean"
    runner = CliRunner()
    runner.invoke(cli, ["batch", str(warc), "-o", str(out), "-j", "2", "--max-size", str(MAX),
                        "-q"])
    files = sorted(p.name for p in (out / "a").iterdir())
    assert len(files) == 5 and all(f.endswith(".txt") for f in files)
    manifest = _rows(out / "_manifest.jsonl")
    done = [m for m in manifest if m["status"] in ("done", "empty") and m["output"]]
    assert {m["output"].split("/")[1] for m in done} == set(files)
    runner.invoke(cli, ["batch", str(warc), "-o", str(out), "--max-size", str(MAX), "-q"])
    again = _rows(out / "_manifest.jsonl")
    assert sum(m["status"] == "skipped" and "already" in m["reason"] for m in again) == 5


def test_record_timeout_is_reported(crawl, tmp_path, monkeypatch):
    _, warc, _, _ = crawl
    monkeypatch.setenv("STRIPPER_BATCH_TEST_SLEEP", "*story-ar=60")
    out = tmp_path / "t.jsonl"
    CliRunner().invoke(cli, ["batch", str(warc), "--jsonl", str(out), "-j", "2",
                             "--timeout", "6", "--max-size", str(MAX), "-q"])
    manifest = _rows(tmp_path / "t.jsonl.manifest.jsonl")
    ar = next(m for m in manifest if m["url"] == "https://news.example.ar/story-ar")
    assert ar["status"] == "failed" and ar["reason"].startswith("timeout")
    assert ar["record_id"].startswith("<urn:uuid:")
    assert sum(m["status"] == "done" for m in manifest) == 3  # en, zh, ru legacy


def test_clean_and_diff_one_record(crawl):
    _, warc, wet, _ = crawl
    runner = CliRunner()
    first = runner.invoke(cli, ["clean", str(warc)])
    assert first.exit_code == 0
    assert first.output.startswith(ARTICLES["en"][1][0])
    record = find_record(str(wet), "https://news.example.zh/story-zh")
    bare = record.record_id.strip("<>").removeprefix("urn:uuid:")
    for wanted in (record.record_id, bare, record.uri):
        res = runner.invoke(cli, ["clean", str(wet), "--record", wanted, "-f", "jsonl"])
        assert res.exit_code == 0, res.output
        assert json.loads(res.output)["metadata"]["language"] == "zh"
    res = runner.invoke(cli, ["diff", str(wet), "--record", record.uri, "--no-pager",
                              "--no-color", "-w", "100"])
    assert res.exit_code == 0 and "navigation" in res.output
    res = runner.invoke(cli, ["clean", str(warc), "--record", "https://files.example.com/report.pdf"])
    assert res.exit_code == 1 and "not HTML (application/pdf)" in res.output
