"""Stage 4: the trained classifier that turns features into a 0-100 score, and its explanation.

The model is a scikit-learn estimator saved with joblib next to a JSON sidecar. joblib files are
pickles and can run code when loaded, so the file's SHA-256 must match the sidecar before it is
unpickled, and the scikit-learn version must be compatible.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ModelLoadError
from .features import FEATURE_LABELS, FEATURE_NAMES

log = logging.getLogger(__name__)

MODEL_FILE = "scorer.joblib"
SIDECAR_FILE = "scorer.json"
LEVEL_LABELS = {1: "opaque", 2: "weak", 3: "mixed", 4: "good", 5: "exemplary"}
# Lower score bound of each level (rubric in the specification: 5 is 80-100, 4 is 60-80, ...).
LEVEL_FLOORS = ((5, 80.0), (4, 60.0), (3, 40.0), (2, 20.0), (1, 0.0))


def level_of(score: float) -> int:
    """The rubric level of a 0-100 score."""
    for level, floor in LEVEL_FLOORS:
        if score >= floor:
            return level
    return 1


def default_model_dir() -> Path:
    """Where the shipped model lives: ``scorer/models`` when installed, ``models/`` in a checkout."""
    try:
        return Path(str(resources.files("scorer.models")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "models"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def save_estimator(estimator: Any, path: Path) -> None:
    """Write an estimator with joblib's pickler in "fast" mode (no memo).

    Pickle's memo shares repeated objects by identity, and which equal strings are the same
    object depends on what the process did before (loading another model, say); without the memo
    the bytes depend only on the estimator, so the same data and seed give the same file hash.
    """
    from joblib.numpy_pickle import NumpyPickler

    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        pickler = NumpyPickler(fh, protocol=4)
        pickler.fast = True
        pickler.dump(estimator)
    tmp.replace(path)


def _major_minor(version: str) -> tuple[int, ...]:
    parts = []
    for p in version.split(".")[:2]:
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def _linear_parts(estimator: Any) -> tuple[Any, Any, Any, Any] | None:
    """Arrays of a StandardScaler + multinomial LogisticRegression pipeline, else None."""
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler

        if isinstance(estimator, Pipeline) and len(estimator.steps) == 2:
            scaler, clf = estimator.steps[0][1], estimator.steps[1][1]
            if isinstance(scaler, StandardScaler) and isinstance(clf, LogisticRegression) and clf.coef_.shape[0] > 2:
                mean = scaler.mean_ if scaler.with_mean else 0.0
                scale = scaler.scale_ if scaler.with_std else 1.0
                return mean, scale, clf.coef_, clf.intercept_
    except (ImportError, AttributeError):
        return None
    return None


@dataclass(frozen=True)
class Explanation:
    """One feature's effect on the score."""

    feature: str
    value: float
    effect: float


class Model:
    """A loaded scoring model: estimator, sidecar metadata and the expected score per class."""

    def __init__(self, estimator: Any, meta: dict[str, Any]) -> None:
        self.estimator = estimator
        self.meta = meta
        self.name: str = meta.get("name", "scorer")
        self.sha256: str = meta.get("sha256", "")
        self.class_scores = [float(x) for x in meta["class_scores"]]
        self.baseline_features = [float(x) for x in meta["baseline_features"]]
        self._lock = threading.Lock()
        self._linear = _linear_parts(estimator)
        self.baseline_score = self.predict_many([self.baseline_features])[0]

    def predict_many(self, rows: list[list[float]]) -> list[float]:
        """Scores 0-100 for feature rows: the expected class score under the class probabilities."""
        import numpy as np

        x = np.asarray(rows, dtype=float)
        if self._linear is not None:
            # Scaler + multinomial logistic regression computed directly: the same numbers as
            # predict_proba without its per-call input validation (most of the model's cost).
            mean, scale, coef, intercept = self._linear
            z = ((x - mean) / scale) @ coef.T + intercept
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            proba = e / e.sum(axis=1, keepdims=True)
        else:
            with self._lock:  # scikit-learn estimators are not documented as thread-safe for predict
                proba = self.estimator.predict_proba(x)
        scores = proba @ np.asarray(self.class_scores, dtype=float)
        return [float(min(100.0, max(0.0, s))) for s in scores]

    def explain(self, x: list[float]) -> tuple[float, list[Explanation]]:
        """Score ``x`` and split ``score - baseline`` into per-feature effects.

        Effects are measured along two paths from the baseline (the training mean) to ``x``,
        switching one feature at a time in order and in reverse order, and averaged; so the
        effects add up exactly to ``score - baseline``.
        """
        k = len(x)
        base = list(self.baseline_features)
        rows = [base]
        cur = list(base)
        for i in range(k):
            cur = list(cur)
            cur[i] = x[i]
            rows.append(cur)
        cur = list(base)
        for i in reversed(range(k)):
            cur = list(cur)
            cur[i] = x[i]
            rows.append(cur)
        preds = self.predict_many(rows)
        fwd = [preds[i + 1] - preds[i] for i in range(k)]
        rev_preds = [preds[0]] + preds[k + 1 :]
        rev = [0.0] * k
        for step, i in enumerate(reversed(range(k))):
            rev[i] = rev_preds[step + 1] - rev_preds[step]
        score = preds[k]
        effects = [Explanation(FEATURE_NAMES[i], x[i], (fwd[i] + rev[i]) / 2.0) for i in range(k)]
        return score, effects


def load_model(path: str | Path | None = None, trust: bool = False) -> Model:
    """Load a model after checking its sidecar, hash and library versions.

    Args:
        path: a model directory or ``.joblib`` file; the shipped model when None.
        trust: required for a model from elsewhere than the shipped directory.

    Raises:
        ModelLoadError: missing files, hash mismatch, incompatible versions, untrusted path.
    """
    import joblib
    import sklearn

    shipped = default_model_dir()
    if path is None:
        model_path = shipped / MODEL_FILE
    else:
        p = Path(path)
        model_path = p / MODEL_FILE if p.is_dir() else p
        if not trust and model_path.resolve() != (shipped / MODEL_FILE).resolve():
            raise ModelLoadError(
                f"refusing to load {model_path}: a model file is a pickle and can run code; "
                "pass trust=True (CLI: --trust-model) if you trust where it came from"
            )
    sidecar = model_path.with_name(model_path.stem + ".json")
    if not model_path.is_file() or not sidecar.is_file():
        raise ModelLoadError(f"model not found: {model_path} (with sidecar {sidecar.name}); run 'python scripts/train.py'")
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"unreadable model sidecar {sidecar}: {exc}") from None
    digest = file_sha256(model_path)
    if digest != meta.get("sha256"):
        raise ModelLoadError(
            f"model file {model_path.name} does not match the SHA-256 in its sidecar; "
            "it may have been tampered with or corrupted: refusing to load it (retrain with 'python scripts/train.py')"
        )
    trained = meta.get("versions", {}).get("scikit-learn", "")
    if _major_minor(trained) != _major_minor(sklearn.__version__):
        raise ModelLoadError(
            f"model was trained with scikit-learn {trained or 'unknown'} but {sklearn.__version__} is installed; "
            "retrain it with 'python scripts/train.py' or install the matching scikit-learn"
        )
    if list(meta.get("feature_names", [])) != list(FEATURE_NAMES):
        raise ModelLoadError("model feature names differ from this scorer's features; retrain with 'python scripts/train.py'")
    try:
        estimator = joblib.load(model_path)
    except Exception as exc:  # a corrupt pickle can raise anything
        raise ModelLoadError(f"cannot load model {model_path}: {exc}") from None
    meta = dict(meta, sha256=digest)
    return Model(estimator, meta)


def reason(feature: str, value: float, effect: float, counts: dict[str, int], baseline: float | None = None) -> str:
    """A plain-English sentence for one feature's effect, compared with the average article."""
    direction = "raises" if effect >= 0 else "lowers"
    pts = f"{abs(effect):.1f} points"
    n_att = counts.get("attributions", 0)
    n_sent = counts.get("sentences", 0)
    label = FEATURE_LABELS.get(feature, feature)
    share = feature.startswith("share_") or feature.endswith("_share")

    def versus() -> str:
        if baseline is None:
            return ""
        if share:
            return f" (average article: {baseline:.0%})"
        if feature.endswith("per_sentence"):
            return f" (average article: {baseline:.2f} per sentence)"
        if feature.startswith("distinct_"):
            return f" (average article: {baseline:.1f})"
        return ""

    tail = f"{versus()}; this {direction} the score by {pts}."
    if feature.startswith("share_") and feature != "share_named":
        typ = feature[len("share_") :]
        return f"{counts.get(typ, 0)} of {n_att} attributions go to {typ.replace('_', ' ')} sources ({value:.0%}){tail}"
    if feature == "share_named":
        return f"{value:.0%} of attributions name their source{tail}"
    if feature == "unattributed_share":
        return f"{counts.get('unattributed_assertions', 0)} of {n_sent} sentences state claims with no source ({value:.0%}){tail}"
    if feature == "attributed_sentence_share":
        return f"{value:.0%} of sentences carry sourcing{tail}"
    if feature == "hedges_per_sentence":
        return f"{counts.get('hedges', 0)} hedges in {n_sent} sentences{tail}"
    if feature == "attributions_per_sentence":
        return f"{n_att} attributions in {n_sent} sentences ({value:.2f} per sentence){tail}"
    if feature == "log_attributions":
        return f"{n_att} attributions in all{tail}"
    if feature == "quote_share":
        return f"{value:.0%} of attributions are direct quotations{tail}"
    if feature.startswith("distinct_"):
        return f"{value:.0f} {label}{tail}"
    return f"{label}: {value:.2f}{tail}"
