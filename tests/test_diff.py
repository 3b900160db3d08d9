"""`stripper diff`: the rendering (stripper/diff.py) and the command (stripper/cli_diff.py).

Exact rendering is pinned by golden files in tests/golden/diff/, made from Results built
here by hand from the fixtures' lines (so a change in the classifier does not move them);
the real pipeline is checked by properties: every removed block is shown with its label,
every kept one unmarked, nothing is cut. Regenerate the golden files after a deliberate
change of the rendering with `STRIPPER_UPDATE_GOLDEN=1 pytest tests/test_diff.py`, then
read the diff of tests/golden/diff/ before committing it.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment

import stripper
from stripper import cli_diff
from stripper import diff as render
from stripper.cli import cli
from stripper.decode import decode
from stripper.model import Block, Category, Metadata, Result, Verdict

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden" / "diff"
UPDATE = os.environ.get("STRIPPER_UPDATE_GOLDEN") == "1"
ANSI = re.compile(r"\x1b\[([0-9;]*)m")

# -- hand-made Results -------------------------------------------------------------------
# (first line, last line, category, reason), 1-based and inclusive: every non-blank input
# line in the range becomes a removed block; the other non-blank lines are kept content.

AR_REMOVED = [
    (1, 1, "title", "repeats the headline"),
    (2, 2, "timestamp", "date of this article"),
    (3, 3, "boilerplate", "short line"),
    (5, 5, "boilerplate", "few stopwords"),
    (7, 11, "title", "repeats the headline"),
    (13, 13, "boilerplate", "short line"),
    (14, 14, "dateline", "dateline"),
    (36, 36, "related-list", "rule related.ar"),
    (38, 40, "related-list", "after end marker «قد يهمك أيضاً:»"),
    (42, 48, "comment-form", "rule comment-form.field"),
    (50, 50, "comment-form", "rule comment-form.en"),
    (52, 52, "comment-form", "rule comment-form.field"),
    (54, 58, "comment-form", "rule comment-form.terms"),
    (60, 60, "comment-form", "rule comment-form.field"),
    (64, 70, "related-list", "after end marker «قد يهمك أيضاً:»"),
    (72, 72, "timestamp", "rule timestamp.with-month"),
    (74, 112, "related-list", "after end marker «قد يهمك أيضاً:»"),
    (114, 114, "boilerplate", "short line"),
    (116, 116, "copyright", "rule copyright.en"),
    (117, 117, "copyright", "rule copyright.symbol"),
    (119, 119, "copyright", "rule copyright.en"),
    (120, 120, "copyright", "rule copyright.symbol"),
    (122, 126, "footer", "outside the article (short line)"),
]

EN_REMOVED = [
    (1, 3, "cookie", "rule cookie.notice"),
    (5, 16, "navigation", "link or URL"),
    (18, 18, "title", "repeats the headline"),
    (20, 20, "boilerplate", "outside the article (text with stopwords)"),
    (22, 22, "byline", "byline"),
    (24, 24, "timestamp", "date of this article"),
    (26, 26, "share", "rule share.networks"),
    (28, 29, "boilerplate", "outside the article (caption)"),
    (58, 58, "navigation", "link or URL"),
    (60, 60, "related-list", "rule related.en"),
    (62, 64, "related-list", "after end marker «Related articles»"),
    (66, 81, "comments", "rule comments.en"),
    (83, 95, "comment-form", "rule comment-form.en"),
    (97, 103, "related-list", "rule related.en"),
    (105, 106, "newsletter", "rule newsletter.signup"),
    (107, 113, "navigation", "link or URL"),
    (115, 117, "copyright", "rule copyright.symbol"),
    (119, 163, "navigation", "link or URL"),
]

ZH_REMOVED = [
    (1, 1, "breadcrumb", "rule navigation.breadcrumb"),
    (2, 2, "boilerplate", "short line"),
    (4, 11, "navigation", "rule navigation.skip"),
    (13, 13, "breadcrumb", "rule navigation.breadcrumb"),
    (15, 15, "title", "repeats the headline"),
    (17, 17, "timestamp", "date of this article"),
    (18, 18, "share", "rule share.networks"),
    (32, 32, "byline", "byline"),
    (34, 34, "copyright", "rule copyright.zh-ja"),
    (36, 36, "related-list", "rule related.zh-ja"),
    (38, 46, "related-list", "after end marker «相关阅读»"),
    (48, 48, "breadcrumb", "rule navigation.breadcrumb"),
    (50, 52, "copyright", "rule copyright.symbol"),
]
ZH_PARAGRAPHS = [(20, 21), (23, 24), (26, 27), (29, 30)]  # w3m hard-wrapped them


def frozen_result(
    path: Path, removed, *, paragraphs=(), language: str, kind: str = "text"
) -> Result:
    """A Result for the dump at `path` with the given decisions, one block per non-blank
    line (or per `paragraphs` range), independent of the classifier."""
    lines = path.read_text(encoding="utf-8").splitlines()
    spans = {start - 1: end for start, end in paragraphs}
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        end = spans.get(i, i + 1)
        source = lines[i:end]
        glue = "" if language in ("zh", "ja") else " "
        block = Block(index=len(blocks), text=glue.join(s.strip() for s in source), start=i,
                      end=end, kind="paragraph" if end - i > 1 else "line",
                      source_lines=source)
        decision = next(((c, r) for a, b, c, r in removed if a <= i + 1 <= b), None)
        if decision:
            block.decide(Verdict.REMOVED, Category(decision[0]), decision[1])
        else:
            block.decide(Verdict.KEPT, Category.CONTENT, "text with stopwords")
        blocks.append(block)
        i = end
    text = stripper.emit.clean_text(blocks)
    return Result(text=text, metadata=Metadata(language=language), blocks=blocks, kind=kind,
                  encoding="utf-8")


def html_result() -> Result:
    """A small HTML page's blocks, with element paths."""
    rows = [
        ("Accept all cookies?", "body>div.cookie-banner>p", "cookie", "rule cookie.notice"),
        ("Home › News › Local", "body>nav.breadcrumb", "breadcrumb",
         "rule navigation.breadcrumb"),
        ("Town council approves night bus pilot", "body>main>article>h1", "title",
         "repeats the headline"),
        ("A late-night bus linking the town centre with the outlying estates will run on a "
         "trial basis from May, after councillors voted on Tuesday evening to fund a "
         "twelve-month pilot.", "body>main>article>p[1]", None, None),
        ("Campaigners have been calling for a night bus since the last regular evening "
         "service was withdrawn in 2022.", "body>main>article>p[2]", None, None),
        ("Leave a comment", "body>main>section#comments>h2", "comment-form",
         "rule comment-form.en"),
        ("© 2025 Harbour Gazette Media Ltd. All rights reserved.", "body>footer>p",
         "copyright", "rule copyright.symbol"),
    ]
    blocks = []
    for i, (text, path, category, reason) in enumerate(rows):
        block = Block(index=i, text=text, start=i, end=i + 1, path=path, source_lines=[text])
        if category:
            block.decide(Verdict.REMOVED, Category(category), reason)
        else:
            block.decide(Verdict.KEPT, Category.CONTENT, "inside <article>")
        blocks.append(block)
    return Result(text=stripper.emit.clean_text(blocks), metadata=Metadata(language="en"),
                  blocks=blocks, kind="html", encoding="utf-8")


def ar_result() -> Result:
    return frozen_result(FIXTURES / "arabic-news-dump.txt", AR_REMOVED, language="ar")


def en_result() -> Result:
    return frozen_result(FIXTURES / "text" / "en-news.lynx.txt", EN_REMOVED, language="en")


def zh_result() -> Result:
    return frozen_result(FIXTURES / "text" / "zh-news.w3m.txt", ZH_REMOVED,
                         paragraphs=ZH_PARAGRAPHS, language="zh")


# -- rendering helpers -------------------------------------------------------------------


def plain(renderable, width: int = 100) -> str:
    console = Console(record=True, width=width, force_terminal=False, color_system=None,
                      file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def terminal_output(renderable, width: int = 100, *, no_color: bool = False) -> str:
    """What a colour terminal receives (escape codes included)."""
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system="256",
                      no_color=no_color)
    console.print(renderable)
    return out.getvalue()


def styled(renderable, width: int = 100) -> str:
    """The rendering with each styled span written as rich markup, `[dim yellow]…[/]`:
    readable in a golden file, and it changes when a colour or a style does."""
    console = Console(width=width, force_terminal=True, color_system="256",
                      file=io.StringIO())
    out = []
    for line in Segment.split_lines(console.render(renderable)):
        parts = []
        for seg in line:
            style = str(seg.style) if seg.style else "none"
            parts.append(seg.text if style == "none" or not seg.text.strip()
                         else f"[{style}]{seg.text}[/]")
        out.append("".join(parts).rstrip())
    return "\n".join(out) + "\n"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path} is missing; run with STRIPPER_UPDATE_GOLDEN=1 to write it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        delta = "".join(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), f"golden/{name}", "rendered"))
        pytest.fail(f"the rendering of {name} changed:\n{delta}\n"
                    "(if on purpose: STRIPPER_UPDATE_GOLDEN=1, then read the new file)")


SAMPLES = {"ar": ar_result, "en": en_result, "zh": zh_result, "html": html_result}


# -- golden tests ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_view_golden_plain(name):
    result = SAMPLES[name]()
    check_golden(f"{name}.view.txt", plain(render.view(result, f"{name}-sample")))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_view_golden_colour(name):
    result = SAMPLES[name]()
    check_golden(f"{name}.view.styles.txt", styled(render.view(result, f"{name}-sample")))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_no_color_keeps_layout_and_drops_colours(name):
    view = render.view(SAMPLES[name](), f"{name}-sample")
    coloured = terminal_output(view)
    bare = terminal_output(view, no_color=True)
    codes = {c for m in ANSI.findall(coloured) for c in m.split(";")}
    assert "38" in codes or any(c.startswith(("3", "9")) and len(c) == 2 for c in codes)
    for params in ANSI.findall(bare):  # NO_COLOR: dim, italic, bold may stay; no colours
        assert not re.search(r"(^|;)(3[0-9]|9[0-7]|4[0-9]|10[0-7])(;|$)", params), params
    assert ANSI.sub("", bare) == ANSI.sub("", coloured) == plain(view)


def test_full_view_explain_and_narrow_golden():
    result = ar_result()
    check_golden("ar.full-explain.w80.txt",
                 plain(render.view(result, "ar-sample", full=True, explain=True), width=80))


def test_side_by_side_golden():
    check_golden("zh.side-by-side.w120.txt", plain(render.side_by_side(zh_result(), "zh-sample"),
                                                   width=120))
    check_golden("html.side-by-side.w100.styles.txt",
                 styled(render.side_by_side(html_result(), "html-sample"), width=100))


def test_summary_lines_golden():
    lines = [render.summary_line(f(), f"{name}-sample", name_width=12)
             for name, f in sorted(SAMPLES.items())]
    empty = html_result()
    for block in empty.blocks:
        block.decide(Verdict.REMOVED, Category.BOILERPLATE, "short line")
    lines.append(render.summary_line(empty, "empty-sample", name_width=12))
    console = Console(record=True, width=200, color_system=None, file=io.StringIO())
    for line in lines:
        console.print(line, soft_wrap=True)
    check_golden("summary.txt", console.export_text())


def test_unified_golden():
    result = html_result()
    check_golden("html.unified.txt", render.unified(result, source="page.html"))


# -- properties on hand-made and real results ---------------------------------------------


def _rows_by_line(output: str, result: Result) -> dict[int, str]:
    """The rendered row on which each block starts, by the block's first input line."""
    width = len(str(max(b.end for b in result.blocks)))
    rows = {}
    for line in output.splitlines():
        m = re.match(rf"^( *\d+) [ {render.REMOVED_MARK}] ", line)
        if m and len(m.group(1)) == width:
            rows[int(m.group(1))] = line
    return rows


def assert_every_block_shown(result: Result, width: int = 250) -> None:
    output = plain(render.DiffView(result, full=True), width=width)
    rows = _rows_by_line(output, result)
    gutter = len(str(max(b.end for b in result.blocks))) + 3
    for block in result.blocks:
        row = rows.get(block.start + 1)
        assert row is not None, f"block {block.index} (line {block.start + 1}) is not shown"
        mark, body = row[gutter - 2], row[gutter:].rstrip()
        if block.kept:
            assert mark == " ", row
            if block.path:  # the element path is a hint, not a label
                assert body.endswith(block.path), row
                body = body[: -len(block.path)].rstrip()
            assert block.text.startswith(body), (block.text, body)  # text only, no label
        else:
            assert mark == render.REMOVED_MARK, row
            assert body.endswith(render.label(block)), (row, render.label(block))
            assert block.category.value in body and block.reason in body
            chunk = body[: -len(render.label(block))].strip()
            assert block.text.startswith(chunk), (block.text, chunk)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_block_shown_in_hand_made(name):
    assert_every_block_shown(SAMPLES[name]())


REAL = [
    FIXTURES / "arabic-news-dump.txt",
    FIXTURES / "text" / "en-news.lynx.txt",
    FIXTURES / "text" / "zh-news.w3m.txt",
    FIXTURES / "text" / "fa-news.lynx.txt",
    FIXTURES / "html" / "en-news.html",
    FIXTURES / "html" / "ar-news.html",
]


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_every_removed_block_of_strip_is_shown_with_its_label(path):
    result = stripper.strip(path.read_bytes())
    assert_every_block_shown(result)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
@pytest.mark.parametrize("width", [40, 80, 200])
def test_nothing_is_cut_at_any_width(path, width):
    """Long lines wrap: every word of every block is in the view, whatever the width."""
    result = stripper.strip(path.read_bytes())
    output = plain(render.view(result, path.name, full=True), width=width)
    assert max(Console(width=width).measure(ln).maximum for ln in output.splitlines()) <= width
    words = set(output.split())
    for block in result.blocks:
        for word in block.text.split():
            if cell_len(word) < width // 4:  # longer ones are folded across rows, on purpose
                assert word in words, (word, block.text)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_explain_counts_every_removed_block(path):
    result = stripper.strip(path.read_bytes())
    output = plain(render.explain_table(result), width=300)
    for reason in {b.reason for b in result.removed}:
        n = sum(1 for b in result.removed if b.reason == reason)
        assert re.search(rf"{re.escape(reason)}\s+\S+\s+{n}\s", output), reason


def test_rtl_and_cjk_rows_are_measured_in_cells():
    """Right-aligned labels end in the same column whatever the script before them."""
    for result in (ar_result(), zh_result()):
        output = plain(render.DiffView(result, full=True), width=100)
        console = Console(width=100)
        ends = {console.measure(ln).maximum for ln in output.splitlines()
                if ln.rstrip().endswith(tuple(render.label(b) for b in result.removed))}
        assert ends == {100}, ends


def test_arabic_is_in_logical_order():
    result = ar_result()
    output = plain(render.DiffView(result, full=True), width=250)
    assert "أعلن الكرملين أن الرئيسين" in output  # as in the input, not reversed for display


def test_folding_keeps_the_ends_and_counts_the_rest():
    result = en_result()
    items = render.fold_blocks(result.blocks)
    folds = [i for i in items if isinstance(i, render.Fold)]
    shown = [i for i in items if isinstance(i, Block)]
    assert folds
    assert len(shown) + sum(len(f.blocks) for f in folds) == len(result.blocks)
    assert [b.index for b in shown] + [b.index for f in folds for b in f.blocks] != []
    assert sorted([b.index for b in shown] + [b.index for f in folds for b in f.blocks]) == \
        list(range(len(result.blocks)))
    assert all(isinstance(i, Block) for i in render.fold_blocks(result.blocks, full=True))
    text = plain(render.view(result, "en"))
    for fold in folds:
        assert f"{fold.lines} removed lines folded" in text


def test_view_stops_at_max_width_on_wide_terminals():
    output = plain(render.view(ar_result(), "ar", explain=True), width=200)
    widths = [cell_len(line.rstrip()) for line in output.splitlines()]
    assert max(widths) == render.MAX_VIEW_WIDTH


def test_path_hint_for_html_blocks():
    output = plain(render.DiffView(html_result()), width=120)
    assert "body>main>article>p[1]" in output
    assert "body>footer>p" in output


def test_unified_diff_turns_the_input_into_the_clean_text():
    for result in (ar_result(), zh_result(), html_result()):
        before = render.input_lines(result)
        patch = render.unified(result, before, source="x")
        assert apply_unified(before, patch) == result.text.splitlines()


def test_nothing_removed_and_empty_results():
    result = html_result()
    for block in result.blocks:
        block.decide(Verdict.KEPT, Category.CONTENT, "x")
    output = plain(render.view(result, "all-kept", explain=True))
    assert not re.search(rf"^ *\d+ {render.REMOVED_MARK} ", output, re.M)
    assert "nothing was removed" in output
    empty = Result(text="", metadata=Metadata(), blocks=[], kind="text")
    assert "kept 0 lines" in plain(render.view(empty, "empty"))
    assert "no article found" in plain(render.view(empty, "empty"))


# -- a small unified-diff reader, to check --unified output --------------------------------


HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply_unified(before: list[str], patch: str) -> list[str]:
    lines = patch.splitlines()
    assert lines[0].startswith("--- ") and lines[1].startswith("+++ "), lines[:2]
    out: list[str] = []
    pos = 0
    i = 2
    while i < len(lines):
        m = HUNK.match(lines[i])
        assert m, f"not a hunk header: {lines[i]!r}"
        old_start, old_len = int(m.group(1)), int(m.group(2) or 1)
        start = old_start - 1 if old_len else old_start
        out.extend(before[pos:start])
        pos = start
        i += 1
        seen_old = 0
        while i < len(lines) and not lines[i].startswith("@@"):
            tag, text = lines[i][:1], lines[i][1:]
            if tag in (" ", "-"):
                assert before[pos] == text, (pos, before[pos], text)
                pos += 1
                seen_old += 1
            if tag in (" ", "+"):
                out.append(text)
            assert tag in (" ", "-", "+"), lines[i]
            i += 1
        assert seen_old == old_len
    out.extend(before[pos:])
    return out


# -- the command ---------------------------------------------------------------------------


@pytest.fixture()
def runner():
    return CliRunner()


AR_DUMP = FIXTURES / "arabic-news-dump.txt"


def test_cli_file(runner):
    res = runner.invoke(cli, ["diff", str(AR_DUMP), "--full", "--width", "250"])
    assert res.exit_code == 0, res.output
    assert "\x1b[" not in res.stdout  # not a terminal: plain text
    result = stripper.strip(AR_DUMP.read_bytes())
    assert str(AR_DUMP) in res.stdout.splitlines()[0]
    for block in result.removed:
        assert render.label(block) in res.stdout


def test_cli_stdin(runner):
    res = runner.invoke(cli, ["diff", "-"], input=AR_DUMP.read_bytes())
    assert res.exit_code == 0, res.output
    assert "<stdin> · text · ar" in res.stdout
    assert "kept " in res.stdout


def test_cli_folder_summary(runner, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_bytes(AR_DUMP.read_bytes())
    (tmp_path / "sub" / "b.txt").write_bytes((FIXTURES / "text" / "zh-news.w3m.txt")
                                             .read_bytes())
    (tmp_path / ".hidden").write_text("skip me")
    res = runner.invoke(cli, ["diff", str(tmp_path)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(str(tmp_path / "a.txt"))
    assert lines[1].startswith(str(tmp_path / "sub" / "b.txt"))
    for line in lines:
        assert re.search(r"(kept +\d+ lines|no article) .* removed +\d+ lines", line), line


def test_cli_several_files_and_a_bad_one(runner):
    res = runner.invoke(cli, ["diff", str(AR_DUMP), "missing.txt",
                              str(FIXTURES / "text" / "en-news.lynx.txt")])
    assert res.exit_code == 1
    assert "stripper: missing.txt: no such file or directory" in res.stderr
    assert len(res.stdout.splitlines()) == 2


def test_cli_bad_file(runner):
    res = runner.invoke(cli, ["diff", "missing.txt"])
    assert res.exit_code == 1
    assert res.stderr.strip() == "stripper: missing.txt: no such file or directory"
    assert res.stdout == ""


def test_cli_unified_parses_and_applies(runner):
    for path in (AR_DUMP, FIXTURES / "text" / "en-blog.copy.txt",
                 FIXTURES / "html" / "zh-news.html"):
        res = runner.invoke(cli, ["diff", "--unified", str(path)])
        assert res.exit_code == 0, res.output
        result = stripper.strip(path.read_bytes())
        if result.kind == "text":
            before = decode(path.read_bytes())[0].splitlines()
        else:
            before = render.input_lines(result)
        assert res.stdout.startswith(f"--- {path}\n+++ {path} (clean)\n@@ ")
        assert "\x1b[" not in res.stdout
        assert apply_unified(before, res.stdout) == result.text.splitlines()


def test_cli_colour_options(runner):
    coloured = runner.invoke(cli, ["diff", str(AR_DUMP), "--color"])
    assert coloured.exit_code == 0 and re.search(r"\x1b\[[0-9;]*3\dm", coloured.stdout)
    forced_no_color = runner.invoke(cli, ["diff", str(AR_DUMP), "--color"],
                                    env={"NO_COLOR": "1"})
    assert re.search(r"\x1b\[[0-9;]*3\dm", forced_no_color.stdout)  # the flag wins
    bare = runner.invoke(cli, ["diff", str(AR_DUMP), "--no-color"])
    assert "\x1b[" not in bare.stdout


def test_cli_width_and_side_by_side(runner):
    narrow = runner.invoke(cli, ["diff", str(AR_DUMP), "--side-by-side", "--width", "80"])
    assert narrow.exit_code == 0
    assert "--side-by-side needs 100 columns" in narrow.stderr
    assert max(cell_len(line) for line in narrow.stdout.splitlines()) <= 80
    wide = runner.invoke(cli, ["diff", str(AR_DUMP), "-y", "--width", "160", "--explain"])
    assert wide.exit_code == 0 and wide.stderr == ""
    assert "clean text" in wide.stdout and "What removed what" in wide.stdout
    assert max(cell_len(line) for line in wide.stdout.splitlines()) <= 160


def test_cli_explain(runner):
    res = runner.invoke(cli, ["diff", str(AR_DUMP), "--explain", "--width", "120"])
    assert res.exit_code == 0
    assert "What removed what" in res.stdout and "first removed" in res.stdout


def test_pager_only_on_a_tall_tty(monkeypatch):
    paged, printed = [], []
    monkeypatch.setattr(cli_diff.click, "echo_via_pager", lambda t, color: paged.append(t))
    monkeypatch.setattr(cli_diff.click, "echo", lambda t, nl, color: printed.append(t))
    console = Console(width=80, height=10, file=io.StringIO())
    tall, short = "x\n" * 20, "x\n" * 3
    monkeypatch.setattr(cli_diff.sys.stdout, "isatty", lambda: True, raising=False)
    cli_diff._show(tall, console, None)
    cli_diff._show(short, console, None)
    cli_diff._show(short, console, True)
    cli_diff._show(tall, console, False)
    assert paged == [tall, short] and printed == [short, tall]
    monkeypatch.setattr(cli_diff.sys.stdout, "isatty", lambda: False, raising=False)
    cli_diff._show(tall, console, True)
    assert printed[-1] == tall
