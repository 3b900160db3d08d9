"""Text dump → blocks.

A block is one non-blank input line, or several when the renderer hard-wrapped a
paragraph (lynx, w3m, fixed-width archives). A wrap is recognised by the rule
every wrapping renderer follows: a line is broken only when the next word would
not have fitted, so a line followed by a word that would have fitted ends a
block. Blocks remember their input line range; output copies those lines only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate, pairwise

import regex

from stripper.letters import WIDE_BMP_RANGES, ZERO_WIDTH_BMP_RANGES
from stripper.model import Block
from stripper.scripts import BEYOND_BMP, BULLET_GLYPHS, HAN_KANA, char_class

_BULLET_START = regex.compile(rf"^\s*(?:[{BULLET_GLYPHS}]|\d{{1,3}}[.)]|\[\d+\])\s")
_FIRST_WORD = regex.compile(r"^\s*(\S+)")
# The same for an ASCII line, in `re` (twice as fast): regex's \s within ASCII
_ASCII_FIRST_WORD = re.compile(r"[\t\n\x0b\x0c\r ]*([^\t\n\x0b\x0c\r ]+)")
_NUMBER_START = re.compile(r"\s*[0-9]{1,3}\.\s+[^\W\d_]")  # "11. Februar", not "11. https:…"
_DASH_START = regex.compile(r"\s*[–—-]\s+\p{Ll}")  # "— has been …": a dash inside a sentence
_CLAUSE_END = regex.compile(r"[.!?;:؟。！？…]['\"’”»)]*\s*$")
_STOPS = ".!?؟。！？…"  # what ends a sentence …
_CLOSERS = "'\"’”»)"  # … and what may close it (a quote, a bracket)
_SENTENCE_END = regex.compile(f"[{_STOPS}][{_CLOSERS}]*\\s*$")
_ENDS_CHARS = frozenset(_STOPS + _CLOSERS)  # the last character of a line that ends one
_CJK_CHAR = HAN_KANA
_MIN_WRAPPED_SHARE = 0.1  # of long lines ending near the width
_MIN_WRAPPED_LINES = 3
_OVERRUN_WEIGHT = 3  # a line past a candidate width counts against it this much
_CLIFF_COLUMNS = 4  # the last columns before the width, where wrapped lines crowd
_MAX_WIDTH = 200
_WRAP_SLACK = 12  # columns: how far short of the width a wrapped line may end
_NARROW_MIN = 24  # columns: a table cell's column this wide may hold a paragraph
_NARROW_LINES = 3  # one-line blocks in a row before a column's own width is looked for
_LONGEST_WORD = 30  # characters: longer tokens (URLs) are not wrapped by renderers
_FIRST_LINE_INDENT = 2  # columns a heading's first line may stand in from its rest


_WIDE = regex.compile(r"[\p{ea=W}\p{ea=F}]")
# Combining marks and format characters: w3m gives them no column (Mc included).
_ZERO_WIDTH = regex.compile(r"[\p{M}\p{Cf}]")
_ZERO_WIDTH_BMP = re.compile(char_class(ZERO_WIDTH_BMP_RANGES))
_WIDE_BMP = re.compile(char_class(WIDE_BMP_RANGES))  # the same within the BMP, in `re`


def cells(text: str) -> int:
    """Terminal columns: renderers wrap CJK text counting each wide character twice,
    and combining marks (Devanagari vowel signs, Hebrew points) and format
    characters (ZWNJ) not at all."""
    if text.isascii():
        return len(text)
    if BEYOND_BMP.search(text):
        return len(text) + len(_WIDE.findall(text)) - len(_ZERO_WIDTH.findall(text))
    return len(text) + len(_WIDE_BMP.findall(text)) - len(_ZERO_WIDTH_BMP.findall(text))


def char_cells(text: str) -> int:
    """Columns as lynx counts them: a combining mark takes one like any character."""
    if text.isascii():
        return len(text)
    return len(text) + len((_WIDE if BEYOND_BMP.search(text) else _WIDE_BMP).findall(text))


def split_lines(text: str) -> list[str]:
    """The input lines, as every stage (and the output invariant) understands them."""
    return text.splitlines()


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapping renderer wrapped at, or None for unwrapped dumps."""
    found = detect_wrap(lines)
    return found[0] if found else None


def detect_wrap(lines: list[str]) -> tuple[int, Callable[[str], int]] | None:
    """The wrap width and how the renderer measured it: w3m counts terminal cells
    (wide characters two, combining marks none), lynx gives combining marks a
    column, and, when it does not know the terminal's cell widths, counts every
    character one; the measures differ only where a line holds marks or wide text."""
    by_cells = _width_fit(lines, cells)
    long_text = "".join(ln for ln in lines if len(ln) >= 40 and not ln.isascii())
    if _ZERO_WIDTH_BMP.search(long_text):
        # Marks make the measures differ: the renderer's is the one whose lines crowd
        # the last columns before its width (by the other, their ends scatter).
        by_chars = _width_fit(lines, char_cells)
        if by_chars and (not by_cells or by_chars[1] > by_cells[1]):
            return by_chars[0], char_cells
    if by_cells:
        return by_cells[0], cells
    if _WIDE_BMP.search(long_text):  # lynx in a terminal it thinks narrow counts characters
        by_len = _width_fit(lines, len)
        if by_len and _wide_at_width(lines, by_len[0]):
            return by_len[0], len
    return _few_wrapped_paragraphs(lines)


def _few_wrapped_paragraphs(lines: list[str]) -> tuple[int, Callable[[str], int]] | None:
    """A short wrapped text, too short for a width's cliff to show: the article
    stripper cut from a w3m dump, cleaned again, is a few paragraphs of two or three
    lines. Its longest line bounds the width; the text is wrapped when most lines
    followed by another of the same paragraph were ended for want of room at that
    width (an unwrapped dump's lines ending near its longest are rare)."""
    if any(len(ln) > _MAX_WIDTH for ln in lines):  # an unwrapped paragraph
        return None
    bodies = [ln.rstrip() for ln in lines]
    widths = [cells(b) for b in bodies]
    longest = max(widths, default=0)
    if longest < 40:
        return None
    # a line ended for want of room is within a word's length of the longest
    near = longest - _LONGEST_WORD - 1
    pairs = [(a, b, n) for (a, b), n in zip(pairwise(bodies), widths, strict=False)
             if a.strip() and b.strip()]
    wrapped = sum(1 for a, b, n in pairs if n >= near and _continues(a, b, longest))
    if wrapped >= _MIN_WRAPPED_LINES and 2 * wrapped > len(pairs):
        return longest, cells
    return None


def _wide_at_width(lines: list[str], width: int) -> bool:
    """Counting characters only explains a wrap if it is the wide text that ends at the
    width: most of the lines there hold wide characters (else the "width" is chance)."""
    at = [i for i, ln in enumerate(lines) if width - _CLIFF_COLUMNS <= len(ln.rstrip()) <= width]
    wide = [i for i in at if _WIDE_BMP.search(lines[i])]
    # and a wrapped line runs on: the paragraph's next line follows, at its indent
    runs_on = sum(1 for i in wide
                  if i + 1 < len(lines) and _continues(lines[i], lines[i + 1], width, len))
    return runs_on >= _MIN_WRAPPED_LINES and 2 * len(wide) >= len(at)


def _width_fit(lines: list[str], measure: Callable[[str], int]) -> tuple[int, int] | None:
    """The wrap width by `measure`, and how many lines end in its last columns."""
    # Lines ending in a long unbreakable token (URLs) overrun the width: leave them out.
    # A character takes at most two columns: lines under 20 characters are not long.
    measured = [(len(body) - len(body.lstrip()), n) for ln in lines
                if len(ln) >= 20 and (body := ln.rstrip()) and len(body) >= 20
                and (len(last := body.rsplit(None, 1)[-1]) <= _LONGEST_WORD
                     or _CJK_CHAR.search(last[-1])) and (n := measure(body)) >= 40]
    # A renderer that indents the page's text (lynx's margins) sets headings and
    # titles flush left, and those run past the right edge the indented text wraps
    # at: when most long lines are indented, they alone tell the width, if they can.
    indented = [n for indent, n in measured if indent]
    if 2 * len(indented) > len(measured) and (found := _fit(indented)):
        return found
    return _fit([n for _, n in measured])


def _fit(long: list[int]) -> tuple[int, int] | None:
    """The width these line lengths tell, and how many lines end in its last columns."""
    if len(long) < _MIN_WRAPPED_LINES:
        return None
    counts = [0] * (_MAX_WIDTH + 1)
    for n in long:
        if n <= _MAX_WIDTH:
            counts[n] += 1
    cum = list(accumulate(counts))  # cum[w]: lines at most w columns long

    def upto(w: int) -> int:
        return cum[min(w, _MAX_WIDTH)] if w >= 0 else 0

    # The width is where many lines end just short of it and few run past it: the
    # length that best trades lines ending within the slack against lines beyond
    # (lines past the longest width count against every candidate).
    width, best = 0, float("-inf")
    for candidate in range(40, _MAX_WIDTH + 1):
        if not counts[candidate]:
            continue
        near = cum[candidate] - upto(candidate - _WRAP_SLACK - 1)
        value = near - _OVERRUN_WEIGHT * (len(long) - cum[candidate])
        if value > best:
            width, best = candidate, value
    near = cum[width] - upto(width - _WRAP_SLACK - 1)
    if best <= 0 or near < max(_MIN_WRAPPED_LINES, _MIN_WRAPPED_SHARE * len(long)):
        return None
    # A wrapped dump has a cliff at its width: lines crowd its last columns, and
    # hardly any end just past it (an unwrapped dump's lengths fall off smoothly).
    top = cum[width] - upto(width - _CLIFF_COLUMNS - 1)
    above = upto(width + 2 * _CLIFF_COLUMNS) - cum[width]
    return (width, top) if top >= 2 * above + 2 else None


def segment_text(text: str) -> tuple[list[str], list[Block]]:
    lines = split_lines(text)
    found = detect_wrap(lines)
    blocks: list[Block] = []
    if not found:  # unwrapped: every non-blank line is a block
        for i, line in enumerate(lines):
            stripped = line.strip()
            if stripped:
                blocks.append(Block(index=len(blocks), text=stripped, start=i, end=i + 1,
                                    kind="line", source_lines=[line]))
        return lines, _join_narrow_columns(lines, blocks, _MAX_WIDTH, cells)
    width, measure = found
    i = 0
    while i < len(lines):
        if not lines[i] or lines[i].isspace():  # blank, as strip() sees it
            i += 1
            continue
        start = i
        while i + 1 < len(lines) and _continues(lines[i], lines[i + 1], width, measure,
                                                head=lines[start]):
            i += 1
        blocks.append(_block(len(blocks), lines, start, i + 1))
        i += 1
    return lines, _join_narrow_columns(lines, blocks, width, measure)


def _join_narrow_columns(lines: list[str], blocks: list[Block], width: int,
                         measure: Callable[[str], int]) -> list[Block]:
    """A paragraph in a table cell is wrapped at the cell's width, not the page's
    (w3m lays tables out in columns; a dump that wraps nothing may still hold such a
    cell): each of its lines came out a block of its own. Runs of one-line blocks on
    adjacent lines at one indent are wrapped again at the run's own width, where its
    lines crowd that width and the last ends a sentence."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i + 1
        if blocks[i].end - blocks[i].start == 1:
            while (j < len(blocks) and blocks[j].end - blocks[j].start == 1
                   and blocks[j].start == blocks[j - 1].end):
                j += 1
        # Most runs are menus and lists: too short, or no line under the first ends a
        # sentence (the one character tested is all it takes to tell).
        if j - i < _NARROW_LINES or not any(lines[b.start].rstrip()[-1:] in _ENDS_CHARS
                                            for b in blocks[i + 1:j]):
            out.extend(blocks[i:j])
        else:
            out.extend(_cell_runs(lines, blocks[i:j], width - _WRAP_SLACK, measure))
        i = j
    if len(out) == len(blocks):
        return blocks
    for n, block in enumerate(out):
        block.index = n
    return out


def _cell_runs(lines: list[str], run: list[Block], limit: int,
               measure: Callable[[str], int]) -> list[Block]:
    """One-line blocks on adjacent lines, rewrapped where they are a cell's lines: at
    one indent, well short of the page's width, none a table's row."""
    out: list[Block] = []
    cell: list[Block] = []
    columns: list[int] = []
    indent: int | None = None
    for block in run:
        lead, n = _cell_line(lines[block.start], limit, measure)
        if lead is None or lead != indent:  # a run of cell lines ends here
            _add_cell(lines, cell, columns, measure, out)
            cell, columns = [], []
        indent = lead
        if lead is None:
            out.append(block)
        else:
            cell.append(block)
            columns.append(n)
    _add_cell(lines, cell, columns, measure, out)
    return out


def _add_cell(lines: list[str], cell: list[Block], columns: list[int],
              measure: Callable[[str], int], out: list[Block]) -> None:
    """A run of cell lines at one indent, rewrapped at its own width when it is long
    and wide enough to hold a paragraph."""
    if len(cell) >= _NARROW_LINES and max(columns) >= _NARROW_MIN:
        out.extend(_rewrapped(lines, cell, columns, max(columns), measure))
    else:
        out.extend(cell)


def _cell_line(line: str, limit: int, measure: Callable[[str], int]) -> tuple[int | None, int]:
    """A cell line's indent and columns; no indent for a table's row (cells side by
    side, set apart by runs of spaces) or a line near the page's width."""
    line = line.rstrip()
    if "   " in line.lstrip() or (columns := measure(line)) > limit:
        return None, 0
    return _indent(line), columns


def _rewrapped(lines: list[str], run: list[Block], columns: list[int], column: int,
               measure: Callable[[str], int]) -> list[Block]:
    out: list[Block] = []
    k = 0
    while k < len(run):
        m = k
        while (m + 1 < len(run) and columns[m] >= column - _WRAP_SLACK
               and _continues(lines[run[m].start], lines[run[m + 1].start], column, measure,
                              head=lines[run[k].start])):
            m += 1
        if m > k and _SENTENCE_END.search(lines[run[m].start]):
            out.append(_block(0, lines, run[k].start, run[m].start + 1))
        else:
            out.extend(run[k:m + 1])
        k = m + 1
    return out


def _continues(line: str, nxt: str, width: int, measure: Callable[[str], int] = cells,
               head: str | None = None) -> bool:
    """Was `nxt` wrapped off the end of `line`? `head` is the first line of the block
    `line` ends, when known."""
    if not nxt or nxt.isspace():  # blank, as strip() sees it
        return False
    first = (_ASCII_FIRST_WORD if nxt.isascii() else _FIRST_WORD).match(nxt)
    if first is None:
        return False
    word, body_text = first.group(1), line.rstrip()
    # Every test below can only say no. ASCII text is as many columns as characters by
    # every measure, so a word that would have fitted settles most lines of a dump
    # before any other pattern is tried.
    if body_text.isascii() and word.isascii() and len(body_text) + 1 + len(word) <= width:
        return False
    if _BULLET_START.match(nxt) and not _numbered_in_prose(line, nxt, head):
        return False
    # a continuation line is no item, whatever it opens with ("11. Februar …")
    bullet = _BULLET_START.match(line) if head is None or line is head else None
    indent = bullet.end() if bullet else _indent(line)
    lead = len(nxt) - len(nxt.lstrip())
    shift = lead - indent
    # lynx sets a heading's first line two columns in from the text's margin, and its
    # wrapped rest at the margin: a first line may stand out, no further line may. A
    # paragraph that opens with its own number ("1. In a bowl …") wraps at its margin,
    # not under the text after the number as a list item does.
    if abs(shift) > 1 and not (
            (bullet is None and line is head and -_FIRST_LINE_INDENT <= shift < 0)
            or (bullet is not None and abs(lead - _indent(line)) <= 1)):
        return False
    if word[0] == "[" and _SENTENCE_END.search(line):
        # "… jump out." then "[24]Reply [25]Quote": a button row, not a wrap; or then
        # "[photo-1024.jpg] The caption. Foto: X": lynx's image, with its caption
        return False
    body = measure(body_text)
    if _CJK_CHAR.search(body_text[-1:]):
        return body >= width - 3  # CJK wraps at any character
    return body + 1 + measure(word) > width


def _numbered_in_prose(line: str, nxt: str, head: str | None) -> bool:
    """A number with a dot opening the next line inside a paragraph is a wrapped date
    or ordinal ("… findet am" / "11. und 12. Februar statt"), and a dash before a
    lowercase word the second dash of an aside ("three streets — A, B and C" / "— has
    been …"), not a list item, when
    the paragraph is no list item itself and the line ends no sentence or clause."""
    return (head is not None and not _BULLET_START.match(head)
            and (_NUMBER_START.match(nxt) is not None or _DASH_START.match(nxt) is not None)
            and not _CLAUSE_END.search(line))


def _indent(line: str) -> int:
    """Columns of indentation the wrapped lines under `line` repeat. Chinese and
    Japanese paragraphs open with a first-line indent of ideographic spaces (U+3000)
    that their continuation lines do not have."""
    lead = line[:len(line) - len(line.lstrip())]
    return len(lead) - lead.count("\u3000") if "\u3000" in lead else len(lead)


def _block(index: int, lines: list[str], start: int, end: int) -> Block:
    source = lines[start:end]
    text = source[0].strip()
    for line in source[1:]:
        part = line.strip()
        glue = "" if _CJK_CHAR.search(text[-1:]) and _CJK_CHAR.search(part[:1]) else " "
        text += glue + part
    return Block(
        index=index,
        text=text,
        start=start,
        end=end,
        kind="paragraph" if end - start > 1 else "line",
        source_lines=source,
    )
