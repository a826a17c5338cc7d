"""The sentence classifier that marks reported speech the rules do not parse."""

import json

from scorer.evidence import Extractor
from scorer.model import default_model_dir
from scorer.reported import SENTENCE_MODEL_FILE, SentenceModel, fit_sentence_model, load_sentence_model, sentence_features
from scorer.segment import segment


def _sentences(text):
    ex = Extractor(None)
    return ex, list(ex._sentences(segment(text)))


def test_shipped_model_loads_and_is_a_probability():
    m = load_sentence_model()
    assert m is not None and len(m.weights) > 1000
    ex, sents = _sentences("Okafor charges that the council hid the true cost of the levy from voters.")
    p = m.sentence_probability(sents[0].low, sents[0].inside, ex.cues)
    assert 0.0 < p < 1.0


def test_direct_scoring_equals_the_feature_list():
    m = load_sentence_model()
    ex, sents = _sentences(
        'Okafor charges that the council hid the cost. "We were never told," she said. The pier, built in 1902, '
        "reopened on Monday? Residents are expected to vote on 12 May."
    )
    for s in sents:
        assert abs(m.probability(sentence_features(s.low, s.inside, ex.cues)) - m.sentence_probability(s.low, s.inside, ex.cues)) < 1e-12


def test_classifier_marks_a_charge_the_rules_miss_and_leaves_plain_facts():
    text = "Okafor charges that the council hid the true cost of the levy from voters."
    seg = segment(text)
    assert len(Extractor(None).extract(seg).assertions) == 1  # the rules alone see a bare claim
    assert Extractor().extract(seg).assertions == ()  # the classifier reads it as Okafor's charge
    fact = segment("The bridge reopened to traffic on Monday after six weeks of repairs.")
    assert len(Extractor().extract(fact).assertions) == 1


def test_fit_learns_from_features_and_round_trips(tmp_path):
    rows = [["w:said", "lemma:say"], ["w:bridge", "w:opened"], ["w:claims", "lemma:claim"], ["w:river", "w:rose"]] * 5
    labels = [True, False, True, False] * 5
    m = fit_sentence_model(rows, labels)
    assert m.probability(["w:said", "lemma:say"]) > 0.5 > m.probability(["w:bridge", "w:opened"])
    path = tmp_path / SENTENCE_MODEL_FILE
    path.write_text(json.dumps(m.to_dict({"note": "test"})))
    back = load_sentence_model(str(path))
    assert back == SentenceModel(m.weights, m.bias, m.threshold)


def test_sidecar_records_the_shipped_sentence_model():
    from scorer.model import file_sha256

    meta = json.loads((default_model_dir() / "scorer.json").read_text())
    assert meta["sentence_model"]["sha256"] == file_sha256(default_model_dir() / SENTENCE_MODEL_FILE)
    held = meta["sentence_model"]
    assert held["heldout_with_classifier"]["recall"] > held["heldout_rules_only"]["recall"]
