"""Acceptance: the Arabic news dump (fixtures/arabic-news-dump.txt)."""

from __future__ import annotations

import pytest

import stripper

DUMP = "arabic-news-dump.txt"
HEADLINE = "بوتين وإردوغان يتفقان على تدابير عاجلة للتنسيق في سورية"


@pytest.fixture(scope="module")
def dump_lines(fixtures_dir):
    return (fixtures_dir / DUMP).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def result(fixtures_dir):
    return stripper.strip((fixtures_dir / DUMP).read_bytes())


def _paragraphs(dump_lines):
    """The article by hand: the long lines from «أعلن الكرملين» to «...بريف حلب.»."""
    first = next(i for i, ln in enumerate(dump_lines) if ln.startswith("أعلن الكرملين"))
    last = next(i for i, ln in enumerate(dump_lines) if ln.endswith("شمالي تل رفعت بريف حلب."))
    paras = [ln.strip() for ln in dump_lines[first:last + 1] if ln.strip()]
    assert len(paras) == 10
    return paras


def test_text_is_exactly_the_ten_paragraphs(result, dump_lines):
    paras = _paragraphs(dump_lines)
    assert result.text == "\n\n".join(paras)
    assert result.text.startswith("أعلن الكرملين")
    assert result.text.endswith("شمالي تل رفعت بريف حلب.")


def test_no_chrome_in_text(result, dump_lines):
    out = set(result.text.splitlines())
    comment_form = ["الإسم *", "البريد الألكتروني *", "عنوان التعليق *", "تعليق *",
                    ": Characters Left", "إلزامي *", "شروط الاستخدام",
                    "اُوافق على شروط الأستخدام", "Security Code*"]
    for line in comment_form:
        assert line in dump_lines  # the test names real lines
        assert line not in out
    assert not any(ln.startswith("شروط النشر") for ln in out)
    assert not any("GMT" in ln for ln in out)  # the related list and the update time
    assert not any("الحقوق محفوظة" in ln or "©" in ln for ln in out)
    assert not any("Maintained and developed" in ln for ln in out)
    assert not any(HEADLINE.replace(" ", "") in ln.replace('"', "").replace(" ", "")
                   for ln in out)  # no title line, with or without the quotes
    assert "قد يهمك أيضاً:" not in out
    assert "موسكو - العرب اليوم" not in out


def test_metadata(result):
    m = result.metadata
    assert m.title is not None
    assert m.title.replace('"', "") == HEADLINE
    assert m.updated is not None
    assert m.updated.iso == "04:47:12Z"
    assert "آخر تحديث" in m.updated.text
    assert m.language == "ar"
    assert m.removed.get("comment-form", 0) > 0
    assert m.removed.get("related-list", 0) > 0
    assert m.removed.get("copyright", 0) + m.removed.get("footer", 0) > 0
    assert m.words > 500
    assert m.characters == sum(len(b.text) for b in result.kept)


def test_kept_blocks_are_content(result):
    assert len(result.kept) == 10
    assert {b.category.value for b in result.kept} == {"content"}
    assert result.encoding == "utf-8"
    assert result.kind == "text"
