"""settle: the clean text of a dump is cleaned again until that changes nothing, and the
result stays one account of the input (issue 14: idempotence)."""

from __future__ import annotations

from pathlib import Path

import pytest

import stripper
from stripper.decode import decode
from stripper.emit import clean_text
from stripper.model import Block, Category, Metadata, Result, Verdict
from stripper.segment.text import split_lines
from stripper.settle import MAX_PASSES, settled

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _lines_result(text: str, drop) -> Result:
    """A pass that keeps every line of `text` but those `drop` picks."""
    blocks = []
    for i, line in enumerate(split_lines(text)):
        if not line.strip():
            continue
        block = Block(index=len(blocks), text=line.strip(), start=i, end=i + 1,
                      source_lines=[line])
        block.features.words = len(line.split())
        if drop(line):
            block.decide(Verdict.REMOVED, Category.BOILERPLATE, "looks like chrome")
        else:
            block.decide(Verdict.KEPT, Category.CONTENT, "prose")
        blocks.append(block)
    return Result(text=clean_text(blocks), metadata=Metadata(), blocks=blocks, kind="text")


PAGE = "\n".join([
    "Главная | Новости",  # 0: chrome, gone in the first pass
    "",
    "Городская библиотека снова открыла двери после ремонта крыши.",  # 2
    "Поделиться: ВКонтакте Telegram",  # 3: a leak the first pass kept
    "",
    "المكتبة استقبلت أكثر من مئتي زائر في اليوم الأول بعد الافتتاح.",  # 5
    "图书馆还为孩子们准备了新的阅读角和周末故事会。",  # 6
]) + "\n"


def test_what_a_second_pass_removes_is_removed_from_the_input_lines():
    first = _lines_result(PAGE, lambda line: "Главная" in line)
    calls = []

    def again(text: str) -> Result:
        calls.append(text)
        return _lines_result(text, lambda line: "Поделиться" in line)

    result = settled(first, again)
    assert "Поделиться" not in result.text
    assert result.text.splitlines() == [PAGE.splitlines()[2], "", PAGE.splitlines()[5],
                                        PAGE.splitlines()[6]]
    assert len(calls) == 2  # the pass that removed the leak, and one that changed nothing
    leak = next(b for b in result.blocks if "Поделиться" in b.text)
    assert (leak.start, leak.end) == (3, 4)  # the input's line, not the clean text's
    assert not leak.kept and leak.reason.endswith("when the kept text was cleaned again")
    assert [b.index for b in result.blocks] == list(range(len(result.blocks)))
    assert [b.start for b in result.blocks] == sorted(b.start for b in result.blocks)
    assert result.text == clean_text(result.blocks)
    assert result.metadata.words == sum(b.features.words for b in result.kept)


def test_a_pass_that_changes_nothing_ends_the_search():
    first = _lines_result(PAGE, lambda line: "Главная" in line)
    calls = []

    def again(text: str) -> Result:
        calls.append(text)
        return _lines_result(text, lambda line: False)

    assert settled(first, again) is first
    assert calls == [first.text]


def test_a_pass_that_would_remove_most_of_the_article_is_refused():
    first = _lines_result(PAGE, lambda line: "Главная" in line)
    result = settled(first, lambda text: _lines_result(text, lambda line: "。" not in line))
    assert result is first


def test_a_pass_that_removes_more_than_half_but_leaves_a_fifth_is_taken():
    """A second pass that cuts an article at its ads leaves a third of it: taken, so the
    result is a fixed point (refusing it would leave a text that changes when cleaned)."""
    first = _lines_result(PAGE, lambda line: "Главная" in line)
    keep = PAGE.splitlines()[2]
    result = settled(first, lambda text: _lines_result(text, lambda line: line != keep))
    assert result.text.splitlines() == [keep]
    assert settled(result, lambda text: _lines_result(text, lambda line: line != keep)
                   ) is result


def test_passes_are_bounded():
    text = "\n".join(f"line {i} of a long article that goes on and on" for i in range(40))
    first = _lines_result(text, lambda line: False)
    calls = []

    def peel(clean: str) -> Result:  # always finds one more line to drop
        calls.append(clean)
        head = split_lines(clean)[0]
        return _lines_result(clean, lambda line: line == head)

    result = settled(first, peel)
    assert len(calls) == MAX_PASSES - 1
    assert len(result.kept) == 40 - (MAX_PASSES - 1)


DUMPS = sorted((FIXTURES / "lang" / "rendered").glob("*.txt")) + sorted(
    p for p in (FIXTURES / "text").glob("*.txt") if not p.name.endswith(".expected.txt"))


@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.name)
def test_the_result_is_one_account_of_the_input(path):
    """After later passes, every block still names its own input lines, once, in order,
    and the clean text is the kept blocks' lines."""
    raw = path.read_bytes()
    result = stripper.strip(raw, kind="text")
    lines = split_lines(decode(raw)[0])
    seen = -1
    for block in result.blocks:
        assert block.start > seen and block.end > block.start
        assert block.source_lines == lines[block.start:block.end]
        seen = block.end - 1
    assert result.text == clean_text(result.blocks)


def test_the_date_is_read_again_around_the_settled_article():
    """The first pass's article opened with junk and its date line lay past the lead;
    once a later pass drops the junk, the date line just above the article is found."""
    junk = [f"Please enable JavaScript ({n})." for n in range(9)]
    lines = [*junk, "Published 14 March 2026", "", *EN_LINES]
    text = "\n".join(lines) + "\n"
    first = _lines_result(text, lambda line: line.startswith("Published"))
    assert first.metadata.published is None

    def again(clean: str) -> Result:
        return _lines_result(clean, lambda line: line.startswith("Please enable"))

    result = settled(first, again)
    assert result.metadata.published is not None
    assert result.metadata.published.iso[:10] == "2026-03-14"


EN_LINES = [
    "The town council voted on Tuesday evening to keep the old library open.",
    "Residents who had campaigned for the library filled the public gallery.",
    "The repairs to the roof are expected to start in the spring next year.",
    "During that time the reading room will be closed on every weekday.",
    "The children's section and the computer room will remain open as before.",
    "A report on opening the library on Sunday afternoons is due in the autumn.",
]
