"""clean_text() and render()."""

from __future__ import annotations

import json

import pytest
from conftest import EN_PARAGRAPHS, strip_text

from stripper.emit import clean_text, render
from stripper.model import Block, Category, Verdict
from stripper.segment.text import segment_text


def _blocks(text: str, keep: set[int]) -> list[Block]:
    _, blocks = segment_text(text)
    for b in blocks:
        if b.index in keep:
            b.decide(Verdict.KEPT, Category.CONTENT, "test")
    return blocks


def test_adjacent_blocks_have_no_blank_line_between():
    text = "first line\nsecond line\nthird line"
    assert clean_text(_blocks(text, {0, 1, 2})) == "first line\nsecond line\nthird line"


def test_blank_line_between_non_adjacent_blocks():
    text = "first\n\nsecond\nthird\nfourth"
    # 0 and 1 are separated by a blank input line, 1 and 3 by a removed block
    assert clean_text(_blocks(text, {0, 1, 3})) == "first\n\nsecond\n\nfourth"


def test_many_blank_lines_collapse_to_one():
    text = "alpha  \n\n\n\nbeta\t"
    assert clean_text(_blocks(text, {0, 1})) == "alpha\n\nbeta"


def test_indent_the_lines_share_goes_and_the_rest_stays():
    """An indented paragraph wraps short of the page width; cleaning the clean text
    again must see that indent to re-join it (issue 14: idempotence)."""
    text = "   Заголовок статьи\n\n       вложенная цитата\n\n   الفقرة الأخيرة"
    assert clean_text(_blocks(text, {0, 1, 2})) == (
        "Заголовок статьи\n\n    вложенная цитата\n\nالفقرة الأخيرة")
    mixed = "  alpha\n\n\tbeta"  # no indent in common: each keeps its own
    assert clean_text(_blocks(mixed, {0, 1})) == "  alpha\n\n\tbeta"


def test_wrapped_block_emits_its_own_lines_trimmed():
    _, blocks = segment_text("x")
    block = Block(index=0, text="a b", start=0, end=2, source_lines=["   a", "   b  "])
    block.decide(Verdict.KEPT, Category.CONTENT, "test")
    assert clean_text([block]) == "a\nb"
    hanging = Block(index=0, text="a b", start=0, end=2, source_lines=["* a", "  b"])
    hanging.decide(Verdict.KEPT, Category.CONTENT, "test")
    assert clean_text([hanging]) == "* a\n  b"  # a bullet's hanging indent is geometry too


def test_nothing_kept_is_empty():
    assert clean_text(_blocks("a\nb", set())) == ""
    assert clean_text([]) == ""


@pytest.fixture(scope="module")
def result():
    page = "\n\n".join(["Home", "Library will stay open", *EN_PARAGRAPHS, "© 2025 Gazette"])
    return strip_text(page, url="https://gazette.example/library")


def test_render_text(result):
    out = render(result, "text")
    assert out == result.text + "\n"
    assert out.endswith(".\n") and not out.endswith("\n\n")


def test_render_json(result):
    data = json.loads(render(result, "json", source="page.txt"))
    assert data["text"] == result.text
    assert data["source"] == "page.txt"
    assert data["metadata"]["language"] == "en"
    assert data["metadata"]["url"] == "https://gazette.example/library"
    assert len(data["blocks"]) == len(result.blocks)
    kept = [b for b in data["blocks"] if b["verdict"] == "kept"]
    assert [b["text"] for b in kept] == EN_PARAGRAPHS
    first = data["blocks"][0]
    assert first["lines"] == [1, 1] and first["text"] == "Home"


def test_render_jsonl_is_one_line_without_blocks(result):
    out = render(result, "jsonl")
    assert out.endswith("\n") and out.count("\n") == 1
    data = json.loads(out)
    assert data["text"] == result.text
    assert "metadata" in data and "blocks" not in data


def test_render_keeps_non_ascii_readable():
    r = strip_text("مرحبا\n\n" + "\n\n".join(EN_PARAGRAPHS))
    assert "مرحبا" in render(r, "json")


def test_render_unknown_format(result):
    with pytest.raises(ValueError):
        render(result, "yaml")


def test_empty_result_renders_empty_text():
    r = strip_text("")
    assert render(r, "text") == ""
    assert json.loads(render(r, "jsonl"))["text"] == ""
