"""What class and id names, tags and roles say about an element.

Knowledge kept as data: each token list maps to the category of what it marks.
Names are cut into tokens at spaces, `-`, `_` and camelCase humps, so `post-comments`
and `shareBar` match `comments` and `share`, but `shadow` does not match `ad`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from stripper.model import Category

# token → category of the chrome it marks
NEGATIVE_TOKENS: dict[str, Category] = {}
for _category, _tokens in (
    (Category.COMMENTS, "comment comments commentlist disqus respond replies discussion "
                        "kommentare kommentar comentarios commentaires"),
    (Category.FOOTER, "footer foot colophon copyright impressum legal"),
    (Category.NAVIGATION, "nav navbar navigation menu menubar topbar sidebar side aside "
                          "widget widgets rail skip pagination pager paging tags tagcloud "
                          "taglist keywords categories masthead toolbar jump toc"),
    (Category.BREADCRUMB, "breadcrumb breadcrumbs crumbs"),
    (Category.RELATED_LIST, "related recommended recommendations recommend popular trending "
                            "mostread teaser teasers more outbrain taboola similar "
                            "latest also readmore"),
    (Category.SHARE, "share sharing social sharebar socials follow print actions"),
    (Category.COOKIE, "cookie cookies consent gdpr cmp privacy"),
    (Category.NEWSLETTER, "newsletter subscribe subscription signup"),
    (Category.ADS, "ad ads advert advertisement adv banner sponsor sponsored promo "
                   "promotion commercial anzeige werbung"),
    (Category.BYLINE, "byline author authors user username userinfo attribution meta"),
    (Category.TIMESTAMP, "date dateline timestamp"),
    (Category.LOGIN, "login signin register"),
    (Category.BOILERPLATE, "caption figcaption credit credits disclaimer modal popup signature "
                           "overlay dialog"),
):
    for _token in _tokens.split():
        NEGATIVE_TOKENS[_token] = _category

POSITIVE_TOKENS = frozenset((
    "article", "articlebody", "articletext", "content", "entry", "entrycontent", "post",
    "postbody", "postcontent", "story", "storybody", "body", "main", "blog", "prose",
    "richtext", "maincontent", "hentry", "artikel",
    "beitrag", "inhalt", "contenido",
))
# A positive compound found whole wins over a negative token beside it
# ("article-body" in "article-body comments-disabled").
STRONG_POSITIVE = re.compile(
    r"article[-_]?(?:body|text|content)|entry[-_]?content|post[-_]?(?:body|content|text)|"
    r"story[-_]?(?:body|content)|articlebody|main[-_]?content|rich[-_]?text",
)  # searched in lowercased names: IGNORECASE costs more than lower()
MAX_WEIGHT = 50
LIVE_TOKENS = frozenset(("live", "liveblog", "liveticker", "ticker", "minute", "commentary"))
HIDDEN_TOKENS = frozenset((
    "hidden", "hide", "sr-only", "visually-hidden", "screen-reader-text",
    "d-none", "invisible",
))
# Parts of HIDDEN_TOKENS: a class holding none of them hides nothing.
HIDDEN_CLASS_PARTS = ("hid", "none", "only", "invisible", "screen-reader")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")

# Tags that are chrome by themselves, wherever they are not the article.
TAG_CATEGORY = {
    "nav": Category.NAVIGATION,
    "footer": Category.FOOTER,
    "aside": Category.NAVIGATION,
    "form": Category.COMMENT_FORM,
    "figcaption": Category.BOILERPLATE,
}
ROLE_CATEGORY = {
    "navigation": Category.NAVIGATION,
    "contentinfo": Category.FOOTER,
    "complementary": Category.NAVIGATION,
    "banner": Category.NAVIGATION,
    "search": Category.NAVIGATION,
    "dialog": Category.COOKIE,
    "alertdialog": Category.COOKIE,
}


def tokens(names: str) -> list[str]:
    """Split at spaces, `_ - : . /` and camelCase humps; lowercased."""
    out: list[str] = []
    for part in _words(names):
        if part.islower() or part.isupper():  # no hump to split at
            out.append(part.lower())
        else:
            out.extend(t.lower() for t in _HUMP.split(part) if t)
    return out


def is_hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    cls = el.get("class")
    if not cls:
        return False
    names = cls.lower().split()
    # "hidden lg:flex", "d-none d-md-block": hidden only on some screens
    return (not HIDDEN_TOKENS.isdisjoint(names)
            and not any(":" in t or (t.startswith("d-") and t != "d-none") for t in names))


def judge(tag: str, names: str, role: str | None) -> tuple[Category | None, int]:
    """(chrome category or None, positive weight) of an element; `names` are its class
    and id."""
    return _combine(tag, role, _summary(names))


def judge_element(tag: str, class_: str | None, id_: str | None,
                  role: str | None) -> tuple[Category | None, int]:
    """`judge` with class and id apart: a page repeats its classes but not its ids, so
    each is summarised (and cached) on its own; the result is the same."""
    a = _summary(class_) if class_ else _NOTHING
    b = _summary(id_) if id_ else _NOTHING
    if b is not _NOTHING:
        a = b if a is _NOTHING else (a[0] or b[0], a[1] or b[1], a[2] or b[2])
    if a is _NOTHING and not role and tag not in TAG_CATEGORY:
        return _NO_JUDGEMENT
    return _combine(tag, role, a)


def names_anything(names: str | None) -> bool:
    """Whether class or id `names` say anything (a chrome or article token, a strong
    compound); most ids say nothing, and a page's judgements are cached without them."""
    return bool(names) and _summary(names) is not _NOTHING


_NOTHING: tuple[bool, Category | None, bool] = (False, None, False)
_NO_JUDGEMENT: tuple[Category | None, int] = (None, 0)
_KNOWN_TOKENS = frozenset(NEGATIVE_TOKENS.keys() | POSITIVE_TOKENS)


def _words(names: str) -> list[str]:
    """`names` cut at spaces and `_ - : . /` (a chain of replace() calls is faster than
    translate() on names this short)."""
    return names.replace("_", " ").replace("-", " ").replace(":", " ").replace(
        ".", " ").replace("/", " ").split()


@lru_cache(maxsize=8192)
def _summary(names: str) -> tuple[bool, Category | None, bool]:
    """(a strong positive compound, the first chrome token's category, a positive token);
    `_NOTHING` itself when the names say nothing."""
    if not names:
        return _NOTHING
    lowered = names.lower()
    # every strong compound holds one of these words: most names skip the search
    if ("post" in lowered or "article" in lowered or "main" in lowered
            or "entry" in lowered or "story" in lowered or "rich" in lowered) \
            and STRONG_POSITIVE.search(lowered):
        return True, None, False
    # names without capitals have no humps to split at: their tokens are their words
    # (with capitals: `tokens`, but cut at every hump in one pass)
    parts = _words(lowered if lowered == names else _HUMP.sub(" ", names).lower())
    if _KNOWN_TOKENS.isdisjoint(parts):  # most layout names ("row", "col-md-8", "x7f3k")
        return _NOTHING
    found = None
    positive = False
    live = LIVE_TOKENS.intersection(parts)
    for token in parts:
        if found is None and token in NEGATIVE_TOKENS:
            if live and NEGATIVE_TOKENS[token] is Category.COMMENTS:
                continue  # a live blog's or match's "comments" are its reporters' posts
            found = NEGATIVE_TOKENS[token]
        elif token in POSITIVE_TOKENS:
            positive = True
    if found is None and not positive:
        return _NOTHING
    return False, found, positive


def _combine(tag: str, role: str | None,
             summary: tuple[bool, Category | None, bool]) -> tuple[Category | None, int]:
    weight = 0
    category = TAG_CATEGORY.get(tag)
    if role:
        category = ROLE_CATEGORY.get(role.lower(), category)
        if role.lower() in ("main", "article"):
            weight += 25
    strong, found, positive = summary
    if strong:
        return None, min(weight + 40, MAX_WEIGHT)
    if positive:
        weight += 25
    if found is not None:
        if weight:  # "post-footer", "content-sidebar": the chrome word decides
            weight = 0
        category = category or found
        weight -= 25
    return category, min(weight, MAX_WEIGHT)
