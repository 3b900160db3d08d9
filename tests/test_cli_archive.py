"""`stripper clean` / `stripper diff` on archives: --first N records, labels, errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

pytest.importorskip("warcio")

from stripper.cli import cli  # noqa: E402
from stripper.warc import ArchiveRecord, iter_records  # noqa: E402
from tests.archive_pages import write_warc, write_wet  # noqa: E402


@pytest.fixture()
def archives(tmp_path):
    warc, wet = tmp_path / "a.warc.gz", tmp_path / "b.wet.gz"
    write_warc(str(warc), truncate=True)
    write_wet(str(wet))
    return warc, wet


def pages(path) -> list[ArchiveRecord]:
    return [i for i in iter_records(str(path)) if isinstance(i, ArchiveRecord)]


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_first_n_records_are_cleaned_in_order_each_labelled(archives):
    warc, _ = archives
    want = pages(warc)[:3]
    res = run("clean", warc, "--first", 3, "-f", "jsonl")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["record_id"] for r in rows] == [p.record_id for p in want]
    assert [r["url"] for r in rows] == [p.uri for p in want]
    assert all(r["source"] == str(warc) and r["date"] for r in rows)
    # each row is what --record gives for that record alone
    for row, page in zip(rows, want, strict=True):
        alone = run("clean", warc, "--record", page.record_id, "-f", "jsonl")
        assert json.loads(alone.stdout) == row


def test_first_n_as_text_is_the_records_one_after_another(archives):
    _, wet = archives
    want = pages(wet)[:2]
    res = run("clean", wet, "--first", 2)
    assert res.exit_code == 0, res.output
    alone = [run("clean", wet, "--record", p.uri).stdout for p in want]
    assert all(alone) and res.stdout == "".join(alone)


def test_first_n_json_is_an_array_and_first_one_a_single_document(archives):
    warc, wet = archives
    res = run("clean", warc, wet, "--first", 2, "-f", "json")
    assert res.exit_code == 0, res.output
    docs = json.loads(res.stdout)
    assert [d["url"] for d in docs] == [p.uri for p in pages(warc)[:2] + pages(wet)[:2]]
    assert all(d["blocks"] and d["record_id"] for d in docs)
    one = json.loads(run("clean", warc, "--first", 1, "-f", "json").stdout)
    assert isinstance(one, dict) and one["url"] == pages(warc)[0].uri


def test_fewer_page_records_than_asked_gives_them_all_and_says_so(archives):
    _, wet = archives
    count = len(pages(wet))
    res = run("clean", wet, "--first", count + 5, "-f", "jsonl")
    assert res.exit_code == 0
    assert len(res.stdout.splitlines()) == count
    assert f"{count} page records in the archive, fewer than --first {count + 5}" in res.stderr


def test_an_archive_broken_midway_keeps_the_records_before_and_fails(tmp_path):
    plain = tmp_path / "c.warc"
    write_warc(str(plain), gzip=False)
    good = len(pages(plain))
    with open(plain, "ab") as fh:  # a record whose headers warcio cannot parse
        fh.write(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nxx")
    res = run("clean", plain, "--first", good + 3, "-f", "jsonl")
    assert res.exit_code == 1
    assert len(res.stdout.splitlines()) == good
    assert "malformed or truncated archive" in res.stderr and "Traceback" not in res.output


def test_diff_first_n_prints_a_summary_line_per_record(archives):
    warc, _ = archives
    want = pages(warc)[:4]
    res = run("diff", warc, "--first", 4, "--no-color", "-w", "200")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [[str(warc), p.uri] for p in want]
    unified = run("diff", warc, "--first", 2, "-u").stdout
    headers = [line for line in unified.splitlines() if line.startswith("--- ")]
    assert headers == [f"--- {warc} {p.uri}" for p in want[:2]]


@pytest.mark.parametrize("command", ["clean", "diff"])
def test_record_options_are_checked(archives, tmp_path, command):
    warc, _ = archives
    page = tmp_path / "page.html"
    page.write_text("<p>hello</p>")
    for args, says in [(["--first", "0"], "0 is not in the range"),
                       (["--first", "2", "--record", "x"], "exclude each other")]:
        res = run(command, warc, *args)
        assert res.exit_code == 2 and says in res.output, res.output
    for option in (["--first", "2"], ["--record", "x"]):
        res = run(command, warc, page, *option)
        assert res.exit_code == 2
        assert f"{option[0]} picks records of WARC/WET archives, and {page} is not one" \
            in res.output
