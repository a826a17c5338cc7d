"""The model bundle: one sidecar, every file checked, plain JSON, swapped together; the linear
score, its explanation and the rubric's directions; deterministic training."""

import json
import shutil
from pathlib import Path

import pytest
from scorer import ModelLoadError, Scorer
from scorer.features import FEATURE_NAMES
from scorer.model import BUNDLE_FILES, Model, default_model_dir, level_of, load_bundle
from scorer.score_fit import DIRECTIONS


def _copy(tmp_path):
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    return d


def test_sidecar_lists_every_bundle_file_with_its_hash():
    from scorer.model import file_sha256

    meta = json.loads((default_model_dir() / "scorer.json").read_text())
    assert meta["feature_names"] == list(FEATURE_NAMES)
    assert set(meta["files"]) == set(BUNDLE_FILES)
    for name, digest in meta["files"].items():
        assert file_sha256(default_model_dir() / name) == digest
    for key in ("versions", "training_data", "metrics", "selection", "directions"):
        assert key in meta
    assert "PolNeAR" in meta["training_data"]["real_news"]["provenance"]


@pytest.mark.parametrize("score, level", [(0, 1), (19.9, 1), (20, 2), (40, 3), (59.9, 3), (60, 4), (80, 5), (100, 5)])
def test_levels_follow_the_rubric(score, level):
    assert level_of(score) == level


@pytest.mark.parametrize("name", BUNDLE_FILES)
def test_every_tampered_bundle_file_is_refused(tmp_path, name):
    d = _copy(tmp_path)
    blob = bytearray((d / name).read_bytes())
    blob[len(blob) // 2] ^= 0x01
    (d / name).write_bytes(bytes(blob))
    with pytest.raises(ModelLoadError, match="SHA-256"):
        load_bundle(d)


@pytest.mark.parametrize("name", BUNDLE_FILES)
def test_a_missing_bundle_file_is_refused(tmp_path, name):
    d = _copy(tmp_path)
    (d / name).unlink()
    with pytest.raises(ModelLoadError, match=name):
        load_bundle(d)


def test_a_copied_bundle_scores_like_the_shipped_one(tmp_path, example_text):
    d = _copy(tmp_path)
    assert Scorer(d).score(example_text).to_json() == Scorer().score(example_text).to_json()


def test_swapping_extraction_weights_swaps_the_evidence(tmp_path, example_text):
    # The bundle's extraction weights are used, not the shipped ones: a bundle whose sentence
    # classifier accepts nothing leaves no sentence credited to it, where the shipped one credits some.
    import hashlib

    d = _copy(tmp_path)
    meta = json.loads((d / "scorer.json").read_text())
    doc = json.loads((d / "sentences.json").read_text())
    doc["bias"] = -1000.0
    data = (json.dumps(doc, indent=0, sort_keys=True) + "\n").encode()
    (d / "sentences.json").write_bytes(data)
    meta["files"]["sentences.json"] = hashlib.sha256(data).hexdigest()
    (d / "scorer.json").write_text(json.dumps(meta))

    def by_classifier(rep):
        return [s.index for s in rep.sentences if any(not isinstance(w, (int, str)) for w in s.why)]

    mine, shipped = Scorer(d).score(example_text), Scorer().score(example_text)
    assert by_classifier(shipped), "the example no longer has a sentence the classifier credits: pick another text"
    assert by_classifier(mine) == []
    assert mine.model_sha256 != shipped.model_sha256


@pytest.mark.parametrize("field, value", [("weights", "many"), ("weights", [1.0]), ("intercept", None),
                                          ("baseline_features", {"a": 1}), ("format", "pickle")])
def test_malformed_weights_are_a_model_error(tmp_path, field, value):
    import hashlib

    d = _copy(tmp_path)
    doc = json.loads((d / "scorer_weights.json").read_text())
    doc[field] = value
    data = json.dumps(doc).encode()
    (d / "scorer_weights.json").write_bytes(data)
    meta = json.loads((d / "scorer.json").read_text())
    meta["files"]["scorer_weights.json"] = hashlib.sha256(data).hexdigest()
    (d / "scorer.json").write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError):
        load_bundle(d)


def test_explanation_effects_sum_to_the_score(example_text):
    rep = Scorer().score(example_text)
    total = sum(r.effect for r in rep.explanation)
    assert abs(rep.baseline + total - rep.score) < 1e-6


def test_clamped_scores_still_add_up():
    m = Model([10.0] * len(FEATURE_NAMES), 50.0, [0.0] * len(FEATURE_NAMES))
    score, effects = m.explain([100.0] * len(FEATURE_NAMES))
    assert score == 100.0
    assert abs(m.baseline_score + sum(e.effect for e in effects) - score) < 1e-9


def test_the_shipped_weights_respect_the_rubric_directions():
    model = load_bundle().model
    for name, w in zip(FEATURE_NAMES, model.weights):
        d = DIRECTIONS.get(name, 0)
        assert d == 0 or w * d >= 0, f"{name} has weight {w} against its rubric direction {d}"


@pytest.mark.parametrize("name", [n for n in FEATURE_NAMES if DIRECTIONS.get(n, 0)])
def test_sweeping_a_feature_moves_the_score_only_its_way(name):
    # From the average article, raise one feature step by step: the score never moves against
    # the rubric (more sourced never lowers it, more unsourced never raises it).
    model = load_bundle().model
    k = FEATURE_NAMES.index(name)
    base = list(model.baseline_features)
    top = max(1.0, base[k] * 4)
    last = None
    for step in range(21):
        x = list(base)
        x[k] = top * step / 20
        s = model.predict(x)
        if last is not None:
            assert (s - last) * DIRECTIONS[name] >= -1e-9, f"{name} at {x[k]} moved the score against its direction"
        last = s


def test_training_is_reproducible_and_the_shipped_bundle_is_current(tmp_path):
    from scorer.train import train

    data = Path(__file__).resolve().parent.parent / "training_data"  # the checkout's, also for an installed package
    a = train(data, out_dir=tmp_path / "a")
    b = train(data, out_dir=tmp_path / "b")
    assert a["files"] == b["files"]
    shipped = json.loads((default_model_dir() / "scorer.json").read_text())
    assert a["files"] == shipped["files"], "models/ is stale: run 'scorer train'"
