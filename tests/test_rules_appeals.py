"""Long chrome that reads like prose: donation appeals and joined share-button runs."""

from __future__ import annotations

import pytest
from conftest import EN_PARAGRAPHS, strip_text

from stripper.rules import load_rules

RULES = {r.id: r for r in load_rules()}

# An appeal of the kind a news site puts under its articles: far over the 45 words
# promo.support looks at, with several cues (an ask, and why the outlet needs it).
APPEAL = (
    "Before you close this page, a word about how the Riverside Courier works. We are a "
    "small independent newsroom with no wealthy owner behind us, and we have never put "
    "our reporting behind a paywall, because we think everyone in the county should be "
    "able to read what their council decides. That is only possible because we rely on "
    "readers like you. If you value what we do, please consider becoming a member: it "
    "takes two minutes and costs as little as $4 a month."
)

# An article paragraph about journalism funding: one cue ("support local journalism")
# among ordinary reporting, which must stay.
FUNDING_ARTICLE = (
    "The state senate passed a bill on Thursday that sets aside two million dollars to "
    "support local journalism in rural counties, where a third of the weekly papers have "
    "closed since 2010. Supporters said the grants would pay for reporters at city hall "
    "and the courts; critics warned that money from the government could make editors "
    "wary of reporting on the officials who decide how it is shared out next year."
)

SHARE_RUN = (
    "Share this story on Facebook facebook Share this story on X x Send this story to a "
    "friend via email email Share this story on LinkedIn linkedin Share this story via "
    "WhatsApp whatsapp Copy link"
)

SHARE_ARTICLE = (
    "The fire service asked residents to share the warning on Facebook and WhatsApp with "
    "neighbours who do not follow the news, after two houses on the same street burned down."
)


def _page(*extra: str) -> str:
    return "\n\n".join(EN_PARAGRAPHS[:2] + list(extra) + EN_PARAGRAPHS[2:])


def _block(result, text):
    return next(b for b in result.blocks if b.text == text)


def test_long_appeal_is_removed_by_rule():
    result = strip_text(_page(APPEAL))
    block = _block(result, APPEAL)
    assert not block.kept
    assert block.reason == "rule promo.appeal.en"
    assert EN_PARAGRAPHS[0] in result.text


def test_article_paragraph_with_one_funding_cue_is_kept():
    result = strip_text(_page(FUNDING_ARTICLE))
    assert _block(result, FUNDING_ARTICLE).kept
    assert FUNDING_ARTICLE in result.text


def test_share_run_joined_into_one_block_is_removed():
    result = strip_text(_page(SHARE_RUN))
    block = _block(result, SHARE_RUN)
    assert not block.kept
    assert block.reason == "rule share.run"


def test_sentence_naming_networks_is_kept():
    result = strip_text(_page(SHARE_ARTICLE))
    assert _block(result, SHARE_ARTICLE).kept


@pytest.mark.parametrize("text", [
    "Facciamo informazione indipendente e senza pubblicità: sostienici.",
    "Notre rédaction est indépendante et sans publicité : soutenez-nous, faites un don.",
    "Hazte socio: tu apoyo hace posible este periodismo independiente.",
    "Мы работаем без рекламы. Поддержите нас!",
])
def test_appeals_in_other_languages(text):
    assert any(rule.pattern.search(text) for rid, rule in RULES.items()
               if rid.startswith("promo.appeal."))


@pytest.mark.parametrize("text", [
    "De stichting vraagt om een donatie voor het nieuwe dak van de kerk.",
    "Le maire a promis de soutenir la presse locale lors de son discours.",
    "El club pidió a sus socios que hicieran una donación para el nuevo estadio.",
])
def test_one_cue_in_other_languages_is_no_appeal(text):
    assert not any(rule.pattern.search(text) for rid, rule in RULES.items()
                   if rid.startswith("promo.appeal."))


def test_share_run_and_appeal_are_matched_the_same_with_and_without_prefilter():
    from stripper.rules.matcher import Matcher

    rules = [RULES["share.run"], *(r for rid, r in RULES.items()
                                   if rid.startswith("promo.appeal."))]
    items = [(t, len(t.split())) for t in
             [SHARE_RUN, SHARE_ARTICLE, APPEAL, FUNDING_ARTICLE, *EN_PARAGRAPHS]]
    fast = Matcher(rules).first_matches(items)
    slow = Matcher(rules, prefilter=False).first_matches(items)
    assert [r and r.id for r in fast] == [r and r.id for r in slow]
    assert [r and r.id for r in fast][:4] == ["share.run", None, "promo.appeal.en", None]
