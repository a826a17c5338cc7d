"""Training the scoring model from the project's annotated corpus (``training_data/``).

Features are computed by the same stage code that scores articles, from the extracted evidence
(not the gold spans), so training and scoring cannot drift. The split into train and held-out test
is fixed by a hash of each article id. Training is deterministic: the same data and seed give the
same model bytes.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

from .errors import ScorerError
from .corpus import STANCE_FILE, GoldArticle, corpus_hash, load_corpus, load_stance_cues, split_of
from .evaluate import _overlaps, _sentence_flags, match_spans, prf
from .evidence import Collector, ExtractionWeights, Extractor, extract
from .features import FEATURE_NAMES, featurize
from .model import MODEL_FILE, SIDECAR_FILE, file_sha256, save_estimator
from .learned import CUE_MODEL_FILE, SENTENCE_MODEL_FILE, STANCE_MODEL_FILE, CueModel, SentenceModel, fit_linear
from .segment import segment

SEED = 20261124


def default_data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "training_data"


def features_of(articles: list[GoldArticle], extractor: Extractor | None = None) -> list[list[float]]:
    rows = []
    for a in articles:
        seg = segment(a.text)
        rows.append(featurize(seg, extract(seg, extractor)))
    return rows


def sentence_rows(articles: list[GoldArticle]) -> tuple[list[list[str]], list[bool]]:
    """Sentence-classifier features and labels: a sentence is reported speech when it holds part
    of a gold attribution (cue, source or content) and no gold unattributed claim. Page residue is
    left out."""
    ex = Extractor(ExtractionWeights.rules_only())
    rows, labels = [], []
    for a in articles:
        seg = segment(a.text)
        spans = [sp for g in a.attributions for sp in g.spans()]
        for sent, feats in zip(seg.sentences, ex.sentence_features(seg)):
            rng = (sent.start, sent.end)
            if any(s <= rng[0] and rng[1] <= e for s, e, _ in a.excluded):
                continue
            rows.append(feats)
            labels.append(any(_overlaps(rng, sp) for sp in spans) and not any(_overlaps(rng, u) for u in a.unattributed))
    return rows, labels


def train_sentence_model(tr: list[GoldArticle], te: list[GoldArticle]) -> tuple[Any, dict[str, Any]]:
    """Fit the sentence classifier on the train split; report on the held-out split how many
    held-out sentences with gold attribution the extractor marks attributed, without and with it."""
    rows, labels = sentence_rows(tr)
    model = fit_linear(rows, labels, SentenceModel)
    meta: dict[str, Any] = {"train_sentences": len(rows), "train_positive": int(sum(labels)), "features": len(model.weights)}
    if te:
        for name, m in (("rules_only", None), ("with_classifier", model)):
            ex = Extractor(ExtractionWeights(m))
            tp = pred = gold = 0
            for a in te:
                seg = segment(a.text)
                ev = ex.extract(seg)
                found = [(x.start, x.end) for at in ev.attributions for x in (at.cue, at.source, at.content) if x is not None]
                g_flags = _sentence_flags(seg, [sp for g in a.attributions for sp in g.spans()])
                p_flags = [f or k in ev.attributed_sentences for k, f in enumerate(_sentence_flags(seg, found))]
                tp += sum(g and p for g, p in zip(g_flags, p_flags))
                pred += sum(p_flags)
                gold += sum(g_flags)
            meta[f"heldout_{name}"] = prf(tp, pred, tp, gold)
    return model, meta


def cue_rows(articles: list[GoldArticle], sentence_model: SentenceModel) -> tuple[list[list[str]], list[bool]]:
    """Cue-classifier features and labels: every cue word the rules turn down, positive when it
    lies inside a gold cue."""
    ex = Extractor(ExtractionWeights(sentence_model))
    rows, labels = [], []
    for a in articles:
        collector = Collector.turned_down_cues()
        ex.extract(segment(a.text), collector)
        cues = [g.cue for g in a.attributions if g.cue]
        for start, end, feats in collector.turned_down:
            rows.append(feats)
            labels.append(any(_overlaps((start, end), c) for c in cues))
    return rows, labels


def _gold_cues(a: GoldArticle, stance: dict[str, list[tuple[int, int]]] | None = None) -> list[tuple[int, int]]:
    """An article's gold cue spans; with ``stance``, its stance cues too."""
    return [g.cue for g in a.attributions if g.cue] + (stance or {}).get(a.id, [])


def _cue_counts(articles: list[GoldArticle], segs: list[Any], ex: Extractor,
                stance: dict[str, list[tuple[int, int]]] | None = None) -> tuple[int, int, int]:
    """(matched, predicted, gold) cues, matching predicted to gold cues one to one by overlap."""
    tp = pred = gold = 0
    for a, seg in zip(articles, segs):
        found = [(x.cue.start, x.cue.end) for x in ex.extract(seg).attributions]
        cues = [[c] for c in _gold_cues(a, stance)]
        tp += len(match_spans(cues, found))
        pred += len(found)
        gold += len(cues)
    return tp, pred, gold


def _cue_prf(articles: list[GoldArticle], ex: Extractor, stance: dict[str, list[tuple[int, int]]] | None = None) -> dict[str, float]:
    """Cue precision/recall/F1 (see :func:`_cue_counts`); with ``stance``, its stance cues count as gold cues too."""
    tp, pred, gold = _cue_counts(articles, [segment(a.text) for a in articles], ex, stance)
    return prf(tp, pred, tp, gold)


def train_cue_model(tr: list[GoldArticle], te: list[GoldArticle], sentence_model: SentenceModel) -> tuple[CueModel, dict[str, Any]]:
    """Fit the cue classifier on the train split; report held-out cue precision/recall (a
    predicted cue counts when it overlaps a gold cue) without and with it."""
    rows, labels = cue_rows(tr, sentence_model)
    model = fit_linear(rows, labels, CueModel)
    meta: dict[str, Any] = {"train_candidates": len(rows), "train_positive": int(sum(labels)), "features": len(model.weights)}
    if te:
        meta["heldout_rules_only"] = _cue_prf(te, Extractor(ExtractionWeights(sentence_model)))
        meta["heldout_with_classifier"] = _cue_prf(te, Extractor(ExtractionWeights(sentence_model, model)))
    return model, meta


def stance_rows(articles: list[GoldArticle], stance: dict[str, list[tuple[int, int]]], sentence_model: SentenceModel,
                cue_model: CueModel) -> list[tuple[list[list[str]], list[bool]]]:
    """Stance-tagger features and labels, per article: every word the tagger would consider after
    the rules and the cue classifier, positive when it lies inside a gold cue or a gold stance cue."""
    ex = Extractor(ExtractionWeights(sentence_model, cue_model))
    out = []
    for a in articles:
        collector = Collector.stance_candidates()
        ex.extract(segment(a.text), collector)
        cues = _gold_cues(a, stance)
        out.append(([feats for _, _, feats in collector.stance],
                    [any(_overlaps((start, end), c) for c in cues) for start, end, _ in collector.stance]))
    return out


# The thresholds the stance tagger may accept a word at, and the weight of precision in choosing
# one: F0.5, because a cue it adds wrongly costs an editor more than one it leaves out.
STANCE_THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
STANCE_BETA = 0.5
STANCE_FOLDS = 5


def _fit_stance(per_article: list[tuple[list[list[str]], list[bool]]]) -> CueModel:
    return fit_linear([r for rows, _ in per_article for r in rows], [y for _, ys in per_article for y in ys], CueModel)


def _f_beta(p: float, r: float, beta: float) -> float:
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def choose_stance_threshold(tr: list[GoldArticle], per_article: list[tuple[list[list[str]], list[bool]]],
                            stance: dict[str, list[tuple[int, int]]], sentence_model: SentenceModel,
                            cue_model: CueModel) -> tuple[float, dict[str, float]]:
    """The threshold with the best cross-validated F0.5 of speech and stance cues on the train
    split (articles in fixed folds by position; ties go to the higher threshold)."""
    segs = [segment(a.text) for a in tr]
    totals = {t: [0, 0, 0] for t in STANCE_THRESHOLDS}  # matched, predicted, gold
    for fold in range(STANCE_FOLDS):
        fitted = _fit_stance([r for k, r in enumerate(per_article) if k % STANCE_FOLDS != fold])
        held = [k for k in range(len(tr)) if k % STANCE_FOLDS == fold]
        for t in STANCE_THRESHOLDS:
            ex = Extractor(ExtractionWeights(sentence_model, cue_model, CueModel(fitted.weights, fitted.bias, t)))
            counts = _cue_counts([tr[k] for k in held], [segs[k] for k in held], ex, stance)
            totals[t] = [x + y for x, y in zip(totals[t], counts)]
    scores = {t: round(_f_beta(m / p if p else 0.0, m / g if g else 0.0, STANCE_BETA), 4) for t, (m, p, g) in totals.items()}
    best = max(STANCE_THRESHOLDS, key=lambda t: (scores[t], t))
    return best, {str(t): v for t, v in scores.items()}


def train_stance_model(tr: list[GoldArticle], te: list[GoldArticle], stance: dict[str, list[tuple[int, int]]],
                       sentence_model: SentenceModel, cue_model: CueModel) -> tuple[CueModel, dict[str, Any]]:
    """Fit the stance tagger on the train split, at the threshold chosen by cross-validation;
    report held-out cue precision/recall against the gold cues with and without the stance
    layer, without and with the tagger."""
    per_article = stance_rows(tr, stance, sentence_model, cue_model)
    threshold, cv = choose_stance_threshold(tr, per_article, stance, sentence_model, cue_model)
    fitted = _fit_stance(per_article)
    model = CueModel(fitted.weights, fitted.bias, threshold)
    n_rows = sum(len(ys) for _, ys in per_article)
    meta: dict[str, Any] = {"train_candidates": n_rows, "train_positive": sum(sum(ys) for _, ys in per_article),
                            "features": len(model.weights), "threshold": threshold,
                            "threshold_cv_f05": cv,
                            "stance_layer": {"articles": len(stance), "cues": sum(map(len, stance.values()))}}
    if te:
        for name, m in (("without_tagger", None), ("with_tagger", model)):
            ex = Extractor(ExtractionWeights(sentence_model, cue_model, m))
            meta[f"heldout_{name}"] = {"speech_cues": _cue_prf(te, ex), "speech_and_stance_cues": _cue_prf(te, ex, stance)}
    return model, meta


def candidates() -> dict[str, Any]:
    """The models compared by cross-validation: linear models of several strengths, tree
    ensembles, and a calibrated variant of each family."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    def logreg(c: float) -> Any:
        return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000, random_state=SEED))

    inner = StratifiedKFold(3, shuffle=True, random_state=SEED)
    return {
        **{f"logreg_C{c:g}": logreg(c) for c in (0.1, 0.3, 1.0, 3.0)},
        "logreg_C1_calibrated": CalibratedClassifierCV(logreg(1.0), method="sigmoid", cv=inner),
        "random_forest": RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=SEED, n_jobs=1),
        "gradient_boosting": HistGradientBoostingClassifier(max_depth=3, learning_rate=0.08, max_iter=150, random_state=SEED),
        "gradient_boosting_calibrated": CalibratedClassifierCV(
            HistGradientBoostingClassifier(max_depth=3, learning_rate=0.08, max_iter=150, random_state=SEED),
            method="isotonic", cv=inner),
    }


def expected_scores(est: Any, x: Any, class_scores: dict[int, float]) -> Any:
    import numpy as np

    proba = est.predict_proba(x)
    return proba @ np.asarray([class_scores[int(c)] for c in est.classes_])


def cross_validate(x: Any, y: Any, gold: Any, folds: int = 5) -> dict[str, dict[str, float]]:
    """Mean absolute error and Spearman of each candidate's expected score, by stratified k-fold."""
    import numpy as np
    from sklearn.base import clone
    from sklearn.model_selection import StratifiedKFold

    cv = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    results = {}
    for name, est in candidates().items():
        pred = np.zeros(len(y))
        for tr, te in cv.split(x, y):
            m = clone(est).fit(x[tr], y[tr])
            cs = {int(c): float(gold[tr][y[tr] == c].mean()) for c in np.unique(y[tr])}
            pred[te] = expected_scores(m, x[te], cs)
        results[name] = {"mae": round(float(np.abs(pred - gold).mean()), 3), "spearman": round(spearman(list(pred), list(gold)), 4)}
    return results


def spearman(a: list[float], b: list[float]) -> float:
    from scipy.stats import spearmanr

    if len(a) < 3:
        return 0.0
    r = spearmanr(a, b).statistic
    return float(r) if r == r else 0.0


def train(data_dir: str | Path | None = None, out_dir: str | Path | None = None) -> dict[str, Any]:
    """Train, evaluate on the held-out split and write the model and its sidecar.

    Returns:
        The sidecar metadata written.
    """
    import joblib
    import numpy as np
    import scipy
    import sklearn

    from .model import Model, level_of

    data = Path(data_dir) if data_dir else default_data_dir()
    out = Path(out_dir) if out_dir else Path(__file__).resolve().parent.parent / "models"
    if not (data / "articles").is_dir():
        raise ScorerError(f"no annotated corpus at {data / 'articles'}; pass --data TRAINING_DATA_DIR")
    articles = load_corpus(data / "articles")
    if len(articles) < 10:
        raise ScorerError(f"only {len(articles)} annotated articles under {data / 'articles'}; need at least 10")
    tr = [a for a in articles if split_of(a.id) == "train"]
    te = [a for a in articles if split_of(a.id) == "test"]
    # The sentence classifier first: article features count the sentences it marks attributed.
    sentence_model, sentence_meta = train_sentence_model(tr, te)
    cue_model, cue_meta = train_cue_model(tr, te, sentence_model)
    stance = load_stance_cues(data / STANCE_FILE)
    stance_model, stance_meta = train_stance_model(tr, te, stance, sentence_model, cue_model)
    extractor = Extractor(ExtractionWeights(sentence_model, cue_model, stance_model))
    x_tr = features_of(tr, extractor)
    y_tr = [a.level for a in tr]
    xa, ya, ga = np.asarray(x_tr), np.asarray(y_tr), np.asarray([a.score for a in tr], dtype=float)
    cv = cross_validate(xa, ya, ga)
    # Lowest cross-validated MAE among the eligible models wins; ties go to the simpler (earlier
    # listed) model. Tree ensembles are cross-validated for comparison only: explaining a score
    # takes 27 predictions, about 5 ms per article with them against 0.1 ms with a linear model.
    eligible = [k for k in cv if k.startswith("logreg")]
    chosen = min(eligible, key=lambda k: (cv[k]["mae"], list(cv).index(k)))
    from sklearn.base import clone

    est = clone(candidates()[chosen])
    est.fit(xa, ya)
    classes = [int(c) for c in est.classes_]
    class_scores = [float(np.mean([a.score for a in tr if a.level == c])) for c in classes]
    baseline = [float(v) for v in np.mean(np.asarray(x_tr), axis=0)]
    meta: dict[str, Any] = {
        "name": f"sourcing-{chosen}-v1",
        "estimator": chosen,
        "cross_validation": {"folds": 5, "split": "train", "results": cv, "eligible": eligible, "chosen": chosen},
        "feature_names": list(FEATURE_NAMES),
        "classes": classes,
        "class_scores": class_scores,
        "baseline_features": baseline,
        "score_formula": "score = sum over levels of P(level | features) * mean gold score of that level in training",
        "versions": {
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "joblib": joblib.__version__,
            "python": platform.python_version(),
        },
        "training_data": {"articles": len(articles), "train": len(tr), "test": len(te), "sha256": corpus_hash(articles)},
        "seed": SEED,
    }
    model = Model(est, meta)
    if te:
        pred = model.predict_many(features_of(te, extractor))
        gold = [a.score for a in te]
        mae = float(np.mean(np.abs(np.asarray(pred) - np.asarray(gold))))
        acc = float(np.mean([level_of(p) == a.level for p, a in zip(pred, te)]))
        within1 = float(np.mean([abs(level_of(p) - a.level) <= 1 for p, a in zip(pred, te)]))
        meta["metrics"] = {
            "heldout_articles": len(te),
            "mae": round(mae, 3),
            "spearman": round(spearman(pred, gold), 4),
            "level_accuracy": round(acc, 4),
            "level_within_one": round(within1, 4),
        }
    out.mkdir(parents=True, exist_ok=True)
    sentence_path = out / SENTENCE_MODEL_FILE
    sentence_path.write_text(json.dumps(sentence_model.to_dict({"model": "logistic regression over sentence words "
                                                                 "and cue contexts", **sentence_meta}),
                                        indent=0) + "\n", encoding="utf-8")
    meta["sentence_model"] = {"file": SENTENCE_MODEL_FILE, "sha256": file_sha256(sentence_path), **sentence_meta}
    cue_path = out / CUE_MODEL_FILE
    cue_path.write_text(json.dumps(cue_model.to_dict({"model": "logistic regression over cue words the rules turn down: "
                                                      "the word, its neighbours, its clause and its subject", **cue_meta}),
                                   indent=0) + "\n", encoding="utf-8")
    meta["cue_model"] = {"file": CUE_MODEL_FILE, "sha256": file_sha256(cue_path), **cue_meta}
    stance_path = out / STANCE_MODEL_FILE
    stance_path.write_text(json.dumps(stance_model.to_dict({"model": "logistic regression over words that often carry "
                                                            "an attribution: the word, its cue rate, its neighbours and "
                                                            "its subject", **stance_meta}), indent=0) + "\n", encoding="utf-8")
    meta["stance_model"] = {"file": STANCE_MODEL_FILE, "sha256": file_sha256(stance_path), **stance_meta}
    model_path = out / MODEL_FILE
    save_estimator(est, model_path)
    meta["sha256"] = file_sha256(model_path)
    (out / SIDECAR_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return meta
