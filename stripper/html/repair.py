"""Repairs after the article's selection, with what the DOM knows.

The shared selection judges blocks by their text: a shell command, a table row, an
ingredient or a section heading has no sentence and few stopwords, so it reads as
boilerplate, and a run of them cuts the article in two. In the DOM such blocks sit in
the article's container between its paragraphs: there they are the article's own.
"""

from __future__ import annotations

import re

from stripper.features import measure
from stripper.html import hints
from stripper.model import KEPT as _KEPT
from stripper.model import Category, Container, HtmlBlock, Klass, Label, Verdict

STRUCTURE_KINDS = frozenset({"code", "table", "list-item", "heading", "quote"})
# How far above a block the element holding the article's kept paragraphs may be: a
# <pre> or <h2> sits beside them, an <li> in a list beside them, a row in a table's
# body. Deeper, the block is in a box of its own (a shop widget, a teaser grid).
REACH = {"code": 2, "heading": 2, "quote": 3, "list-item": 3, "table": 4}
MAX_LINK_DENSITY = 0.5  # a list of links inside the article is a "read more" box
GAP_KLASSES = (Klass.NEARGOOD, Klass.SHORT, Klass.BAD)


def keep_structure(blocks: list[HtmlBlock], labels: list[Label]) -> int:
    """Keep the code, tables, lists, quotes and headings of the article's container that
    lie between its first and last kept block, beside its kept paragraphs (`REACH`); a
    heading only when what follows it is kept (a heading over a removed box is the
    box's). Blocks that a rule or a chrome container removed stay removed.
    Returns how many blocks were kept."""
    inside = [b.index for b in blocks if b.in_article and b.verdict is _KEPT]
    if len(inside) < 2:
        return 0
    first, last = inside[0], inside[-1]
    holders = {blocks[i].anc[-2] for i in inside  # the element holding each kept <p>
               if blocks[i].kind == "paragraph" and len(blocks[i].anc) >= 2}
    kept = 0
    headings = []
    for b in blocks[first + 1:last]:
        label = labels[b.index]
        if (b.kept or not b.in_article or b.kind not in STRUCTURE_KINDS or label.hard
                or label.rule is not None or label.klass not in GAP_KLASSES):
            continue
        if b.category is Category.RELATED_LIST or b.link_density >= MAX_LINK_DENSITY:
            continue
        if not holders.intersection(b.anc[-REACH[b.kind]:]):
            continue
        if b.kind == "heading":
            headings.append(b)
        else:
            b.decide(Verdict.KEPT, Category.CONTENT, f"{b.kind} in the article's container")
            kept += 1
    for h in headings:
        after = next((b for b in blocks[h.index + 1:last + 1] if b.kind != "heading"), None)
        if after is not None and after.kept and after.in_article:
            h.decide(Verdict.KEPT, Category.CONTENT, "heading in the article's container")
            kept += 1
    return kept


LEAD_WORDS = 10  # a standfirst is a sentence or two
LEAD_LINK_DENSITY = 0.2
MAX_LEADS = 2
CJK_CHARS_A_WORD = 4
MAX_LEAD_GAP = 12  # blocks between the headline and the article's first kept block
_PROSE = (Klass.GOOD, Klass.NEARGOOD)  # the classifier read it as prose (its stopwords)
_TITLE_BAR = re.compile(r"\s[|｜]\s")
_NOT_LEAD = frozenset({Category.TIMESTAMP, Category.BYLINE, Category.RELATED_LIST,
                       Category.NAVIGATION, Category.BREADCRUMB})


def keep_standfirst(blocks: list[HtmlBlock], labels: list[Label]) -> int:
    """The standfirst between the headline (`<h1>`) and the article's first kept block:
    a sentence or two of prose that the run-based selection left out because the
    byline, the date or the picture stand between it and the body. Blocks removed by
    a rule or a chrome container stay removed. Returns how many blocks were kept."""
    first = next((b.index for b in blocks if b.verdict is _KEPT), None)
    if first is None:
        return 0
    top = max((b.index for b in blocks[:first] if b.level == 1), default=None)
    if top is None or first - top > MAX_LEAD_GAP:
        return 0
    leads = []
    for b in blocks[top + 1:first]:
        label = labels[b.index]
        if (label.hard or label.rule is not None or b.category in _NOT_LEAD
                or b.kind not in ("paragraph", "heading") or b.level == 1
                or b.link_density >= LEAD_LINK_DENSITY):
            continue
        f = b.features
        need = LEAD_WORDS * (CJK_CHARS_A_WORD if f.cjk else 1)  # (CJK words are characters)
        if b.kind == "heading":  # a subheading reads as a standfirst only when long
            need *= 2
        # A dek often has no full stop: prose by its stopwords will do, unless it
        # reads as a title ("What happened | Site": a photo's or video's, a page's).
        prose = (label.category is Category.CONTENT and label.klass in _PROSE
                 and not _TITLE_BAR.search(b.text))
        if f.words >= need and (f.terminal_punct or prose or f.words >= 2 * need):
            leads.append(b)
    if not 1 <= len(leads) <= MAX_LEADS:
        return 0
    for b in leads:
        b.decide(Verdict.KEPT, Category.CONTENT, "the article's standfirst, under its headline")
    return len(leads)


_COMMENT_MARKS = frozenset({Category.COMMENTS, Category.COMMENT_FORM})


def drop_after_comments(blocks: list[HtmlBlock], labels: list[Label]) -> int:
    """Readers' comments below an article are prose too, so the selection may take them
    in. Once a comment section has begun after the article's container — a comment
    count or form prompt a rule knows ("3 comments", "Leave a reply"), or a container
    named for comments — kept blocks outside the container are comments: removed.
    A thread whose posts are the page's content is its container: left alone.
    Returns how many blocks were removed."""
    inside = [b.index for b in blocks if b.in_article and b.verdict is _KEPT]
    if not inside:
        return 0
    start = None
    for b in blocks[inside[-1] + 1:]:
        label = labels[b.index]
        if b.kept or b.in_article or label.category not in _COMMENT_MARKS:
            continue
        if label.rule is not None or (label.hard and label.category is Category.COMMENTS):
            start = b.index
            break
    if start is None:
        return 0
    removed = 0
    for b in blocks[start + 1:]:
        if b.kept and not b.in_article:
            b.decide(Verdict.REMOVED, Category.COMMENTS, "after the start of the comments")
            removed += 1
    return removed


PAGE_MIN_CHARS = 300  # the article's container must hold this much text …
PAGE_TEXT_SHARE = 0.6  # … and this share of the page's text outside links …
PAGE_LINK_SHARE = 0.1  # … with no more of its own in links


LONGEST_MIN_CHARS = 400  # or a block of the container this long …
LONGEST_FACTOR = 2  # … with no block outside it half as long


def holds_the_page(blocks: list[HtmlBlock]) -> bool:
    """The article's container holds most of the page's own text, with almost no links:
    a list of contents, a poem, a product sheet — lines too short for the selection to
    call any of them an article's paragraph, but the page's content all the same. Or
    it holds the page's one long text (lyrics, a verse post) beside a blog's sidebar of
    archive links, which outweighs it in all but is made of lines of a word or two."""
    chars = links = own = total = 0
    longest_in = longest_out = 0
    for b in blocks:
        size = len(b.text)
        total += size - b.link_chars
        if b.in_article:
            chars += size
            links += b.link_chars
            own += size - b.link_chars
            if b.link_chars <= PAGE_LINK_SHARE * size:
                longest_in = max(longest_in, size)
        else:
            longest_out = max(longest_out, size - b.link_chars)
    if chars < PAGE_MIN_CHARS or links > PAGE_LINK_SHARE * chars:
        return False
    return own >= PAGE_TEXT_SHARE * total or (
        longest_in >= LONGEST_MIN_CHARS and longest_in >= LONGEST_FACTOR * longest_out)


STORY_MAX_WORDS = 80  # an article this short beside its photos …
CAPTION_SHARE = 0.5  # … whose captions say as much as half its text is a photo story
CAPTION_WORDS = 8  # a caption that reads as a sentence this long
CAPTION_LINK_DENSITY = 0.2
_CAPTION_NAMES = frozenset({"caption", "figcaption"})


def keep_story_captions(blocks: list[HtmlBlock], containers: list[Container],
                        stopwords) -> int:
    """A photo story (a gallery, a news agency's picture of the day) is a paragraph or
    two of text and its photos, whose captions tell the story as much as the text does.
    When the article's container keeps little text of its own and the captions inside
    it (a `<figcaption>`, an element named for a caption) that read as sentences come
    to half as much again, they are kept. Beside a longer article, or as a line under a
    picture of a short one, a caption is an aside and stays removed.
    Returns how many blocks were kept."""
    words = sum(_words(b.features) for b in blocks if b.verdict is _KEPT and b.in_article)
    if not words or words > STORY_MAX_WORDS:
        return 0
    captions = []
    for b in blocks:
        if b.kept or not b.in_article or b.rule is not None or b.kind != "paragraph":
            continue
        if b.link_density >= CAPTION_LINK_DENSITY or not _in_caption(b, containers):
            continue
        f = measure(b.text, stopwords)
        if _words(f) >= CAPTION_WORDS and f.terminal_punct:
            b.features = f
            captions.append(b)
    if sum(_words(b.features) for b in captions) < CAPTION_SHARE * words:
        return 0
    for b in captions:
        b.decide(Verdict.KEPT, Category.CONTENT, "a photo story's caption")
    return len(captions)


def _words(f) -> int:
    return f.words // CJK_CHARS_A_WORD if f.cjk else f.words  # (CJK words are characters)


def _in_caption(b: HtmlBlock, containers: list[Container]) -> bool:
    """Whether the block is in a caption: a `<figcaption>` or an element named for one,
    below the nearest figure or article."""
    for cid in reversed(b.anc):
        c = containers[cid]
        if c.tag == "figcaption":
            return True
        names = f"{c.element.get('class') or ''} {c.element.get('id') or ''}"
        if _CAPTION_NAMES.intersection(hints.tokens(names)):
            return True
        if c.tag in ("figure", "article", "main", "body"):
            return False
    return False
