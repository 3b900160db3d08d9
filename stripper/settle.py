"""A text dump's clean text, looked at again until cleaning it changes nothing.

Cleaning the clean text of a dump must give it back unchanged (users re-clean
outputs, pipelines run twice). One pass does not promise that: its judgements
lean on the chrome around the article (the page's stopword calibration, the
neighbours of a short line, where the article run begins), and without that
chrome a second pass may still find a caption, a stray teaser or a button row to
remove. So the clean text is cleaned again, and what that pass removes is removed
from the result, until a pass removes nothing: the text returned is then a fixed
point, and cleaning it again changes nothing by construction.

The result stays one account of the input: the blocks of a later pass are mapped
back onto the input's lines (each kept line of the clean text is one input line),
replacing the blocks they re-judged, and their reasons say it was a later pass.
A later pass that would leave less than a fifth of what was kept is not taken (a
tiny clean text, a lone author bio, can read as chrome without the page around it:
the article would go for lack of the chrome it was told apart from); the earlier
text stands. Only such a near-total cut is refused: a pass that cuts the article
at its ads, leaving a third, is taken, or the text returned would not be a fixed
point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from stripper.emit import clean_lines, clean_text
from stripper.metadata import article_dates
from stripper.model import Result, removed_by_category

MAX_PASSES = 4  # the first pass and up to three looks again; most pages settle on the second
KEEP_AT_LEAST = 0.2  # a later pass must leave this share of the kept words, or is refused


def settled(result: Result, clean: Callable[[str], Result]) -> Result:
    """Clean `result.text` with `clean` again until it changes nothing."""
    for _ in range(MAX_PASSES - 1):
        if not result.text:
            return result
        again = clean(result.text)
        if again.text == result.text:
            return result
        kept_words = sum(b.features.words for b in result.blocks if b.kept)
        if sum(b.features.words for b in again.blocks if b.kept) < KEEP_AT_LEAST * kept_words:
            return result
        result = _fold(result, again)
    return result


def _fold(result: Result, again: Result) -> Result:
    """`result` with its kept blocks replaced by `again`'s blocks of the same lines."""
    origin = list(clean_lines(result.blocks))  # clean-text line -> (input line, its text)
    remapped = []
    for block in again.blocks:
        lines = origin[block.start:block.end]
        if not lines or None in lines:  # cannot be: a block holds no blank line
            return result
        block.start, block.end = lines[0][0], lines[-1][0] + 1  # type: ignore[index]
        block.source_lines = [line for _, line in lines]  # type: ignore[misc]
        if not block.kept:
            block.reason = f"{block.reason}, when the kept text was cleaned again"
        remapped.append(block)
    blocks = sorted([b for b in result.blocks if not b.kept] + remapped, key=lambda b: b.start)
    for index, block in enumerate(blocks):
        block.index = index
    kept = [b for b in blocks if b.kept]
    published = updated = None
    if kept and kept[0].start != next(b.start for b in result.blocks if b.kept):
        # the article now opens elsewhere: its date line may be nearer that start
        published, updated = article_dates(blocks, result.metadata.language)
    metadata = replace(result.metadata, words=sum(b.features.words for b in kept),
                       published=published or result.metadata.published,
                       updated=updated or result.metadata.updated,
                       characters=sum(len(b.text) for b in kept),
                       removed=removed_by_category(blocks))
    return replace(result, text=clean_text(blocks), metadata=metadata, blocks=blocks)

