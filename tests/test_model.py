"""The model: sidecar, hash check, trust flag, deterministic training, score levels."""

import json
import shutil

import pytest
from scorer import ModelLoadError, Scorer
from scorer.features import FEATURE_NAMES
from scorer.model import default_model_dir, level_of, load_model


def test_sidecar_matches_features():
    meta = json.loads((default_model_dir() / "scorer.json").read_text())
    assert meta["feature_names"] == list(FEATURE_NAMES)
    for key in ("sha256", "versions", "training_data", "metrics", "class_scores", "baseline_features"):
        assert key in meta


@pytest.mark.parametrize("score, level", [(0, 1), (19.9, 1), (20, 2), (40, 3), (59.9, 3), (60, 4), (80, 5), (100, 5)])
def test_levels_follow_the_rubric(score, level):
    assert level_of(score) == level


def test_tampered_model_is_refused(tmp_path, example_text):
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    blob = bytearray((d / "scorer.joblib").read_bytes())
    blob[len(blob) // 2] ^= 0x01
    (d / "scorer.joblib").write_bytes(bytes(blob))
    with pytest.raises(ModelLoadError, match="SHA-256"):
        load_model(d, trust=True)
    assert Scorer().score(example_text).score >= 0  # the shipped model still works


def test_untrusted_path_is_refused(tmp_path):
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    with pytest.raises(ModelLoadError, match="trust"):
        load_model(d)
    assert load_model(d, trust=True).sha256


def test_other_sklearn_version_is_refused(tmp_path):
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    meta = json.loads((d / "scorer.json").read_text())
    meta["versions"]["scikit-learn"] = "0.20.0"
    (d / "scorer.json").write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError, match="retrain"):
        load_model(d, trust=True)


def test_training_is_reproducible(tmp_path):
    from scorer.train import train

    a = train(out_dir=tmp_path / "a")
    b = train(out_dir=tmp_path / "b")
    assert a["sha256"] == b["sha256"]
    shipped = json.loads((default_model_dir() / "scorer.json").read_text())
    assert a["sha256"] == shipped["sha256"], "models/ is stale: run python scripts/train.py"
    assert a["sentence_model"]["sha256"] == b["sentence_model"]["sha256"] == shipped["sentence_model"]["sha256"], (
        "models/sentences.json is stale: run python scripts/train.py")
    for key in ("cue_model", "stance_model"):
        assert a[key]["sha256"] == b[key]["sha256"] == shipped[key]["sha256"], f"models/ {key} is stale: run python scripts/train.py"
