"""Cap every tag's attribute list before libxml2 reads it, in one linear pass.

libxml2 compares each new attribute name of a tag with all the tag's earlier ones, so
one element with 60,000 distinct attributes costs seconds and 100,000 a quarter of an
hour; no real tag has more than a few dozen. A tag's attributes after the first
MAX_ATTRIBUTES are dropped here.

The pass reads markup as libxml2 2.14's HTML5 tokenizer does, because a guard that
reads it any other way can be walked around: a quote or a `/` in an attribute name,
a quoted `>`, a comment or a script holding `<a x="` are each read differently by a
looser pattern, which then either misses the tag's attributes or swallows a real tag
into a false one. So: attribute names end at white space, `/`, `>` or `=`; a value
is quoted only when its quote follows the `=`; `/` separates attributes; comments
(`<!-->` too), bogus comments (`<!x`, `<?`, `</3`), end tags, raw text (script with
its escaped and double-escaped `<!--<script>` parts, style, xmp, iframe, noembed,
noframes), RCDATA (title, textarea) and plaintext are skipped as libxml2 skips them
(a self-closed `<script/>` opens no raw text there), and tag names are matched with
ASCII case folding only, as libxml2 does (re's Unicode folding read `<scrİpt>` as a
script and so left the tags after it unread). tests/test_hostile_html.py
checks the reading against lxml on random hostile markup.

The pass is one anchored, possessive regular expression (no backtracking, no retry
from inside a tag: the old per-tag search took 14 s on 80 KB of `<b<b<b...`), run
again only after each tag it has to rewrite.
"""

from __future__ import annotations

import re

MAX_ATTRIBUTES = 256

_WS = r"\t\n\f\r "
# One attribute as the tokenizer reads it: separators (white space, `/`), a name (which
# may start with `=`), and an optional value, quoted only by the quote right after `=`.
# It has one way to match from any position (the name's alternatives start apart, the
# value is possessive and every repeat it sits in is too), so its groups need not be
# atomic: plain groups read the same and cost the engine less (6% of the pass).
_ATTRIBUTE = (rf"""[{_WS}/]*+(?:=[^{_WS}/>=]*+|[^{_WS}/>=]++)"""
              rf"""(?:[{_WS}]*+=[{_WS}]*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^{_WS}>]*+))?+""")
_NAME = rf"[A-Za-z][^{_WS}/>]*+"
_FEW = rf"(?:{_ATTRIBUTE}){{0,{MAX_ATTRIBUTES}}}+"
_END = rf"[{_WS}/]*+(?:>|\Z)"
# A start tag that is not self-closed (`/>` after a separator): only then do raw text
# and RCDATA begin.
_OPEN_END = rf"(?:[{_WS}/]*+(?<=[{_WS}]))?+>"


def _until_end_tag(name: str) -> str:
    return rf"(?:[^<]++|<(?!/(?ai:{name})[{_WS}/>]))*+"


_SCRIPT_END = rf"</(?ai:script)[{_WS}/>]"
_SCRIPT_OPEN = rf"<(?ai:script)[{_WS}/>]"
# Script data: `<!--` escapes it; inside, `<script` double-escapes until `</script`;
# `-->` returns to plain script data; `</script` ends the script unless double-escaped.
_DOUBLE_ESCAPED = rf"(?:[^<-]++|-(?!->)|<(?!/(?ai:script)[{_WS}/>]))*+"
_ESCAPED = (rf"(?:[^<-]++|-(?!->)|<(?!{_SCRIPT_END[1:]}|(?ai:script)[{_WS}/>])"
            rf"|<(?ai:script)(?=[{_WS}/>]){_DOUBLE_ESCAPED}</(?ai:script)(?=[{_WS}/>]))*+"
            rf"(?:<(?ai:script)(?=[{_WS}/>]){_DOUBLE_ESCAPED})?+(?:-->|(?={_SCRIPT_END})|\Z)")
_SCRIPT_DATA = rf"(?:[^<]++|<(?!!--|{_SCRIPT_END[1:]})|<!(?=--){_ESCAPED})*+"
_RAW_TEXT = "style|xmp|iframe|noembed|noframes|title|textarea"
_RAW_NAMES = ("script", "plaintext", *_RAW_TEXT.split("|"))
_RAW_INITIALS = "".join(sorted({name[0] for name in _RAW_NAMES}))  # "inpstx"

# One piece of markup. The alternatives are grouped by the character after `<`, so a
# tag is tried only against the readings that can start as it does (a flat list of
# sixteen made every start tag fail a dozen of them first). Where two readings can
# start alike, the earlier one wins, as in the tokenizer.
_RAW_START = "|".join([
    rf"(?ai:script)(?=[{_WS}/>]){_FEW}{_OPEN_END}{_SCRIPT_DATA}",
    rf"(?ai:plaintext)(?=[{_WS}/>]){_FEW}{_OPEN_END}(?s:.*)",
    *(rf"(?ai:{name})(?=[{_WS}/>]){_FEW}{_OPEN_END}{_until_end_tag(name)}"
      for name in _RAW_TEXT.split("|")),
])
_PIECE = "|".join([
    r"[^<]++",
    r"<(?:"
    # a start tag: raw text and RCDATA first (only names that start as theirs do)
    rf"(?=[A-Za-z])(?:(?=(?ai:[{_RAW_INITIALS}])){_RAW_START}|{_NAME}{_FEW}{_END})"
    rf"|/(?:{_NAME}(?:{_ATTRIBUTE})*+{_END}"            # an end tag (its attributes are
    r"|(?![A-Za-z])[^>]*+(?:>|\Z))"                    # dropped, at no cost), bogus
    r"|!(?:--(?>-?>|(?:[^-]++|-(?!-!?>))*+(?:--!?>|\Z))"  # a comment
    r"|[^>]*+(?:>|\Z))"                                # doctype, bogus comment
    r"|\?[^>]*+(?:>|\Z)"                              # bogus comment
    r"|(?![A-Za-z!?/]))",                              # a '<' that is only text
])
# Everything from a position up to the next tag with too many attributes (or the end).
_PLAIN_RUN = re.compile(rf"(?:{_PIECE})*+")
_KEPT = re.compile(rf"<{_NAME}{_FEW}")
_DROPPED = re.compile(rf"(?:{_ATTRIBUTE})*+")
_TAG_END = re.compile(_END)
_OPENED = re.compile(rf"<((?ai:script|plaintext|{_RAW_TEXT}))(?=[{_WS}/>])")
_BODIES = {name: re.compile(_until_end_tag(name)) for name in _RAW_TEXT.split("|")}
_BODIES["script"] = re.compile(_SCRIPT_DATA)
_BODIES["plaintext"] = re.compile(r"(?s:.*)")


def cap_attributes(markup: str) -> str:
    """`markup` with every tag's attributes after the MAX_ATTRIBUTES-th removed
    (unchanged, and checked in one pass, when no tag has that many)."""
    end = _PLAIN_RUN.match(markup).end()  # type: ignore[union-attr]
    if end == len(markup):
        return markup
    parts: list[str] = []
    pos = 0
    while end < len(markup):
        parts.append(markup[pos:end])
        kept = _KEPT.match(markup, end)
        assert kept is not None  # the run stops only before such a tag
        dropped = _DROPPED.match(markup, kept.end())
        assert dropped is not None
        closing = _TAG_END.match(markup, dropped.end())
        assert closing is not None
        # a space before the tag's end, so that `a=b` + `/>` does not become `a=b/>`
        parts.append(kept.group() + " " + closing.group().lstrip("\t\n\f\r "))
        pos = closing.end()
        opened = _OPENED.match(kept.group())
        if opened and not closing.group().rstrip(">").endswith("/"):
            pos = _BODIES[opened.group(1).lower()].match(markup, pos).end()  # type: ignore[union-attr]
            parts.append(markup[closing.end():pos])
        end = _PLAIN_RUN.match(markup, pos).end()  # type: ignore[union-attr]
    parts.append(markup[pos:])
    return "".join(parts)
