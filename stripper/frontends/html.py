"""HTML pages: the DOM's blocks and priors, as hooks of the shared pipeline.

    segment   parse (lxml, guarded) → page info (JSON-LD, microdata, <meta>) → DOM →
              blocks; the article's container; blocks in chrome containers outside it
              labelled by the DOM alone (they skip the rule matcher, most of a text
              dump's work — a `keep` rule still reaches them)
    language  the declared <html lang> when the text bears it out, else detection
    revise    link density, the article's container, JSON-LD articleBody
    repair    after selection: the container's split-off paragraphs, the lead, a photo
              story's captions, a short article, the JSON-LD body when the visible
              page had nothing
    describe  metadata from <head> first, then what the page shows
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from stripper.features import measure, tokens
from stripper.html.parse import PageTooLarge, parse
from stripper.html.repair import (
    drop_after_comments,
    holds_the_page,
    keep_standfirst,
    keep_story_captions,
    keep_structure,
)
from stripper.html.score import (
    body_matches,
    find_container,
    mark_article,
    prelabel,
    revise_labels,
    sizes,
)
from stripper.html.structured import read_page_info, written_body
from stripper.language import detect_language, stopwords_for
from stripper.metadata.html import describe_html, page_language
from stripper.model import KEPT as _KEPT
from stripper.model import (
    Block,
    Category,
    Container,
    HtmlBlock,
    HtmlMetadata,
    Klass,
    Label,
    Metadata,
    PageInfo,
    Segmented,
    Verdict,
)
from stripper.pipeline import BaseFrontEnd
from stripper.segment.html import lay_out, segment_dom

__all__ = ["HtmlFrontEnd", "PageTooLarge"]

FALLBACK_BODY_WORDS = 60  # JSON-LD text shown when the visible page gave nothing
LANGUAGE_SAMPLE_BLOCKS = 12
LANGUAGE_SAMPLE_CHARS = 1500
MIN_SHORT_ARTICLE_WORDS = 15
SENTENCE_WORDS = 10  # a paragraph this long that ends like a sentence
LINK_DENSITY_SENTENCE = 0.2
DECLARED_STOPWORDS = 0.3  # share of a sample's words: the declared language is right


@dataclass(slots=True)
class _Page:
    """What the HTML front end keeps of a page between its hooks."""

    root: etree._Element
    info: PageInfo
    containers: list[Container]
    chosen: set[int]
    confirmed: set[int]
    body: str | None
    known: dict[int, Label] = field(default_factory=dict)
    stamps: list[str] = field(default_factory=list)  # its <time> elements' datetimes


class HtmlFrontEnd(BaseFrontEnd):
    kind = "html"

    def segment(self, text: str) -> Segmented | None:
        root = parse(text)
        if root is None:
            return None
        info = read_page_info(root)
        stamps: list[str] = []
        blocks, containers = segment_dom(root, stamps)  # (each block holds its element)
        lay_out(blocks)
        body = written_body(info.ld)
        confirmed = body_matches(blocks, body)
        totals = sizes(blocks, containers)
        chosen = find_container(blocks, containers, confirmed, totals)
        inside = mark_article(blocks, containers, chosen)
        known = prelabel(blocks, containers, chosen, totals, inside)
        state = _Page(root, info, containers, chosen, confirmed, body, known, stamps)
        return Segmented(blocks=list(blocks), known=known, state=state)

    def language(self, page: Segmented, live: list[Block]) -> str | None:
        return _language(_html(live), page.state.chosen, page.state.info)

    def revise(self, page: Segmented, labels: list[Label]) -> None:
        revise_labels(_html(page.blocks), labels, page.state.chosen, page.state.confirmed)

    def repair(self, page: Segmented, labels: list[Label], stopwords) -> None:
        blocks, state = _html(page.blocks), page.state
        if state.chosen and any(b.verdict is _KEPT for b in blocks):
            _keep_container_text(blocks, labels, state.chosen)
            keep_structure(blocks, labels)  # code, tables, lists, headings between them
            keep_standfirst(blocks, labels)
            drop_after_comments(blocks, labels)
            _keep_lead(blocks, state.known, stopwords)
            keep_story_captions(blocks, state.containers, stopwords)
        if not any(b.verdict is _KEPT for b in blocks) and state.chosen and (_is_article_page(
                state.info, state.root) or holds_the_page(blocks)):
            _keep_container(blocks, labels, state.chosen)
        if not any(b.verdict is _KEPT for b in blocks) and state.body and len(
                state.body.split()) >= FALLBACK_BODY_WORDS:
            _append_body(blocks, state.body)  # (page.blocks is this list)

    def describe(self, page: Segmented, *, language: str | None, url: str | None) -> Metadata:
        blocks, state = _html(page.blocks), page.state
        return describe_html(page.blocks, state.info, language=language, url=url,
                             visible_title=_visible_title(blocks, state.chosen),
                             time_stamps=state.stamps)

    def empty_metadata(self, *, language: str | None, url: str | None) -> Metadata:
        return HtmlMetadata(language=language, url=url)


def _html(blocks: list) -> list[HtmlBlock]:
    """The front end's own blocks (its segmenter makes only HtmlBlocks)."""
    return blocks


def _keep_container_text(blocks: list[HtmlBlock], labels: list, chosen: set[int]) -> None:
    """Paragraphs of the article's container that the run-based selection left out
    (split off by an embed, a gallery or an inline box) are the article's too; weaker
    blocks there when they touch kept text or read as a sentence of some length."""
    def candidate(b: HtmlBlock, klasses: tuple) -> bool:
        if not b.in_article:  # (most blocks: asked first)
            return False
        label = labels[b.index]
        return (b.verdict is not _KEPT and not label.hard and label.klass in klasses
                and b.category is not Category.RELATED_LIST)

    for b in blocks:
        if candidate(b, (Klass.GOOD,)):
            b.decide(Verdict.KEPT, Category.CONTENT, "in the article's container")
    for b in blocks:
        if not candidate(b, (Klass.NEARGOOD,)):
            continue
        touching = any(0 <= j < len(blocks) and blocks[j].kept for j in (b.index - 1, b.index + 1))
        sentence = (b.features.words >= SENTENCE_WORDS and b.features.terminal_punct
                    and b.link_density < LINK_DENSITY_SENTENCE)
        if touching or sentence:
            b.decide(Verdict.KEPT, Category.CONTENT, "in the article's container, "
                     + ("by content" if touching else "a sentence"))


def _keep_lead(blocks: list[HtmlBlock], known: dict, stopwords) -> None:
    """The paragraph between the headline and the article's first kept block that a
    "teaser"-like class put among the related-story lists is the article's lead: news
    templates use the one word for both, but links to other stories are links, while a
    lead is prose. Kept only when it is the one such paragraph there."""
    first = next(b.index for b in blocks if b.verdict is _KEPT)
    top = max((b.index for b in blocks[:first] if b.level == 1), default=None)
    if top is None:
        return
    leads = []
    for b in blocks[top + 1:first]:
        label = known.get(b.index)
        if (label is None or label.category is not Category.RELATED_LIST  # (prelabel gives
                or b.link_density >= LINK_DENSITY_SENTENCE):  # it to chrome containers only)
            continue
        features = measure(b.text, stopwords)
        if features.words >= SENTENCE_WORDS and features.terminal_punct:
            leads.append((b, features))
    if len(leads) == 1:
        lead, features = leads[0]
        lead.features = features
        lead.decide(Verdict.KEPT, Category.CONTENT, "the article's lead, under its headline")


def _is_article_page(info, root) -> bool:
    """The page says it is one article: og:type, JSON-LD type, or a single <article>."""
    if info.meta.get("og:type", "").lower() == "article" or info.ld:
        return True
    return sum(1 for _ in root.iter("article")) == 1


def _keep_container(blocks: list[HtmlBlock], labels: list, chosen: set[int]) -> None:
    """A short article (no paragraph long enough for the shared selection) in a page that
    declares itself an article: keep its container's blocks that no rule or chrome removed."""
    inside = [b for b in blocks if b.in_article]
    keep = [b for b, lab in ((b, labels[b.index]) for b in inside)
            if not lab.hard and b.link_density < 0.5]
    if sum(b.features.words for b in keep) < MIN_SHORT_ARTICLE_WORDS:
        return
    for b in keep:
        b.decide(Verdict.KEPT, Category.CONTENT, "short article in its container")


def _language(blocks: list[HtmlBlock], chosen: set[int], info) -> str | None:
    """The page's declared language when its text bears it out, else detection.

    A declaration alone is not trusted (templates say `lang="en"` on pages in any
    language), but text whose stopwords are that language's is: that check costs a
    tenth of running the language identifier.
    """
    inside = [b for b in blocks if b.in_article] or blocks
    sample, size = [], 0
    for b in sorted(inside, key=lambda b: -len(b.text))[:LANGUAGE_SAMPLE_BLOCKS]:
        sample.append(b.text)
        size += len(b.text)
        if size >= LANGUAGE_SAMPLE_CHARS:
            break
    declared = page_language(info)
    if declared and stopwords_for(declared).ratio(tokens(" ".join(sample))) >= DECLARED_STOPWORDS:
        return declared
    return detect_language(sample) or declared


def _visible_title(blocks: list[HtmlBlock], chosen: set[int]) -> str | None:
    h1 = [b for b in blocks if b.level == 1]
    if not h1:
        return None
    first_kept = next((b.index for b in blocks if b.verdict is _KEPT), len(blocks))
    inside = [b for b in h1 if b.in_article]
    before = [b for b in h1 if b.index <= first_kept]
    pick = (inside or before[-1:] or h1)[0]
    return pick.text.replace("\n", " ")


def _append_body(blocks: list[HtmlBlock], body: str) -> None:
    """The text the page's JSON-LD writes (structured.written_body), when the visible page
    has no article at all."""
    line = blocks[-1].end + 1 if blocks else 0
    for para in [p.strip() for p in body.split("\n") if p.strip()]:
        text = " ".join(para.split())
        block = HtmlBlock(index=len(blocks), text=text, start=line, end=line + 1,
                          kind="paragraph", path="script[@type='application/ld+json']",
                          source_lines=[text], markdown=text)
        block.decide(Verdict.KEPT, Category.CONTENT, "the page's JSON-LD text")
        blocks.append(block)
        line += 2


