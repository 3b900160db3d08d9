"""Strong signals first: the article's container, then per-block priors on the labels.

The container is chosen in the manner of readability: every paragraph-like block
gives points (length, commas) to the block-level elements above it, decaying with
distance; an element's total is cut by its link density and raised or lowered by its
tag, class, id, role and `itemprop=articleBody`; blocks that the page's own JSON-LD
`articleBody` contains count triple. Siblings of the winner that score well join it.

The shared classifier's labels are then revised (`revise_labels`) with what the DOM
knows and a text dump does not: blocks inside chrome (nav, footer, comments, share
bars, cookie notices, … by tag or class/id name) are bad for sure; blocks made of
links are navigation; short lines inside the container (list items of a recipe, one-line
paragraphs) are near-good, headings there are short (kept between content); blocks the
statistics call bad outside the container are bad for sure, so the article region
cannot swallow them, while good paragraphs outside it can still join the article.
"""

from __future__ import annotations

from stripper.features import normalise
from stripper.html import hints
from stripper.model import Category, Container, HtmlBlock, Klass, Label

MIN_PARAGRAPH_CHARS = 25
SCORED_KINDS = ("paragraph", "quote", "code", "list-item")
DECAY = (1.0, 0.6, 0.45, 0.35, 0.3)  # share of a block's points for its parent, grandparent, …
TAG_BONUS = {"div": 5, "article": 10, "main": 5, "section": 3, "td": 3, "pre": 3,
             "blockquote": 3, "ul": -3, "ol": -3, "dl": -3, "li": -3, "form": -3,
             "address": -3, "h1": -5, "h2": -5, "h3": -5, "th": -5}
JSON_LD_FACTOR = 3.0
SIBLING_SHARE = 0.2  # a sibling scoring this share of the winner joins it
MIN_SIBLING_SCORE = 10.0
# Link density above which a block is navigation, and above which that is certain.
LINK_DENSITY_BAD = 0.5
LINK_DENSITY_HARD = 0.8
MIN_CANDIDATE_SCORE = 8.0
WRAPPER_SHARE = 0.5
WIDEN_SHARE = 1.4  # go up to the parent when it holds this many times the paragraph text
MIN_CONFIRMED = 2  # JSON-LD articleBody paragraphs found that fix the container
WEIGHT_SCALE = 50.0  # a container's class/id/tag weight multiplies its score by 1 + w/scale
MIN_WEIGHT_FACTOR = 0.25
_COMMAS = ",，、،;；"  # each counted with str.count: a fifth of a findall's time
# Names judged by what the container holds as well: chrome of these kinds is links,
# buttons and short lines, so paragraphs of prose in it say the name misled
# (`sidebar-grid__content`, `print:hidden`, `entry-meta-wrap`). Comments, teasers,
# footers, cookie and newsletter boxes are prose by nature: their names stand.
NAME_CHECKED = frozenset({Category.NAVIGATION, Category.SHARE, Category.BYLINE,
                          Category.TIMESTAMP, Category.ADS, Category.LOGIN,
                          Category.BREADCRUMB})
# Chrome whose names are never a generic layout word (unlike widget, side, meta, post…):
NEVER_ARTICLE = frozenset({Category.COOKIE, Category.COMMENTS, Category.NEWSLETTER,
                           Category.LOGIN, Category.FOOTER})
PROSE_CHARS = 80  # a paragraph this long that ends like a sentence is prose
PROSE_LINK_DENSITY = 0.2
MIN_PROSE_PARAGRAPHS = 2
MIN_PROSE_SHARE = 0.6  # of the container's text
MIN_PAGE_PROSE_SHARE = 0.2  # of the page's prose, inside the article: a bio box holds less
MAJOR_PROSE_SHARE = 0.5  # … or anywhere on the page (the article's container misjudged)
_STOPS = ".!?。！？؟…»”\"')"  # the last character of a paragraph that ends a sentence
# regex's \s: str.isspace() less the four separators U+001C-U+001F
_WHITE = "".join(chr(c) for c in (*range(9, 14), 32, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
                                  0x2028, 0x2029, 0x202F, 0x205F, 0x3000))


def _ends_sentence(text: str) -> bool:
    """Whether the last character that is not white space (regex's \\s) is a stop or a
    closer: what a regex search for `[stops]\\s*$` says, without a search from every
    position (tests/test_score_sentence.py holds the two to each other)."""
    end = text.rstrip(_WHITE)
    return bool(end) and end[-1] in _STOPS


def body_matches(blocks: list[HtmlBlock], article_body: str | None) -> set[int]:
    """Indexes of the blocks whose text the JSON-LD articleBody contains."""
    if not article_body or len(article_body) < 200:
        return set()
    body = normalise(article_body)
    found = set()
    for b in blocks:
        if len(b.text) >= 40:
            key = normalise(b.text)
            probe = key[:80]
            if probe and probe in body:
                found.add(b.index)
    return found


def find_container(
    blocks: list[HtmlBlock], containers: list[Container], confirmed: set[int],
    totals: tuple[list[int], list[int]],
) -> set[int]:
    """Ids of the containers that make up the article (the winner and its good siblings).

    `totals` are the containers' `sizes()`."""
    scores: dict[int, float] = {}
    for b in blocks:
        if b.kind not in SCORED_KINDS or len(b.text) < MIN_PARAGRAPH_CHARS:
            continue
        if b.link_density > LINK_DENSITY_BAD:
            continue
        text = b.text
        points = 1.0 + sum(map(text.count, _COMMAS)) + min(3.0, len(text) / 100)
        if b.index in confirmed:
            points *= JSON_LD_FACTOR
        if b.kind == "list-item":
            points *= 0.5
        anc = b.anc
        own = 1 if containers[anc[-1]].tag not in ("div", "td", "section", "article") else 0
        top = len(anc) - 1 - own  # the nearest container that scores
        for level, share in enumerate(DECAY):
            k = top - level
            if k < 0:
                break
            scores[anc[k]] = scores.get(anc[k], 0.0) + points * share
    if not scores:
        return set()
    chars, link_chars = totals
    final = {}
    for cid, score in scores.items():
        c = containers[cid]
        if c.tag in ("body", "html"):
            continue
        density = link_chars[cid] / max(1, chars[cid])
        factor = max(MIN_WEIGHT_FACTOR, 1.0 + c.weight / WEIGHT_SCALE)
        final[cid] = (score + TAG_BONUS.get(c.tag, 0)) * (1.0 - density) * factor
    if not final:
        return set()
    chrome = _under_chrome(blocks, containers)
    clean = {cid: v for cid, v in final.items() if not chrome[cid]}
    pool = clean if clean and max(clean.values()) >= MIN_CANDIDATE_SCORE else final
    best = max(pool, key=pool.__getitem__)
    if len(confirmed) >= MIN_CONFIRMED:
        best = _common_ancestor([blocks[i].anc for i in sorted(confirmed)], containers, best)
    elif final[best] < MIN_CANDIDATE_SCORE:
        return set()
    best = _widen(best, blocks, containers)
    story = _first_story(best, blocks, containers, final)
    if story != best:
        return {story}  # (the next stories are its siblings: none joins it)
    chosen = {best}
    parent = containers[best].parent
    threshold = max(MIN_SIBLING_SCORE, final.get(best, 0.0) * SIBLING_SHARE)
    for cid, score in final.items():
        if (cid != best and containers[cid].parent == parent and parent >= 0
                and score >= threshold and containers[cid].category is None):  # (a comment
            # thread beside the article is no part of it, however well it scores)
            chosen.add(cid)
    return chosen


def _first_story(best: int, blocks: list[HtmlBlock], containers: list[Container],
                 final: dict[int, float]) -> int:
    """Pages that load the next story below the first (infinite scroll) put each in an
    `<article>` with its own `<h1>`: when the chosen container holds two or more such
    stories with text of their own, the page's story is the first of them, and the
    others are marked as other stories (their containers' category is set)."""
    stories: dict[int, int] = {}  # <article> container id → its first <h1> block's index
    for b in blocks:
        if b.level != 1 or best not in b.anc:
            continue
        story = next((a for a in reversed(b.anc) if containers[a].tag == "article"), None)
        if story is not None and story != best and best in _chain(story, containers):
            stories.setdefault(story, b.index)
    scored = [cid for cid in stories if any(c in final and final[c] >= MIN_CANDIDATE_SCORE
                                            for c in _inside(cid, blocks))]
    if len(scored) < 2:
        return best
    first = min(scored, key=stories.__getitem__)
    for cid in scored:
        if cid != first:  # the next stories are chrome of this page: other stories
            containers[cid].category = Category.RELATED_LIST
    return first


def _chain(cid: int, containers: list[Container]) -> list[int]:
    out = []
    while cid >= 0:
        out.append(cid)
        cid = containers[cid].parent
    return out


def _inside(cid: int, blocks: list[HtmlBlock]) -> set[int]:
    """Ids of the containers within `cid` that hold a block."""
    return {a for b in blocks if cid in b.anc for a in b.anc[b.anc.index(cid):]}


def _wrappers(blocks: list[HtmlBlock], containers: list[Container]) -> list[bool]:
    """For each container, whether it holds the page's headline (its first `<h1>`) or
    its `<main>` element: a wrapper of the page, whatever its name says
    (`dialog-off-canvas-main-canvas`, `has-sidebar`). (An `<article>` is no sign: teaser
    cards are `<article>`s too, and so are the next stories of an endless page.)"""
    wraps = [False] * len(containers)
    first = next((b for b in blocks if b.level == 1 and b.anc), None)
    if first is not None:
        for cid in first.anc:  # the headline's block-level ancestors, itself included
            wraps[cid] = True
    for cid in [cid for cid, c in enumerate(containers) if c.tag == "main"]:
        while cid >= 0 and not wraps[cid]:
            wraps[cid] = True
            cid = containers[cid].parent
    return wraps


def _under_chrome(blocks: list[HtmlBlock], containers: list[Container]) -> list[bool]:
    """For each container, whether it is or sits in a container of chrome that is never
    an article (a consent dialog, a comment thread, a footer; `NEVER_ARTICLE`) and wraps
    nothing of the page's (`_wrappers`): the article is looked for outside such
    containers first, however much prose they hold."""
    under = [False] * len(containers)
    if not any(c.category in NEVER_ARTICLE for c in containers):
        return under
    wraps = _wrappers(blocks, containers)
    for cid, c in enumerate(containers):
        own = c.category in NEVER_ARTICLE and not wraps[cid]
        under[cid] = own or (c.parent >= 0 and under[c.parent])
    return under


def _common_ancestor(ancs: list[tuple[int, ...]], containers: list[Container], default: int) -> int:
    common = ancs[0]
    for anc in ancs[1:]:
        n = 0
        while n < min(len(common), len(anc)) and common[n] == anc[n]:
            n += 1
        common = common[:n]
    while common and containers[common[-1]].tag in ("p", "li", "h1", "h2", "h3", "h4"):
        common = common[:-1]
    if not common or containers[common[-1]].tag in ("body", "html"):
        return default
    return common[-1]


def _widen(best: int, blocks: list[HtmlBlock], containers: list[Container]) -> int:
    """Go up while the parent holds much more paragraph text outside chrome: an article
    split over sibling elements (each paragraph or section in its own wrapper). What
    the parent adds counts only in paragraphs that end like a sentence: a column of
    headlines or video titles beside a short article (a CJK one is short in
    characters) is no more of it."""
    text: dict[int, int] = {}
    prose: dict[int, int] = {}  # the same, of the paragraphs that end like a sentence
    for b in blocks:
        if (b.kind not in SCORED_KINDS or len(b.text) < MIN_PARAGRAPH_CHARS
                or b.link_density > LINK_DENSITY_BAD):
            continue
        size = len(b.text)
        sentence = _ends_sentence(b.text)
        for a in reversed(b.anc):
            if containers[a].category is not None:
                break  # text inside chrome counts for nothing above it
            text[a] = text.get(a, 0) + size
            if sentence:
                prose[a] = prose.get(a, 0) + size
    current, above = best, containers[best].parent
    while above >= 0 and containers[above].tag not in ("body", "html"):
        more = prose.get(above, 0) - prose.get(current, 0)
        if more >= (WIDEN_SHARE - 1.0) * text.get(current, 0):
            current = above
        above = containers[above].parent
    return current


def sizes(blocks: list[HtmlBlock], containers: list[Container]) -> tuple[list[int], list[int]]:
    """Characters and link characters of text inside each container, by container id.

    Each block counts in its innermost container, then totals pass up to the parents
    (a container's id is larger than its parent's): linear, not blocks × depth.
    """
    chars = [0] * len(containers)
    link_chars = [0] * len(containers)
    for b in blocks:
        if b.anc:
            chars[b.anc[-1]] += len(b.text)
            link_chars[b.anc[-1]] += b.link_chars
    for cid in range(len(containers) - 1, -1, -1):
        size = chars[cid]
        if size:  # (most containers hold no text: nothing to pass up; a block's link
            parent = containers[cid].parent  # characters are never more than its text)
            if parent >= 0:
                chars[parent] += size
                link_chars[parent] += link_chars[cid]
    return chars, link_chars


def ancestors_of(chosen: set[int], containers: list[Container]) -> set[int]:
    out: set[int] = set()
    for cid in chosen:
        p = containers[cid].parent
        while p >= 0 and p not in out:
            out.add(p)
            p = containers[p].parent
    return out


def mark_article(blocks: list[HtmlBlock], containers: list[Container],
                 chosen: set[int]) -> list[bool]:
    """Set each block's `in_article`: whether one of its containers is a chosen one.
    Returns the same for each container (`prelabel` reads it)."""
    inside = in_chosen(containers, chosen)
    for b in blocks:
        b.in_article = bool(b.anc) and inside[b.anc[-1]]
    return inside


def in_chosen(containers: list[Container], chosen: set[int]) -> list[bool]:
    """For each container, whether it is or sits in a chosen one."""
    inside = [False] * len(containers)
    for cid, c in enumerate(containers):  # a parent's id is smaller than its children's
        inside[cid] = cid in chosen or (c.parent >= 0 and inside[c.parent])
    return inside


def _innermost_chrome(containers: list[Container], exempt: set[int]) -> list[int]:
    """For each container, the id of the innermost chrome container at or above it
    (-1 for none), skipping the article's own ones, wrappers of it and misnamed ones
    (`exempt`)."""
    found = [-1] * len(containers)
    for cid, c in enumerate(containers):
        if c.category is not None and c.tag not in ("body", "html"):
            # an exempt chrome-named one (a wrapper, a misnamed part of the article)
            # shields what it holds from chrome names further out, too
            found[cid] = -1 if cid in exempt else cid
        elif c.parent >= 0:
            found[cid] = found[c.parent]
    return found


def misnamed(blocks: list[HtmlBlock], containers: list[Container],
             chars: list[int], chosen: set[int], inside: list[bool]) -> set[int]:
    """Ids of the containers that a class or id name calls chrome (of a kind that is
    never prose) but that hold the page's prose: paragraphs, few links, a fair share
    of all the page's paragraphs when inside the article's container, most of them
    anywhere else; inside one found so, any part that holds its share of paragraphs
    (`sidebar-grid` > `sidebar-grid__content`). A name alone never removes the article."""
    named = [cid for cid, c in enumerate(containers)
             if c.category in NAME_CHECKED and chars[cid] >= PROSE_CHARS * MIN_PROSE_PARAGRAPHS
             and c.tag not in hints.TAG_CATEGORY
             and (c.element.get("role") or "").lower() not in hints.ROLE_CATEGORY]
    if not named:
        return set()
    prose = [0] * len(containers)
    count = [0] * len(containers)
    total = 0
    for b in blocks:
        if (b.kind in SCORED_KINDS and len(b.text) >= PROSE_CHARS and b.anc
                and b.link_density < PROSE_LINK_DENSITY and _ends_sentence(b.text)):
            prose[b.anc[-1]] += len(b.text)
            count[b.anc[-1]] += 1
            total += len(b.text)
    for cid in range(len(containers) - 1, 0, -1):
        if count[cid]:  # (no paragraph counted: no prose either, nothing to pass up)
            parent = containers[cid].parent
            if parent >= 0:
                prose[parent] += prose[cid]
                count[parent] += count[cid]
    found: set[int] = set()
    within = [False] * len(containers)  # inside a misnamed container already found
    for cid in named:  # (parents before children)
        c = containers[cid]
        up = c.parent
        while up >= 0 and not within[up] and up not in found:
            up = containers[up].parent
        nested = up >= 0
        share = 0.0 if nested else MIN_PAGE_PROSE_SHARE if inside[cid] else MAJOR_PROSE_SHARE
        if (count[cid] >= MIN_PROSE_PARAGRAPHS and prose[cid] >= MIN_PROSE_SHARE * chars[cid]
                and prose[cid] >= share * total):
            found.add(cid)
            within[cid] = True
    return found


def prelabel(
    blocks: list[HtmlBlock], containers: list[Container], chosen: set[int],
    totals: tuple[list[int], list[int]], inside: list[bool],
) -> dict[int, Label]:
    """Labels decided by the DOM alone: blocks inside chrome containers (one label
    shared by a container's blocks: labels are replaced, never changed in place).
    `inside` is `in_chosen` (`mark_article` returns it)."""
    exempt = chosen | ancestors_of(chosen, containers)
    exempt |= misnamed(blocks, containers, totals[0], chosen, inside)
    if chosen:
        # A "chrome" element holding as much text as half the article is a wrapper, not
        # chrome, when it is inside the article (`paywall-container`) or wraps the
        # page's headline or <main> (`has-sidebar`, `dialog-off-canvas-main-canvas`);
        # a long comment thread or consent dialog beside the article is no wrapper.
        chars = totals[0]
        article = sum(chars[c] for c in chosen)
        wraps = _wrappers(blocks, containers)
        exempt |= {cid for cid, c in enumerate(containers)
                   if c.category is not None and chars[cid] >= WRAPPER_SHARE * article
                   and (inside[cid] or wraps[cid])}
    out = {}
    chrome = _innermost_chrome(containers, exempt)
    in_chrome: dict[int, Label] = {}  # by chrome container id
    for b in blocks:
        cid = chrome[b.anc[-1]] if b.anc else -1
        if cid >= 0:
            label = in_chrome.get(cid)
            if label is None:
                c = containers[cid]
                names = f"{c.element.get('class') or ''} {c.element.get('id') or ''}".split()
                hint = f"<{c.tag}{'.' + names[0] if names else ''}>"
                category = c.category or Category.BOILERPLATE  # (chrome has a category)
                label = in_chrome[cid] = Label(Klass.BAD, category, f"in {hint[:40]}",
                                               hard=True)
            out[b.index] = label
        elif b.links and (b.link_density >= LINK_DENSITY_HARD or (
                b.kind == "list-item" and b.link_density >= LINK_DENSITY_BAD)):
            out[b.index] = Label(Klass.BAD, Category.NAVIGATION,
                                 f"link density {b.link_density:.2f}", hard=True)
    return out


def revise_labels(
    blocks: list[HtmlBlock], labels: list[Label], chosen: set[int], confirmed: set[int]
) -> None:
    """Fold the DOM's priors into the shared classifier's labels, in place."""
    for i, (b, label) in enumerate(zip(blocks, labels, strict=True)):
        if label.hard:
            continue
        density = b.link_density
        inside = b.in_article
        limit = LINK_DENSITY_HARD if inside and b.kind == "paragraph" else LINK_DENSITY_BAD
        if density >= limit and b.links and b.index not in confirmed:
            hard = density >= LINK_DENSITY_HARD or b.kind == "list-item"
            labels[i] = Label(Klass.BAD, Category.NAVIGATION,
                              f"link density {density:.2f}", hard=hard)
            continue
        if b.index in confirmed:
            labels[i] = Label(Klass.GOOD, Category.CONTENT, "in JSON-LD articleBody")
            continue
        if not chosen:
            continue
        if inside:
            if b.kind == "heading" and label.klass is Klass.BAD:
                labels[i] = Label(Klass.SHORT, label.category, label.reason + ", heading")
            elif (label.klass is Klass.SHORT and b.kind != "heading"
                  and not b.links):
                labels[i] = Label(Klass.NEARGOOD, Category.CONTENT,
                                  label.reason + ", inside the article container")
        elif label.klass is Klass.BAD:
            labels[i] = Label(Klass.BAD, label.category,
                              label.reason + ", outside the article container", hard=True)
