"""One block's text → the key that repeats across a site's pages, its hash, and the
rule pattern that matches every line with that key.

Digits are folded (every run of digits, in any script, is one `0`), so lines that
differ only in a date, a time, a count or a lynx link number (`[12]`) share a key:
"Updated 03:06 GMT 12.01.2025" and "Updated 17:40 GMT 02.02.2025" are one line of
the template. Whitespace is collapsed; case and letters are kept, so the rule
written for a key is an exact line, not a guess.
"""

from __future__ import annotations

import hashlib

import regex

_DIGITS = regex.compile(r"\d+")
_SPACE = regex.compile(r"\s+")


def line_key(text: str) -> str:
    """Whitespace collapsed, digit runs folded to `0`."""
    return _DIGITS.sub("0", _SPACE.sub(" ", text).strip())


def line_hash(key: str) -> int:
    """A 63-bit hash of a key: what the counter keeps instead of the text."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def has_digits(text: str) -> bool:
    return _DIGITS.search(text) is not None


def _token_pattern(token: str) -> str:
    parts = []
    last = 0
    for m in _DIGITS.finditer(token):
        parts.append(regex.escape(token[last:m.start()], special_only=True))
        parts.append(r"\d+")
        last = m.end()
    parts.append(regex.escape(token[last:], special_only=True))
    return "".join(parts)


def _tokens(text: str) -> list[str]:
    """Words as the patterns' `\\s` sees them (str.split() splits on more)."""
    return [t for t in _SPACE.split(text) if t]


def line_pattern(text: str) -> str:
    """The whole-block pattern for a line: its words in order, any whitespace
    between them, every digit run as `\\d+`."""
    return "^" + r"\s+".join(_token_pattern(t) for t in _tokens(text)) + "$"


def marker_pattern(texts: list[str]) -> str:
    """A site marker: any of these lines, found anywhere in the page (a text dump's
    line may carry a bullet or an indent, and a wrapped one line breaks)."""
    bodies = [r"\s+".join(_token_pattern(t) for t in _tokens(text)) for text in texts]
    return bodies[0] if len(bodies) == 1 else "(?:" + "|".join(bodies) + ")"
