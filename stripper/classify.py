"""Blocks → first verdicts, from rules and statistics.

Each block gets a class — good, near-good, short or bad — in the manner of
jusText, plus the category and the rule or signal that decided it. Rules come
first: a block a drop rule matches is bad whatever its statistics say. The
context stage (select.py) then settles short and near-good blocks by their
neighbours and picks the article region.
"""

from __future__ import annotations

import re

from stripper.features import decision_text, linked_word_in_line
from stripper.model import Block, Category, Klass, Label
from stripper.rules.matcher import Matcher
from stripper.rules.model import Rule

# Lengths are in "effective words": CJK characters count as 1/CJK_CHARS_PER_WORD.
CJK_CHARS_PER_WORD = 2.5
SHORT_WORDS = 10  # below: a short block, judged by its neighbours
LONG_WORDS = 30  # above (with enough stopwords): good on its own
MEDIUM_WORDS = 18  # above, and ending a sentence: good too
STOPWORDS_LOW = 0.22
STOPWORDS_HIGH = 0.30
MAX_LINK_LIKE = 0.5
MIN_LETTERS = 0.55  # share of non-space characters that are letters
NO_STOPWORDS_GOOD_WORDS = 18
# Per-page calibration of the stopword thresholds (see _stopword_scale).
CALIBRATION_BLOCKS = 1
CALIBRATION_WORDS = 18  # blocks at least this long (and ending a sentence) calibrate
CALIBRATION_QUANTILE = 0.5  # the page's best blocks, not its typical long one
TYPICAL_STOPWORD_RATIO = 0.45
MIN_STOPWORD_SCALE = 0.3  # agglutinative languages show a third of German's density
# Prose by form, in any language: what a paragraph looks like without its words.
PROSE_WORDS = 18
RESCUE_WORDS = 12  # on a page with no article otherwise, a paragraph this long will do
PROSE_LETTERS = 0.75
PROSE_LINK_LIKE = 0.3

def effective_words(block: Block) -> float:
    f = block.features
    return f.words / CJK_CHARS_PER_WORD if f.cjk else float(f.words)


_MATCHERS: dict[tuple, tuple[list, Matcher]] = {}


def _matcher(rules: list[Rule]) -> Matcher:
    """One Matcher per list of rules: the same rule objects serve page after page,
    and building the prefilter (every rule's literals) costs more than a page's
    matching. Keyed by what Matcher() reads of each rule — its identity, pattern,
    priority and word limit — with the objects kept alive so no id is reused."""
    key = tuple((id(r), id(r.pattern), r.priority, r.max_words) for r in rules)
    cached = _MATCHERS.get(key)
    if cached is None:
        if len(_MATCHERS) >= 32:
            _MATCHERS.clear()
        cached = _MATCHERS[key] = ([(r, r.pattern) for r in rules], Matcher(rules))
    return cached[1]


def block_rules(rules: list[Rule]) -> list[Rule]:
    """The rules that judge blocks one by one (region rules mark where an article ends)."""
    return [r for r in rules if r.scope in ("line", "block")]


def deciding_rules(blocks: list[Block], rules: list[Rule]) -> list[Rule | None]:
    """For each block, the first rule (by priority) that matches it, or None."""
    return _matcher(block_rules(rules)).first_matches(
        [(decision_text(b.text), b.features.words) for b in blocks])


def label_blocks(
    blocks: list[Block], rules: list[Rule], *, stopwords_available: bool
) -> list[Label]:
    deciding = deciding_rules(blocks, rules)
    scale = _stopword_scale(blocks)
    return [_label(b, rule, stopwords_available, scale)
            for b, rule in zip(blocks, deciding, strict=True)]


def _stopword_scale(blocks: list[Block]) -> float:
    """How far to lower the stopword thresholds for this page.

    Stopword lists fit some languages better than others: Arabic, for one,
    writes many function words as prefixes, so its long paragraphs show half
    the stopword density of German ones. The page's own long blocks tell.
    """
    ratios = sorted(b.features.stopword_ratio for b in blocks
                    if (words := effective_words(b)) >= CALIBRATION_WORDS
                    and (b.features.terminal_punct or words >= 2 * CALIBRATION_WORDS))
    if len(ratios) < CALIBRATION_BLOCKS:
        return 1.0
    reference = ratios[min(len(ratios) - 1, int(len(ratios) * CALIBRATION_QUANTILE))]
    return max(MIN_STOPWORD_SCALE, min(1.0, reference / TYPICAL_STOPWORD_RATIO))


def prose_by_form(block: Block, min_words: float = PROSE_WORDS) -> bool:
    """A paragraph whatever its language: long, mostly letters, not a link, said once,
    and ending a sentence (unspaced scripts such as Thai may end without a mark)."""
    f = block.features
    return (effective_words(block) >= min_words and f.letter_ratio >= PROSE_LETTERS
            and f.link_like < PROSE_LINK_LIKE and f.repeats == 1 and not f.bullet
            and (f.terminal_punct or f.cjk))

def _label(
    block: Block, rule: Rule | None, stopwords_available: bool, scale: float = 1.0
) -> Label:
    if rule is not None:
        return rule_label(rule)
    if effective_words(block) >= SHORT_WORDS and holds_form_field(block.text):
        # hard: inside the article's run it is still the form, not an aside of the
        # article's (a short line with a field, "Serves ____ people", may be one)
        return Label(Klass.BAD, Category.BOILERPLATE, "a form's fields", hard=True)
    label = _label_by_statistics(block, stopwords_available, scale)
    if label.klass in (Klass.GOOD, Klass.NEARGOOD) and says_opening_twice(block):
        return Label(Klass.BAD, Category.BOILERPLATE, f"says its opening twice ({label.reason})")
    return label


# What a text renderer prints for a form's fields: a check box ([ ], [X], [*]), a radio
# button (( ), (*)), a text field (lynx's run of underscores; w3m's brackets padded with
# spaces, "[France        ]").
_FORM_FIELD = re.compile(r"\[[ X*]\]|\([ *]\)|_{6,}|\[[^\]\n]{0,60} {4}\]")


def holds_form_field(text: str) -> bool:
    """A block that holds a form's fields is the form: its labels read as prose ("Contact
    me with news and offers…", "I have read the privacy policy and agree…"), and an
    article's text holds no check box. A line of underscores alone is a rule, no field."""
    if "[" not in text and "(" not in text and "__" not in text:
        return False
    return _FORM_FIELD.search(text) is not None


MARKER_ACTIONS = frozenset({"end-article", "start-article", "resume-article"})


def rule_label(rule: Rule) -> Label:
    """The label a matching rule gives: hard, so context may not overturn it."""
    reason = f"rule {rule.id}"
    if rule.action == "keep":
        return Label(Klass.GOOD, Category.CONTENT, reason, hard=True, rule=rule.id)
    marker = rule if rule.action in MARKER_ACTIONS else None
    return Label(Klass.BAD, rule.category, reason, hard=True, marker=marker, rule=rule.id)


DOUBLED_WORDS = 8  # an opening this long, said again in the block
DOUBLED_CJK_CHARS = 12  # (scripts written without spaces)


def says_opening_twice(block: Block) -> bool:
    """A block that says its opening again is a doubled rendering: an image's alt text
    above the same caption, a link's title beside its text, a headline list whose
    every headline is a picture's name and a link. Prose does not repeat its first
    eight words; a quote taken up again is a later sentence, not the opening."""
    text = decision_text(block.text)
    if block.features.cjk:
        head = text[:DOUBLED_CJK_CHARS]
        return len(text) >= 2 * DOUBLED_CJK_CHARS and text.find(head, len(head)) >= 0
    words = text.split(None, DOUBLED_WORDS)
    if len(words) <= DOUBLED_WORDS:
        return False
    head = " ".join(words[:DOUBLED_WORDS])
    return text.find(head, len(head)) >= 0


def _label_by_statistics(block: Block, stopwords_available: bool, scale: float) -> Label:
    f = block.features
    words = effective_words(block)
    if f.link_like >= MAX_LINK_LIKE:
        if words < SHORT_WORDS and linked_word_in_line(block.text):
            # a short line lynx numbers a link in reads, in the other renderers, as the
            # short line it is: judged by its neighbours, as there
            return Label(Klass.SHORT, Category.NAVIGATION, "short link")
        return Label(Klass.BAD, Category.NAVIGATION, "link or URL")
    if f.letter_ratio < MIN_LETTERS:
        return Label(Klass.BAD if words >= SHORT_WORDS else Klass.SHORT,
                     Category.BOILERPLATE, "few letters")
    if words < SHORT_WORDS:
        return Label(Klass.SHORT, Category.BOILERPLATE, "short line")
    if stopwords_available:
        if f.stopword_ratio >= STOPWORDS_HIGH * scale:
            long_enough = words >= LONG_WORDS or (words >= MEDIUM_WORDS and f.terminal_punct)
            klass = Klass.GOOD if long_enough else Klass.NEARGOOD
            return Label(klass, Category.CONTENT, "text with stopwords")
        if f.stopword_ratio >= STOPWORDS_LOW * scale:
            klass = Klass.GOOD if words >= LONG_WORDS and f.terminal_punct else Klass.NEARGOOD
            return Label(klass, Category.CONTENT, "text with some stopwords")
        if words >= LONG_WORDS * 2 and f.terminal_punct:
            return Label(Klass.NEARGOOD, Category.CONTENT, "long sentence, few stopwords")
        if prose_by_form(block):  # function words fail some languages: form does not
            return Label(Klass.NEARGOOD, Category.CONTENT, "prose by form, few stopwords")
        return Label(Klass.BAD, Category.BOILERPLATE, "few stopwords")
    if words >= NO_STOPWORDS_GOOD_WORDS and f.terminal_punct:
        return Label(Klass.GOOD, Category.CONTENT, "long sentence")
    if words >= SHORT_WORDS and f.terminal_punct:
        return Label(Klass.NEARGOOD, Category.CONTENT, "sentence")
    return Label(Klass.SHORT, Category.BOILERPLATE, "no sentence end")
