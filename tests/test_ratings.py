"""Ratings kept as ids and numbers: the consensus and the raters' mean counts."""

import pytest

from conftest import ROOT
from scorer.ratings import RATER_COUNTS, RATINGS_FILE, Rating, rated_articles, read_ratings

DATA = ROOT / "training_data"


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


def test_claims_pilot_labels_are_whole_and_apart_from_the_measured_sets():
    import json

    from scorer.sentence_labels import read_labels

    rated = rated_articles(read_ratings(DATA / "ratings" / RATINGS_FILE))
    labelled = read_labels(DATA / "sentences")
    with open(DATA / "claims_pilot" / "labels.jsonl", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    assert len(docs) == 30 and len({d["id"] for d in docs}) == 30
    for d in docs:
        assert rated[d["id"]].domain == "polnear-train" and d["id"] not in labelled
        starts = [s for s, _ in d["units"]]
        assert starts == sorted(starts) and all(s < e for s, e in d["units"])
        for who in ("A", "B"):
            assert len(d["labels"][who]) == len(d["units"])
            assert set(d["labels"][who]) <= {"residue", "sourced", "unsourced", "context"}
