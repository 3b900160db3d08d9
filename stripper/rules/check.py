"""Static checks of rule patterns: nested quantifiers that can explode.

A backtracking matcher needs exponential time on patterns such as `(a+)+$`,
`(\\w*)*` or `(a|aa)+` when a long line almost matches. The timeout keeps a run
safe from them, but a rule that times out is switched off, so `stripper rules
check` flags them before they ship. Two checks:

* a static one on the pattern's structure: a repeated group (`*`, `+`, `{n,}`)
  whose body can itself repeat with nothing mandatory beside it, or whose
  alternatives overlap (one a prefix of another, or single characters that
  match the same character);
* a dynamic one: the pattern runs, under a short timeout, on a few long lines
  made of one character repeated and ended by a character that breaks the match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from stripper.rules.model import Rule

BIG = 10  # a bounded quantifier {n,m} with m >= BIG counts as unbounded
PROBE_LENGTH = 3000
PROBE_TIMEOUT = 0.05
_SAMPLE_CHARS = "aZ0 _-.,!?:/\t\u0627\u0628\u0416\u4e2d\u00e9\u0660"


@dataclass
class Item:
    kind: str  # "char", "class", "group", "zero" (anchors, lookarounds)
    text: str = ""
    alts: list[list[Item]] = field(default_factory=list)
    atomic: bool = False
    min: int = 1
    max: int | None = 1
    possessive: bool = False

    @property
    def unbounded(self) -> bool:
        return not self.possessive and (self.max is None or self.max >= BIG) and self.max != 0


class _Parser:
    """Just enough of the `regex` syntax to see groups, alternatives and quantifiers."""

    def __init__(self, pattern: str, verbose: bool):
        self.s, self.i, self.verbose = pattern, 0, verbose

    def parse(self) -> list[list[Item]]:
        alts = self._alternatives()
        return alts

    def _alternatives(self) -> list[list[Item]]:
        alts: list[list[Item]] = [[]]
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == ")":
                break
            if c == "|":
                self.i += 1
                alts.append([])
                continue
            item = self._atom()
            if item is None:
                continue
            self._quantifier(item, alts[-1])
            alts[-1].append(item)
        return alts

    def _atom(self) -> Item | None:
        s, c = self.s, self.s[self.i]
        if self.verbose and c.isspace():
            self.i += 1
            return None
        if self.verbose and c == "#":
            end = s.find("\n", self.i)
            self.i = len(s) if end < 0 else end + 1
            return None
        if c == "(":
            return self._group()
        if c == "[":
            start = self.i
            self._skip_class()
            return Item("class", s[start:self.i])
        if c == "\\":
            start = self.i
            self.i += 2
            nxt = s[start + 1:start + 2]
            if nxt in ("p", "P", "N", "X", "x") and self.i < len(s) and s[self.i] == "{":
                end = s.find("}", self.i)
                self.i = len(s) if end < 0 else end + 1
            elif nxt == "x":
                self.i += 2
            elif nxt == "u":
                self.i += 4
            elif nxt == "U":
                self.i += 8
            text = s[start:self.i]
            if nxt in ("b", "B", "A", "Z", "z", "G", "m", "M"):
                return Item("zero", text)
            return Item("char" if not nxt.isalnum() else "class", text)
        self.i += 1
        if c in "^$":
            return Item("zero", c)
        return Item("class" if c == "." else "char", c)

    def _skip_class(self) -> None:
        s = self.s
        self.i += 1
        if self.i < len(s) and s[self.i] == "^":
            self.i += 1
        if self.i < len(s) and s[self.i] == "]":
            self.i += 1
        while self.i < len(s) and s[self.i] != "]":
            if s[self.i] == "\\":
                self.i += 2
            elif s[self.i] == "[" and s[self.i + 1:self.i + 2] != ":":
                self._skip_class()
            elif s[self.i] == "[":
                end = s.find(":]", self.i)
                self.i = len(s) if end < 0 else end + 2
            else:
                self.i += 1
        self.i += 1

    def _group(self) -> Item:
        s = self.s
        self.i += 1
        kind, atomic = "group", False
        if s.startswith("?", self.i):
            rest = s[self.i + 1:self.i + 4]
            if rest.startswith("#"):
                end = s.find(")", self.i)
                self.i = len(s) if end < 0 else end + 1
                return Item("zero", "(?#)")
            if rest.startswith(("=", "!", "<=", "<!")):
                kind = "zero"
                self.i += 1 + (2 if rest.startswith("<") else 1)
            elif rest.startswith(">"):
                atomic = True
                self.i += 2
            elif rest.startswith(("P<", "<")):
                end = s.find(">", self.i)
                self.i = len(s) if end < 0 else end + 1
            elif rest.startswith(":"):
                self.i += 2
            else:  # inline flags: (?i) or (?i:...)
                j = self.i + 1
                while j < len(s) and (s[j].isalpha() or s[j] == "-"):
                    j += 1
                flags = s[self.i + 1:j]
                if "x" in flags.split("-")[0]:
                    self.verbose = True
                if j < len(s) and s[j] == ")":
                    self.i = j + 1
                    return Item("zero", "(?flags)")
                self.i = j + 1
        alts = self._alternatives()
        self.i += 1  # the closing parenthesis
        return Item(kind, alts=alts, atomic=atomic)

    def _quantifier(self, item: Item, _sequence: list[Item]) -> None:
        s = self.s
        if self.i >= len(s):
            return
        c = s[self.i]
        if c in "*+?":
            item.min, item.max = (0, None) if c == "*" else (1, None) if c == "+" else (0, 1)
            self.i += 1
        elif c == "{":
            m = regex.match(r"\{(\d*)(,?)(\d*)\}", s[self.i:])
            if not m or (not m.group(1) and not m.group(3)):
                return
            low = int(m.group(1) or 0)
            high = int(m.group(3)) if m.group(3) else (None if m.group(2) else low)
            item.min, item.max = low, high
            self.i += m.end()
        else:
            return
        if self.i < len(s) and s[self.i] == "+":
            item.possessive = True
            self.i += 1
        elif self.i < len(s) and s[self.i] == "?":
            self.i += 1


def _nullable(item: Item) -> bool:
    if item.kind == "zero" or item.min == 0:
        return True
    if item.kind == "group":
        return any(all(_nullable(i) for i in alt) for alt in item.alts)
    return False


def _repeats(item: Item) -> bool:
    """Whether the item can match a run of text in more than one way by itself repeating."""
    if item.kind == "zero" or item.possessive or item.atomic:
        return False
    if item.unbounded:
        return True
    return item.kind == "group" and any(_body_repeats(alt) for alt in item.alts)


def _body_repeats(alt: list[Item]) -> bool:
    for k, item in enumerate(alt):
        if _repeats(item) and all(_nullable(o) for j, o in enumerate(alt) if j != k):
            return True
    return False


def _literal(alt: list[Item]) -> str | None:
    if all(i.kind == "char" and i.min == 1 and i.max == 1 for i in alt):
        return "".join(i.text[1:] if i.text.startswith("\\") else i.text for i in alt)
    return None


def _single(alt: list[Item], flags: int) -> regex.Pattern | None:
    if len(alt) == 1 and alt[0].kind in ("char", "class") and alt[0].max == 1:
        try:
            return regex.compile(alt[0].text, flags)
        except regex.error:
            return None
    return None


def _overlap(alts: list[list[Item]], flags: int) -> tuple[int, int] | None:
    for a in range(len(alts)):
        for b in range(a + 1, len(alts)):
            la, lb = _literal(alts[a]), _literal(alts[b])
            if la is not None and lb is not None and la and lb:
                if la.startswith(lb) or lb.startswith(la):
                    return a, b
                continue
            pa, pb = _single(alts[a], flags), _single(alts[b], flags)
            if pa and pb and any(pa.fullmatch(ch) and pb.fullmatch(ch) for ch in _SAMPLE_CHARS):
                return a, b
    return None


def _walk(alts: list[list[Item]]):
    for alt in alts:
        for item in alt:
            yield item
            if item.kind in ("group", "zero") and item.alts:
                yield from _walk(item.alts)


def _render(item: Item) -> str:
    if item.kind == "group":
        body = "|".join("".join(_render(i) for i in alt) for alt in item.alts)
        text = f"({'?>' if item.atomic else ''}{body})"
    else:
        text = item.text
    if (item.min, item.max) == (1, 1):
        return text
    q = {(0, None): "*", (1, None): "+", (0, 1): "?"}.get((item.min, item.max))
    if q is None:
        q = f"{{{item.min},{'' if item.max is None else item.max}}}"
    return text + q + ("+" if item.possessive else "")


def explosive_parts(pattern: str, flags: int = 0) -> list[str]:
    """Reasons why `pattern` can backtrack exponentially; empty when none is seen."""
    try:
        tree = _Parser(pattern, bool(flags & regex.VERBOSE)).parse()
    except (IndexError, ValueError):
        return []
    found = []
    for item in _walk(tree):
        if item.kind != "group" or item.atomic or not item.unbounded:
            continue
        shown = _render(item)
        if any(_body_repeats(alt) for alt in item.alts):
            found.append(f"nested quantifier {shown}: a repeated group whose body repeats "
                         "too can split the same text in exponentially many ways")
            continue
        pair = _overlap(item.alts, flags)
        if pair:
            a, b = ("".join(_render(i) for i in item.alts[k]) for k in pair)
            found.append(f"overlapping alternatives in {shown}: {a!r} and {b!r} can match the "
                         "same text, so each repetition can be split in many ways")
    return found


def probe(rule_pattern: regex.Pattern) -> str | None:
    """Run the pattern on long lines of one repeated character; the one it times out on."""
    chars = list(dict.fromkeys(_SAMPLE_CHARS + "".join(
        c for c in rule_pattern.pattern if c.isalnum())[:40]))
    for ch in chars:
        for tail in ("\x00", "!"):
            line = ch * PROBE_LENGTH + tail
            try:
                rule_pattern.search(line, timeout=PROBE_TIMEOUT)
            except TimeoutError:
                return f"{PROBE_LENGTH:,} × {ch!r} followed by {tail!r}"
    return None


def catastrophic(rule: Rule, *, dynamic: bool = True) -> list[str]:
    """Why a rule's pattern is dangerous: static findings, then a timed probe."""
    reasons = explosive_parts(rule.pattern.pattern, rule.pattern.flags)
    if dynamic and not reasons:
        line = probe(rule.pattern)
        if line:
            reasons.append(f"took over {PROBE_TIMEOUT}s on a line of {line}")
    return reasons
