"""Headline and site name of a text dump.

Pages repeat their headline: in the browser title ("Site - Headline"), above
the article, in share boxes. The headline is the line before the article that
other lines contain most often; what those other lines add around it, when it
repeats, is the site's name.
"""

from __future__ import annotations

from collections import Counter

import regex

from stripper.features import normalise
from stripper.model import Block

MAX_TITLE_WORDS = 30
MIN_TITLE_CHARS = 8
MIN_TITLE_WORDS = 3
LONG_TITLE_WORDS = 18  # longer: more likely a standfirst than a headline
BYLINE_DISTANCE = 3  # blocks
HEAD_BLOCKS = 60  # how far before the article to look for the headline
_SEPARATOR = regex.compile(r"\s+[-–—|:·•»]\s+|\s*[|]\s*")
MAX_SITE_WORDS = 6


def find_title(blocks: list[Block], article_start: int) -> Block | None:
    lo = max(0, article_start - HEAD_BLOCKS)
    candidates = [b for b in blocks[lo:article_start] if _could_be_title(b)]
    # The selection may have taken the headline in as the article's first line.
    # Not a line that runs on into the next with no blank line between: that is the
    # start of a paragraph whose wrapping went unrecognised.
    if (article_start < len(blocks) and _headline_like(blocks[article_start])
            and not _runs_on(blocks, article_start)):
        candidates.append(blocks[article_start])
    if not candidates:
        return None
    keys = [b.features.key for b in blocks]
    best, best_score = None, float("-inf")
    for block in candidates:
        key = block.features.key
        contained = sum(1 for k in keys if key and key in k) - 1
        distance = (article_start - block.index) / max(1, article_start - lo)
        score = 2.0 * min(contained, 3) - distance
        score += 0.5 if block.features.words >= 5 else 0.0
        score -= 1.0 if block.features.words > LONG_TITLE_WORDS and not block.features.cjk else 0.0
        score -= 1.0 if block.text.rstrip().endswith((".", "。", "۔")) else 0.0
        score += 1.0 if _followed_by_byline(blocks, block.index) else 0.0
        # A headline opens its run of text; the standfirst and captions follow it.
        score += 0.75 if block.index == 0 or not _could_be_title(blocks[block.index - 1]) else 0.0
        if score > best_score:
            best, best_score = block, score
    return best


def _runs_on(blocks: list[Block], index: int) -> bool:
    nxt = index + 1
    return nxt < len(blocks) and blocks[nxt].start == blocks[index].end > blocks[index].start


def _headline_like(block: Block) -> bool:
    f = block.features
    return (MIN_TITLE_WORDS <= f.words <= LONG_TITLE_WORDS and not f.terminal_punct
            and not f.bullet and f.letter_ratio >= 0.6 and f.link_like < 0.3)


def _followed_by_byline(blocks: list[Block], index: int) -> bool:
    """Headlines sit just above the byline or the date."""
    after = blocks[index + 1:index + 1 + BYLINE_DISTANCE]
    return any(b.category.value in ("byline", "timestamp") for b in after)


def _could_be_title(block: Block) -> bool:
    f = block.features
    return (
        f.chars >= MIN_TITLE_CHARS
        and (MIN_TITLE_WORDS <= f.words <= MAX_TITLE_WORDS or (f.cjk and f.words <= 90))
        and f.letter_ratio >= 0.6
        and f.link_like < 0.3
        and not f.bullet
        and not block.reason.startswith("rule ")
        and block.category.value in ("boilerplate", "content", "duplicate", "title")
    )


def find_site_name(blocks: list[Block], title: Block | None) -> str | None:
    """The words that sit beside the headline in its repeats, when they repeat."""
    if title is None:
        return None
    key = title.features.key
    affixes: Counter[str] = Counter()
    for block in blocks:
        if block is title or key not in block.features.key:
            continue
        for part in _SEPARATOR.split(block.text.strip()):
            part = part.strip(" -–—|:")
            if part and normalise(part) != key and normalise(part) not in key:
                affixes[part] += 1
    for block in blocks:  # a bare "Site -" line also counts
        bare = block.text.strip().rstrip("-–—|: ").strip()
        if bare in affixes:
            affixes[bare] += 1
    for part, _count in affixes.most_common():
        if 1 <= len(part.split()) <= MAX_SITE_WORDS:
            return part
    return None


def is_title_repeat(block: Block, title: Block) -> bool:
    """True for the headline again, with or without the site name around it."""
    key, text = title.features.key, block.features.key
    return bool(key) and key in text and len(text) <= 2.5 * len(key) + 30
