"""Compute the scorer's features for the rated real articles, and learn the wording model.

Usage: python scripts/real_features.py [--shared ../shared] [--data training_data]

Reads the article texts from the shared data sets (PolNeAR, Wikinews; path by ``--shared`` or the
``SCORER_SHARED`` environment variable) and the rated ids from ``training_data/ratings/ratings.tsv``.
Writes, under ``training_data/ratings/`` (numbers and words, never article text):

- ``../sentences/claims.json``: the claim classifier (:mod:`scorer.claims`), fitted on the
  sentences labelled in the ``tune`` set by both annotators alike (``training_data/sentences``),
  with its figures on the ``measure`` set;
- ``framing.json``: the wording model (:mod:`scorer.framing`), fitted on the rated articles of
  every domain except PolNeAR dev, its ridge strength chosen by cross-validation grouped by
  publisher;
- ``features.tsv``: one row per rated article: id, domain, group and the feature values in the
  model's order. For the articles the wording model learnt from, the ``own_wording`` column holds
  the out-of-group value (from a model fitted without that article's publisher), so the scoring
  model never learns from a wording score that saw its own target. PolNeAR dev rows use the full
  wording model, as scoring will.

``scorer train`` learns from these files, so training needs only the repository; rerun this
script whenever extraction, features or ratings change. The table's first line records the
fingerprint of the extraction weights and wording model it was computed with; training refuses a
table computed with others. The extraction weights are trained afresh from the corpus, exactly
as ``scorer train`` will (training is deterministic).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.claims import CLAIMS_FILE, fit_claims, sentence_features, sentence_targets, with_claims  # noqa: E402
from scorer.errors import ScorerError  # noqa: E402
from scorer.evaluate import real_texts  # noqa: E402
from scorer.evidence import ExtractionWeights, Extractor  # noqa: E402
from scorer.features import FEATURE_NAMES, Readers, featurize  # noqa: E402
from scorer.framing import ALPHAS, FRAMING_FILE, cross_fit, fit_framing, word_rates  # noqa: E402
from scorer.metrics import mae, spearman  # noqa: E402
from scorer.metrics import prf  # noqa: E402
from scorer.ratings import RATINGS_FILE, rated_articles, read_ratings  # noqa: E402
from scorer.sentence_labels import read_labels  # noqa: E402
from scorer.score_fit import MEASUREMENT_DOMAIN, write_feature_table  # noqa: E402
from scorer.segment import segment  # noqa: E402
from scorer.train import cv_group, default_data_dir, extraction_fingerprint, train_extraction  # noqa: E402
from scorer.voice import read_voice  # noqa: E402

def fit_claim_model(labelled, texts, extractor, arts):
    """Fit the claim classifier on the tune set's agreed sentence labels; measure it on the
    measure set against the rules' own flags; and fit one model per group without that group,
    for the rated articles it learnt from (so their feature is read out of sample)."""
    data = {}
    for i, a in labelled.items():
        seg = segment(texts[i])
        ev = extractor.extract(seg)
        targets = sentence_targets(seg, a.units, a.agreed())
        data[i] = (a.set, seg, ev, sentence_features(seg, ev), targets)

    def rows(ids):
        xs, ys = [], []
        for i in ids:
            _, _, _, feats, targets = data[i]
            for f, t in zip(feats, targets):
                if t is not None:
                    xs.append(f)
                    ys.append(t == "unattributed")
        return xs, ys

    tune = [i for i in data if data[i][0] == "tune"]
    measure = [i for i in data if data[i][0] == "measure"]
    tune_rows = rows(tune)
    model = fit_claims(*tune_rows)
    tp = pred = gold = rtp = rpred = 0
    for i in measure:
        _, seg, ev, feats, targets = data[i]
        rule = {a.sentence for a in ev.assertions}
        for k, (f, t) in enumerate(zip(feats, targets)):
            if t is None:
                continue
            p, g, r = model.probability(f) >= 0.5, t == "unattributed", k in rule
            tp += p and g
            pred += p
            gold += g
            rtp += r and g
            rpred += r
    meta = {"model": "logistic regression over a sentence's evidence, neighbours, position and words",
            "tune_articles": len(tune), "tune_sentences": len(tune_rows[1]),
            "measure": {"classifier": prf(tp, pred, tp, gold), "rules": prf(rtp, rpred, rtp, gold), "articles": len(measure)},
            "provenance": "learnt from real news sentences labelled by two annotators working apart "
                          "(PolNeAR train, Wikinews); weights only, never article text"}
    oog = {}
    groups = {i: cv_group("wikinews" if i.startswith("wikinews_") else "polnear-train",
                          arts[i].group if i in arts else "", i) for i in tune}
    for g in sorted(set(groups.values())):
        held = [i for i in tune if groups[i] == g]
        m = fit_claims(*rows([i for i in tune if groups[i] != g]))
        for i in held:
            oog[i] = m
    print(f"claim classifier: measure set {meta['measure']}")
    return model, meta, oog


def read_texts(shared: Path, wanted: set[str], require: bool = True) -> dict[str, str]:
    try:
        texts = real_texts(shared, wanted)
    except ScorerError as exc:
        sys.exit(f"real_features: {exc}")
    missing = sorted(wanted - set(texts))
    if missing and require:
        sys.exit(f"real_features: {len(missing)} rated ids not found under {shared}, e.g. {missing[0]}")
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("SCORER_SHARED", str(Path(__file__).resolve().parents[2] / "shared")))
    ap.add_argument("--data", default=str(default_data_dir()))
    args = ap.parse_args()
    data = Path(args.data)
    arts = rated_articles(read_ratings(data / "ratings" / RATINGS_FILE))
    ids = list(arts)
    texts = read_texts(Path(args.shared), set(ids))
    labelled = read_labels(data / "sentences")
    texts.update(read_texts(Path(args.shared), set(labelled), require=False))
    models, _, _ = train_extraction(data)
    extractor = Extractor(ExtractionWeights(*models))
    claims, claim_meta, claim_oog = fit_claim_model(labelled, texts, extractor, arts)
    (data / "sentences" / CLAIMS_FILE).write_text(json.dumps(claims.to_dict(claim_meta), indent=0, sort_keys=True) + "\n",
                                                  encoding="utf-8")
    parsed = []
    for i in ids:
        seg = segment(texts[i])
        # An article the claim classifier learnt from is read by one fitted without its group.
        ev, probs = with_claims(seg, extractor.extract(seg), claim_oog.get(i, claims))
        parsed.append((seg, ev, read_voice(seg, ev), probs))
    rates = [word_rates(v.wording, v.own_words, v.headline_wording) for _, _, v, _ in parsed]
    fit_idx = [k for k, i in enumerate(ids) if arts[i].domain != MEASUREMENT_DOMAIN]
    docs = [rates[k] for k in fit_idx]
    y = [arts[ids[k]].score for k in fit_idx]
    groups = [cv_group(arts[ids[k]].domain, arts[ids[k]].group, ids[k]) for k in fit_idx]
    cv = {}
    for alpha in ALPHAS:
        pred = cross_fit(docs, y, groups, alpha)
        cv[alpha] = {"mae": round(mae(pred, y), 3), "spearman": round(spearman(pred, y), 4)}
    alpha = min(ALPHAS, key=lambda a: (cv[a]["mae"], a))
    out_of_group = dict(zip(fit_idx, cross_fit(docs, y, groups, alpha)))
    framing = fit_framing(docs, y, groups, alpha)
    meta = {"model": "ridge regression from own-voice word rates to the raters' score",
            "alpha": alpha, "cross_validation": {str(a): v for a, v in cv.items()},
            "vocabulary": len(framing.weights), "articles": len(fit_idx),
            "provenance": "learnt from real news rated by raters working apart (PolNeAR train, Wikinews); "
                          "weights over single words only, never article text"}
    (data / "ratings" / FRAMING_FILE).write_text(json.dumps(framing.to_dict(meta), indent=0, sort_keys=True) + "\n",
                                                 encoding="utf-8")
    col = FEATURE_NAMES.index("own_wording")
    readers = Readers(framing, claims)
    rows = []
    for k, (i, (seg, ev, voice, probs)) in enumerate(zip(ids, parsed)):
        x = featurize(seg, ev, readers, voice, probs)
        if k in out_of_group:
            x[col] = min(100.0, max(0.0, out_of_group[k]))
        rows.append((i, arts[i].domain, arts[i].group, x))
    write_feature_table(data / "ratings" / "features.tsv", rows, extraction_fingerprint(*models, framing, claims))
    print(f"wording model: alpha {alpha}, {len(framing.weights)} words, grouped CV {cv[alpha]}")
    print(f"wrote {len(rows)} rows x {len(FEATURE_NAMES)} features to {data / 'ratings' / 'features.tsv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
