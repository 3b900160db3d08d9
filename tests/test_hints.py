"""What class and id names say about an element."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stripper.html import hints
from stripper.model import Category


@pytest.mark.parametrize("names, expected", [
    ("post-comments", ["post", "comments"]),
    ("shareBar", ["share", "bar"]),
    ("main_content.wrapper:hover/x", ["main", "content", "wrapper", "hover", "x"]),
    ("HEADER navBar2 ABCdef", ["header", "nav", "bar2", "abcdef"]),
    ("  rail\tside\n", ["rail", "side"]),
    ("", []),
])
def test_tokens(names, expected):
    assert hints.tokens(names) == expected


@pytest.mark.parametrize("tag, names, role, expected", [
    ("div", "shadow", None, (None, 0)),  # "ad" is a token, not a substring
    ("div", "article-body comments-disabled", None, (None, 40)),  # strong positive wins
    ("div", "ArticleBody", None, (None, 40)),
    ("div", "post-footer", None, (Category.FOOTER, -25)),  # chrome word decides
    ("div", "entry", None, (None, 25)),
    ("nav", "", None, (Category.NAVIGATION, 0)),
    ("div", "wrapper", "main", (None, 25)),
    ("div", "sidebar", "contentinfo", (Category.FOOTER, -25)),
    # a live blog's or match's "comments" are its reporters' posts; elsewhere readers'
    ("div", "live-match-comment-body", None, (None, 25)),
    ("div", "liveblogComment", None, (None, 0)),
    ("div", "match-comment-body", None, (Category.COMMENTS, -25)),
    ("div", "live-comment sidebar", None, (Category.NAVIGATION, -25)),
])
def test_judge(tag, names, role, expected):
    assert hints.judge(tag, names, role) == expected


@pytest.mark.parametrize("class_, id_", [
    ("menu-item", "post-123"), ("content", "comments"), ("story-body", "sidebar"),
    (None, "respond"), ("share", None), (None, None), ("Hidden-xs teaser", "main-content"),
])
def test_class_and_id_apart_equal_together(class_, id_):
    together = f"{class_ or ''} {id_ or ''}".strip()
    for tag in ("div", "aside", "article"):
        assert hints.judge_element(tag, class_, id_, None) == hints.judge(tag, together, None)


def test_hidden_class_parts_cover_every_hidden_token():
    """The one search over all class names looks for these parts only."""
    for token in hints.HIDDEN_TOKENS:
        assert any(part in token for part in hints.HIDDEN_CLASS_PARTS), token


_KNOWN = sorted(hints.NEGATIVE_TOKENS.keys() | hints.POSITIVE_TOKENS)
_PARTS = st.one_of(st.sampled_from(_KNOWN), st.sampled_from(_KNOWN).map(str.title),
                   st.sampled_from(["x", "row", "col", "K", "İ", "wrap", "er", "2", "Σ"]))
_NAMES = st.lists(st.tuples(_PARTS, st.sampled_from(["", " ", "-", "_", ":", "."])),
                  max_size=6).map(lambda pairs: "".join(p + sep for p, sep in pairs))


def _summary_by_tokens(names):
    """What _summary says, reading every token (no shortcut for names without one)."""
    if names and hints.STRONG_POSITIVE.search(names.lower()):
        return True, None, False
    found, positive = None, False
    live = hints.LIVE_TOKENS.intersection(hints.tokens(names))
    for token in hints.tokens(names):
        if found is None and token in hints.NEGATIVE_TOKENS:
            if live and hints.NEGATIVE_TOKENS[token] is Category.COMMENTS:
                continue
            found = hints.NEGATIVE_TOKENS[token]
        elif token in hints.POSITIVE_TOKENS:
            positive = True
    return False, found, positive


@given(_NAMES)
def test_summary_shortcut_changes_nothing(names):
    assert hints._summary.__wrapped__(names) == _summary_by_tokens(names)


@pytest.mark.parametrize("token", _KNOWN)
def test_summary_shortcut_sees_every_token(token):
    for names in (token, f"x-{token.title()}", f"row {token.upper()}_2"):
        assert hints._summary.__wrapped__(names) == _summary_by_tokens(names)


@given(_NAMES)
def test_names_anything_is_whether_the_summary_says_something(names):
    """The DOM walk keys its judgements without ids that say nothing."""
    assert hints.names_anything(names) == (_summary_by_tokens(names) != (False, None, False))
