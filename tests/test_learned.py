"""The learned parts of the extractor: the sentence classifier, the cue classifier and the stance tagger."""

import json
import shutil
from dataclasses import replace

import pytest

from conftest import ROOT
from scorer import lexicon
from scorer.evidence import Collector, ExtractionWeights, Extractor, default_extractor
from scorer.evidence.learned_cues import CueClassifier, StanceTagger, cue_features
from scorer.evidence.sentences import read_sentences
from scorer.model import default_model_dir
from scorer.learned import (
    CUE_MODEL_FILE,
    SENTENCE_MODEL_FILE,
    STANCE_MODEL_FILE,
    CueModel,
    LinearModel,
    SentenceModel,
    fit_linear,
    load_cue_model,
    load_sentence_model,
    load_stance_model,
    sentence_features,
)
from scorer.segment import segment


RULES_ONLY = Extractor(ExtractionWeights.rules_only())
# the shipped sentence and cue classifiers, no stance tagger
NO_TAGGER = Extractor(replace(ExtractionWeights.shipped(), stance=None))


def _sentences(text):
    return lexicon.cue_forms(), read_sentences(segment(text))


def test_shipped_model_loads_and_is_a_probability():
    m = load_sentence_model()
    assert m is not None and len(m.weights) > 1000
    cues, sents = _sentences("Okafor charges that the council hid the true cost of the levy from voters.")
    p = m.sentence_probability(sents[0].low, sents[0].inside, cues)
    assert 0.0 < p < 1.0


def test_direct_scoring_equals_the_feature_list():
    m = load_sentence_model()
    cues, sents = _sentences(
        'Okafor charges that the council hid the cost. "We were never told," she said. The pier, built in 1902, '
        "reopened on Monday? Residents are expected to vote on 12 May."
    )
    for s in sents:
        assert abs(m.probability(sentence_features(s.low, s.inside, cues)) - m.sentence_probability(s.low, s.inside, cues)) < 1e-12


def test_classifier_marks_a_view_the_rules_miss_and_leaves_plain_facts():
    text = "Okafor spoke at the town hall on Monday. In her view, the levy was never needed."
    seg = segment(text)
    # The rules alone see a bare claim; the classifier reads it as Okafor's view.
    assert [a.sentence for a in RULES_ONLY.extract(seg).assertions] == [0, 1]
    ev = default_extractor().extract(seg)
    assert [a.sentence for a in ev.assertions] == [0] and 1 in ev.attributed_sentences
    fact = segment("The bridge reopened to traffic on Monday after six weeks of repairs.")
    assert len(default_extractor().extract(fact).assertions) == 1


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

    sidecar = json.loads((default_model_dir() / "scorer.json").read_text())
    meta = {}
    for key, name in (("sentence_model", SENTENCE_MODEL_FILE), ("cue_model", CUE_MODEL_FILE), ("stance_model", STANCE_MODEL_FILE)):
        assert sidecar["files"][name] == file_sha256(default_model_dir() / name)
        meta[key] = json.loads((default_model_dir() / name).read_text())
    stance = meta["stance_model"]
    assert stance["threshold"] in (0.5, 0.6, 0.7, 0.8) and stance["stance_layer"]["cues"] > 500
    with_tagger, without = stance["heldout_with_tagger"]["speech_and_stance_cues"], stance["heldout_without_tagger"]["speech_and_stance_cues"]
    assert with_tagger["recall"] > without["recall"] and with_tagger["f1"] > without["f1"]
    for key in ("sentence_model", "cue_model"):
        held = meta[key]
        assert held["heldout_with_classifier"]["recall"] > held["heldout_rules_only"]["recall"]
    cue = meta["cue_model"]
    assert cue["heldout_with_classifier"]["f1"] > cue["heldout_rules_only"]["f1"]


def test_cue_classifier_rescues_a_cue_the_rules_turn_down():
    # "Residents who have fled ... describe": the rules find no typed subject right before the verb
    m = load_cue_model()
    assert isinstance(m, LinearModel) and len(m.weights) > 100
    text = "Residents who have fled to the coast describe armed men who speak a different dialect."
    assert RULES_ONLY.extract(segment(text)).attributions == ()
    (a,) = default_extractor().extract(segment(text)).attributions
    assert a.cue.text == "describe" and a.source.text == "Residents" and a.source_type == "vague"
    # a cue word used as a noun stays turned down
    assert default_extractor().extract(segment("The support for the plan was thin all year.")).attributions == ()


def test_turned_down_cue_words_are_collected_with_features():
    collector = Collector.turned_down_cues()
    RULES_ONLY.extract(segment("Residents who have fled to the coast describe armed men in the hills."), collector)
    (feats,) = [f for _, _, f in collector.turned_down]
    assert "lw:describe" in feats and "ctx:other" in feats and "subj:vague" in feats
    # nouns, infinitives and negations never reach the classifier
    collector = Collector.turned_down_cues()
    RULES_ONLY.extract(segment("The support for the plan was thin, and she did not want to say more."), collector)
    assert collector.turned_down == []


def test_cue_scoring_from_weights_agrees_with_the_feature_list(example_text):
    # the run-time path sums weights without building feature names; it must decide alike
    m = load_cue_model()
    classifier = CueClassifier(m)
    cues = lexicon.cue_forms()
    seg = segment(example_text + " Residents who have fled to the coast describe armed men. Some claim the pier is unsafe.")
    checked = 0
    for s in read_sentences(seg):
        for i, w in enumerate(s.low):
            if w not in cues or s.inside[i]:
                continue
            feats, src = cue_features(s, i)
            fused_src = classifier.accepts(s, i)
            assert (fused_src is not None) == (src is not None and m.accepts(feats))
            checked += 1
    assert checked > 10


def _cues(ex, text):
    return [(a.cue.text, a.source.text if a.source else None, a.source_type) for a in ex.extract(segment(text)).attributions]


def test_stance_tagger_finds_impersonal_and_group_attributions_the_rules_miss():
    assert isinstance(load_stance_model(), LinearModel)
    rules = NO_TAGGER
    tagged = default_extractor()
    rumour = "Word around the harbour is that the ferry operator is looking for a buyer."
    assert _cues(rules, rumour) == []
    assert _cues(tagged, rumour) == [("Word", None, "vague")]  # a weasel attribution: no one named
    doubt = "Of course, not everyone is convinced."
    assert _cues(rules, doubt) == []
    assert _cues(tagged, doubt) == [("convinced", "not everyone", "vague")]


def test_stance_tagger_credits_no_one_it_should_not():
    tagged = default_extractor()
    # a passive: the subject is what is expected, not who expects it
    ((cue, src, typ),) = _cues(tagged, "Parents are expected to fill the hall at Thursday's meeting.")
    assert (cue, src, typ) == ("expected", None, "vague")
    # reporter's notes and negated acts report no stance; a stance inside reported speech belongs to it
    assert _cues(tagged, "The council has not commented on the claim.") == []
    assert _cues(tagged, "Ms. Okafor did not say how much the repairs would cost.") == []
    assert [c for c, _, _ in _cues(tagged, "Lopez said she wants a vote before the recess.")] == ["said"]
    # nor do plain events
    assert _cues(tagged, "The bridge reopened to traffic on Monday after six weeks of repairs.") == []


def test_stance_candidates_are_collected_with_features():
    collector = Collector.stance_candidates()
    NO_TAGGER.extract(segment("Word around the harbour is that the ferry operator is looking for a buyer."), collector)
    rows = {f[0]: f for _, _, f in collector.stance}
    assert "w:word" in rows and "ctx:first" in rows["w:word"] and "subj:none" in rows["w:word"]
    assert all(any(x.startswith("r:") for x in f) for f in rows.values())
    # quoted words are the speaker's, never candidates
    collector = Collector.stance_candidates()
    NO_TAGGER.extract(segment('"We expect a buyer soon," the operator said.'), collector)
    assert collector.stance == []


def test_stance_scoring_from_weights_agrees_with_the_feature_list(example_text):
    # the run-time path sums per-word and context tables; it must give the logit of the feature list
    m = load_stance_model()
    collector = Collector.stance_candidates()
    seg = segment(example_text + " Word around the harbour is that the operator wants out. Parents are expected to object."
                  " In the end, Councillor Mensah voted in favour. The club's owner is considering an offer."
                  " The talks are seen as a last chance. Of course, not everyone is convinced.")
    NO_TAGGER.extract(seg, collector)
    tagged = default_extractor()
    tagger = StanceTagger(m)
    accepted = {(a.cue.start, a.cue.end) for a in tagged.extract(seg).attributions}
    assert len(collector.stance) >= 8
    for start, end, feats in collector.stance:
        w = feats[0][2:]
        z = tagger.word_z[w] + m.table("q").get(feats[3][2:], 0.0)
        assert abs(m.logit(feats) - (z + sum(m.table(f.partition(":")[0]).get(f.partition(":")[2], 0.0) for f in feats[4:]))) < 1e-9
        if m.logit(feats) < m.threshold_logit:
            assert (start, end) not in accepted


def test_polnear_documents_read_as_gold_articles():
    from scorer.train import polnear_articles

    text = "Okafor said the pier would reopen. The pier closed in May."
    doc = {"id": "x1", "text": text, "attributions": [
        {"cue": [7, 11], "source": [0, 6], "content": [12, 33]},
        {"cue_fragments": [[40, 46], [47, 49]], "source": None, "content": None}]}
    arts, cues = polnear_articles([doc])
    (a,) = arts
    assert (a.id, a.text, a.unattributed, a.excluded) == ("x1", text, [], [])
    assert [g.spans() for g in a.attributions] == [[(7, 11), (0, 6), (12, 33)], [(40, 46), (47, 49)]]
    assert cues == {"x1": [(7, 11), (40, 46), (47, 49)]}


def test_committed_extraction_classifiers_load_or_say_what_is_wrong(tmp_path):
    from scorer.errors import ScorerError
    from scorer.train import (EXTRACTION_DIR, REPORTED_SPEECH_FILE, STANCE_TAGGER_FILE, load_polnear_extraction,
                              polnear_inputs_fingerprint)

    real = ROOT / "training_data"  # the checkout's, also when the tests run against an installed package
    (tmp_path / "articles").symlink_to(real / "articles", target_is_directory=True)
    shutil.copy(real / "stance_cues.tsv", tmp_path / "stance_cues.tsv")
    assert load_polnear_extraction(tmp_path) == {}  # neither file: everything is fitted on the corpus
    folder = tmp_path / EXTRACTION_DIR
    folder.mkdir()
    inputs = polnear_inputs_fingerprint(tmp_path)
    sentence, stance = SentenceModel({"w:said": 2.0}, -1.0), CueModel({"w:pushed": 1.0}, -2.0, 0.7)
    (folder / REPORTED_SPEECH_FILE).write_text(json.dumps(sentence.to_dict({"inputs_sha256": inputs, "note": "n"})))
    with pytest.raises(ScorerError, match=f"lacks {STANCE_TAGGER_FILE}"):
        load_polnear_extraction(tmp_path)
    (folder / STANCE_TAGGER_FILE).write_text(json.dumps(stance.to_dict({"inputs_sha256": inputs})))
    got = load_polnear_extraction(tmp_path)
    assert got[REPORTED_SPEECH_FILE] == (sentence, {"inputs_sha256": inputs, "note": "n"})
    assert got[STANCE_TAGGER_FILE][0] == stance
    # Fitted with another stance layer: stale.
    (tmp_path / "stance_cues.tsv").write_text((real / "stance_cues.tsv").read_text() + "\n", encoding="utf-8")
    with pytest.raises(ScorerError, match="another corpus, stance layer or feature code"):
        load_polnear_extraction(tmp_path)
    shutil.copy(real / "stance_cues.tsv", tmp_path / "stance_cues.tsv")
    (folder / STANCE_TAGGER_FILE).write_text('{"bias": 1}')
    with pytest.raises(ScorerError, match="is not a classifier's weights"):
        load_polnear_extraction(tmp_path)


def test_stance_holder_is_a_noun_phrase_that_can_hold_a_view():
    # A tagger that accepts "support" and "pushed" wherever it meets them: the holder check decides.
    ex = Extractor(ExtractionWeights(stance=CueModel({"w:support": 10.0, "w:pushed": 10.0}, -5.0, 0.5)))

    def found(text):
        return [(a.cue.text, a.source.text if a.source else None) for a in ex.extract(segment(text)).attributions]

    assert found("Ruiz has maintained support among older voters in the county.") == []  # a clause, not a holder
    assert found("A name pushed for the levy to be scrapped before the vote.") == []  # no one holds the view
    assert found("A former aide pushed for the levy to be scrapped before the vote.") == [("pushed", "A former aide")]
    assert found("Will Hurd pushed for the levy to be scrapped before the vote.") == [("pushed", "Will Hurd")]  # a name, not "will"
