"""Stage 4: the model bundle, and the linear model that turns features into a 0-100 score.

A model directory is one **bundle**: the scoring model's weights and the extraction weights it was
trained with (sentence classifier, cue classifier, stance tagger), every file listed with its
SHA-256 in one sidecar, ``scorer.json``. Every file is plain JSON: loading a model runs no code.
Each file is read once, its bytes hashed and checked against the sidecar, and those same bytes
parsed, so what is checked is what is used. ``Scorer(model_dir)`` and ``--model DIR`` swap the
whole bundle together.

The score is linear in the features and clamped to 0-100::

    score = clamp(intercept + sum_i weight_i * feature_i, 0, 100)

The explanation splits ``score - baseline`` (the baseline is the score of the mean training
article) into one effect per feature, ``weight_i * (feature_i - mean_i)``. They add up exactly to
``score - baseline``; when the clamp cuts the score, each effect is scaled by the same factor so
that they still do. A feature's effect has the sign of its distance from the average article
times its weight, so the same value always moves the score the same way.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bundle_files import SIDECAR_FILE, file_sha256, parse_json, read_bundle, sha256_bytes  # noqa: F401
from .errors import ModelLoadError
from .features import FEATURE_NAMES
from .claims import CLAIMS_FILE, ClaimModel
from .features import Readers
from .framing import FRAMING_FILE, FramingModel
from .paths import shipped_model_dir
from .learned import CUE_MODEL_FILE, SENTENCE_MODEL_FILE, STANCE_MODEL_FILE, CueModel, SentenceModel
from .types import LEVEL_LABELS, level_of  # noqa: F401  (re-exported for callers of the model)

log = logging.getLogger(__name__)

WEIGHTS_FILE = "scorer_weights.json"
MODEL_FORMAT = "linear-json-v1"
EXTRACTION_FILES = (SENTENCE_MODEL_FILE, CUE_MODEL_FILE, STANCE_MODEL_FILE)
BUNDLE_FILES = (WEIGHTS_FILE, FRAMING_FILE, CLAIMS_FILE, *EXTRACTION_FILES)


def default_model_dir() -> Path:
    """Where the shipped model lives: ``scorer/models`` when installed, ``models/`` in a checkout."""
    return shipped_model_dir()


@dataclass(frozen=True)
class Explanation:
    """One feature's effect on the score, in score points."""

    feature: str
    value: float
    effect: float


class Model:
    """A linear scoring model: weights over :data:`FEATURE_NAMES`, an intercept and the mean
    training article (the explanation's baseline). Immutable, so safe to share between threads."""

    def __init__(self, weights: list[float], intercept: float, baseline_features: list[float],
                 name: str = "scorer", sha256: str = "", meta: dict[str, Any] | None = None) -> None:
        if not (len(weights) == len(baseline_features) == len(FEATURE_NAMES)):
            raise ModelLoadError(f"model has {len(weights)} weights for {len(FEATURE_NAMES)} features; retrain it")
        self.weights = tuple(float(w) for w in weights)
        self.intercept = float(intercept)
        self.baseline_features = tuple(float(b) for b in baseline_features)
        self.name = name
        self.sha256 = sha256
        self.meta = dict(meta or {})
        self.baseline_score = self.predict(self.baseline_features)

    def raw(self, x: list[float] | tuple[float, ...]) -> float:
        """The unclamped linear score."""
        return self.intercept + sum(w * v for w, v in zip(self.weights, x))

    def predict(self, x: list[float] | tuple[float, ...]) -> float:
        """The 0-100 score of one feature row."""
        return min(100.0, max(0.0, self.raw(x)))

    def explain(self, x: list[float]) -> tuple[float, list[Explanation]]:
        """Score ``x`` and split ``score - baseline`` into per-feature effects (see the module docstring)."""
        score = self.predict(x)
        effects = [w * (v - b) for w, v, b in zip(self.weights, x, self.baseline_features)]
        total = sum(effects)
        target = score - self.baseline_score
        if abs(total - target) > 1e-9:
            # Clamped at 0 or 100 (or the baseline was): scale every effect alike so they add up.
            factor = target / total if total else 0.0
            effects = [e * factor for e in effects]
        return score, [Explanation(n, float(v), float(e)) for n, v, e in zip(FEATURE_NAMES, x, effects)]

    def to_dict(self) -> dict[str, Any]:
        return {"format": MODEL_FORMAT, "feature_names": list(FEATURE_NAMES), "weights": list(self.weights),
                "intercept": self.intercept, "baseline_features": list(self.baseline_features)}


@dataclass(frozen=True)
class Bundle:
    """A loaded model directory: the scoring model and the extraction weights it was trained with."""

    model: Model
    readers: Readers
    sentence_model: SentenceModel | None
    cue_model: CueModel | None
    stance_model: CueModel | None
    directory: Path
    meta: dict[str, Any]


def _model_from(doc: Any, name: str, digest: str, meta: dict[str, Any]) -> Model:
    if not isinstance(doc, dict) or doc.get("format") != MODEL_FORMAT:
        raise ModelLoadError(f"{WEIGHTS_FILE} is not a {MODEL_FORMAT} model; retrain with 'scorer train'")
    if list(doc.get("feature_names", [])) != list(FEATURE_NAMES):
        raise ModelLoadError("model feature names differ from this scorer's features; retrain with 'scorer train'")
    try:
        weights = [float(w) for w in doc["weights"]]
        baseline = [float(b) for b in doc["baseline_features"]]
        intercept = float(doc["intercept"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelLoadError(f"{WEIGHTS_FILE} has a malformed field ({exc})") from None
    if any(v != v or v in (float("inf"), float("-inf")) for v in (*weights, *baseline, intercept)):
        raise ModelLoadError(f"{WEIGHTS_FILE} holds a number that is not finite")
    return Model(weights, intercept, baseline, name=name, sha256=digest, meta=meta)


def _from_doc(doc: Any, name: str, cls: type) -> Any:
    try:
        return cls.from_dict(doc)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelLoadError(f"{name} has a malformed field ({exc})") from None


def load_bundle(path: str | Path | None = None) -> Bundle:
    """Load a model directory after checking every file against its sidecar.

    Args:
        path: a model directory (or a file inside one); the shipped model when None.

    Raises:
        ModelLoadError: missing or unreadable files, a hash mismatch, malformed fields, or a
            model built for other features.
    """
    folder, sidecar, docs = read_bundle(path if path is not None else default_model_dir(), BUNDLE_FILES)
    files = sidecar["files"]
    # The bundle's identity: the hashes of every file it uses, together.
    digest = sha256_bytes("\n".join(f"{n} {files[n]}" for n in BUNDLE_FILES).encode())
    model = _model_from(docs[WEIGHTS_FILE], str(sidecar.get("name", "scorer")), digest, sidecar)
    readers = Readers(_from_doc(docs[FRAMING_FILE], FRAMING_FILE, FramingModel), _from_doc(docs[CLAIMS_FILE], CLAIMS_FILE, ClaimModel))
    parts = [_from_doc(docs[n], n, cls) for n, cls in ((SENTENCE_MODEL_FILE, SentenceModel), (CUE_MODEL_FILE, CueModel),
                                                       (STANCE_MODEL_FILE, CueModel))]
    return Bundle(model, readers, parts[0], parts[1], parts[2], folder, sidecar)


def write_bundle(out: Path, model: Model, extraction: dict[str, dict[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    """Write a bundle: the scoring weights, each extraction weight file and the sidecar listing
    every file with its SHA-256. Returns the sidecar written."""
    out.mkdir(parents=True, exist_ok=True)
    docs = {WEIGHTS_FILE: model.to_dict(), **extraction}
    files = {}
    for name, doc in docs.items():
        data = (json.dumps(doc, indent=0, sort_keys=True) + "\n").encode("utf-8")
        tmp = out / (name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(out / name)
        files[name] = sha256_bytes(data)
    sidecar = dict(meta, files=files, format=MODEL_FORMAT)
    (out / SIDECAR_FILE).write_text(json.dumps(sidecar, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return sidecar
