"""`stripper rules list/show/check/test`, and rule files through `stripper clean`."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import EN_PARAGRAPHS, FIXTURES_DIR

from stripper.cli import cli
from stripper.rules import builtin_rule_sets

DUMP = FIXTURES_DIR / "arabic-news-dump.txt"
SIGNATURE = """\
name = "arabstoday"
version = "1"
description = "Signature lines of العرب اليوم (arabstoday)."

[[rule]]
id = "arabstoday.dateline"
category = "dateline"
pattern = '^\\p{Arabic}+\\s*[-ـ]\\s*العرب\\s+اليوم\\s*$'
examples = ["موسكو - العرب اليوم", "القاهرة ـ العرب اليوم"]
counter_examples = ["العرب اليوم - زيلينسكي يوجه الشكر لبايدن"]

[[rule]]
id = "arabstoday.name"
category = "boilerplate"
pattern = '^(?:arabstoday\\s*)+$'
flags = "i"
"""
BROKEN = {
    "toml": ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x\n', "bad.toml:4", "TOML"),
    "key": ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\ncolor = 1\n', "bad.toml:2",
            "unknown key(s): color"),
    "regex": ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "(?<x"\n', "bad.toml:2",
              "bad pattern"),
    "duplicate": ('[[rule]]\nid = "a"\ncategory = "footer"\npattern = "x"\n'
                  '[[rule]]\nid = "a"\ncategory = "footer"\npattern = "y"\n', "bad.toml:6",
                  "duplicate id"),
    "catastrophic": ("[[rule]]\nid = \"a\"\ncategory = \"footer\"\npattern = '(a+)+$'\n",
                     "bad.toml:2", "catastrophic pattern"),
}


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def runner():
    return CliRunner()


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_list_shows_the_builtin_sets(runner):
    result = runner.invoke(cli, ["rules", "list"])
    assert result.exit_code == 0, result.output
    rules = [r for s in builtin_rule_sets() for r in s.rules]
    for rule in rules:
        assert rule.id in result.output
    for rule_set in builtin_rule_sets():
        assert f"builtin:{rule_set.source.split(':', 1)[1]}" in result.output
    assert f"{len(rules)} rules: {len(rules)} built-in (in {len(builtin_rule_sets())} files)" \
        in result.output


def test_list_includes_user_and_extra_files(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "xdg" / "stripper" / "rules"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('[[rule]]\nid = "mine.x"\ncategory = "footer"\n'
                                      'pattern = "x"\nlanguages = ["ar"]\n', encoding="utf-8")
    extra = _write(tmp_path, "sig.toml", SIGNATURE)
    result = runner.invoke(cli, ["rules", "list", "--rules", extra])
    assert result.exit_code == 0, result.output
    assert "mine.x" in result.output and "arabstoday.name" in result.output
    assert "1 user (in 1 file), 2 --rules (in 1 file)" in result.output
    only = runner.invoke(cli, ["rules", "list", "--rules", extra, "-c", "dateline"])
    assert "arabstoday.dateline" in only.output and "copyright.ar" not in only.output


def test_show_a_rule_and_an_unknown_one(runner):
    result = runner.invoke(cli, ["rules", "show", "copyright.ar"])
    assert result.exit_code == 0
    assert "category:    copyright" in result.output and "builtin:copyright.toml:" in result.output
    missing = runner.invoke(cli, ["rules", "show", "copyright.arr"])
    assert missing.exit_code == 1 and "did you mean copyright.ar" in missing.output


def test_check_a_good_file(runner, tmp_path):
    result = runner.invoke(cli, ["rules", "check", _write(tmp_path, "sig.toml", SIGNATURE)])
    assert result.exit_code == 0, result.output
    assert "2 rules, ok" in result.output


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_reports_each_error_with_file_line_and_exit_1(runner, tmp_path, case):
    text, where, needle = BROKEN[case]
    path = _write(tmp_path, "bad.toml", text)
    result = runner.invoke(cli, ["rules", "check", path])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    line = next(x for x in result.output.splitlines() if needle in x)
    assert line.startswith(str(tmp_path / where.split(":")[0]) + ":" + where.split(":")[1] + ":")


def test_check_flags_failing_examples(runner, tmp_path):
    text = SIGNATURE.replace('"العرب اليوم - زيلينسكي', '"موسكو - العرب اليوم", "x')
    result = runner.invoke(cli, ["rules", "check", _write(tmp_path, "sig.toml", text)])
    assert result.exit_code == 1 and "counter-example matches" in result.output


def test_check_usage_errors_exit_2(runner, tmp_path):
    assert runner.invoke(cli, ["rules", "check"]).exit_code == 2
    assert runner.invoke(cli, ["rules", "check", str(tmp_path / "nope.toml")]).exit_code == 2
    assert runner.invoke(cli, ["rules", "test", str(DUMP)]).exit_code == 2


@pytest.mark.parametrize("case", ["toml", "key", "regex", "duplicate"])
def test_clean_with_a_broken_rule_file_is_a_usage_error(runner, tmp_path, case):
    path = _write(tmp_path, "bad.toml", BROKEN[case][0])
    result = runner.invoke(cli, ["clean", "--rules", path, str(DUMP)])
    assert result.exit_code == 2
    assert "bad.toml:" in result.output and "Traceback" not in result.output


def test_broken_user_folder_file_is_reported(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "xdg" / "stripper" / "rules"
    folder.mkdir(parents=True)
    (folder / "oops.toml").write_text(BROKEN["regex"][0], encoding="utf-8")
    result = runner.invoke(cli, ["clean", str(DUMP)])
    assert result.exit_code == 2 and "oops.toml:2" in result.output
    listed = runner.invoke(cli, ["rules", "list"])
    assert listed.exit_code == 1 and "oops.toml:2" in listed.output


def test_rules_test_lists_the_lines_a_set_removes(runner, tmp_path):
    path = _write(tmp_path, "sig.toml", SIGNATURE)
    result = runner.invoke(cli, ["rules", "test", path, "--on", str(DUMP)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "line   14  drops arabstoday.dateline (was removed, dateline):  موسكو - العرب اليوم" \
        in out
    assert "line   70  drops arabstoday.dateline" in out
    assert "line   40  drops arabstoday.name" in out
    assert "6 block(s) decided by 2 of 2 rule(s); article: 0 line(s) fewer, 0 more" in out


def test_rules_test_shows_what_the_article_loses(runner, tmp_path):
    text = '[[rule]]\nid = "greedy"\ncategory = "boilerplate"\npattern = "^أعلن الكرملين"\n'
    result = runner.invoke(cli, ["rules", "test", _write(tmp_path, "g.toml", text),
                                 "--on", str(DUMP)])
    assert result.exit_code == 0
    assert "line   16  drops greedy (was kept)" in result.output
    assert "article loses line 16" in result.output


def test_clean_with_a_signature_rule(runner, tmp_path):
    path = _write(tmp_path, "sig.toml", SIGNATURE)
    result = runner.invoke(cli, ["clean", "--rules", path, "--format", "json", str(DUMP)])
    assert result.exit_code == 0
    assert '"reason": "rule arabstoday.dateline"' in result.output
    plain = runner.invoke(cli, ["clean", "--rules", path, str(DUMP)])
    assert "العرب اليوم" not in plain.output.splitlines()[0]
    assert plain.output.startswith("أعلن الكرملين")


def test_timeout_warning_is_one_line_in_the_cli(runner, tmp_path):
    bad = _write(tmp_path, "bad.toml", BROKEN["catastrophic"][0])
    page = _write(tmp_path, "page.txt", "\n\n".join(EN_PARAGRAPHS[:3] + ["a" * 8000 + "!"]))
    started = time.perf_counter()
    result = runner.invoke(cli, ["clean", "--rules", bad, page])
    assert time.perf_counter() - started < 3
    assert result.exit_code == 0
    assert EN_PARAGRAPHS[0][:40] in result.stdout
    warning = [x for x in result.stderr.splitlines() if "timed out" in x]
    assert warning == [f"stripper: warning: rule a ({bad}:2) timed out on this page and is "
                       "skipped for the rest of it"]


def test_catastrophic_rule_in_a_real_process(tmp_path):
    bad = _write(tmp_path, "bad.toml", BROKEN["catastrophic"][0])
    page = _write(tmp_path, "page.txt", "\n\n".join(EN_PARAGRAPHS[:3] + ["a" * 8000 + "!"]
                                                    + EN_PARAGRAPHS[3:]))
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "stripper.cli", "clean", "--rules", bad, page],
                          capture_output=True, text=True, env=env, timeout=60)
    assert time.perf_counter() - started < 15
    assert done.returncode == 0
    assert EN_PARAGRAPHS[3][:40] in done.stdout
    assert done.stderr.strip().splitlines() == [
        f"stripper: warning: rule a ({bad}:2) timed out on this page and is skipped for the "
        "rest of it"]
