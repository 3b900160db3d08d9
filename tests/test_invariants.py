"""Properties that hold for every input.

* Output lines are input lines: every non-empty line of the text is `line.strip()`
  of some line of the decoded input (NULs dropped), in input order (nothing is
  invented, rewritten or reordered).
* strip() never raises, whatever bytes it is given.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stripper
from stripper.decode import decode

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Characters that stress the pipeline: RTL scripts and marks, CJK, control characters,
# every kind of line break Python's splitlines() knows.
TRICKY = (
    "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\t \u00a0\u200b\u200c\u200d\u200e\u200f\u202b\u202c"
    "\x00\x07\x1b\ufeff\ufffd"
    "abc XYZ 0123456789 .,;:!?…«»“”‘’„「」*•-–—|/>©@#[]()"
    "مرحبابالعالمةيُٰ؟،؛٠١٢٣۰۱۲۳۔ہےکی"
    "приветмирЁё"
    "中文新闻报道。，！？的了是在"
)
tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=400)
any_text = st.text(max_size=300)

REALISTIC_LINES = [
    "Home",
    "Skip to content",
    "News | Sport | Business",
    "Related articles",
    "© 2025 Harbour Gazette. All rights reserved.",
    "Share on Facebook",
    "GMT 03:06 2025 السبت ,11 كانون الثاني / يناير",
    "قد يهمك أيضاً:",
    "الإسم *",
    "Читайте также:",
    "相关阅读",
    "   * first item of a list that is indented like lynx does it",
    "     1. numbered item",
    "",
    "   ",
    "The town council voted on Tuesday evening to keep the old library open for at least "
    "another five years, members said after a long debate.",
    "   The town council voted on Tuesday evening to keep the old library open for at",
    "   least another five years. Members said that the building was in better shape",
    "أعلن الكرملين أن الرئيسين اتفقا خلال اتصال هاتفي مساء الثلاثاء على تبني إجراءات عاجلة "
    "لزيادة فاعلية التنسيق بين موسكو وأنقرة في سوريا.",
    "Городской совет во вторник решил сохранить старую библиотеку как минимум ещё на пять лет, "
    "сообщили депутаты после долгого обсуждения.",
    "市议会周二决定，老图书馆将至少再开放五年。议员们说，这座建筑的状况比他们之前听说的要好得多。",
    "وزارت بهداشت امروز از افتتاح یک بیمارستان جدید در پایتخت خبر داد و گفت که این بیمارستان "
    "به بیش از یک میلیون نفر خدمت می‌کند.",
    "Short line.",
    "https://news.example/world/2024/03/story.html",
]
realistic_page = st.lists(
    st.one_of(st.sampled_from(REALISTIC_LINES), tricky_text.filter(lambda s: len(s) < 120)),
    max_size=40,
).map("\n".join)


def assert_output_lines_come_from_input(text: str) -> None:
    result = stripper.strip(text, kind="text")
    # decode() drops NULs and mends lone surrogates (README: "the NULs dropped"); the
    # lines the output may copy are those of the decoded input
    inputs = [line.strip() for line in decode(text)[0].splitlines()]
    position = -1
    for out in result.text.split("\n"):
        if not out.strip():
            continue
        # the next input line at or after `position + 1` that this output line copies
        found = next((i for i in range(position + 1, len(inputs)) if inputs[i] == out.strip()),
                     None)
        assert found is not None, (
            f"output line {out!r} is not a stripped input line after input line {position}"
        )
        position = found


@SETTINGS
@given(any_text)
def test_output_lines_are_input_lines_any_text(text):
    assert_output_lines_come_from_input(text)


@SETTINGS
@given(tricky_text)
def test_output_lines_are_input_lines_tricky_text(text):
    assert_output_lines_come_from_input(text)


@SETTINGS
@given(realistic_page)
def test_output_lines_are_input_lines_realistic_pages(text):
    assert_output_lines_come_from_input(text)


@SETTINGS
@given(realistic_page)
def test_output_has_no_edge_or_double_blank_lines(text):
    out = stripper.strip(text, kind="text").text
    assert out == out.strip("\n")
    assert "\n\n\n" not in out


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["auto", "text", "html"]))
def test_strip_never_raises_on_bytes(raw, kind):
    result = stripper.strip(raw, kind=kind)
    assert isinstance(result.text, str)


@SETTINGS
@given(tricky_text, st.sampled_from(["auto", "text", "html"]))
def test_strip_never_raises_on_text(text, kind):
    result = stripper.strip(text, kind=kind)
    assert isinstance(result.text, str)


_html_text = st.text(alphabet=st.sampled_from(list("ab عر ж字 .,\n\x01\x0b\x1f\x7f\u200f")),
                     min_size=1, max_size=6)
_html_open = st.sampled_from([
    "<p>", "<div>", '<div hidden>', '<span class="sr-only">', '<div class="d-none">',
    '<p style="display:none">', '<div aria-hidden="true">', "<a href='#'>", "<a href='/x'>",
    "<li>", "<ul>", "<table><tr><td>", "<pre>", "<br>", "<h2>", "<b>", "<script>",
    "<nav>", "<footer>", "<article>",
])
_html_close = st.sampled_from(["</p>", "</div>", "</span>", "</a>", "</li>", "</ul>",
                               "</td></tr></table>", "</pre>", "</h2>", "</b>", "</script>",
                               "</nav>", "</footer>", "</article>", ""])
html_soup = st.lists(st.one_of(_html_text, _html_open, _html_close), max_size=40).map(
    lambda parts: "<html><body>" + "".join(parts) + "</body></html>")


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(html_soup)
def test_strip_never_raises_on_html_soup(page):
    """Hidden elements, links, cells and control characters in any order and nesting."""
    result = stripper.strip(page.encode("utf-8", "surrogatepass"), kind="html")
    assert isinstance(result.text, str)
    assert all(isinstance(b.path, str) for b in result.blocks)
