"""Per-block statistics: length, letters, punctuation, stopwords, links, repetition.

Word counts follow the script: CJK text has no spaces, so each Han, kana or
Thai-like character counts as a word; everything else is split on letters.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from stripper.language import Stopwords
from stripper.letters import NORMALISE_BMP_RANGES, WORD_BMP_RANGES, WORD_NOT_LETTER_RANGES
from stripper.model import Block, Features
from stripper.scripts import (
    ASCII_BULLET_GLYPHS,
    BEYOND_BMP,
    BULLET_GLYPHS,
    HAN_KANA_RANGES,
    OTHER_UNSPACED_RANGES,
    UNSPACED,
    bmp_part,
    char_class,
    from_lowest,
)

_CJK = UNSPACED
_MAY_BE_CJK = from_lowest(HAN_KANA_RANGES + OTHER_UNSPACED_RANGES)
_CJK_BMP = re.compile(char_class(bmp_part(HAN_KANA_RANGES + OTHER_UNSPACED_RANGES)))
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’\-]*")
_NON_LETTERS = regex.compile(r"[^\p{L}\p{M}]+")
# The same for text within the Basic Multilingual Plane, in `re`: twice as fast.
_BMP_WORD = re.compile(f"{char_class(WORD_BMP_RANGES)}{char_class(WORD_BMP_RANGES)[:-1]}'’\\-]*")


def _cjk_in(text: str) -> re.Pattern | None:
    """The unspaced-script class to search `text` with; None when it holds none."""
    if not _MAY_BE_CJK.search(text):
        return None
    return _CJK if BEYOND_BMP.search(text) else _CJK_BMP
# ASCII text, the most blocks, takes `re` with the classes above written out for
# ASCII: there [\p{L}\p{M}\p{N}] is [A-Za-z0-9] and [\p{L}\p{M}] is [A-Za-z].
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
_ASCII_NON_LETTERS = re.compile(r"[^A-Za-z]+")
# Sentence ends of every script: Latin, Arabic (؟ ۔ ؛), CJK full and half width,
# Armenian (։), Devanagari and Bengali (। ॥), Ethiopic (። ፧), Myanmar (။), Khmer (។).
SENTENCE_END_CHARS = ".!?؟۔。！？．｡…:;؛։।॥።፧။។‼⁇⁈⁉"
_TERMINAL = regex.compile(
    rf"[{SENTENCE_END_CHARS}]['\"’”»›」』）)\]\p{{Pf}}]*\s*(?:\[\d+\])?\s*$"
)
_S = r"[\t\n\x0b\x0c\r ]"  # regex's \s within ASCII (re's \s adds \x1c-\x1f)
_ASCII_TERMINAL = re.compile(rf"[.!?:;]['\")\]]*{_S}*(?:\[[0-9]+\])?{_S}*$")
# lynx's [12] link numbers, (BUTTON), [ ]/[X] form fields, [IMG], and the file name it
# shows for an image without alt text ([photo-3.jpg]).
_RENDERER_MARK = re.compile(
    r"\[[0-9]+\]|\(BUTTON\)|\[(?:[ _]*|X|IMG)\]|\[[\w.-]+\.(?:png|jpe?g|gif|webp|svg)\]",
    re.IGNORECASE)
_TAIL = 24  # characters: enough for a sentence end, closing quotes and a link marker
# Plain `re`: no Unicode property needed, and three times faster on every block.
# Only whether it matches counts, so each alternative starts at a literal (":" of
# "http://", "." of "www.", "@" of an address …) with the rest looked behind: the
# same texts match as with r"https?://|www\.|\w@[\w-]+\.\w|\[\d+\]|\.(?:com|…)\b",
# and `re` skips to those characters instead of trying every alternative everywhere.
_URL = re.compile(
    r":(?<=http:)//|:(?<=https:)//|\.(?<=www\.)|@(?<=\w@)[\w-]+\.\w|\[\d+\]"
    r"|\.(?:com|org|net|html?|php|de|ru|cn)\b",
    re.IGNORECASE,
)
_LINK_MARK = re.compile(r"\[\d+\]")  # lynx's numbered link
_LEADING_WORD = re.compile(r"[^\W\d_]{2}")
LINKED_SENTENCE_WORDS = 15  # a block this long ending a sentence may hold inline links
MAX_LINK_TOKEN = 30  # characters: a longer token holding only lynx markers is prose
LINK_TEXT_CHARS = 10  # of such a token, counted as link per marker
# List markers; inscriptis marks nested items with a plain "o".
_BULLET = regex.compile(
    rf"^\s*(?:[{BULLET_GLYPHS}]|\d{{1,3}}[.)]|o(?=\s+(?:\p{{Lu}}|[^\P{{L}}\p{{Latin}}\p{{Cyrillic}}\p{{Greek}}])))\s"
)
_ASCII_BULLET = re.compile(
    rf"{_S}*(?:[{ASCII_BULLET_GLYPHS}]|[0-9]{{1,3}}[.)]|o(?={_S}+[A-Z])){_S}")
_NORMALISE = regex.compile(r"[\W\d_]+")
_BMP_NORMALISE = re.compile(char_class(NORMALISE_BMP_RANGES) + "+")  # within the BMP
_WORD_NOT_LETTER = re.compile(char_class(WORD_NOT_LETTER_RANGES))
_BMP_WORD_NOT_LETTER = re.compile(char_class(bmp_part(WORD_NOT_LETTER_RANGES)))
_ASCII_NORMALISE = re.compile(r"[^A-Za-z]+")  # [\W\d_] within ASCII


def normalise(text: str) -> str:
    """The text with digits, punctuation and case dropped: what repeats across a page."""
    if text.isascii():
        return _ASCII_NORMALISE.sub(" ", text).strip().lower()
    return _dropped(text).strip().casefold()


def _dropped(text: str) -> str:
    """`text` with each run of [\\W\\d_] (non-letters, digits, underscores) one space."""
    return (_NORMALISE if BEYOND_BMP.search(text) else _BMP_NORMALISE).sub(" ", text)


def tokens(text: str) -> list[str]:
    """Words for stopword matching; CJK characters count one each."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    cjk = _cjk_in(text)
    if cjk is None or not cjk.search(text):
        folded = text.casefold()
        return (_WORD if BEYOND_BMP.search(folded) else _BMP_WORD).findall(folded)
    words = []
    for w in (_WORD if BEYOND_BMP.search(text) else _BMP_WORD).findall(text):
        if cjk.search(w):
            words.extend(cjk.findall(w))
            rest = cjk.sub(" ", w).split()
            words.extend(rest)
        else:
            words.append(w.casefold())
    return words


def decision_text(text: str) -> str:
    """The block's text as rules and statistics read it: without renderer markers
    (the output still copies the input lines)."""
    if "[" not in text and "(BUTTON)" not in text:
        return text
    return _RENDERER_MARK.sub("", text).strip() or text


def measure(text: str, stopwords: Stopwords) -> Features:
    return Features(*_measure(text, stopwords))


def _measure(text: str, stopwords: Stopwords, *, keyed: bool = False) -> tuple:
    """Features' fields in order; `repeats` is the page's to fill in, and so is
    `key` — with `keyed`, it comes with the rest (`normalise(text)`)."""
    # Renderer markers (lynx's [12] link numbers, (BUTTON), [ ] form fields) are no
    # words of the page: the decision reads the text without them (the output still
    # copies the input lines). Link-likeness reads the markers.
    raw = text.strip()
    stripped = decision_text(raw)
    if stripped is not raw:
        text = stripped
    nonspace = max(1, len("".join(stripped.split())))
    words = tokens(stripped)
    tail = stripped[-_TAIL:]
    if stripped.isascii():
        cjk = 0
        if keyed:  # normalise's pass leaves the letters and one space a run of the rest
            key = normalise(stripped)
            letters = len(key) - key.count(" ")
        else:
            letters = len(_ASCII_NON_LETTERS.sub("", stripped))
            key = ""
    else:
        cjk_class = _cjk_in(stripped)
        cjk = len(cjk_class.findall(stripped)) if cjk_class is not None else 0
        # normalise's pass keeps [^\W\d_]: the letters and marks and a few more, which
        # are counted apart (the whitespace strip() drops is no letter either).
        if BEYOND_BMP.search(text):
            kept = _NORMALISE.sub(" ", text)
            others = _WORD_NOT_LETTER.findall(stripped)
        else:
            kept = _BMP_NORMALISE.sub(" ", text)
            others = _BMP_WORD_NOT_LETTER.findall(stripped)
        letters = len(kept) - kept.count(" ") - len(others)
        key = kept.strip().casefold() if keyed else ""
    terminal = bool((_ASCII_TERMINAL if tail.isascii() else _TERMINAL).search(tail))
    return (
        len(stripped),
        len(words),
        letters / nonspace,
        stopwords.ratio(words),
        terminal,
        _link_likeness(raw, sentence=terminal and len(words) >= LINKED_SENTENCE_WORDS),
        bool((_ASCII_BULLET if text.isascii() else _BULLET).match(text)),
        1,
        key,
        cjk > nonspace * 0.3,
    )


HEADLINE_WORDS = 18  # a longer line is more likely a standfirst than a headline


def headline_like(f: Features) -> bool:
    """A line shaped like a headline: a few words, letters, no closing punctuation."""
    return (3 <= f.words <= HEADLINE_WORDS and not f.terminal_punct and not f.bullet
            and f.letter_ratio >= 0.6 and f.link_like < 0.3)


def _link_likeness(text: str, *, sentence: bool = False) -> float:
    """0 for plain text; otherwise grows with the share of the text in URL-ish tokens.

    A URL anywhere makes a block link-like (0.3 at least); lynx's numbered links in a
    long block that ends a sentence are a paragraph's inline links: only their share
    counts."""
    if not _URL.search(text):
        return 0.0
    covered = sum(_link_chars(t) for t in text.split() if _URL.search(t))
    share = covered / max(1, len(text))
    if (sentence or _opens_with_words(text)) and not _URL.search(_LINK_MARK.sub(" ", text)):
        return min(1.0, share)
    return min(1.0, 0.3 + share)


def linked_word_in_line(text: str) -> bool:
    """A line of words with one of them a link that lynx numbers ("kernige
    [248]Haferflocken", an ingredient linked to its page): the other renderers show
    it as a plain short line. A menu item opens with its marker ("* [45]News")."""
    return _opens_with_words(text) and not _URL.search(_LINK_MARK.sub(" ", text))


_LEADING_LINK = re.compile(r"\W{0,3}\[\d+\]")
_INLINE_LINK_MARK = re.compile(r"\[\d+\](?=\S)")  # lynx's "[48]Headline", not a note's "[7] "


def without_link_numbers(text: str) -> str:
    """`text` without the numbers lynx sets before its links ("[48]Headline"), which
    differ in each copy of a box; a note's number ("[7] Source") stays."""
    return _INLINE_LINK_MARK.sub("", text)


def links_alone(text: str) -> bool:
    """A line that opens with a lynx link and holds two or more ("[25]Older post
    [26]Newer post"): a row of links, whatever its words read like."""
    return _LEADING_LINK.match(text) is not None and len(_LINK_MARK.findall(text)) >= 2


def _opens_with_words(text: str) -> bool:
    """A line with one lynx marker after words of its own holds one link: "By [47]Jane
    Doe" is a byline with a linked name, where "* [45]News" is a menu item (and a row
    of buttons has a marker for each)."""
    marks = _LINK_MARK.findall(text)
    if len(marks) != 1:
        return False
    before = text[:text.index(marks[0])]
    return _LEADING_WORD.search(_RENDERER_MARK.sub(" ", before)) is not None


def _link_chars(token: str) -> int:
    """How much of a URL-ish token is link. A lynx marker marks the link text after it,
    which in a spaced script is the token; in Chinese, Japanese or Thai the "token" may
    be a whole paragraph with a linked name in it, so only a link's worth counts."""
    if len(token) <= MAX_LINK_TOKEN:
        return len(token)
    markers = _LINK_MARK.findall(token)
    if not markers or _URL.search(_LINK_MARK.sub(" ", token)):
        return len(token)  # a long URL
    return min(len(token), sum(len(m) for m in markers) + LINK_TEXT_CHARS * len(markers))


MEASURED_CAP = 8192  # block texts whose features are remembered, per language


def measure_blocks(blocks: list[Block], stopwords: Stopwords) -> None:
    """Fill in every block's features, including repetition within the page."""
    seen = stopwords.measured  # pages repeat their menus: measure each text once
    if len(seen) > MEASURED_CAP:
        seen.clear()
    for block in blocks:
        if block.text not in seen:
            seen[block.text] = _measure(block.text, stopwords, keyed=True)
    counts = Counter(seen[b.text][8] for b in blocks)
    for block in blocks:
        chars, words, letters, stops, terminal, link_like, bullet, _, key, cjk = seen[block.text]
        block.features = Features(chars, words, letters, stops, terminal, link_like, bullet,
                                  counts[key] if key else 1, key, cjk)
