"""The feature vector: names in the model's order, values that mean what their names say."""

import math

import pytest
from scorer.claims import with_claims
from scorer.features import FEATURE_LABELS, FEATURE_NAMES, featurize
from scorer.model import load_bundle
from scorer.segment import segment
from scorer.types import SOURCE_TYPES

SOURCED = ("The council approved the budget on Monday, the mayor said. According to a council report, "
           "the budget rises by 4 percent. \u201cWe kept every library open,\u201d said Ines Duarte, the treasurer.")
OPINION = ("I think we have all been fooled. The so-called reform is a sham that nobody asked for. "
           "Who really believes this will work? We deserve better than this disgraceful plan.")


def features(text):
    bundle = load_bundle()
    seg = segment(text)
    from scorer.evidence import ExtractionWeights, Extractor

    ev = Extractor(ExtractionWeights(bundle.sentence_model, bundle.cue_model, bundle.stance_model)).extract(seg)
    ev, probs = with_claims(seg, ev, bundle.readers.claims)
    return dict(zip(FEATURE_NAMES, featurize(seg, ev, bundle.readers, claim_probabilities=probs)))


def test_every_feature_has_a_label_and_the_sidecar_order():
    import json

    from scorer.model import default_model_dir

    assert all(n in FEATURE_LABELS for n in FEATURE_NAMES)
    assert json.loads((default_model_dir() / "scorer.json").read_text())["feature_names"] == list(FEATURE_NAMES)


def test_shares_of_source_types_sum_to_one_when_there_are_attributions():
    f = features(SOURCED)
    assert math.isclose(sum(f[f"share_{t}"] for t in SOURCE_TYPES), 1.0)
    assert f["attributions_per_sentence"] >= 1.0


@pytest.mark.parametrize("name", ["first_person_rate", "loaded_rate", "question_share", "own_voice_share",
                                  "unsourced_claim_share"])
def test_opinion_wording_shows_in_the_own_voice_features(name):
    assert features(OPINION)[name] > features(SOURCED)[name]


def test_sourced_text_has_more_sourcing():
    a, b = features(SOURCED), features(OPINION)
    assert a["attributed_sentence_share"] > b["attributed_sentence_share"]
    assert a["distinct_named_sources"] > b["distinct_named_sources"]
    assert 0.0 <= a["wording"] <= 100.0 and 0.0 <= b["wording"] <= 100.0


def test_features_are_deterministic():
    assert features(SOURCED) == features(SOURCED)
