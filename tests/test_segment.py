"""segment_text(): blank lines, hard-wrapped paragraphs, unwrapped dumps, bullets."""

from __future__ import annotations

import textwrap

import pytest
from conftest import EN_PARAGRAPHS

from stripper.segment.text import _wide_at_width, segment_text, split_lines

RU_PARAGRAPHS = [
    "Мэрия города объявила во вторник, что старая библиотека останется открытой ещё как "
    "минимум пять лет. По словам депутатов, здание оказалось в лучшем состоянии, чем "
    "считалось раньше, и крышу можно отремонтировать за половину первоначальной суммы.",
    "Жители, которые больше года добивались сохранения библиотеки, заполнили зал и "
    "аплодировали, когда огласили результаты голосования. Одна из них сказала, что берёт "
    "там книги с самого детства и очень рада, что библиотека останется на своём месте.",
]
AR_PARAGRAPHS = [
    "صوت المجلس البلدي مساء الثلاثاء على إبقاء المكتبة القديمة مفتوحة لمدة خمس سنوات أخرى "
    "على الأقل، وقال الأعضاء إن حالة المبنى أفضل مما قيل لهم، وإن إصلاح السقف سيكلف أقل "
    "من نصف التقدير الأول الذي قدمته الشركة المكلفة بالدراسة.",
    "وملأ السكان الذين ناضلوا من أجل المكتبة أكثر من عام قاعة الجمهور وصفقوا عند إعلان "
    "النتيجة، وقالت إحداهن إنها تستعير الكتب من هناك منذ طفولتها وإنها سعيدة ببقائها.",
]


def wrap(
    paragraphs: list[str], width: int = 72, indent: str = "   "
) -> tuple[str, list[list[int]]]:
    """A lynx-like dump: paragraphs wrapped at `width`, blank line between them.

    Returns the dump and, per paragraph, the indices of its lines.
    """
    lines: list[str] = []
    ranges: list[list[int]] = []
    for n, para in enumerate(paragraphs):
        if n:
            lines.append("")
        wrapped = textwrap.wrap(para, width=width, initial_indent=indent,
                                subsequent_indent=indent)
        ranges.append(list(range(len(lines), len(lines) + len(wrapped))))
        lines.extend(wrapped)
    return "\n".join(lines) + "\n", ranges


def test_blank_lines_separate_blocks():
    text = "Первая строка\n\nВторая строка\n\n\nThird line\nFourth line"
    lines, blocks = segment_text(text)
    assert lines == text.splitlines()
    assert [b.text for b in blocks] == ["Первая строка", "Вторая строка", "Third line",
                                        "Fourth line"]
    assert [(b.start, b.end) for b in blocks] == [(0, 1), (2, 3), (5, 6), (6, 7)]
    assert [b.index for b in blocks] == [0, 1, 2, 3]


def test_empty_and_blank_inputs_have_no_blocks():
    assert segment_text("") == ([], [])
    lines, blocks = segment_text("\n  \n\t\n")
    assert blocks == []
    assert len(lines) == 3


def test_split_lines_understands_crlf_and_unicode_separators():
    assert split_lines("a\r\nb\rc\u2028d") == ["a", "b", "c", "d"]


def _check_wrapped(paragraphs: list[str]) -> None:
    dump, ranges = wrap(paragraphs)
    lines, blocks = segment_text(dump)
    assert len(blocks) == len(paragraphs)
    for block, idx, para in zip(blocks, ranges, paragraphs, strict=True):
        assert len(idx) >= 2  # the test really has wrapped lines
        assert (block.start, block.end) == (idx[0], idx[-1] + 1)
        assert block.source_lines == [lines[i] for i in idx]
        assert block.text == " ".join(lines[i].strip() for i in idx)
        assert block.text == para
        assert block.kind == "paragraph"


def test_hard_wrapped_english_paragraphs_join():
    _check_wrapped(EN_PARAGRAPHS)


def test_hard_wrapped_russian_paragraphs_join():
    _check_wrapped(RU_PARAGRAPHS + EN_PARAGRAPHS[:1])


def test_hard_wrapped_arabic_paragraphs_join():
    _check_wrapped(AR_PARAGRAPHS + EN_PARAGRAPHS[1:2])


def test_short_last_line_ends_the_paragraph_even_without_blank_line():
    # Two wrapped paragraphs with no blank line between: the short last line of the
    # first one could not have been broken there, so the next line starts a block.
    dump, ranges = wrap(EN_PARAGRAPHS[:3])
    lines = dump.splitlines()
    del lines[ranges[1][0] - 1]  # the blank line between paragraphs 0 and 1
    _, blocks = segment_text("\n".join(lines))
    first = ranges[0]
    last, nxt = lines[first[-1]].rstrip(), lines[first[-1] + 1].split()[0]
    assert len(last) + 1 + len(nxt) <= 66  # the next word would have fitted: not a wrap
    assert (blocks[0].start, blocks[0].end) == (first[0], first[-1] + 1)
    assert blocks[1].start == first[-1] + 1


def test_unwrapped_dump_stays_one_block_per_line():
    # inscriptis/copy style: one line per paragraph, lines of very different lengths,
    # no blank lines between them.
    lines = [
        EN_PARAGRAPHS[0],
        EN_PARAGRAPHS[1][:90],
        EN_PARAGRAPHS[2][:150],
        "Short heading line in between",
        EN_PARAGRAPHS[3],
        RU_PARAGRAPHS[0][:120],
        AR_PARAGRAPHS[0][:200],
        EN_PARAGRAPHS[2][:60],
    ]
    lines = [line.strip() for line in lines]
    _, blocks = segment_text("\n".join(lines))
    assert [b.text for b in blocks] == lines
    assert [(b.start, b.end) for b in blocks] == [(i, i + 1) for i in range(len(lines))]
    assert all(b.kind == "line" for b in blocks)


def test_bullets_do_not_join():
    dump, ranges = wrap(EN_PARAGRAPHS)
    items = [
        # as long as the wrapped lines, so only the bullet tells them apart
        "     * Repairs to the roof and the gutters of the north wing in winter",
        "     * A new ramp at the main entrance so that wheelchairs can get in",
        "     * Longer opening hours on Thursdays for students during exams",
        "     1. Check the list of volunteers and the rota for the Sundays",
    ]
    assert all(len(item) <= 72 for item in items)
    text = dump + "\n" + "\n".join(items) + "\n"
    lines, blocks = segment_text(text)
    first_item = lines.index(items[0])
    item_blocks = [b for b in blocks if b.start >= first_item]
    assert [b.source_lines for b in item_blocks] == [[item] for item in items]
    assert [b.text for b in item_blocks] == [item.strip() for item in items]
    # the paragraphs above were still joined
    assert len(blocks) == len(EN_PARAGRAPHS) + len(items)


def test_wrapped_bullet_item_keeps_its_continuation():
    dump, _ = wrap(EN_PARAGRAPHS)
    item = textwrap.wrap(
        "Repairs to the roof, the gutters and the windows of the north wing must be "
        "finished before the first frost of the winter arrives in the town.",
        width=72, initial_indent="     * ", subsequent_indent="       ",
    )
    nxt = "     * Second item"
    text = dump + "\n" + "\n".join(item) + "\n" + nxt + "\n"
    lines, blocks = segment_text(text)
    start = lines.index(item[0])
    assert [(b.start, b.end) for b in blocks[-2:]] == [(start, start + len(item)),
                                                       (start + len(item), start + len(item) + 1)]


def test_source_lines_are_the_input_lines_unchanged():
    text = "   indented line with trailing spaces   \n\t tabbed\n\n  •  bullet"
    lines, blocks = segment_text(text)
    for b in blocks:
        assert b.source_lines == lines[b.start:b.end]
        assert b.text == " ".join(x.strip() for x in b.source_lines)
    assert blocks[0].source_lines == ["   indented line with trailing spaces   "]


def test_bullet_after_a_full_width_line_starts_a_new_block():
    # w3m style: no indentation, no blank line before the list. The line before the
    # bullet is so long that a word of the bullet's length could not have fitted.
    dump, ranges = wrap(EN_PARAGRAPHS, indent="")
    lines = dump.splitlines()
    head = [lines[i] for i in ranges[0][:2]]
    assert len(head[1]) >= 66
    bullets = ["• roof", "- ramp", "* hours", "2) rota"]
    text = "\n".join(lines + [""] + head + bullets)
    all_lines, blocks = segment_text(text)
    tail = blocks[-len(bullets):]
    assert [b.text for b in tail] == bullets
    assert blocks[-len(bullets) - 1].source_lines == head


ZH_PARAGRAPHS = [
    "市议会周二晚间投票决定，港口旁的老图书馆将至少再开放五年。议员们在长时间辩论后表示，"
    "这座建筑的状况比此前一份调查所说的要好得多，屋顶的维修费用也不到最初估计的一半。"
    "支持保留图书馆的居民说，他们终于松了一口气，接下来要为新书架和更长的开放时间筹款。",
    "一位从小就在那里借书的读者说，她很高兴图书馆能留在原地。她还说，周末的儿童阅读角"
    "一直很受欢迎，希望市里能在明年的预算中为它增加一些新的座位和灯光，让更多家庭来这里。",
]


def wrap_cells(text: str, width: int) -> list[str]:
    """w3m's wrap of unspaced CJK text: as many two-cell characters as fit before `width`."""
    per_line = (width - 1) // 2
    return [text[i:i + per_line] for i in range(0, len(text), per_line)]


def test_cjk_paragraphs_with_an_ideographic_first_line_indent_join():
    """Chinese paragraphs open with two U+3000 spaces that the wrapped lines lack."""
    lines: list[str] = []
    for n, para in enumerate(ZH_PARAGRAPHS):
        if n:
            lines.append("")
        wrapped = wrap_cells("\u3000\u3000" + para, 80)
        lines.extend(wrapped)
    _, blocks = segment_text("\n".join(lines) + "\n")
    assert [b.text.replace(" ", "").replace("\u3000", "") for b in blocks] == ZH_PARAGRAPHS


def test_cjk_wrapped_by_character_count_joins():
    """lynx in a terminal it takes for narrow counts each character one column: the
    wrapped lines of a Chinese paragraph are then all N characters long, not N cells."""
    lines: list[str] = []
    for n, para in enumerate(ZH_PARAGRAPHS * 2):
        if n:
            lines.append("")
        lines.extend("   " + para[i:i + 60] for i in range(0, len(para), 60))
    _, blocks = segment_text("\n".join(lines) + "\n")
    assert [b.text.replace(" ", "") for b in blocks] == ZH_PARAGRAPHS * 2


def test_a_character_count_wrap_needs_wide_lines_that_run_on():
    """Counting characters explains a wrap only when the wide lines ending at the width
    run on into a next line at their indent; a list of headlines at their own indents
    that share a length by chance does not."""
    text = ZH_PARAGRAPHS[0] + ZH_PARAGRAPHS[1]
    heads = [" " * (4 + 4 * (n % 2)) + text[n * 10:n * 10 + 56 - 4 * (n % 2)] for n in range(8)]
    assert not _wide_at_width(heads, 60)
    wrapped = ["   " + text[i:i + 57] for i in range(0, 57 * 8, 57)]
    assert _wide_at_width(wrapped, 60)


def test_flush_left_headings_longer_than_the_indented_text_do_not_widen_the_wrap():
    """lynx indents the text three columns and sets headings flush left, where they run
    past the text's right edge; the text's lines still join at the text's width."""
    dump, ranges = wrap(EN_PARAGRAPHS + RU_PARAGRAPHS, width=72)
    headings = ["Council keeps the old library open for five more years after the vote"
                " of Tuesday"[:76],
                "Residents who campaigned for the library filled the public gallery to hear"[:77],
                "A second heading that runs past the right edge of the indented text ok"[:75]]
    lines = dump.splitlines()
    # a flush-left heading above each of the first three paragraphs
    for n, heading in zip((2, 1, 0), headings, strict=True):
        at = ranges[n][0]
        lines[at:at] = [heading, ""]
    _lines, blocks = segment_text("\n".join(lines) + "\n")
    texts = [b.text for b in blocks]
    for para in EN_PARAGRAPHS + RU_PARAGRAPHS:
        assert para in texts


def test_a_wrapped_date_that_opens_a_line_stays_in_its_paragraph():
    """w3m wraps "… findet am" / "11. und 12. Februar …": the number with a dot is a date,
    not a numbered list's item, inside a paragraph that is no list item."""
    para = ("Die bundesweite Tagung der Feuerwehrverbände zur Zusammenarbeit findet am "
            "11. und 12. Februar im Online-Format statt, und die Jugendgruppen der Vereine "
            "werden an beiden Tagen mit eigenen Workshops daran teilnehmen.")
    dump, _ = wrap([EN_PARAGRAPHS[0], para, EN_PARAGRAPHS[1]], width=75, indent="")
    assert any(ln.startswith("11. und") for ln in dump.splitlines())
    _lines, blocks = segment_text(dump)
    assert para in [b.text for b in blocks]


def test_an_asides_closing_dash_that_opens_a_line_stays_in_its_paragraph():
    """lynx wraps "… three streets — Petersallee, Nachtigalplatz and Lüderitzstrasse" /
    "— has been …": a dash before a lowercase word closes an aside, not a list's item;
    a dash item under a line that ends its sentence still splits."""
    para = ("The renaming of the three streets in the quarter — the avenue, the square and "
            "the long road by the canal — has been argued over by residents for years, and "
            "the council has now set a date for the vote.")
    dump, _ = wrap([EN_PARAGRAPHS[0], para, EN_PARAGRAPHS[1]], width=56, indent="   ")
    assert any(ln.lstrip().startswith("— has") for ln in dump.splitlines())
    _lines, blocks = segment_text(dump)
    assert para in [b.text for b in blocks]
    items = ["The plan has two parts.", "– Move the market to the square by the canal",
             "– Close the avenue to cars on Saturdays"]
    _lines, blocks = segment_text("\n".join(items) + "\n")
    assert [b.text for b in blocks] == items


def test_a_numbered_list_after_a_full_line_still_splits():
    items = ["1. Turn off the water at the main valve under the kitchen sink before you "
             "start any work on the pipes of the house",
             "2. Open the taps on the lowest floor to let the water drain away",
             "3. Call the plumber"]
    dump = "\n".join(textwrap.wrap(EN_PARAGRAPHS[0], 75) + [""] + [
        ln for item in items for ln in textwrap.wrap(item, 75)]) + "\n"
    _lines, blocks = segment_text(dump)
    texts = [b.text for b in blocks]
    assert items[1] in texts and items[2] in texts


def _table_page(paragraph: str, column: int, width: int = 80) -> str:
    """A w3m table layout: a wide row (the page's width), then a narrow cell's
    paragraph wrapped at the cell's width, then a menu of short lines."""
    wide = textwrap.wrap(EN_PARAGRAPHS[0], width=width)
    cell = textwrap.wrap(paragraph, width=column)
    menu = ["Home", "News and comment", "Sport", "Contact the newsroom"]
    return "\n".join([*wide, "", *cell, "", *menu]) + "\n"


def test_a_narrow_cell_paragraph_is_one_block():
    """Its lines crowd the cell's width, not the page's: they wrap at the cell's."""
    for paragraph in (EN_PARAGRAPHS[1], RU_PARAGRAPHS[0]):
        text = _table_page(paragraph, column=34)
        _, blocks = segment_text(text)
        cell = [b for b in blocks if b.text.split()[0] == paragraph.split()[0]]
        assert len(cell) == 1 and cell[0].text == paragraph
        assert [b.text for b in blocks][-4:] == ["Home", "News and comment", "Sport",
                                                  "Contact the newsroom"]


def test_a_narrow_cell_in_an_unwrapped_dump_is_one_block():
    text = "\n".join(textwrap.wrap(RU_PARAGRAPHS[1], width=40)) + "\n"
    _, blocks = segment_text(text)
    assert [b.text for b in blocks] == [RU_PARAGRAPHS[1]]


def test_lines_that_end_no_sentence_stay_apart():
    """A column of headlines crowds its width too, but its last line ends no sentence."""
    lines = ["Council votes to keep the old library open",
             "Harbour ferry timetable changes",
             "Bakery on Mill Street closes after forty years"]
    _, blocks = segment_text("\n".join(lines) + "\n")
    assert [b.text for b in blocks] == lines


def test_a_table_row_is_no_cell_line():
    lines = ["Price        Size        Colour", "12 euros     large       red and blue",
             "9 euros      small       green."]
    _, blocks = segment_text("\n".join(lines) + "\n")
    assert [b.text for b in blocks] == [ln.strip() for ln in lines]


# Short paragraphs as w3m wraps them at 80 columns: a first line ends short of the
# width when the next word is long, so the lines end ragged (73, 68, 72, 74, 79) and
# in so few lines no cliff shows at the width.
SHORT_WRAPPED = {
    "en": [["The town council voted on Tuesday evening to keep the old harbour library",
            "unchanged, after a long and sometimes heated debate about its costs."],
           ["Members said the building was in far better shape than an earlier survey",
            "suggested, and that the repairs would cost less than half of the estimate."],
           ["Readers who had campaigned for the library said they were all very relieved and",
            "would now raise money for new shelves and longer opening hours."]],
    "ru": [["Городской совет во вторник вечером проголосовал за то, чтобы библиотека",
            "оставалась открытой ещё пять лет после долгого и жаркого обсуждения."],
           ["Депутаты сказали, что здание находится в лучшем состоянии, чем показало",
            "обследование, и ремонт крыши обойдётся вдвое дешевле первой оценки."],
           ["Читатели, которые больше года добивались сохранения старой библиотеки, сказали,",
            "что теперь собирают деньги на новые полки и более долгие часы работы."]],
}


def _short_dump(lang: str) -> str:
    return "\n\n".join("\n".join(p) for p in SHORT_WRAPPED[lang]) + "\n"


@pytest.mark.parametrize("lang", sorted(SHORT_WRAPPED))
def test_a_few_short_wrapped_paragraphs_still_join(lang):
    """Too few lines for the width's cliff to show; each paragraph is still one block."""
    dump = _short_dump(lang)
    assert max(len(line) for line in dump.splitlines()) < 80
    _, blocks = segment_text(dump)
    assert [b.text for b in blocks] == [" ".join(p) for p in SHORT_WRAPPED[lang]]


@pytest.mark.parametrize("lang", sorted(SHORT_WRAPPED))
def test_cleaning_a_short_w3m_article_again_changes_nothing(lang):
    import stripper

    page = "\n\n".join(["Home | News | Sport | Weather", "Harbour Gazette",
                        _short_dump(lang).strip(),
                        "About us | Contact | Privacy", "© 2025 Harbour Gazette"]) + "\n"
    clean = stripper.strip(page, kind="text").text
    assert clean.count("\n\n") == 2  # the three paragraphs
    assert stripper.strip(clean, kind="text").text == clean


@pytest.mark.parametrize("paragraphs, caption", [
    (EN_PARAGRAPHS, "Readers queue at the old library on Tuesday. Photo: Harbour Gazette"),
    (RU_PARAGRAPHS, "Читатели у входа в библиотеку во вторник. Фото: Городская газета"),
])
def test_a_lynx_image_under_a_paragraph_starts_a_block(paragraphs, caption):
    # lynx sets an image's file name in brackets on the line under the paragraph, with
    # no blank line, and its caption after it; the name is too long to have fitted on
    # the paragraph's last line, but that line ended a sentence: no wrap.
    dump, ranges = wrap(paragraphs)
    lines = dump.splitlines()
    image = ["   [library-queue-4f2a9c81d6e3b7a0.jpg?quality=75&amp;auto=webp&amp;width=960]",
             "   " + caption]
    text = "\n".join(lines[:ranges[0][-1] + 1] + image + lines[ranges[0][-1] + 1:])
    _, blocks = segment_text(text)
    first = [lines[i] for i in ranges[0]]
    assert blocks[0].source_lines == first
    assert blocks[1].source_lines[0] == image[0]


@pytest.mark.parametrize("unit, next_word", [
    # lynx sets a heading two columns in from the text's margin and wraps its rest at
    # the margin (a paragraph's lines keep one indent, so nothing else joins this way)
    (["     Council keeps the old harbour library open for five more years, as",
      "   the town wanted"], "the"),
    # a recipe's steps written as paragraphs that open with their number wrap at the
    # paragraph's margin, not under the text after the number as a list item does
    (["   1. In a bowl combine the chickpeas, the tahini, the lemon juice, oil",
      "   salt and the pepper."], "salt"),
], ids=["heading", "numbered-paragraph"])
def test_a_line_wrapped_off_a_first_line_set_apart_is_one_block(unit, next_word):
    dump, ranges = wrap(EN_PARAGRAPHS)
    lines = dump.splitlines()
    assert len(unit[0]) <= 71 < len(unit[0]) + len(" " + next_word)  # the wrap width
    _, blocks = segment_text("\n".join(lines + [""] + unit) + "\n")
    assert blocks[-1].source_lines == unit
    assert blocks[0].source_lines == [lines[i] for i in ranges[0]]
