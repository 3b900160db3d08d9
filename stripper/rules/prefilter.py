"""Required literals of a rule pattern, for a cheap prefilter before the regex.

Most rules can only match a block that contains one of a few words ("cookie",
"©", "weiterlesen", …). `required_literals` derives such a set from the pattern
itself — every string the pattern can match contains at least one member — the
required-factor analysis of RE2 and hyperscan prefilters. One Aho-Corasick pass
over a page then tells, for every rule at once, which blocks can match at all;
only those are searched with the regex. A block without any of a rule's
literals cannot match it, so the prefilter changes no result.

The analysis reads the pattern with Python's own `re` parser (the `regex`
module exposes no parse tree). Syntax that only `regex` knows is either
rewritten into something equivalent for this purpose (`\\p{…}` becomes `\\w`:
one character, not a literal) or makes the analysis give up; giving up (None)
only means the rule is scanned as before.

Literals and pages are compared after `fold`, a per-character case folding
that maps every pair of characters the `regex` module treats as equal under
IGNORECASE to the same character, so one folded automaton serves
case-sensitive and case-insensitive rules alike (folding a case-sensitive
literal only admits a few more candidates, never fewer).
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
import warnings
from dataclasses import dataclass
from functools import lru_cache

import regex

MAX_EXACT = 64  # strings in a finite set before it is given up as "exact"
MAX_LITERALS = 300  # a rule needing more literals than this is scanned instead
MAX_CLASS = 8  # a class of at most this many plain characters counts as their set
MIN_ASCII_LITERAL = 3  # shorter ASCII literals ("de", "by") are nearly everywhere

# Characters whose str.lower() disagrees with the `regex` module's case-insensitive
# equality (or, for U+0130, changes the length; for U+03A3, depends on context),
# each with the lowercase character its class folds to. `case_exceptions()`
# recomputes this table; a test checks the two agree.
_EXCEPTIONS = (
    "\u00b5\u03bc\u0130\u0069\u0131\u0069\u017f\u0073\u0345\u03b9\u03a3\u03c3"
    "\u03c2\u03c3\u03d0\u03b2\u03d1\u03b8\u03d5\u03c6\u03d6\u03c0\u03f0\u03ba"
    "\u03f1\u03c1\u03f5\u03b5\u1c80\u0432\u1c81\u0434\u1c82\u043e\u1c83\u0441"
    "\u1c84\u0442\u1c85\u0442\u1c86\u044a\u1c87\u0463\u1c88\ua64b\u1e9b\u1e61"
    "\u1fbe\u03b9\u1fd3\u0390\u1fe3\u03b0\ufb06\ufb05"
)
CASE_EXCEPTIONS: dict[str, str] = {_EXCEPTIONS[i]: _EXCEPTIONS[i + 1]
                                   for i in range(0, len(_EXCEPTIONS), 2)}
_EXCEPTION_TABLE = str.maketrans(CASE_EXCEPTIONS)
_HAS_EXCEPTION = re.compile("[" + "".join(CASE_EXCEPTIONS) + "]")

_UNICODE_PROPERTY = regex.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])|\\.", regex.DOTALL)
_POSIX_CLASS = regex.compile(r"\[:\^?[A-Za-z]+:\]")
_BAD_BRACE = regex.compile(r"\{(?!\d*(?:,\d*)?\})")  # fuzzy matching: {e<=1} and the like
_REJECTED_FLAGS = regex.VERSION1 | regex.FULLCASE | regex.VERBOSE


def fold(text: str) -> str:
    """Lowercase `text` so that characters `regex` IGNORECASE treats as equal become
    equal, one character for one: offsets into the folded text are offsets into
    `text` (U+0130 is the only character whose lower() is longer, and it is
    mapped first)."""
    if _HAS_EXCEPTION.search(text):
        text = text.translate(_EXCEPTION_TABLE)
    return text.lower()


@dataclass(frozen=True, slots=True)
class _Info:
    """What a piece of pattern can match: `exact` is the finite set of all its
    strings when that is small, `required` a set one of which every match contains
    (None: no such set known)."""

    exact: frozenset[str] | None
    required: frozenset[str] | None

    def needs(self) -> frozenset[str] | None:
        """The strongest known requirement; a set holding "" requires nothing."""
        found = self.exact if self.exact is not None else self.required
        return None if found is None or "" in found else found


_NOTHING = _Info(None, None)
_EMPTY = _Info(frozenset({""}), None)


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Folded strings one of which every match of `pattern` contains, or None when
    none can be derived or they are too weak to be worth a prefilter."""
    found = derive_literals(pattern, flags)
    return None if found is None or _weak(found) else found


@lru_cache(maxsize=4096)
def derive_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Folded strings one of which every match of `pattern` contains, however weak
    (None: none can be derived)."""
    tree = _parse(pattern, flags)
    if tree is None:
        return None
    found = _sequence(tree).needs()
    return None if found is None else _minimal(frozenset(fold(s) for s in found))


def rule_literals(compiled: regex.Pattern, *, weak: bool = False) -> frozenset[str] | None:
    """`required_literals` of a compiled `regex` pattern (its flags included); with
    `weak`, the sets too weak for that but still usable on a page's short blocks
    (short ASCII words such as "by"; not single ASCII characters)."""
    if not weak:
        return required_literals(compiled.pattern, compiled.flags)
    found = derive_literals(compiled.pattern, compiled.flags)
    if found is None or len(found) > MAX_LITERALS or any(
            not s.strip() or (s.isascii() and len(s) < 2) for s in found):
        return None
    return found


def line_start_pattern(compiled: regex.Pattern) -> regex.Pattern | None:
    """For a pattern anchored at a line start (`^…`, no top-level `|`), the same
    pattern led by the newline before the line instead: `\\n(?:…)`.

    Scanning a page (blocks one a line) for `^…` makes `regex` try a match at every
    character; a pattern that starts with a literal is only tried where that
    character is, three to four times faster on a page of prose. Searched in the
    page with a newline put in front, its match starts are the page's line starts
    where the original matches. None for any other pattern.
    """
    pattern = compiled.pattern
    if not pattern.startswith("^"):
        return None
    tree = _parse(_GROUP_CALL.sub(_as_empty_group, pattern), compiled.flags)
    if not tree or tree[0] != (sre.AT, sre.AT_BEGINNING):
        return None
    try:
        return regex.compile(r"\n(?:" + pattern[1:] + ")", compiled.flags | regex.MULTILINE)
    except (regex.error, ValueError, OverflowError, RecursionError):
        return None


# A call of a named or numbered group (`(?&rel)`, `(?P>rel)`, `(?1)`), which `re` cannot
# read, is one atom wherever it stands: read as an empty group, the pattern has the same
# top level, all line_start_pattern looks at (and the calls mean the same inside
# `\n(?:…)`). Escapes are matched first so that `\(?1)` is left alone; `(?R)`, which
# would recurse into the added newline, is too (the parse then fails: no rewrite).
_GROUP_CALL = regex.compile(r"\\.|\(\?(?:&\w+|P>\w+|[1-9]\d*)\)", regex.DOTALL)


def _as_empty_group(match: regex.Match) -> str:
    return match.group() if match.group().startswith("\\") else "(?:)"


def _parse(pattern: str, flags: int) -> list | None:
    """The `re` parse tree of `pattern`, or None where `re` might read it differently
    from `regex` (flags or syntax only `regex` has) or cannot read it."""
    if flags & _REJECTED_FLAGS or _POSIX_CLASS.search(pattern):
        return None
    rewritten = _UNICODE_PROPERTY.sub(
        lambda m: r"\w" if m.group()[1] in "pP" else m.group(), pattern)
    if _BAD_BRACE.search(rewritten):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = sre_parse.parse(rewritten, 0)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    if tree.state.flags & re.VERBOSE:
        return None
    return list(tree)


def _sequence(items: list) -> _Info:
    """A concatenation: exact runs multiply out; the best factor is required."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    all_exact = True
    for op, av in items:
        info = _item(op, av)
        if info.exact is not None and len(run) * len(info.exact) <= MAX_EXACT:
            run = frozenset(a + b for a in run for b in info.exact)
            continue
        all_exact = False
        candidates.append(run)
        if info.exact is not None:
            run = info.exact
        else:
            run = frozenset({""})
            if info.required is not None:
                candidates.append(info.required)
    candidates.append(run)
    best = _best(candidates)
    return _Info(run if all_exact else None, best)


def _item(op, av) -> _Info:
    """One parse-tree node."""
    if op is sre.LITERAL:
        char = chr(av)
        return _NOTHING if char == "\n" else _Info(frozenset({char}), None)
    if op is sre.IN:
        return _char_class(av)
    if op is sre.ASSERT:  # a lookaround: zero width, but what it looks at is in the block
        inner = _sequence(list(av[1])).needs()
        return _EMPTY if inner is None else _Info(None, inner)
    if op in (sre.AT, sre.ASSERT_NOT):
        return _EMPTY  # zero width: matches the empty string, siblings still count
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return _NOTHING if add_flags & re.VERBOSE else _sequence(list(sub))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is sre.BRANCH:
        return _branch([_sequence(list(b)) for b in av[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        return _repeat(low, high, _sequence(list(sub)))
    return _NOTHING  # any char, negated literal, backreference, conditional


def _char_class(items: list) -> _Info:
    """A small class of plain characters is the set of them; anything else is
    one unknown character."""
    if len(items) > MAX_CLASS or any(op is not sre.LITERAL for op, _ in items):
        return _NOTHING
    chars = frozenset(chr(code) for _, code in items)
    return _NOTHING if "\n" in chars else _Info(chars, None)


def _branch(infos: list[_Info]) -> _Info:
    """An alternation: each branch must bring one of its own literals."""
    exact = None
    if all(i.exact is not None for i in infos):
        union = frozenset[str]().union(*(i.exact for i in infos if i.exact is not None))
        exact = union if len(union) <= MAX_EXACT else None
    needs = [i.needs() for i in infos]
    required = None if any(n is None for n in needs) else frozenset[str]().union(
        *(n for n in needs if n is not None))
    return _Info(exact, required)


def _repeat(low: int, high: int, inner: _Info) -> _Info:
    """A repeat: small exact ones multiply out; with at least one copy the inner
    requirement holds; with possibly none, nothing does."""
    if inner.exact is not None and high <= 4:
        exact: set[str] = set()
        power = frozenset({""})
        for count in range(high + 1):
            if count >= low:
                exact |= power
            if len(exact) > MAX_EXACT:
                break
            power = frozenset(a + b for a in power for b in inner.exact)
        else:
            return _Info(frozenset(exact), None)
    return _Info(None, inner.needs() if low >= 1 else None)


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: no weak literal, then longest shortest
    literal, then fewest literals."""
    usable = [c for c in candidates if c and "" not in c]
    if not usable:
        return None
    return max(usable, key=lambda c: (not _weak(c), min(map(len, c)), -len(c)))


def _weak(literals: frozenset[str]) -> bool:
    """Too common to filter anything: short ASCII strings, blanks, or too many."""
    return len(literals) > MAX_LITERALS or any(
        not s.strip() or (s.isascii() and len(s.strip()) < MIN_ASCII_LITERAL)
        for s in literals)


def _minimal(literals: frozenset[str]) -> frozenset[str]:
    """Drop literals containing another one: the shorter one is found anyway."""
    ordered = sorted(literals, key=len)
    kept: list[str] = []
    for s in ordered:
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def case_exceptions() -> dict[str, str]:
    """Recompute CASE_EXCEPTIONS from the `regex` module (about a second): group
    the cased characters by IGNORECASE equality, give each group its most common
    lowercase, and keep the characters whose lower() is not that."""
    cased = set()
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        for other in (char.lower(), char.upper(), char.casefold(), char.title()):
            if other != char:
                cased.add(char)
                if len(other) == 1:
                    cased.add(other)
    alphabet = "".join(sorted(cased))
    parent = {c: c for c in cased}

    def root(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for char in cased:
        for same in regex.findall(regex.escape(char), alphabet, regex.IGNORECASE):
            parent[root(same)] = root(char)
    groups: dict[str, set[str]] = {}
    for char in cased:
        groups.setdefault(root(char), set()).add(char)
    table = {}
    for group in groups.values():
        lowers = [c.lower() for c in group if len(c.lower()) == 1]
        canon = min(set(lowers), key=lambda s: (-lowers.count(s), s))
        for char in group:
            if char.lower() != canon or char == "\u03a3":
                table[char] = canon
    return table
