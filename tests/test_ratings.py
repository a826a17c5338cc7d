"""Ratings kept as ids and numbers: the consensus and the raters' mean counts."""

import pytest
from scorer.ratings import RATER_COUNTS, Rating, rated_articles


def _rating(rater, score, second_hand, share):
    return Rating(id="a1", domain="wikinews", group="wikinews", rater=rater, level=3, score=score, named_sources=4,
                  unnamed_sources=1, second_hand=second_hand, hedges=2, unsourced_share=share, reason="")


def test_mean_counts_are_the_first_rounds_mean():
    art = rated_articles([_rating("A", 50, 1, 0.2), _rating("B", 60, 3, 0.4)])["a1"]
    assert art.score == 55
    assert art.mean_count("second_hand") == 2.0
    assert art.mean_count("unsourced_share") == pytest.approx(0.3) == art.unsourced_share
    assert {k: art.mean_count(k) for k in RATER_COUNTS}["named_sources"] == 4.0


def test_a_name_that_is_no_count_is_refused():
    art = rated_articles([_rating("A", 50, 1, 0.2)])["a1"]
    with pytest.raises(ValueError):
        art.mean_count("score")
