"""Chrome told by its form, whatever it says: page furniture that reads as prose.

A list of other stories whose units each carry a date or an age, and the author's
box under an article, are written in sentences as good as the article's; their
shape gives them away, in any language. Select marks teaser units before it looks
for the article; the author's box is dropped from what it kept.
"""

from __future__ import annotations

import regex

from stripper.classify import effective_words
from stripper.model import KEPT as _KEPT
from stripper.model import Block, Category, Klass, Label, Verdict

# Teaser units: a timestamp line recurring every few blocks, little text between.
TEASER_MIN_STAMPS = 3
TEASER_MAX_GAP = 4  # blocks from one timestamp to the next
TEASER_MAX_WORDS = 80  # words of one unit (headline, summary, photo caption)

_STORY_STAMP = regex.compile(r"\p{L}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def mark_teaser_units(blocks: list[Block], labels: list[Label]) -> None:
    """A list of other stories gives each its own date or age ("Sport / 4 h ago"): where
    a timestamp line recurs every few blocks with only a headline-sized unit between,
    the units are teasers, however well they read (a w3m dump adds each photo's caption
    to its unit, and captions are sentences). One article has one date line. A stamp
    counts when it names a date or an age: bare clock times head a live blog's posts,
    and "2/5" numbers a gallery's slides."""
    stamps = [i for i, lab in enumerate(labels)
              if lab.hard and lab.category is Category.TIMESTAMP
              and _STORY_STAMP.search(blocks[i].text)]
    chain: list[int] = []
    for i in [*stamps, None]:
        if i is not None and chain and i - chain[-1] <= TEASER_MAX_GAP and sum(
                blocks[k].features.words for k in range(chain[-1] + 1, i)) <= TEASER_MAX_WORDS:
            chain.append(i)
            continue
        if len(chain) >= TEASER_MIN_STAMPS:
            reason = f"between {len(chain)} timestamps of other stories (teaser list)"
            for k in range(chain[0] + 1, chain[-1]):
                if not labels[k].hard:
                    labels[k] = Label(Klass.BAD, Category.RELATED_LIST, reason, hard=True)
                    blocks[k].decide(Verdict.REMOVED, Category.RELATED_LIST, reason)
        chain = [] if i is None else [i]


# A list of other pages' links: bulleted items that each open with lynx's link number.
LINK_LED_MIN_ITEMS = 3
LINK_LED_MIN_WORDS = 8  # an item with a summary under its headline (shorter: a menu's)
_LINK_LED_ITEM = regex.compile(r"^\s*[*+o•·-]\s+\[\d+\]")


def mark_link_led_lists(blocks: list[Block], labels: list[Label]) -> None:
    """Bulleted items that each open with a link (lynx numbers it: "* [138]Summer fest at
    the institute! …") are a list of other pages, a teaser each, however well its summary
    reads: an article's own list items open with their words, a link inside at most.
    Three such items in a row make the list; numbered steps are left alone."""
    run: list[int] = []
    for i in [*range(len(blocks)), None]:
        if i is not None and not labels[i].hard and _LINK_LED_ITEM.match(
                blocks[i].source_lines[0] if blocks[i].source_lines else blocks[i].text):
            run.append(i)
            continue
        long_items = [k for k in run if effective_words(blocks[k]) >= LINK_LED_MIN_WORDS]
        if len(run) >= LINK_LED_MIN_ITEMS and len(long_items) >= LINK_LED_MIN_ITEMS:
            reason = f"one of {len(run)} list items that each open with a link (teaser list)"
            for k in run:  # not hard: inside the article's run, the article's own list
                labels[k] = Label(Klass.BAD, Category.RELATED_LIST, reason)
                blocks[k].decide(Verdict.REMOVED, Category.RELATED_LIST, reason)
        run = []


BIO_MAX_WORDS = 90  # an author box's paragraph
BIO_NAME_WORDS = (2, 4)
BIO_LINE_WORDS = 8  # a name line may carry the site and a role: "Ana Ruiz Gazette - Editor"
BIO_MIN_WORDS = 15
BIO_NAME_GAP = 3  # blocks from the name line to the paragraph ("About the author" between)
BIO_TAIL_SHARE = 1.0  # kept words after the box, against the article's before it


def drop_author_bio(blocks: list[Block]) -> None:
    """The last thing kept, a name line and then a paragraph about that person ("Ana
    Ruiz" / "Ana is a reporter who covers…"), is the author's box under the article:
    the paragraph names the person the line names, as no article paragraph opens by
    naming a caption-sized line above it. Only cased scripts have the form."""
    kept = [b for b in blocks if b.verdict is _KEPT]
    if len(kept) < 3:
        return
    pairs = _named_pairs(blocks, kept)
    if len(pairs) > 1:  # a list of profiles: those are the page's content
        return
    if pairs and _drop_named_bio(blocks, kept, *pairs[0]):
        return
    bio = kept[-1]
    if effective_words(bio) > BIO_MAX_WORDS or not bio.features.terminal_punct:
        return
    for name in kept[-3:-1]:
        words = name.text.split()
        if not (BIO_NAME_WORDS[0] <= len(words) <= BIO_NAME_WORDS[1]
                and all(w[:1].isupper() and w.isalpha() for w in words)
                and name.index >= bio.index - 2):
            continue
        opening = bio.text.split(None, 1)[0].strip(",.:;")
        if opening in words:
            reason = f"author's box under the article («{name.text}»)"
            for block in kept[kept.index(name):]:
                block.decide(Verdict.REMOVED, Category.BYLINE, reason)
            return


def _named_pairs(blocks: list[Block], kept: list[Block]) -> list[tuple[Block, Block]]:
    """Name lines and the kept paragraphs that open with the name: a line of capitalised
    words opening with a full name ("Ana Ruiz Gazette - Editor"; a subheading such as
    "Ana Ruiz wins the final" has lowercase words) and, within three blocks, a paragraph
    opening with the same two words ("Ana Ruiz, born 1990 in…")."""
    found: list[tuple[Block, Block]] = []
    for bio in kept:
        if (not bio.features.terminal_punct
                or not BIO_MIN_WORDS <= effective_words(bio) <= BIO_MAX_WORDS
                or (name_words := _opening_name(bio.text)) is None):
            continue
        for name in blocks[max(0, bio.index - BIO_NAME_GAP):bio.index]:
            words = name.text.split()
            if (len(words) <= BIO_LINE_WORDS and _opening_name(name.text) == name_words
                    and not any(w[:1].islower() for w in words)):
                found.append((name, bio))
                break
    return found


def _drop_named_bio(blocks: list[Block], kept: list[Block], name: Block, bio: Block) -> bool:
    """The one named pair on the page, in the article's last part, is the author's box
    with page furniture kept under it: the box ends the article, and it and what
    follows go."""
    before = sum(effective_words(b) for b in kept if b.index < name.index)
    after = sum(effective_words(b) for b in kept if b.index > bio.index)
    if before == 0 or after > BIO_TAIL_SHARE * before:
        return False
    reason = f"author's box under the article («{name.text[:40]}»)"
    for block in blocks[name.index:]:
        if block.verdict is _KEPT or block is name:
            block.decide(Verdict.REMOVED, Category.BYLINE, reason)
    return True


def _opening_name(text: str) -> tuple[str, str] | None:
    """The first two words, when both are capitalised words of letters: a full name."""
    words = text.split(None, 2)[:2]
    if len(words) < 2:
        return None
    first, second = (w.strip(",.:;") for w in words)
    if all(w[:1].isupper() and w.isalpha() and len(w) > 1 for w in (first, second)):
        return first, second
    return None
