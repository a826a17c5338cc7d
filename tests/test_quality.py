"""Quality gate: accuracy on annotated data must not fall below the floors in quality_floors.json."""

import json
import os
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).with_name("quality_floors.json")).read_text())
# The checkout's training data, named so that the figures are the same when the tests run against
# an installed (compiled) package, which does not carry it.
DATA = Path(__file__).resolve().parent.parent / "training_data"


@pytest.fixture(scope="module")
def corpus_figures():
    from scorer.evaluate import evaluate_corpus

    return evaluate_corpus(DATA)


def test_corpus_article_level(corpus_figures):
    f = FLOORS["corpus_heldout"]
    art = corpus_figures["article"]
    print("held-out article figures:", art)
    assert art["spearman"] >= f["spearman"]
    assert art["mae"] <= f["mae_max"]


def test_corpus_extraction(corpus_figures):
    f = FLOORS["corpus_heldout"]
    ex = corpus_figures["extraction"]
    print("held-out extraction figures:", ex, corpus_figures["source_type_accuracy"])
    assert ex["attributions"]["f1"] >= f["attributions_f1"]
    assert ex["speech_and_stance_cues"]["f1"] >= f["speech_and_stance_cues_f1"]
    assert ex["hedges"]["f1"] >= f["hedges_f1"]
    assert ex["unattributed_assertions"]["f1"] >= f["unattributed_assertions_f1"]
    assert corpus_figures["source_type_accuracy"] >= f["source_type_accuracy"]


POLNEAR = os.environ.get("SCORER_POLNEAR_DEV", "")


@pytest.mark.skipif(not POLNEAR or not Path(POLNEAR).is_file(), reason="set SCORER_POLNEAR_DEV to a PolNeAR dev.jsonl to run")
def test_polnear_dev():
    from scorer.evaluate import evaluate_polnear

    s = evaluate_polnear(POLNEAR).summary()
    print("PolNeAR dev:", s)
    f = FLOORS["polnear_dev"]
    assert s["cue"]["f1"] >= f["cue_f1"]
    assert s["cue_body"]["f1"] >= f["cue_body_f1"]
    assert s["cue"]["precision"] >= f["cue_precision"]
    assert s["source_found_rate"] >= f["source_found_rate"]
    assert s["sentence"]["f1"] >= f["sentence_f1"]
    assert s["sentence_from_spans"]["f1"] >= f["sentence_from_spans_f1"]
    # Quotation sentences only add to the span figure: recall can only grow, precision barely moves.
    assert s["sentence"]["recall"] >= s["sentence_from_spans"]["recall"]


POLNEAR_TRAIN = os.environ.get("SCORER_POLNEAR_TRAIN", "")
LABELS = Path(__file__).resolve().parent.parent / "training_data" / "polnear_source_types.tsv"


@pytest.mark.skipif(not POLNEAR_TRAIN or not Path(POLNEAR_TRAIN).is_file(),
                    reason="set SCORER_POLNEAR_TRAIN to a PolNeAR train.jsonl to check source types on the labelled sources")
def test_polnear_source_types():
    from scorer.evaluate import evaluate_polnear, load_type_labels

    labels = load_type_labels(LABELS)
    ids = {k[0] for k in labels}
    # Only the labelled articles need scoring.
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp, \
            open(POLNEAR_TRAIN, encoding="utf-8") as src:
        for line in src:
            if json.loads(line)["id"] in ids:
                tmp.write(line)
    t = evaluate_polnear(tmp.name, type_labels=labels).type_summary()
    os.unlink(tmp.name)
    print("PolNeAR labelled source types:", t)
    f = FLOORS["polnear_train_source_types"]
    assert t["labelled_matched"] >= 200
    assert t["accuracy_5way"] >= f["accuracy_5way"]
    assert t["unnamed"]["f1"] >= f["unnamed_f1"]


SHARED = Path(os.environ.get("SCORER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SHARED_READY = all((SHARED / rel).is_file()
                   for rel in ("data/polnear/dev.jsonl", "data/polnear/train.jsonl", "data/wikinews/articles.jsonl"))


@pytest.mark.skipif(not SHARED_READY, reason="the shared data (../shared or SCORER_SHARED) holds the texts of the rated articles")
def test_real_sentence_labels():
    from scorer.evaluate import evaluate_sentences

    r = evaluate_sentences(SHARED, DATA, which="measure")["domains"]["all"]
    print("real sentence labels, measure half:", r)
    f = FLOORS["real_sentence_labels"]
    assert r["residue"]["precision"] >= f["residue_precision"]
    assert r["residue"]["recall"] >= f["residue_recall"]
    assert r["unattributed_assertions"]["f1"] >= f["unattributed_assertions_f1"]
    assert r["hedges"]["f1"] >= f["hedges_f1"]


@pytest.mark.skipif(not SHARED_READY, reason="the shared data (../shared or SCORER_SHARED) holds the texts of the rated articles")
def test_real_news_validity():
    from scorer.evaluate import evaluate_real

    r = evaluate_real(SHARED, DATA)
    print("real news validity:", r)
    f = FLOORS["real_news"]
    dev = r["domains"]["polnear-dev"]
    assert dev["spearman"] >= f["dev_spearman"]
    assert dev["mae"] <= f["dev_mae_max"]
    assert set(r["cross_validated"]) == {"polnear-train", "wikinews"}, "the sidecar lacks the cross-validated figures"
    for dom, fig in r["cross_validated"].items():
        assert f["spread_ratio_min"] <= fig["spread_ratio"] <= f["spread_ratio_max"], dom
    assert f["spread_ratio_min"] <= dev["spread_ratio"] <= f["spread_ratio_max"]
    assert r["cross_validated"]["wikinews"]["spearman"] >= f["cv_wikinews_spearman"]
    assert r["cross_validated"]["polnear-train"]["spearman"] >= f["cv_polnear_train_spearman"]
    assert r["domain_shift_to_wikinews"]["spearman"] >= f["domain_shift_spearman"]
    # The score must beat counting "said" on the measurement domain.
    assert dev["spearman"] > dev["naive_spearman"]
    for dom, mins in f["counts_min"].items():
        for count, floor in mins.items():
            assert r["domains"][dom]["counts_spearman"][count] >= floor, (dom, count)
