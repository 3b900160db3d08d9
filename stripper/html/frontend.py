"""HTML pages: structure-aware extraction on the shared block model and stages.

    decode (BOM, <meta charset>, detection) → parse (lxml, guarded) → page info
    (JSON-LD, microdata, <meta>) → DOM → blocks → features → shared labels, revised
    with the DOM's priors (chrome containers, link density, the article's container,
    JSON-LD articleBody) → shared article selection → metadata from <head> first.

Blocks inside chrome containers outside the article are labelled by the DOM alone
and skip the shared rule matcher, which is most of the work for a text dump.
"""

from __future__ import annotations

from stripper.classify import label_blocks
from stripper.emit import clean_text
from stripper.features import measure, measure_blocks, tokens
from stripper.html.parse import PageTooLarge, parse
from stripper.html.score import (
    body_matches,
    find_container,
    mark_article,
    prelabel,
    revise_labels,
    sizes,
)
from stripper.html.structured import read_page_info, text_value
from stripper.language import detect_language, stopwords_for
from stripper.metadata.html import describe_html, page_language
from stripper.model import Category, Features, HtmlBlock, HtmlMetadata, Klass, Result, Verdict
from stripper.rules import Rule, host_of
from stripper.segment.html import lay_out, segment_dom
from stripper.select import pick_article

__all__ = ["PageTooLarge", "extract_html"]

FALLBACK_BODY_WORDS = 60  # JSON-LD articleBody shown when the visible page gave nothing
LANGUAGE_SAMPLE_BLOCKS = 12
LANGUAGE_SAMPLE_CHARS = 1500
MIN_SHORT_ARTICLE_WORDS = 15
SENTENCE_WORDS = 10  # a paragraph this long that ends like a sentence
LINK_DENSITY_SENTENCE = 0.2
DECLARED_STOPWORDS = 0.3  # share of a sample's words: the declared language is right


def extract_html(
    markup: str, *, encoding: str | None, url: str | None, rules: list[Rule],
    language: str | None,
) -> Result:
    root = parse(markup)
    if root is None:
        return Result(text="", metadata=HtmlMetadata(language=language, url=url), blocks=[],
                      kind="html", encoding=encoding)
    info = read_page_info(root)
    blocks, containers = segment_dom(root)
    paths: dict = {}
    for block in blocks:  # paths are written out when read (see HtmlBlock.path)
        if block.anc:
            block.element, block.paths = containers[block.anc[-1]].element, paths
    lay_out(blocks)
    body = text_value(info.ld.get("articleBody") or info.ld.get("text")) if info.ld else None
    confirmed = body_matches(blocks, body)
    totals = sizes(blocks, containers)
    chosen = find_container(blocks, containers, confirmed, totals)
    mark_article(blocks, containers, chosen)
    known = prelabel(blocks, containers, chosen, totals)
    live = [b for b in blocks if b.index not in known]
    language = language or _language(live, chosen, info)
    stopwords = stopwords_for(language)
    measure_blocks(live, stopwords)
    for b in blocks:
        if b.index in known:  # labelled by the DOM: cheap counts are enough
            b.features = Features(chars=len(b.text), words=len(b.text.split()),
                                  key=b.text.casefold())
    host = host_of(url)
    applicable = [r for r in rules if r.applies_to(language, host)]
    live_labels = label_blocks(live, applicable, stopwords_available=stopwords.available)
    by_index = dict(zip((b.index for b in live), live_labels, strict=True))
    labels = [known.get(b.index) or by_index[b.index] for b in blocks]
    revise_labels(blocks, labels, chosen, confirmed)
    pick_article(blocks, labels)
    if chosen and any(b.kept for b in blocks):
        _keep_container_text(blocks, labels, chosen)
        _keep_lead(blocks, known, stopwords)
    if not any(b.kept for b in blocks) and chosen and _is_article_page(info, root):
        _keep_container(blocks, labels, chosen)
    if not any(b.kept for b in blocks) and body and len(body.split()) >= FALLBACK_BODY_WORDS:
        _append_body(blocks, body)
    visible_title = _visible_title(blocks, chosen)
    metadata = describe_html(blocks, info, language=language, url=url,
                             visible_title=visible_title, time_stamps=_times(root))
    return Result(text=clean_text(blocks), metadata=metadata, blocks=blocks, kind="html",
                  encoding=encoding)


def _keep_container_text(blocks: list[HtmlBlock], labels: list, chosen: set[int]) -> None:
    """Paragraphs of the article's container that the run-based selection left out
    (split off by an embed, a gallery or an inline box) are the article's too; weaker
    blocks there when they touch kept text or read as a sentence of some length."""
    def candidate(b: HtmlBlock, klasses: tuple) -> bool:
        label = labels[b.index]
        return (not b.kept and not label.hard and label.klass in klasses
                and b.category is not Category.RELATED_LIST and b.in_article)

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
    first = next(b.index for b in blocks if b.kept)
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
        lead, lead.features = leads[0]
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
    first_kept = next((b.index for b in blocks if b.kept), len(blocks))
    inside = [b for b in h1 if b.in_article]
    before = [b for b in h1 if b.index <= first_kept]
    pick = (inside or before[-1:] or h1)[0]
    return pick.text.replace("\n", " ")


def _times(root) -> list[str]:
    out = []
    for el in root.iter("time"):
        value = el.get("datetime")
        if value:
            out.append(value.strip())
        if len(out) >= 3:
            break
    return out


def _append_body(blocks: list[HtmlBlock], body: str) -> None:
    """The page's JSON-LD articleBody, when the visible page has no article at all."""
    line = blocks[-1].end + 1 if blocks else 0
    for para in [p.strip() for p in body.split("\n") if p.strip()]:
        text = " ".join(para.split())
        block = HtmlBlock(index=len(blocks), text=text, start=line, end=line + 1,
                          kind="paragraph", path="script[@type='application/ld+json']/articleBody",
                          source_lines=[text], markdown=text)
        block.decide(Verdict.KEPT, Category.CONTENT, "JSON-LD articleBody")
        blocks.append(block)
        line += 2


