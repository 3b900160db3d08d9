"""`stripper batch`: a folder of good and bad inputs, --files-from, resume after a kill."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import stripper
from stripper.batch import files as batch_files
from stripper.batch import resume
from stripper.batch.files import TEMP_MARK, UnsafePath, output_name, safe_out_dir
from stripper.batch.worker import TEST_HOOK, binary_reason
from stripper.cli import cli
from stripper.emit import render

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "fixtures" / "text"
GOOD = ["en-news.lynx.txt", "ar-news.w3m.txt", "ru-news.lynx.txt", "zh-news.w3m.txt"]


def _manifest(out: Path) -> dict[str, dict]:
    lines = (out / "_manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["path"]: r for r in map(json.loads, lines)}


def _expected(src: Path, fmt: str = "text") -> str:
    return render(stripper.strip(src.read_bytes()), fmt)


def _batch(*args: str, env: dict | None = None, timeout: float = 120):
    """Run `stripper batch` in a fresh process (the test hook reaches its workers)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "stripper.cli", "batch", *args],
                          capture_output=True, text=True, env=full_env, cwd=ROOT,
                          timeout=timeout)


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name in GOOD:
        shutil.copy(TEXT / name, src / name)
    shutil.copy(ROOT / "fixtures" / "html" / "en-news.html", src / "page.html")
    deep = src.joinpath(*[f"d{i}" for i in range(40)])
    deep.mkdir(parents=True)
    shutil.copy(TEXT / "de-news.lynx.txt", deep / "deep.txt")
    with gzip.open(src / "blog.txt.gz", "wb") as fh:
        fh.write((TEXT / "en-blog.copy.txt").read_bytes())
    (src / "binary.dat").write_bytes(bytes(range(256)) * 40)
    (src / "empty.txt").write_bytes(b"")
    (src / "d0" / "up").symlink_to("..")  # a folder loop
    (src / "self.txt").symlink_to("self.txt")  # a link to itself
    shutil.copy(TEXT / "fr-short.w3m.txt", src / "hang.txt")
    return src


def test_folder_with_bad_files(bad_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    started = time.monotonic()
    proc = _batch(str(bad_folder), "-o", str(out), "-j", "2", "--timeout", "3",
                  env={TEST_HOOK: "hang.txt"})
    assert time.monotonic() - started < 60
    assert proc.returncode == 1, proc.stderr
    manifest = _manifest(out)

    for name in GOOD:
        assert manifest[name]["status"] == "done"
        assert (out / name).read_text(encoding="utf-8") == _expected(bad_folder / name)
        assert manifest[name]["words"] > 0 and manifest[name]["language"]
    deep_rel = "/".join(f"d{i}" for i in range(40)) + "/deep.txt"
    assert manifest[deep_rel]["status"] == "done"
    assert (out / deep_rel).read_text(encoding="utf-8") == \
        _expected(bad_folder / deep_rel)
    assert manifest["page.html"]["output"] == "page.txt"
    assert manifest["page.html"]["kind"] == "html"
    assert (out / "blog.txt").read_text(encoding="utf-8") == \
        render(stripper.strip((TEXT / "en-blog.copy.txt").read_bytes()), "text")

    assert manifest["binary.dat"]["status"] == "failed"
    assert manifest["binary.dat"]["reason"].startswith("binary file")
    assert manifest["empty.txt"]["status"] == "empty"
    assert manifest["empty.txt"]["reason"] == "empty input"
    assert manifest["self.txt"]["status"] == "failed"
    assert "symlink loop" in manifest["self.txt"]["reason"]
    assert manifest["d0/up"]["status"] == "skipped"
    assert "symlink loop" in manifest["d0/up"]["reason"]
    assert manifest["hang.txt"]["status"] == "failed"
    assert manifest["hang.txt"]["reason"].startswith("timeout")
    assert not (out / "hang.txt").exists()
    assert not (out / "binary.txt").exists()
    assert not [p for p in out.rglob("*") if TEMP_MARK in p.name]
    # the walk did not follow the loop: no output folder under d0/up
    assert not (out / "d0" / "up").exists()

    summary = json.loads((out / "_summary.json").read_text())
    assert summary["failed"] == 3 and summary["done"] == len(GOOD) + 3
    assert summary["removed"]["navigation"] > 0
    assert "failed" in proc.stderr and "binary.dat" in proc.stderr

    # a re-run skips what is done, and retries only the failures
    proc = _batch(str(bad_folder), "-o", str(out), "-j", "2", "--timeout", "30")
    assert proc.returncode == 1  # the binary and the self-link still fail
    manifest = _manifest(out)
    assert manifest["en-news.lynx.txt"]["status"] == "skipped"
    assert manifest["hang.txt"]["status"] == "done"


def test_files_from_refuses_unsafe_names(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "a").mkdir(parents=True)
    shutil.copy(TEXT / "en-news.w3m.txt", src / "a" / "one.txt")
    (tmp_path / "outside.txt").write_text("The secret page.\n")
    out = tmp_path / "out"
    listing = "\n".join([
        "a/one.txt",
        "../outside.txt",
        "a/../../outside.txt",
        str(tmp_path / "outside.txt"),
        "a/missing.txt",
        str(src / "a" / "one.txt"),  # absolute but inside SRC: fine
        "",
    ])
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(out), "--files-from", "-",
                                      "-j", "1", "-q"], input=listing)
    assert result.exit_code == 1, result.output
    lines = [json.loads(x) for x in (out / "_manifest.jsonl").read_text().splitlines()]
    by_path = {}
    for r in lines:
        by_path.setdefault(r["path"], []).append(r)
    # listed twice (the second time by absolute path): cleaned once, then up to date
    assert [r["status"] for r in by_path["a/one.txt"]] == ["done", "skipped"]
    assert by_path["../outside.txt"][0]["status"] == "failed"
    assert "'..'" in by_path["../outside.txt"][0]["reason"]
    assert "'..'" in by_path["a/../../outside.txt"][0]["reason"]
    assert "outside the source folder" in by_path[str(tmp_path / "outside.txt")][0]["reason"]
    assert by_path["a/missing.txt"][0]["reason"] == "not found"
    assert not (tmp_path / "outside.txt.txt").exists()
    assert {p.name for p in out.rglob("*") if p.is_file()} == \
        {"one.txt", "_manifest.jsonl", "_summary.json"}
    assert (out / "a" / "one.txt").read_text() == _expected(src / "a" / "one.txt")


def test_json_format_jsonl_and_gz(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(TEXT / "en-news.w3m.txt", src / "x.txt")
    with gzip.open(src / "y.txt.gz", "wb") as fh:
        fh.write((TEXT / "ru-news.lynx.txt").read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(out), "-f", "json", "-q",
                                      "-j", "1"])
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "x.json").read_text())
    assert doc["source"] == "x.txt" and doc["metadata"]["language"] == "en" and doc["blocks"]
    assert json.loads((out / "y.json").read_text())["metadata"]["language"] == "ru"

    corpus = tmp_path / "corpus.jsonl"
    out2 = tmp_path / "out2"
    args = ["batch", str(src), "-o", str(out2), "--jsonl", str(corpus), "-q", "-j", "2"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    rows = [json.loads(x) for x in corpus.read_text().splitlines()]
    assert sorted(r["source"] for r in rows) == ["x.txt", "y.txt.gz"]
    assert "blocks" not in rows[0]
    # a killed run's partial last line is cut off, and done pages are not repeated
    with corpus.open("a") as fh:
        fh.write('{"source": "z.txt", "te')
    shutil.copy(TEXT / "fr-short.w3m.txt", src / "z.txt")
    assert CliRunner().invoke(cli, args).exit_code == 0
    rows = [json.loads(x) for x in corpus.read_text().splitlines()]
    assert sorted(r["source"] for r in rows) == ["x.txt", "y.txt.gz", "z.txt"]


def test_resume_after_kill(tmp_path: Path) -> None:
    src = tmp_path / "src"
    pages = sorted(p for p in TEXT.glob("*.txt") if "expected" not in p.name)
    for i in range(200):
        page = pages[i % len(pages)]
        folder = src / f"part{i // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        text = page.read_text(encoding="utf-8")
        (folder / f"{i:03d}-{page.name}").write_text(text + f"\nPage {i}.\n", encoding="utf-8")

    clean = tmp_path / "clean"
    assert _batch(str(src), "-o", str(clean), "-j", "2", "-q").returncode == 0

    out = tmp_path / "out"
    env = {**os.environ, TEST_HOOK: "*=0.02"}
    proc = subprocess.Popen([sys.executable, "-m", "stripper.cli", "batch", str(src), "-o",
                             str(out), "-j", "2", "-q"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if sum(1 for p in out.rglob("*.txt")) >= 40:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = [p for p in out.rglob("*.txt")]
    assert 40 <= len(written) < 200
    for path in written:  # everything visible after the kill is complete
        assert path.read_bytes() == (clean / path.relative_to(out)).read_bytes()

    proc = _batch(str(src), "-o", str(out), "-j", "2", "-q")
    assert proc.returncode == 0, proc.stderr
    manifest = _manifest(out)
    assert sum(r["status"] == "skipped" for r in manifest.values()) >= 40
    outputs = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert outputs == sorted(p.relative_to(clean) for p in clean.rglob("*") if p.is_file())
    for rel in outputs:
        if rel.name.startswith("_"):
            continue
        assert (out / rel).read_bytes() == (clean / rel).read_bytes()
    assert not [p for p in out.rglob("*") if TEMP_MARK in p.name]


def test_force_redo_and_out_inside_src(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(TEXT / "en-news.w3m.txt", src / "a.txt")
    out = src / "clean"  # OUT inside SRC: never walked as input
    runner = CliRunner()
    assert runner.invoke(cli, ["batch", str(src), "-o", str(out), "-q", "-j", "1"]).exit_code == 0
    assert runner.invoke(cli, ["batch", str(src), "-o", str(out), "-q", "-j", "1"]).exit_code == 0
    assert _manifest(out)["a.txt"]["status"] == "skipped"
    assert len(_manifest(out)) == 1
    assert runner.invoke(cli, ["batch", str(src), "-o", str(out), "-q", "--force"]).exit_code == 0
    assert _manifest(out)["a.txt"]["status"] == "done"
    # SRC inside OUT (or equal) is a usage error: outputs could overwrite inputs
    result = runner.invoke(cli, ["batch", str(out), "-o", str(src)])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["batch", str(src), "-o", str(src)])
    assert result.exit_code == 2


def test_max_size_and_stale_temps(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(TEXT / "en-news.w3m.txt", src / "big.txt")
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".big.txt{TEMP_MARK}12345"
    stale.write_text("half a pa")
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(out), "-q",
                                      "--max-size", "1K", "-j", "1"])
    assert result.exit_code == 1
    record = _manifest(out)["big.txt"]
    assert record["status"] == "failed" and record["reason"].startswith("too large")
    assert not stale.exists()
    assert json.loads((out / "_summary.json").read_text())["temporary_files_removed"] == 1


def test_output_names() -> None:
    assert output_name("page.html", ".txt") == "page.txt"
    assert output_name("page.txt.gz", ".txt") == "page.txt"
    assert output_name("page", ".json") == "page.json"
    assert output_name(".hidden", ".txt") == ".hidden.txt"
    clash = batch_files.colliding(["a.html", "a.txt", "b.txt", "c.txt", "c.txt.gz"], ".txt")
    assert clash == {"a.html", "a.txt", "c.txt", "c.txt.gz"}
    names = [output_name(n, ".txt", clash) for n in ["a.html", "a.txt", "c.txt", "c.txt.gz"]]
    assert len(set(names)) == 4
    assert output_name("b.txt", ".txt", clash) == "b.txt"


def test_safe_out_dir_refuses_symlink_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere)
    with pytest.raises(UnsafePath):
        safe_out_dir(str(out), "link/sub")
    assert not (elsewhere / "sub").exists()
    with pytest.raises(UnsafePath):
        safe_out_dir(str(out), "../x")
    assert safe_out_dir(str(out), "a/b") == str(out / "a" / "b")


def test_binary_sniffing() -> None:
    assert binary_reason("مرحبا بالعالم\n".encode("utf-16")) is None
    assert binary_reason("Hello world, plain text.\n".encode("utf-16-le")) is None
    assert binary_reason(b"plain text\n") is None
    assert binary_reason(b"\x89PNG\r\n\x1a\n" + bytes(100)).startswith("binary file (a PNG")
    assert binary_reason(bytes(range(256))) is not None


def test_repair_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"source": "a"}\n{"source": "b", "te')
    resume.repair_jsonl(str(path))
    assert path.read_text() == '{"source": "a"}\n'
    assert resume.jsonl_sources(str(path)) == {"a"}
