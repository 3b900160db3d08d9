"""`stripper clean` and the command group, driven through Click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import stripper
from stripper.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "fixtures" / "arabic-news-dump.txt"
FIRST = "أعلن الكرملين"
LAST = "شمالي تل رفعت بريف حلب."


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_clean_a_file_prints_the_article(runner):
    result = runner.invoke(cli, ["clean", str(DUMP)])
    assert result.exit_code == 0, result.output
    text = result.stdout.strip()
    assert text.startswith(FIRST) and text.endswith(LAST)
    assert "arabstoday" not in text


def test_clean_reads_stdin_with_dash_and_without_arguments(runner):
    raw = DUMP.read_bytes()
    with_dash = runner.invoke(cli, ["clean", "-"], input=raw)
    without = runner.invoke(cli, ["clean"], input=raw)
    assert with_dash.exit_code == without.exit_code == 0
    assert with_dash.stdout == without.stdout
    assert with_dash.stdout.strip().startswith(FIRST)


def test_a_bad_file_among_good_ones(runner, tmp_path):
    second = tmp_path / "copy.txt"
    second.write_bytes(DUMP.read_bytes())
    missing = tmp_path / "missing.txt"
    result = runner.invoke(cli, ["clean", str(DUMP), str(missing), str(second)])
    assert result.exit_code == 1
    assert f"{missing}: no such file or directory" in result.stderr
    assert result.stdout.count(FIRST) == 2  # both good files were still cleaned


def test_a_directory_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["clean", str(tmp_path)])
    assert result.exit_code in (1, 2)
    assert str(tmp_path) in result.stderr or "directory" in result.output


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_formats(runner, fmt):
    result = runner.invoke(cli, ["clean", "--format", fmt, str(DUMP)])
    assert result.exit_code == 0
    if fmt == "jsonl":
        lines = result.stdout.splitlines()
        assert len(lines) == 1
        data = json.loads(lines[0])
        assert "blocks" not in data
    else:
        data = json.loads(result.stdout)
        assert {"index", "verdict", "category", "reason"} <= set(data["blocks"][0])
    meta = data["metadata"]
    assert data["source"] == str(DUMP)
    assert meta["language"] == "ar"
    assert meta["updated"]["iso"] == "04:47:12Z"
    for category in ("comment-form", "related-list", "copyright"):
        assert meta["removed"].get(category, 0) > 0


def test_jsonl_gives_one_line_per_input(runner):
    result = runner.invoke(cli, ["clean", "-f", "jsonl", str(DUMP), str(DUMP)])
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(DUMP)] * 2


def test_markdown_starts_with_the_title(runner):
    result = runner.invoke(cli, ["clean", "-f", "markdown", str(DUMP)])
    first = result.stdout.splitlines()[0]
    assert first.startswith("# ") and "بوتين وإردوغان" in first


def test_output_file(runner, tmp_path):
    out = tmp_path / "article.txt"
    result = runner.invoke(cli, ["clean", str(DUMP), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == stripper.strip(DUMP.read_bytes()).text + "\n"


def test_usage_errors_exit_2(runner):
    assert runner.invoke(cli, ["clean", "--format", "xml", str(DUMP)]).exit_code == 2
    assert runner.invoke(cli, ["clean", "--kind", "pdf", str(DUMP)]).exit_code == 2
    assert runner.invoke(cli, ["nonsense"]).exit_code == 2


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and stripper.__version__ in result.stdout


def test_lang_option_skips_detection(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Menu\n\n" + "This is a sentence of the article and it goes on. " * 8 + "\n",
                    encoding="utf-8")
    result = runner.invoke(cli, ["clean", "--lang", "en", "-f", "jsonl", str(page)])
    assert json.loads(result.stdout)["metadata"]["language"] == "en"


def _commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_and_is_in_the_readme(runner, name):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert cli.commands[name].help, f"{name} has no help text"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"stripper {name}" in readme, f"README does not show `stripper {name}`"


def test_readme_quick_start_commands_are_the_ci_ones():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "pip install -e '.[test]' && python -m pytest -q"
    assert test_command in readme and test_command in ci
    assert "stripper clean fixtures/arabic-news-dump.txt" in readme


def test_a_binary_file_is_refused_with_its_reason(runner, tmp_path):
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = runner.invoke(cli, ["clean", str(image), str(DUMP)])
    assert result.exit_code == 1
    assert f"{image}: binary file (a PNG image), not a page" in result.stderr
    assert result.stdout.strip().startswith(FIRST)
