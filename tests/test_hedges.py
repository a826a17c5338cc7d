"""Hedges (scorer.evidence.hedges): numbered golden cases."""

import texts
from evidence_helpers import evidence


def test_14_epistemic_hedges():
    # 14) "allegedly", "reportedly", "may have" are hedges
    assert [h.text for h in evidence(texts.HEDGES).hedges] == ["allegedly", "reportedly", "may have"]


def test_15_month_permission_and_ability_are_not_hedges():
    # 15) "May" the month, "may" as permission, "could not" as inability
    assert evidence(texts.NOT_HEDGES).hedges == ()
