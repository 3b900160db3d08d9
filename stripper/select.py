"""Labels → verdicts: context, the article region and end-of-article markers.

The article is the best contiguous run of content (a maximum-sum segment over
per-block values); an end marker such as "Related articles" or «قد يهمك أيضاً»
inside it ends it unless a dense run of real paragraphs follows. Inside the
region, content and blocks that only statistics called bad are kept, short ones
only between content. Where the renderer indents by nesting, the article's column
is a soft signal on top.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from itertools import pairwise

from stripper.classify import (
    CJK_CHARS_PER_WORD,
    PROSE_LETTERS,
    PROSE_LINK_LIKE,
    PROSE_WORDS,
    RESCUE_WORDS,
    SHORT_WORDS,
    effective_words,
    prose_by_form,
)
from stripper.features import links_alone, without_link_numbers
from stripper.forms import mark_link_led_lists, mark_teaser_units
from stripper.model import KEPT as _KEPT
from stripper.model import Block, Category, Klass, Label, Verdict

# Values for the maximum-sum segment.
GOOD_BASE = 1.0
GOOD_PER_WORD = 0.15
GOOD_CAP = 10.0
NEARGOOD_VALUE = 0.3
SHORT_VALUE = -0.4
SHORT_RUN_CAP = 3 * SHORT_VALUE  # a run of short blocks in all (see _cap_short_runs)
BAD_VALUE = -1.5
RULE_VALUE = -2.5
# After an end marker, the article goes on only if this much dense text follows soon.
MARKER_LOOKAHEAD = 15  # blocks
DENSE_RUN_BLOCKS = 2
DENSE_RUN_WORDS = 40
CHAINED_MARKERS = 2  # markers a resumed article may lie behind, one after another
RESUME_LOOKAHEAD = 60  # blocks: how far a "story continues below" line may follow a marker
RESUME_GAP = 4  # blocks between that line and the article's next good block
SUBHEADING_WORDS = 12
BARE_MARKER_WORDS = 3  # "Read also:", "Lue myös:": a marker line with no story in it
RUN_LINE_CHARS = 30  # a wrapped paragraph's lines (see _wrapped_form)
RUN_LINE_SHARE = 0.7
LONE_PARAGRAPH_WORDS = 50  # or a single paragraph this long
LEAD_GAP = 2  # short blocks that may set a lead off from the article's run
LEAD_WORDS = 15  # and how long that lead is
LEAD_BAR = 8  # lines of a byline's bar (author, date, share buttons) a lead may sit above
REGION_TRIES = 4  # how often the search for the article restarts after an end marker cut it
SECONDARY_REGION_SHARE = 0.2  # another region is kept when it is worth this share of the best
# Indentation: weak blocks this far from the article's column are dropped, when one
# column holds this share of the good words.
OFF_COLUMN_SPACES = 2
COLUMN_SHARE = 0.6
COLUMN_GAP = 6  # blocks that may separate the article from a paragraph in its column
REPEAT_MIN_WORDS = 4  # a shorter line may repeat in an article ("Advertisement")
REPEAT_MAX_WORDS = 30
# A page without one paragraph this long, or this many good words in all, has no article.
MIN_PARAGRAPH_WORDS = 15
MIN_ARTICLE_WORDS = 40


def block_value(block: Block, label: Label) -> float:
    if label.klass is Klass.GOOD:
        return min(GOOD_CAP, GOOD_BASE + GOOD_PER_WORD * effective_words(block))
    if label.klass is Klass.NEARGOOD:
        return NEARGOOD_VALUE
    if label.klass is Klass.SHORT or (label.rule is not None and label.marker is None
                                      and label.category in _INSIDE_CATEGORIES):
        return SHORT_VALUE  # a link to another story or an ad inside the article: no end
    return RULE_VALUE if label.hard else BAD_VALUE


# What rules drop from inside an article without ending it: it weighs as a short line.
_INSIDE_CATEGORIES = frozenset({Category.RELATED_LIST, Category.ADS})


def best_segment(values: list[float], lo: int = 0, hi: int | None = None) -> tuple[int, int, float]:
    """Maximum-sum contiguous segment [start, end) of values[lo:hi] (Kadane)."""
    hi = len(values) if hi is None else hi
    best = (lo, lo, 0.0)
    start, total = lo, 0.0
    for i in range(lo, hi):
        if total <= 0:
            start, total = i, 0.0
        total += values[i]
        if total > best[2]:
            best = (start, i + 1, total)
    return best


def pick_article(blocks: list[Block], labels: list[Label]) -> None:
    """Decide every block's verdict, category and reason in place.

    A page that holds a run of real prose never comes out empty: when the
    statistics find no article, paragraphs by form alone (classify.prose_by_form)
    are taken as good and the article is looked for again.
    """
    if not blocks:
        return
    original = list(labels)
    _pick(blocks, labels)
    if any(b.verdict is _KEPT for b in blocks):
        return
    rescued = [i for i, b in enumerate(blocks)
               if not original[i].hard and prose_by_form(b, RESCUE_WORDS)]
    rescued = rescued or _prose_runs(blocks)
    if not rescued:
        return
    labels[:] = original
    for i in rescued:
        labels[i] = Label(Klass.GOOD, Category.CONTENT, "prose by form")
    _pick(blocks, labels, rescue=True)


def _prose_runs(blocks: list[Block]) -> list[int]:
    """Blocks of runs of adjacent input lines (no blank line between) that read as one
    paragraph by form: a paragraph whose wrapping went unrecognised."""
    found: list[int] = []
    i = 0
    while i < len(blocks):
        j = i + 1
        while j < len(blocks) and blocks[j].start == blocks[j - 1].end:
            j += 1
        run = blocks[i:j]
        # A rule may have matched one line of it (a wrapped line that opens like a
        # byline): the run as a whole decides, on a page with nothing else.
        if j - i > 1 and not any(blocks[k].features.bullet for k in range(i, j)) \
                and _wrapped_form(run):
            chars = sum(b.features.chars for b in run) or 1
            letters = sum(b.features.letter_ratio * b.features.chars for b in run) / chars
            if (sum(effective_words(b) for b in run) >= RESCUE_WORDS
                    and letters >= PROSE_LETTERS and run[-1].features.terminal_punct
                    and max(b.features.link_like for b in run) < PROSE_LINK_LIKE):
                found.extend(range(i, j))
        i = j
    return found


def _wrapped_form(run: list[Block]) -> bool:
    """Lines of one wrapped paragraph: all but the last about as long as the longest
    (a menu's or footer's lines vary, and are short)."""
    longest = max(b.features.chars for b in run)
    return longest >= RUN_LINE_CHARS and all(
        b.features.chars >= RUN_LINE_SHARE * longest for b in run[:-1])


def page_warnings(blocks: list[Block]) -> list[str]:
    """What the user should hear about this page's result (empty when all is well).

    The pipeline puts these in Result.warnings; the CLI prints them on stderr."""
    if any(b.verdict is _KEPT for b in blocks) or not blocks:
        return []
    words = sum(b.features.words for b in blocks)
    return [f"no article found: all {len(blocks)} blocks ({words} words) look like "
            "page chrome; the output is empty"]


def _pick(blocks: list[Block], labels: list[Label], *, rescue: bool = False) -> None:
    """One search for the article; with `rescue`, the paragraphs by form are the
    article even when none is long enough for the article test."""
    for block, label in zip(blocks, labels, strict=True):
        block.decide(Verdict.REMOVED, label.category, label.reason, label.rule)
    _revise_short(labels)
    mark_teaser_units(blocks, labels)
    mark_link_led_lists(blocks, labels)
    values = [block_value(b, lab) for b, lab in zip(blocks, labels, strict=True)]
    _cap_short_runs(labels, values)
    for b, v in zip(blocks, values, strict=True):
        b.score = v
    regions = _regions(blocks, labels, values)
    if not rescue and not _is_article(blocks, labels, regions):
        regions = []
    for start, end in regions:
        _keep_region(blocks, labels, start, end)
    _drop_off_column(blocks, labels)
    if regions:
        _mark_lists_after_markers(blocks, labels, regions[-1][1])
    for block in blocks:
        if block.verdict is not _KEPT and block.category is Category.CONTENT:
            block.decide(Verdict.REMOVED, Category.BOILERPLATE,
                         f"outside the article ({block.reason})", block.rule)


def drop_repeated(blocks: list[Block]) -> None:
    """Text the kept run holds twice, word for word, is a box the page renders twice
    (for small and large screens: newsletter and donation prompts, teasers, a link and
    its label): an article does not repeat its own sentences. A long paragraph found
    twice is left alone: pages do repeat those (a quote taken up again)."""

    def boxed(block: Block) -> bool:
        return (block.verdict is _KEPT
                and REPEAT_MIN_WORDS <= effective_words(block) < REPEAT_MAX_WORDS)

    def text(block: Block) -> str:  # word for word, but lynx numbers each copy's links
        dump = block.path is None  # (a page's own "[7]" is a note's number)
        return " ".join((without_link_numbers(block.text) if dump else block.text).split())

    seen: Counter[str] = Counter(text(b) for b in blocks if boxed(b))
    twice = [b for b in blocks if boxed(b) and seen[text(b)] > 1]
    if not twice:
        return
    if not _paragraph_left(blocks, {b.index for b in twice}):
        return  # all the page has is said twice: the article itself, then
    for block in twice:
        block.decide(Verdict.REMOVED, Category.DUPLICATE,
                     f"kept twice, word for word ({block.reason})", block.rule)


DOUBLED_MIN_WORDS = 4  # an image's alt text, a card's title: said again right under
DOUBLED_MAX_WORDS = 45  # a caption, a card's link: what says it again is this short
DOUBLED_OFFSET = 30  # characters: a label or a credit may come before the repeat


def drop_doubled(blocks: list[Block]) -> None:
    """A block whose text the next block opens with is a thing rendered twice: an
    image's alt text above its caption ("A crowd at the gate" / "A crowd at the gate.
    Photo: Ana Ruiz"), a card's picture link above its headline link. Both are the
    picture's or the card's, not the article's: prose does not say a sentence again at
    once. What of the pair was kept goes (the caption may be gone already, to a credit
    rule). The repeat must be short (a caption, a card), and open with the text, maybe
    after a label ("Seminar: …"). A paragraph said twice word for word, a sentence,
    keeps its second copy (a lead shown as the summary and as the first paragraph)."""
    doubled: dict[int, Block] = {}
    for first, second in pairwise(blocks):
        if first.verdict is not _KEPT and second.verdict is not _KEPT:
            continue
        key, again = first.features.key, second.features.key
        if (_letter_words(first) >= DOUBLED_MIN_WORDS
                and effective_words(second) <= DOUBLED_MAX_WORDS
                and 0 <= again.find(key) <= DOUBLED_OFFSET):
            doubled[first.index] = first
            if (key != again or effective_words(second) < MIN_PARAGRAPH_WORDS
                    or not second.features.terminal_punct):
                doubled[second.index] = second
    doubled = {i: b for i, b in doubled.items() if b.verdict is _KEPT}
    if not doubled or not _paragraph_left(blocks, doubled.keys(),
                                          {b.features.key for b in doubled.values()}):
        return  # all the page has is said twice: the article itself, then
    for block in doubled.values():
        block.decide(Verdict.REMOVED, Category.DUPLICATE,
                     f"said again at once: an image's alt text and caption ({block.reason})",
                     block.rule)


def _paragraph_left(blocks: list[Block], going: Collection[int],
                    said: Collection[str] = ()) -> bool:
    """Whether a paragraph stays kept when the blocks `going` (indices) go, one that
    does not say what they say (`said`: their keys) either."""
    return any(effective_words(b) >= MIN_PARAGRAPH_WORDS for b in blocks
               if b.verdict is _KEPT and b.index not in going and b.features.key not in said)


def _letter_words(block: Block) -> float:
    """Words of letters in the block's key (digits and marks dropped: a table's rows of
    figures, a date line, have few), CJK characters counted as in `effective_words`."""
    key = block.features.key
    if not key:
        return 0
    if block.features.cjk and " " not in key:
        return len(key) / CJK_CHARS_PER_WORD
    return key.count(" ") + 1


def _mark_lists_after_markers(blocks: list[Block], labels: list[Label], after: int) -> None:
    """The list under an end marker past the article is related-list, up to other chrome."""
    for i in range(after, len(blocks)):
        if not _end_marker(labels[i]):
            continue
        j = i + 1
        while j < len(blocks) and not labels[j].hard:
            j += 1
        _mark_after(blocks, labels, i, j, labels[i])


def _cap_short_runs(labels: list[Label], values: list[float]) -> None:
    """A run of short blocks weighs no more than three short blocks: a list inside an
    article (ingredients, specifications, the lines of a poem) no longer cuts it in
    two. Where the run sits between boilerplate, its neighbours still keep it out."""
    i, n = 0, len(labels)
    while i < n:
        if labels[i].klass is not Klass.SHORT or labels[i].hard:
            i += 1
            continue
        j = i
        while j < n and labels[j].klass is Klass.SHORT and not labels[j].hard:
            j += 1
        total = sum(values[i:j])
        if total < SHORT_RUN_CAP:
            share = SHORT_RUN_CAP / (j - i)
            for k in range(i, j):
                values[k] = share
        i = j


def _regions(
    blocks: list[Block], labels: list[Label], values: list[float]
) -> list[tuple[int, int]]:
    values = list(values)
    for _ in range(REGION_TRIES):
        start, end, total = best_segment(values)
        if total <= 0:
            return []
        cut = _cut_at_marker(blocks, labels, start, end, mark=False)
        if cut == end:
            break
        # What follows an end marker is not article: look again without it.
        for k in range(cut, end):
            values[k] = min(values[k], BAD_VALUE)
    end = _cut_at_marker(blocks, labels, start, end, mark=True)
    start = _lead_before(blocks, labels, start)
    regions = [(start, end)]
    # Further regions before the main one (e.g. an intro split off by a big image block).
    lo_start, lo_end, lo_total = best_segment(values, 0, start)
    # However short, a run the page says the article continues from ("your article
    # continues below" under an ad between them) is the article's start.
    worth = lo_total >= SECONDARY_REGION_SHARE * total or (
        lo_total > 0 and _resumes_between(labels, lo_end, start))
    # So is an intro over the article's table of contents (whose items may read as
    # markers: "Preview of the next article"), whatever lies between.
    toc = lo_total > 0 and _contents_between(blocks, labels, lo_end, start)
    if (toc or (worth and not _boxed(labels, lo_start, lo_end)
                and not _marker_between(labels, lo_end,
                                        _heads_the_article(blocks, labels, start)))):
        regions.insert(0, (lo_start, lo_end))
    hi_start, hi_end, hi_total = best_segment(values, end, len(blocks))
    if (hi_total >= SECONDARY_REGION_SHARE * total and not _boxed(labels, hi_start, hi_end)
            and not _marker_between(labels, _said_to_resume(blocks, labels, end, hi_start),
                                    hi_end)):
        regions.append((hi_start, hi_end))
    return regions


TOC_ITEMS = 40  # blocks a table of contents may take


def _contents_between(blocks: list[Block], labels: list[Label], lo: int, hi: int) -> bool:
    """Between `lo` and the article's start at `hi` stands the article's table of
    contents: a contents heading (a rule's) just after `lo`, then only its items
    (list items or lines of a heading's length) down to the article."""
    if hi - lo > TOC_ITEMS:
        return False
    for k in range(lo, min(hi, lo + LEAD_GAP + 1)):
        if labels[k].rule == "navigation.toc":
            return all(labels[j].klass is not Klass.GOOD and _contents_item(blocks[j])
                       for j in range(k + 1, hi))
    return False


def _contents_item(block: Block) -> bool:
    return block.features.bullet or block.features.words <= SUBHEADING_WORDS


_BAR_CATEGORIES = frozenset({Category.BYLINE, Category.TIMESTAMP, Category.SHARE})


def _lead_before(blocks: list[Block], labels: list[Label], start: int) -> int:
    """Where the article starts, counting a lead the run left out: a paragraph ending a
    sentence, set off from the body by a short line or two (a gallery's "Previous
    Next", a "Listen" button) that weigh more than a paragraph the statistics only
    half trust, or by the byline's bar: up to LEAD_BAR of its lines that rules removed
    (author, date, share buttons), its icons (lines without words) and the bare marker
    heading the body (its "Comments" link, `_heads_the_article`)."""
    heading = _heads_the_article(blocks, labels, start)
    k, gap, bar, lead = start - 1, 0, 0, start
    while k >= 0 and gap <= LEAD_GAP:
        label = labels[k]
        if bar < LEAD_BAR and (k == heading or (not label.hard and not blocks[k].features.words)
                               or (label.hard and label.marker is None
                                   and label.category in _BAR_CATEGORIES)):
            bar += 1
        elif label.klass is Klass.SHORT or _short_link(blocks[k], label):
            gap += 1
        elif label.hard or label.klass is Klass.BAD:
            break
        elif (blocks[k].features.terminal_punct
              and effective_words(blocks[k]) >= LEAD_WORDS):
            lead, gap = k, 0
        else:
            break
        k -= 1
    return lead


def _short_link(block: Block, label: Label) -> bool:
    """A short line the statistics call a link (lynx numbers its links: "[136]Avatar
    [137]Ana Ruiz am 18. September", a section's name): the other renderers print it as
    the short line it is, which a lead may sit above."""
    return (not label.hard and label.klass is Klass.BAD and label.category is Category.NAVIGATION
            and effective_words(block) < SHORT_WORDS)


def _said_to_resume(blocks: list[Block], labels: list[Label], lo: int, start: int) -> int:
    """Where the markers after `lo` stop counting against a later run that starts at
    `start`: past the first end marker when the page says the article resumes at that
    run ("your article continues below" under a box too long for the run to reach)."""
    marker = next((k for k in range(lo, start) if _ends(labels[k])), None)
    if marker is None or not _end_marker(labels[marker]):
        return lo
    resumed = _resumed_after(blocks, labels, marker)
    if resumed is not None and resumed <= start + RESUME_GAP and not _marker_between(
            labels, marker + 1, resumed):
        return resumed
    return lo


# (Not comment-form: a forum puts "Reply Quote" under every post, and the posts are
# the content.)
_BOX_CATEGORIES = frozenset({Category.COOKIE, Category.NEWSLETTER})


def _boxed(labels: list[Label], start: int, end: int) -> bool:
    """A region beside the article that rules found a consent or sign-up box in (or
    at its edge) is that box's text: its explanations read as prose."""
    return any(lab.hard and lab.category in _BOX_CATEGORIES
               for lab in labels[max(0, start - 1):end + 1])


def _is_article(blocks: list[Block], labels: list[Label], regions: list[tuple[int, int]]) -> bool:
    """A page of teasers has good sentences too, but no paragraph of any length."""
    good = [effective_words(blocks[k]) for start, end in regions for k in range(start, end)
            if labels[k].klass is Klass.GOOD]
    return bool(good) and (max(good) >= MIN_PARAGRAPH_WORDS or sum(good) >= MIN_ARTICLE_WORDS)


def _indent(block: Block) -> int:
    first = block.source_lines[0] if block.source_lines else block.text
    return len(first) - len(first.lstrip())


def _drop_off_column(blocks: list[Block], labels: list[Label]) -> None:
    """Renderers that indent by nesting (inscriptis, lynx) put an article's paragraphs
    in one column; weaker blocks kept beside them at another indent are sidebars,
    captions and teasers. Dumps without indentation are left as they are. Hard-wrapped
    ones (lynx) only gain paragraphs in the column: there a list or quote inside the
    article sits at another indent than its paragraphs, and dropping off-column blocks
    cost more than it gained (tf-dev-lynx F1 0.836 with it, 0.844 without)."""
    wrapped = any(len(b.source_lines) > 1 for b in blocks)
    words: Counter[int] = Counter()
    for block in blocks:
        if block.verdict is _KEPT and labels[block.index].klass is Klass.GOOD:
            words[_indent(block)] += block.features.words
    if not words:
        return
    column, count = words.most_common(1)[0]
    if count < COLUMN_SHARE * sum(words.values()):
        return
    _extend_in_column(blocks, labels, column)
    if wrapped:
        return
    for block in blocks:
        if (block.verdict is _KEPT and labels[block.index].klass is not Klass.GOOD
                and abs(_indent(block) - column) > OFF_COLUMN_SPACES):
            block.decide(Verdict.REMOVED, Category.BOILERPLATE,
                         f"off the article's column ({block.reason})")


def _extend_in_column(blocks: list[Block], labels: list[Label], column: int) -> None:
    """Paragraphs in the article's column just outside the region (a lead split off
    by a photo caption, a last paragraph after an inline box) belong to it."""
    kept = [b.index for b in blocks if b.verdict is _KEPT]
    for step, edge in ((-1, kept[0]), (1, kept[-1])):
        gap, k = 0, edge + step
        while 0 <= k < len(blocks) and gap <= COLUMN_GAP:
            label = labels[k]
            if _ends(label) or blocks[k].category is Category.RELATED_LIST:
                break
            if (label.klass is Klass.GOOD and blocks[k].verdict is not _KEPT
                    and _indent(blocks[k]) == column):
                blocks[k].decide(Verdict.KEPT, Category.CONTENT, "in the article's column")
                gap = 0
            else:
                gap += 1
            k += step


def _marker_between(labels: list[Label], lo: int, hi: int) -> bool:
    return any(_ends(lab) for lab in labels[lo:hi])


def _heads_the_article(blocks: list[Block], labels: list[Label], start: int) -> int:
    """Where the markers right above the article stop counting against a lead before
    them: a bare marker line ("comments", "Share this") with only short lines between
    it and the article's first block is a link of the byline's bar, whose list, had it
    headed one, would follow it instead of the article."""
    k = start - 1
    while k >= 0 and labels[k].klass is Klass.SHORT and labels[k].marker is None:
        k -= 1
    if k >= 0 and _bare_marker(blocks, labels, k) and _ends(labels[k]):
        return k
    return start


def _resumes_between(labels: list[Label], lo: int, hi: int) -> bool:
    return any(_resume_marker(lab) for lab in labels[lo:hi])


def _resume_marker(label: Label) -> bool:
    """A resume-article marker ("Story continues below")."""
    return label.marker is not None and label.marker.action == "resume-article"


def _end_marker(label: Label) -> bool:
    """An end-article marker ("Related articles", «Читайте также»)."""
    return label.marker is not None and label.marker.action == "end-article"


def _ends(label: Label) -> bool:
    """An end- or start-article marker: a boundary of the article (a resume marker,
    "the article continues below", is none)."""
    return label.marker is not None and label.marker.action != "resume-article"


def _cut_at_marker(
    blocks: list[Block], labels: list[Label], start: int, end: int, *, mark: bool
) -> int:
    """End the region at the first end marker not followed by dense paragraphs.

    With `mark`, the blocks the marker removes are labelled related-list.
    """
    i = start + 1
    while i < end:
        label = labels[i]
        if _end_marker(label):
            resume = _dense_run_after(blocks, labels, i)
            if mark:
                _mark_after(blocks, labels, i, resume, label)
            if resume is None:
                return i
            i = resume
        i += 1
    return end


def _dense_run_after(blocks: list[Block], labels: list[Label], marker: int,
                     chained: int = 0) -> int | None:
    """Index where real paragraphs resume after a marker, or None.

    A list's items count only when they are sentences: the headlines of a "most read"
    list are long and full of function words, but no paragraph ends among them. A
    marker met on the way looks on from itself: boxes of links set one after another
    inside the article ("Read also" / a story / a paragraph / "Read also" …)."""
    for i in range(marker + 1, _lookahead_end(blocks, marker)):
        if _ends(labels[i]):
            if chained < CHAINED_MARKERS and _end_marker(labels[i]):
                resumed = _dense_run_after(blocks, labels, i, chained + 1)
                if resumed is None:
                    return None
                # the article went on between the boxes: from its first good block there
                return next((k for k in range(marker + 1, i) if labels[k].klass is Klass.GOOD),
                            resumed)
            return None
        if labels[i].klass is not Klass.GOOD:
            continue
        first = _sentences_before(blocks, labels, marker, i)
        run_words, j, ended = 0.0, first, False
        while (j < len(blocks) and labels[j].klass in (Klass.GOOD, Klass.NEARGOOD)
               and (blocks[j].features.terminal_punct or not blocks[j].features.bullet)):
            run_words += effective_words(blocks[j])
            ended = ended or blocks[j].features.terminal_punct
            j += 1
        dense = j - first >= DENSE_RUN_BLOCKS and run_words >= DENSE_RUN_WORDS and ended
        # under the heading of the author's box, one paragraph is the box's own
        lone = (effective_words(blocks[i]) >= LONE_PARAGRAPH_WORDS
                and labels[marker].category is not Category.BYLINE)
        if (dense or lone) and not _replied(labels, j):
            return first
    return _resumed_after(blocks, labels, marker)


def _lookahead_end(blocks: list[Block], marker: int) -> int:
    """Where the look for resumed paragraphs stops: MARKER_LOOKAHEAD blocks past the
    marker's box when it is a copy of a box the page prints again and again. A box of
    other stories set between a long review's sections ("Most popular" seven times) is
    the same box each time, and lynx writes each of its items as four or five blocks
    (link, section, headline, author): counted, one box outruns the lookahead. The box
    is the run of blocks after the marker that the page repeats at least as often as
    the marker, and lines with no letters (lynx's bare link numbers); a box with an
    item of its own ("Read also" under each story of an endless page, new stories each
    time) is no copy, and a once-only marker ("Comments") has none."""
    copies = blocks[marker].features.repeats
    i = marker + 1
    if copies > 1:
        while i < len(blocks) and (blocks[i].features.repeats >= copies
                                   or blocks[i].features.letter_ratio == 0):
            i += 1
    return min(len(blocks), i + MARKER_LOOKAHEAD)


REPLY_GAP = 2  # blocks from a comment's text to its "Reply" line


def _replied(labels: list[Label], end: int) -> bool:
    """A run of prose that a "Reply" line follows is a reader's comment: under an end
    marker ("Comments"), the article does not resume there."""
    return any(lab.hard and lab.category is Category.COMMENT_FORM
               for lab in labels[end:end + REPLY_GAP])


def _sentences_before(blocks: list[Block], labels: list[Label], marker: int, i: int) -> int:
    """The resumed article starts with the sentences just above its first good block
    ("Read also: <headline>", then paragraphs the statistics found weaker): back to
    the first block after the marker that is no paragraph-long sentence."""
    while (i - 1 > marker and labels[i - 1].klass in (Klass.GOOD, Klass.NEARGOOD)
           and blocks[i - 1].features.terminal_punct and not blocks[i - 1].features.bullet
           and effective_words(blocks[i - 1]) >= PROSE_WORDS):
        i -= 1
    return i


def _resumed_after(blocks: list[Block], labels: list[Label], marker: int) -> int | None:
    """Where the page itself says the article goes on ("Story continues below"), the
    first good block after it, when no other marker comes first: a box of other
    stories set inside the article can be longer than the lookahead."""
    for i in range(marker + 1, min(len(labels), marker + 1 + RESUME_LOOKAHEAD)):
        if _ends(labels[i]):
            return None
        if _resume_marker(labels[i]):
            resumed = _good_within_gap(blocks, labels, i + 1)
            if resumed is not None:
                return resumed
            # the box goes on past it (an advertisement's "continues below" set inside
            # the box): a later resume line may say where the article does
    return None


def _good_within_gap(blocks: list[Block], labels: list[Label], lo: int) -> int | None:
    """The first good block among the RESUME_GAP blocks from `lo`, not counting lines
    the page repeats (a label such as "Article content" above every paragraph)."""
    seen = 0
    for k in range(lo, len(labels)):
        if labels[k].klass is Klass.GOOD:
            return k
        if blocks[k].features.repeats <= 1:
            seen += 1
            if seen >= RESUME_GAP:
                return None
    return None


def _mark_after(
    blocks: list[Block], labels: list[Label], lo: int, resume: int | None, marker: Label
) -> None:
    """Blocks after an end marker become related-list unless a rule named them already;
    up to where the article resumes, if it does. They are ruled out for good (the
    region's context may not keep them), except a subheading just above the resumed
    paragraphs: "Read more: <the story>", then the article's next section (under a
    bare "Read more:" the line is the story's headline)."""
    quoted = blocks[lo].text if len(blocks[lo].text) <= 40 else blocks[lo].text[:39] + "…"
    reason = f"after end marker «{quoted}»"
    hi = len(blocks) if resume is None else resume
    for k in range(lo + 1, hi):
        if not labels[k].hard:
            hard = not (k == hi - 1 and resume is not None and _subheading(blocks[k])
                        and not _bare_marker(blocks, labels, k - 1))
            labels[k] = Label(Klass.BAD, Category.RELATED_LIST, reason, hard=hard)
            blocks[k].decide(Verdict.REMOVED, Category.RELATED_LIST, reason)


def _bare_marker(blocks: list[Block], labels: list[Label], k: int) -> bool:
    """An end marker with no story in it ("Read also:"): the line under it is the story."""
    return labels[k].marker is not None and blocks[k].features.words <= BARE_MARKER_WORDS


def _subheading(block: Block) -> bool:
    f = block.features
    return not f.bullet and not f.terminal_punct and 0 < f.words <= SUBHEADING_WORDS


def _revise_short(labels: list[Label]) -> None:
    """jusText's context rule: a short block between two bad ones is bad."""
    before = _nearest_non_short(labels, range(len(labels)))
    after = _nearest_non_short(labels, range(len(labels) - 1, -1, -1))
    for i, label in enumerate(labels):
        if label.klass is Klass.SHORT and not label.hard and before[i] is after[i] is Klass.BAD:
            labels[i] = Label(Klass.BAD, label.category, label.reason + ", between boilerplate")


def _nearest_non_short(labels: list[Label], order: range) -> list[Klass]:
    """For each block, the class of the nearest non-short block strictly before it in `order`."""
    nearest = [Klass.BAD] * len(labels)
    seen = Klass.BAD
    for i in order:
        nearest[i] = seen
        if labels[i].klass is not Klass.SHORT:
            seen = labels[i].klass
    return nearest


def _keep_region(blocks: list[Block], labels: list[Label], start: int, end: int) -> None:
    content = [k for k in range(start, end) if labels[k].klass in (Klass.GOOD, Klass.NEARGOOD)]
    if not content:
        return
    first, last = content[0], content[-1]
    between = _between_content(labels, first, last)
    for k in range(first, last + 1):
        label = labels[k]
        if label.klass in (Klass.GOOD, Klass.NEARGOOD):
            blocks[k].decide(Verdict.KEPT, Category.CONTENT, label.reason, label.rule)
        elif label.klass is Klass.SHORT and between[k - first]:
            blocks[k].decide(Verdict.KEPT, Category.CONTENT, "short, between content")
        elif _short_link(blocks[k], label):
            # a short line lynx marks as a link is, as in the other renderers, a short
            # line: kept between content only (a row of them is a box of links), and
            # never when it is links alone, two or more ("[25]Older post [26]Newer post")
            if between[k - first] and not links_alone(blocks[k].text):
                blocks[k].decide(Verdict.KEPT, Category.CONTENT, "short, between content")
        elif label.klass is Klass.BAD and not label.hard:  # statistics only: context wins
            blocks[k].decide(Verdict.KEPT, Category.CONTENT, "inside the article")


def _between_content(labels: list[Label], first: int, last: int) -> list[bool]:
    """For each block of first..last: whether the nearest blocks before and after it
    that are not short are content. One pass each way (a search from every short block
    was quadratic: 100 s on a page of 15,000 short lines)."""
    ok = (Klass.GOOD, Klass.NEARGOOD)
    span = range(first, last + 1)
    before: list[Klass | None] = []
    seen: Klass | None = None
    for k in span:
        before.append(seen)
        if labels[k].klass is not Klass.SHORT:
            seen = labels[k].klass
    after: list[Klass | None] = [None] * len(before)
    seen = None
    for n in range(len(before) - 1, -1, -1):
        after[n] = seen
        if labels[first + n].klass is not Klass.SHORT:
            seen = labels[first + n].klass
    return [b in ok and a in ok for b, a in zip(before, after, strict=True)]
