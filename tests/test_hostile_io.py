"""Hostile inputs and honest files: the input layer, outputs, the CLI's errors, batch.

Each test names the case it holds stripper to; each failed before the fix it covers
(issues 11 and 14). Slow ones (subprocesses that wait for signals) are marked `slow`.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import stripper
from stripper import formats
from stripper.batch.lock import LOCK_NAME, OutLock
from stripper.batch.worker import Cleaner, Options
from stripper.cli import cli
from stripper.decode import binary_reason, decode
from stripper.html.decode import decode_html
from stripper.inputs import InputError, printable_name, read_input

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "fixtures" / "text"
PAGE = TEXT / "en-news.lynx.txt"
HTML = ROOT / "fixtures" / "html" / "en-news.html"
BAD_RULES = '[[rule]]\nid = "x.bad"\ncategory = "no-such-category"\npattern = "a"\n'


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _article() -> str:
    return stripper.strip(PAGE.read_bytes()).text


def _with_nuls(raw: bytes, count: int = 3) -> bytes:
    middle = len(raw) // 2
    return raw[:middle] + b"\x00" * count + raw[middle:]


def _cli(*args: str, stdin_closed: bool = False, env: dict | None = None, timeout: float = 120,
         **kwargs):
    """`python -m stripper.cli ARGS` in a fresh process."""
    def close_stdin():
        os.close(0)

    return subprocess.run([sys.executable, "-m", "stripper.cli", *args], capture_output=not
                          stdin_closed, text=True, cwd=ROOT, timeout=timeout,
                          env={**os.environ, **(env or {})},
                          preexec_fn=close_stdin if stdin_closed else None, **kwargs)


def _one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


# --- the input layer: .gz, NUL bytes, folders, sizes, stdin -----------------------------

def test_clean_reads_a_gz_page(runner, tmp_path):
    gz = tmp_path / "page.txt.gz"
    gz.write_bytes(gzip.compress(PAGE.read_bytes()))
    result = runner.invoke(cli, ["clean", str(gz)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == _article() + "\n"


def test_clean_reads_gzip_from_stdin_by_its_magic(runner):
    result = runner.invoke(cli, ["clean", "-"], input=gzip.compress(PAGE.read_bytes()))
    assert result.exit_code == 0 and result.stdout == _article() + "\n"


def test_diff_reads_a_gz_page(runner, tmp_path):
    gz = tmp_path / "p.html.gz"
    gz.write_bytes(gzip.compress(HTML.read_bytes()))
    plain = tmp_path / "p.html"
    plain.write_bytes(HTML.read_bytes())
    view = ["diff", "--no-color", "--no-pager", "-w", "120"]
    result = runner.invoke(cli, [*view, str(gz)])
    assert result.exit_code == 0, result.stderr
    expected = runner.invoke(cli, [*view, str(plain)]).stdout
    assert result.stdout.splitlines()[1:] == expected.splitlines()[1:]
    assert "kept" in result.stdout


def test_a_page_with_a_few_nul_bytes_is_cleaned(runner, tmp_path):
    page = tmp_path / "nul.txt"
    page.write_bytes(_with_nuls(PAGE.read_bytes()))
    result = runner.invoke(cli, ["clean", str(page)])
    assert result.exit_code == 0, result.stderr
    assert "\x00" not in result.stdout
    assert result.stdout.split()[:8] == _article().split()[:8]


def test_diff_shows_a_nul_bearing_html_page(runner, tmp_path):
    page = tmp_path / "nul.html"
    page.write_bytes(_with_nuls(HTML.read_bytes(), 5))
    result = runner.invoke(cli, ["diff", "--no-color", "--no-pager", str(page)])
    assert result.exit_code == 0, result.stderr


def test_a_real_binary_is_still_refused():
    assert binary_reason(bytes(range(256)) * 64).startswith("binary file")
    assert binary_reason(b"MZ\x90\x00" + b"\x00\x01\x02\x00" * 200).startswith("binary file")
    assert binary_reason(_with_nuls(PAGE.read_bytes(), 3)) is None


def test_a_folder_among_cleans_inputs_is_reported_and_the_others_cleaned(runner, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    result = runner.invoke(cli, ["clean", str(PAGE), str(folder), str(PAGE)])
    assert result.exit_code == 1
    assert f"stripper: {folder}: is a directory" in result.stderr
    assert result.stdout == (_article() + "\n") * 2


def test_dev_zero_is_read_only_up_to_the_limit(runner):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    started = time.monotonic()
    result = runner.invoke(cli, ["clean", "/dev/zero", "--max-size", "2M"])
    assert result.exit_code == 1
    assert "too large" in result.stderr
    assert time.monotonic() - started < 10


def test_oversized_stdin_is_refused_while_reading():
    class Endless:
        read_bytes = 0

        def read(self, n: int) -> bytes:
            self.read_bytes += n
            return b"a" * n

    stream = Endless()
    with pytest.raises(InputError, match="too large"):
        read_input("-", max_size=1_000_000, stdin=stream)
    assert stream.read_bytes <= 1_000_001


def test_a_gzip_bomb_costs_at_most_the_limit(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 30_000_000, compresslevel=1))
    with pytest.raises(InputError, match="once decompressed"):
        read_input(str(bomb), max_size=1_000_000)


def test_a_corrupt_gzip_file_is_one_reason(tmp_path):
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(PAGE.read_bytes())[:-40])
    with pytest.raises(InputError, match="corrupt gzip"):
        read_input(str(broken))


def test_concatenated_gzip_members_are_read_whole(tmp_path):
    two = tmp_path / "two.txt.gz"
    two.write_bytes(gzip.compress(b"first part\n") + gzip.compress(b"second part\n"))
    assert read_input(str(two)).raw == b"first part\nsecond part\n"


def test_closed_stdin_is_one_line():
    result = _cli("clean", "-", stdin_closed=True, stderr=subprocess.PIPE,
                  stdout=subprocess.PIPE)
    assert result.returncode == 1
    assert _one_line_error(result.stderr) == "stripper: <stdin>: standard input is closed"


def test_batch_files_from_closed_stdin_is_a_usage_error(tmp_path):
    result = _cli("batch", "--files-from", "-", "-o", str(tmp_path / "out"),
                  stdin_closed=True, stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    assert result.returncode == 2
    assert "standard input is closed" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["clean", "batch"])
@pytest.mark.parametrize("size", ["1e400", "inf", "nan", "0", "12Q"])
def test_max_size_nonsense_is_a_usage_error(runner, tmp_path, command, size):
    args = [command, str(PAGE)] if command == "clean" else [command, str(TEXT), "-o",
                                                           str(tmp_path / "out")]
    result = runner.invoke(cli, [*args, "--max-size", size])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "--max-size" in result.stderr


# --- decoding: code pages, surrogates --------------------------------------------------

@pytest.mark.parametrize("text", [  # short Cyrillic texts charset-normalizer read as cp1125
    "И его для там он под я до она так.",
    "У они в у к у наш еще там от.",
    "Я она у то по же от на не к.",
])
def test_short_cp1251_russian_is_not_read_as_a_dos_code_page(text):
    raw = text.encode("cp1251")
    assert decode(raw) == (text, "cp1251")
    page = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'
    markup, encoding = decode_html(page.encode("cp1251"))
    assert encoding == "cp1251" and text in markup


def test_surrogate_escapes_in_a_str_are_decoded_as_their_bytes():
    raw = "Caf\u00e9 society.\n".encode() + "Новости дня.\n".encode()
    escaped = raw.decode("utf-8", errors="surrogateescape")  # valid: nothing escaped
    assert decode(escaped)[0] == raw.decode()
    latin = "Un caf\u00e9 cr\u00e8me, s'il vous pla\u00eet.\n".encode("cp1252")
    text, _ = decode(latin.decode("utf-8", errors="surrogateescape"))
    assert text == latin.decode("cp1252")


def test_a_str_with_lone_surrogates_gives_text_that_encodes_as_utf8():
    sample = ("The council met on Tuesday \udcff and approved the budget \ud800 after a long "
              "debate, and the mayor said the plan would be published next week. ") * 4
    result = stripper.strip(sample, kind="text")
    result.text.encode("utf-8")
    for block in result.blocks:
        block.text.encode("utf-8")
    assert "\ufffd" in "".join(b.text for b in result.blocks)
    assert decode("pair \ud83d\ude00 joined")[0] == "pair \U0001f600 joined"


# --- HTML: nesting and attributes -------------------------------------------------------

PARAGRAPH = ("<p>The council approved the new budget on Tuesday after a long debate, and "
             "the mayor said the plan would be published in full next week.</p>")


@pytest.mark.parametrize("tag", ["q", "dl", "fieldset", "x-card", "span"])
def test_nesting_past_libxml2s_limit_keeps_the_text(tag):
    html = ("<html><body>" + f"<{tag}>" * 3000 + PARAGRAPH * 6 + f"</{tag}>" * 3000
            + "</body></html>")
    result = stripper.strip(html, kind="html")
    assert "approved the new budget" in result.text


def test_one_element_with_100000_attributes_is_parsed_in_bounded_time():
    attrs = " ".join(f'a{i}="x"' for i in range(100_000))
    html = f"<html><body><div {attrs}>hello</div>{PARAGRAPH * 6}</body></html>"
    started = time.monotonic()
    result = stripper.strip(html, kind="html")
    assert time.monotonic() - started < 10  # took 15 s to minutes before
    assert "approved the new budget" in result.text


def test_quoted_angle_brackets_do_not_hide_a_tag_with_many_attributes():
    attrs = " ".join(f'a{i}=">"' for i in range(50_000))
    html = f"<html><body><div {attrs}>hello</div>{PARAGRAPH * 6}</body></html>"
    started = time.monotonic()
    stripper.strip(html, kind="html")
    assert time.monotonic() - started < 10


# --- outputs: atomic files, FIFOs, devices, full disks, missing folders -----------------

def test_output_into_a_fifo_stays_a_fifo(runner, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(cli, ["clean", str(PAGE), "-o", str(fifo)])
    reader.join(30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].decode() == _article() + "\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_dev_full_is_written_into_not_replaced(runner):
    result = runner.invoke(cli, ["clean", str(PAGE), "-o", "/dev/full"])
    assert result.exit_code == 1
    assert _one_line_error(result.stderr) == (
        "stripper: /dev/full: cannot write: no space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_failed_write_leaves_the_old_output_whole(tmp_path):
    """A file size limit (like a full disk) makes the write fail: the old file stays."""
    import resource

    out = tmp_path / "article.txt"
    out.write_text("the previous output\n")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    result = subprocess.run([sys.executable, "-m", "stripper.cli", "clean", str(PAGE),
                             "--lang", "en", "-o", str(out)], capture_output=True, text=True,
                            cwd=ROOT, preexec_fn=limit, timeout=120)
    assert result.returncode == 1
    assert "cannot write" in _one_line_error(result.stderr)
    assert out.read_text() == "the previous output\n"
    assert os.listdir(tmp_path) == ["article.txt"]  # no temporary file left


def test_output_in_a_missing_folder_is_one_line(runner, tmp_path):
    target = tmp_path / "no" / "such" / "out.txt"
    result = runner.invoke(cli, ["clean", str(PAGE), "-o", str(target)])
    assert result.exit_code == 1
    assert _one_line_error(result.stderr) == (
        f"stripper: {target}: cannot write: no such file or directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_in_a_read_only_folder_is_one_line(runner, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = runner.invoke(cli, ["clean", str(PAGE), "-o", str(folder / "x.txt")])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert "permission denied" in _one_line_error(result.stderr)


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="no sysfs")
def test_output_where_not_even_root_may_write_is_one_line(runner):
    # the read-only-folder case for a root user (the test above is skipped for root)
    target = "/sys/stripper-test-output.txt"
    result = runner.invoke(cli, ["clean", str(PAGE), "-o", target])
    assert result.exit_code == 1
    assert _one_line_error(result.stderr).startswith(f"stripper: {target}: cannot write: ")
    assert not os.path.exists(target)


def test_replacing_an_output_keeps_its_permissions(runner, tmp_path):
    out = tmp_path / "shared.txt"
    out.write_text("old\n")
    out.chmod(0o640)
    assert runner.invoke(cli, ["clean", str(PAGE), "-o", str(out)]).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text() == _article() + "\n"


# --- options ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["clean", "diff"])
@pytest.mark.parametrize("code", ["arabic", "en_US", "e", "12"])
def test_lang_must_be_a_language_code(runner, command, code):
    result = runner.invoke(cli, [command, str(PAGE), "--lang", code])
    assert result.exit_code == 2 and "ISO 639" in result.stderr


@pytest.mark.parametrize("args", [["rules", "list"], ["rules", "test", "{rules}", "--on", "{page}"],
                                  ["batch", "{page_dir}", "-o", "{out}"]])
def test_every_commands_lang_is_checked(runner, tmp_path, args):
    rules = tmp_path / "ok.toml"
    rules.write_text('[[rule]]\nid = "t.x"\ncategory = "boilerplate"\npattern = "^zzz"\n')
    argv = [a.format(rules=rules, page=PAGE, page_dir=TEXT, out=tmp_path / "out") for a in args]
    result = runner.invoke(cli, [*argv, "--lang", "arabic"])
    assert result.exit_code == 2 and "ISO 639" in result.stderr
    assert not (tmp_path / "out").exists()


def test_lang_is_lower_cased(runner):
    result = runner.invoke(cli, ["clean", str(PAGE), "--lang", "EN", "-f", "jsonl"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["metadata"]["language"] == "en"


def test_an_unknown_disabled_rule_is_warned_about(runner):
    result = runner.invoke(cli, ["clean", str(PAGE), "--disable-rule", "share.network"])
    assert result.exit_code == 0
    assert "--disable-rule share.network: no rule has this id; did you mean share.networks" \
        in result.stderr


def test_rules_list_refuses_an_unknown_category(runner):
    result = runner.invoke(cli, ["rules", "list", "-c", "nosuchcat"])
    assert result.exit_code == 2 and "nosuchcat" in result.stderr


def test_json_on_several_inputs_is_one_array(runner):
    result = runner.invoke(cli, ["clean", "-f", "json", str(PAGE), str(TEXT / "ru-news.lynx.txt")])
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert [d["source"] for d in docs] == [str(PAGE), str(TEXT / "ru-news.lynx.txt")]
    single = json.loads(runner.invoke(cli, ["clean", "-f", "json", str(PAGE)]).stdout)
    assert isinstance(single, dict)


def test_json_array_stays_valid_when_an_input_fails(runner, tmp_path):
    result = runner.invoke(cli, ["clean", "-f", "json", str(tmp_path / "missing.txt"),
                                 str(PAGE)])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 1


def test_pager_less_gets_less_r(monkeypatch):
    from stripper import cli_diff

    seen: dict[str, str | None] = {}
    monkeypatch.setenv("PAGER", "less")
    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.setattr(cli_diff.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(cli_diff.click, "echo_via_pager",
                        lambda text, color=None: seen.update(LESS=os.environ.get("LESS")))
    cli_diff._show("a\n" * 500, cli_diff._console(True, 80), True)
    assert seen["LESS"] is not None and "R" in seen["LESS"]


def test_the_format_registry_drives_clean_and_batch(runner):
    assert set(formats.names()) == {"text", "json", "jsonl", "markdown"}
    assert formats.names(per_page=True) == ["text", "json", "markdown"]
    result = runner.invoke(cli, ["batch", str(TEXT), "-o", "/nonexistent", "-f", "jsonl"])
    assert result.exit_code == 2 and "jsonl" in result.stderr  # batch's is --jsonl FILE
    assert {f.suffix for f in formats.FORMATS.values()} == {".txt", ".json", ".jsonl", ".md"}


# --- a broken rule file: the same in every command --------------------------------------

@pytest.mark.parametrize("args", [
    ["clean", "{page}"],
    ["diff", "--no-pager", "{page}"],
    ["batch", "{src}", "-o", "{out}"],
    ["rules", "list"],
])
def test_a_broken_rule_file_is_one_line_exit_2(runner, tmp_path, args):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_RULES)
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes(PAGE.read_bytes())
    argv = [a.format(page=PAGE, src=src, out=tmp_path / "out") for a in args]
    result = runner.invoke(cli, [*argv, "--rules", str(bad)])
    assert result.exit_code == 2, result.output
    line = _one_line_error(result.stderr)
    assert line.startswith(f"stripper: {bad}:") and "no-such-category" in line
    assert not (tmp_path / "out").exists()


def test_rules_test_with_a_broken_rule_file_is_one_line_exit_2(runner, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_RULES)
    result = runner.invoke(cli, ["rules", "test", str(bad), "--on", str(PAGE)])
    assert result.exit_code == 2
    assert "no-such-category" in _one_line_error(result.stderr)


def test_rules_check_reports_a_broken_file_without_a_traceback(runner, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_RULES + "[[rule\n")
    result = runner.invoke(cli, ["rules", "check", str(bad)])
    assert result.exit_code == 1 and result.exception is None or \
        isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and str(bad) in result.output


def test_rules_test_reads_a_gz_page(runner, tmp_path):
    rules = tmp_path / "ok.toml"
    rules.write_text('[[rule]]\nid = "t.x"\ncategory = "boilerplate"\npattern = "^zzz"\n')
    gz = tmp_path / "page.txt.gz"
    gz.write_bytes(gzip.compress(PAGE.read_bytes()))
    result = runner.invoke(cli, ["rules", "test", str(rules), "--on", str(gz)])
    assert result.exit_code == 0, result.output


# --- batch: statuses, resume, names, locks, signals -------------------------------------

def _manifest(out: Path) -> dict[str, dict]:
    lines = (out / "_manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["path"]: r for r in map(json.loads, lines)}


@pytest.fixture
def src(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    for name in ("en-news.lynx.txt", "ru-news.lynx.txt"):
        (folder / name).write_bytes((TEXT / name).read_bytes())
    return folder


def _batch(runner, src: Path, out: Path, *extra: str):
    return runner.invoke(cli, ["batch", str(src), "-o", str(out), "-q", "-j", "1", *extra])


def test_a_rerun_with_new_rules_or_language_redoes_every_page(runner, src, tmp_path):
    out = tmp_path / "out"
    assert _batch(runner, src, out).exit_code == 0
    assert _batch(runner, src, out).exit_code == 0
    assert {r["status"] for r in _manifest(out).values()} == {"skipped"}
    rules = tmp_path / "mine.toml"
    rules.write_text('[[rule]]\nid = "mine.x"\ncategory = "boilerplate"\npattern = "^zzz"\n')
    assert _batch(runner, src, out, "--rules", str(rules)).exit_code == 0
    assert {r["status"] for r in _manifest(out).values()} == {"done"}
    assert _batch(runner, src, out, "--rules", str(rules)).exit_code == 0
    assert {r["status"] for r in _manifest(out).values()} == {"skipped"}
    assert _batch(runner, src, out, "--rules", str(rules), "--lang", "en").exit_code == 0
    assert {r["status"] for r in _manifest(out).values()} != {"skipped"}
    assert _batch(runner, src, out, "--disable-rule", "share.networks").exit_code == 0
    assert "skipped" not in {r["status"] for r in _manifest(out).values()}
    settings = json.loads((out / "_summary.json").read_text())["settings"]
    assert settings["disabled"] == ["share.networks"] and settings["language"] is None
    assert settings["stripper"] == stripper.__version__ and len(settings["rules"]) >= 8


def test_a_rerun_with_other_settings_rewrites_the_jsonl_file(runner, src, tmp_path):
    out, corpus = tmp_path / "out", tmp_path / "corpus.jsonl"
    assert _batch(runner, src, out, "--jsonl", str(corpus)).exit_code == 0
    assert _batch(runner, src, out, "--jsonl", str(corpus), "--lang", "ru").exit_code == 0
    rows = [json.loads(x) for x in corpus.read_text().splitlines()]
    assert len(rows) == 2 and {r["metadata"]["language"] for r in rows} == {"ru"}


def test_a_write_that_fails_is_recorded_failed(tmp_path, monkeypatch):
    from stripper.batch import worker

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(worker, "write_atomic", full)
    cleaner = Cleaner(Options(out_root=str(tmp_path), fmt="text", kind="auto",
                              max_size=10**7, jsonl=False, settings="abc"))
    record = cleaner.clean(str(PAGE), "a.txt", "a.txt")
    assert record.status == "failed" and record.reason == "no space left on device"
    assert record.settings is None


PROSE_PAGE = "\n\n".join(
    f"Paragraph {i}: the council met again on a wet Tuesday evening to argue about the harbour "
    f"wall, and member {i} said the repairs had waited long enough for the town to pay twice."
    for i in range(20)) + "\n"


def test_a_full_disk_in_batch_is_failed_in_the_manifest_summary_and_exit_status(tmp_path):
    """A file size limit (like a full disk) refuses each output: every page is recorded
    failed, the summary counts them, the run exits 1 and no part of an output is left
    (before: 'done', 0 failed, exit 0)."""
    import resource

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(PROSE_PAGE)
    out = tmp_path / "out"

    def limit():  # the manifest row and the summary fit; the article (3 KB) does not
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    result = subprocess.run([sys.executable, "-m", "stripper.cli", "batch", str(src), "-o",
                             str(out), "-q", "-j", "1"], capture_output=True, text=True,
                            cwd=ROOT, preexec_fn=limit, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    record = _manifest(out)["a.txt"]
    assert record["status"] == "failed" and record["reason"] == "file too large"
    summary = json.loads((out / "_summary.json").read_text())
    assert summary["failed"] == 1 and summary["done"] == 0
    assert sorted(os.listdir(out)) == ["_manifest.jsonl", "_summary.json"]


def test_a_symlinked_output_folder_out_of_out_is_failed_not_done(runner, tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_bytes(PAGE.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere)
    result = _batch(runner, src, out)
    assert result.exit_code == 1
    record = _manifest(out)["sub/a.txt"]
    assert record["status"] == "failed" and "unsafe output path" in record["reason"]
    assert not list(elsewhere.iterdir())
    assert json.loads((out / "_summary.json").read_text())["failed"] == 1


def test_batch_goes_on_after_a_name_that_is_not_utf8(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    odd = os.fsdecode(b"caf\xe9.txt")
    (src / odd).write_bytes(PAGE.read_bytes())
    (src / "z.txt").write_bytes((TEXT / "ru-news.lynx.txt").read_bytes())
    out = tmp_path / "out"
    result = _cli("batch", str(src), "-o", str(out), "-q", "-j", "1")
    assert result.returncode == 0, result.stderr
    manifest = _manifest(out)
    assert manifest["caf\\xe9.txt"]["status"] == "done" and manifest["z.txt"]["status"] == "done"
    assert (out / odd).read_text() == _article() + "\n"


def test_clean_jsonl_with_a_name_that_is_not_utf8(tmp_path):
    odd = tmp_path / os.fsdecode(b"caf\xe9.txt")
    odd.write_bytes(PAGE.read_bytes())
    result = _cli("clean", "-f", "jsonl", str(odd), str(PAGE))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["source"] == printable_name(str(odd)) and rows[0]["source"].endswith(
        "caf\\xe9.txt")
    assert len(rows) == 2


def test_a_second_batch_into_the_same_out_is_refused(runner, src, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    lock = OutLock(str(out)).acquire()
    try:
        result = _batch(runner, src, out)
        assert result.exit_code == 2
        line = _one_line_error(result.stderr)
        assert "another stripper batch is writing into this folder" in line
        assert f"process {os.getpid()}" in line
    finally:
        lock.release()
    assert _batch(runner, src, out).exit_code == 0
    assert not (out / LOCK_NAME).exists()  # a run that ends removes its lock file


def test_resume_after_kill_reads_the_killed_runs_manifest(runner, src, tmp_path):
    """A killed run's temporary manifest says which outputs it finished: kept."""
    out = tmp_path / "out"
    assert _batch(runner, src, out).exit_code == 0
    (out / "_manifest.jsonl").rename(out / "._manifest.jsonl.stripper-tmp-999999")
    assert _batch(runner, src, out).exit_code == 0
    assert {r["status"] for r in _manifest(out).values()} == {"skipped"}


@pytest.mark.slow
@pytest.mark.parametrize("wait", [0.0, 0.4])
def test_ctrl_c_during_worker_start_up_prints_no_traceback(src, tmp_path, wait):
    out = tmp_path / "out"
    env = {**os.environ, "STRIPPER_BATCH_TEST_SLEEP": "*=5"}
    proc = subprocess.Popen([sys.executable, "-m", "stripper.cli", "batch", str(src), "-o",
                             str(out), "-j", "2"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while not (out / LOCK_NAME).exists() and time.monotonic() < deadline:
        time.sleep(0.01)  # the run has begun: its workers start now (the fork server warms up)
    time.sleep(wait)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode == 130, err
    assert not (out / LOCK_NAME).exists()
