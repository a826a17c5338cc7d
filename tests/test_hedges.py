"""Hedges (scorer.evidence.hedges): numbered golden cases."""

import texts
from evidence_helpers import evidence


def test_14_epistemic_hedges():
    # 14) "allegedly", "reportedly", "may have" are hedges
    assert [h.text for h in evidence(texts.HEDGES).hedges] == ["allegedly", "reportedly", "may have"]


def test_15_month_permission_and_ability_are_not_hedges():
    # 15) "May" the month, "may" as permission, "could not" as inability
    assert evidence(texts.NOT_HEDGES).hedges == ()


def hedges_of(text):
    return [h.text for h in evidence(text).hedges]


def test_modal_before_a_subject_pronoun_is_a_question_or_a_wish():
    assert hedges_of("Could we fix the bridge by spring? Might I offer a suggestion. The bridge could close.") == ["could"]


def test_comparative_likely_is_a_rate_not_a_hedge():
    assert hedges_of("Older drivers were less likely to crash than younger ones.") == []
    assert hedges_of("Renters are more likely than owners to move.") == []
    # "more likely than not" and a plain "likely" stay hedges
    assert hedges_of("A delay is more likely than not.") == ["likely"]
    assert hedges_of("The council will likely vote in June.") == ["likely"]


def test_attributive_unlikely_means_surprising():
    assert hedges_of("The two towns formed an unlikely alliance.") == []
    assert hedges_of("The plan is unlikely to pass.") == ["unlikely"]


def test_evident_apparent_is_not_a_hedge():
    assert hedges_of("The damage became apparent at dawn. The mayor's heir apparent spoke.") == []
    assert hedges_of("The mayor made an apparent reference to the strike.") == ["apparent"]


def test_appear_as_showing_up_is_not_a_hedge():
    assert hedges_of("The mayor appeared on local radio and will appear before the council.") == []
    assert hedges_of("The mayor appeared Tuesday with Ms. Lee. She agreed to appear at the fair.") == []
    assert hedges_of("The mayor appeared unwilling to budge.") == ["appeared"]
    assert hedges_of("It appears that the pump failed.") == ["It appears"]


def test_possible_is_a_hedge_before_a_noun():
    assert hedges_of("Police are looking into a possible gas leak.") == ["possible"]
    assert hedges_of("Police are investigating possible fraud.") == ["possible"]
    assert hedges_of("Crews worked as fast as possible. It was not possible to reach them.") == []
    assert hedges_of("The storm came at the worst possible moment, the hardest possible test.") == []


def test_more_hedge_wording():
    text = ("An estimated 300 people came. The vote is seen as a test. Two men believed to be brothers left. "
            "It is unclear who paid. The suit, alleging fraud, was filed. The suspected arsonist fled.")
    assert hedges_of(text) == ["estimated", "is seen as", "believed to", "It is unclear", "alleging", "suspected"]


def test_named_estimates_purpose_and_counterfactual_could_are_not_hedges():
    assert hedges_of("The estimated cost is ten million dollars.") == []
    assert hedges_of("The estimated 40 people in line waited.") == ["estimated"]
    assert hedges_of("She left early so she could catch the train.") == []
    assert hedges_of('"If they had called, I could have helped," she said.') == []
    assert hedges_of("As its name suggests, the club meets at noon.") == []


def test_permission_subject_may_be_is_a_hedge():
    assert hedges_of("Residents may apply online.") == []
    assert hedges_of("Residents may be asked to leave.") == ["may"]


def test_could_still_is_epistemic():
    assert hedges_of("The deal could still collapse.") == ["could"]
