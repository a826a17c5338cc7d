"""The learned parts of the extractor: the sentence classifier and the cue classifier."""

import json

from scorer.evidence import Extractor
from scorer.model import default_model_dir
from scorer.learned import (
    CUE_MODEL_FILE,
    SENTENCE_MODEL_FILE,
    LinearModel,
    SentenceModel,
    fit_linear,
    load_cue_model,
    load_sentence_model,
    sentence_features,
)
from scorer.segment import segment


def _sentences(text):
    ex = Extractor(None, None)
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
    assert len(Extractor(None, None).extract(seg).assertions) == 1  # the rules alone see a bare claim
    assert Extractor().extract(seg).assertions == ()  # the classifier reads it as Okafor's charge
    fact = segment("The bridge reopened to traffic on Monday after six weeks of repairs.")
    assert len(Extractor().extract(fact).assertions) == 1


def test_fit_learns_from_features_and_round_trips(tmp_path):
    rows = [["w:said", "lemma:say"], ["w:bridge", "w:opened"], ["w:claims", "lemma:claim"], ["w:river", "w:rose"]] * 5
    labels = [True, False, True, False] * 5
    m = fit_linear(rows, labels, SentenceModel)
    assert m.probability(["w:said", "lemma:say"]) > 0.5 > m.probability(["w:bridge", "w:opened"])
    path = tmp_path / SENTENCE_MODEL_FILE
    path.write_text(json.dumps(m.to_dict({"note": "test"})))
    back = load_sentence_model(str(path))
    assert back == SentenceModel(m.weights, m.bias, m.threshold)


def test_sidecar_records_the_shipped_learned_parts():
    from scorer.model import file_sha256

    meta = json.loads((default_model_dir() / "scorer.json").read_text())
    for key, name in (("sentence_model", SENTENCE_MODEL_FILE), ("cue_model", CUE_MODEL_FILE)):
        assert meta[key]["sha256"] == file_sha256(default_model_dir() / name)
        held = meta[key]
        assert held["heldout_with_classifier"]["recall"] > held["heldout_rules_only"]["recall"]
    cue = meta["cue_model"]
    assert cue["heldout_with_classifier"]["f1"] > cue["heldout_rules_only"]["f1"]


def test_cue_classifier_rescues_a_cue_the_rules_turn_down():
    # "Residents who have fled ... describe": the rules find no typed subject right before the verb
    m = load_cue_model()
    assert isinstance(m, LinearModel) and len(m.weights) > 100
    text = "Residents who have fled to the coast describe armed men who speak a different dialect."
    assert Extractor(None, None).extract(segment(text)).attributions == ()
    (a,) = Extractor().extract(segment(text)).attributions
    assert a.cue.text == "describe" and a.source.text == "Residents" and a.source_type == "vague"
    # a cue word used as a noun stays turned down
    assert Extractor().extract(segment("The support for the plan was thin all year.")).attributions == ()


def test_turned_down_cue_words_are_collected_with_features():
    ex = Extractor(None, None)
    ex.turned_down = []
    ex.extract(segment("Residents who have fled to the coast describe armed men in the hills."))
    (feats,) = [f for _, _, f in ex.turned_down]
    assert "lw:describe" in feats and "ctx:other" in feats and "subj:vague" in feats
    # nouns, infinitives and negations never reach the classifier
    ex.turned_down = []
    ex.extract(segment("The support for the plan was thin, and she did not want to say more."))
    assert ex.turned_down == []


def test_cue_scoring_from_weights_agrees_with_the_feature_list(example_text):
    # the run-time path sums weights without building feature names; it must decide alike
    m = load_cue_model()
    ex = Extractor(None, None)
    seg = segment(example_text + " Residents who have fled to the coast describe armed men. Some claim the pier is unsafe.")
    checked = 0
    for s in ex._sentences(seg):
        for i, w in enumerate(s.low):
            if w not in ex.cues or s.inside[i]:
                continue
            feats, src = ex._cue_candidate(s, i)
            _, fused_src = ex._cue_candidate(s, i, m)
            assert (fused_src is not None) == (src is not None and m.accepts(feats))
            checked += 1
    assert checked > 10
