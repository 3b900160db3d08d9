"""score's sentence-end test without a regex search agrees with the search."""

import sys

import regex
from hypothesis import given
from hypothesis import strategies as st

from stripper.html import score

# The search score used to run on every paragraph; _ends_sentence must say the same.
_SENTENCE_END = regex.compile(r"[.!?。！？؟…»”\"')]\s*$")

_PIECES = st.sampled_from([
    "word", "Satz", "。", "！", ".", "?", "!", "…", "»", "”", '"', "'", ")", ",", ":", "x",
    " ", "\n", "\t", "\xa0", "\u3000", "\u2009", "\x1c", "\x1f", "\x85", "\u200b", "\r\n",
])


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_ends_sentence_is_the_regex_search(text):
    assert score._ends_sentence(text) == (_SENTENCE_END.search(text) is not None)


def test_white_is_what_regex_calls_white_space():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert "".join(regex.findall(r"\s", every)) == score._WHITE
