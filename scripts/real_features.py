"""Compute the scorer's features for the rated real articles, and learn the wording model.

Usage: python scripts/real_features.py [--shared ../shared] [--data training_data]

Reads the article texts from the shared data sets (PolNeAR, Wikinews; path by ``--shared`` or the
``SCORER_SHARED`` environment variable) and the rated ids from ``training_data/ratings/ratings.tsv``.
Writes (numbers and words, never article text):

- ``training_data/extraction/``: the sentence classifier (is a sentence reported speech?) and
  the stance tagger, fitted on the written corpus's train split and on PolNeAR train, whose
  attribution spans are their labels (:func:`scorer.train.fit_polnear_extraction`); training
  takes them as they are, and every extraction below uses them;

and under ``training_data/ratings/``:

- ``../sentences/claims.json``: the claim classifier (:mod:`scorer.claims`), fitted on the
  sentences labelled in the ``tune`` set by both annotators alike (``training_data/sentences``)
  and on the raters' unsourced share of every rated article of PolNeAR train and Wikinews outside
  the ``measure`` set, with its figures on the ``measure`` set;
- ``framing.json``: the wording model (:mod:`scorer.framing`), fitted on the rated articles of
  every domain except PolNeAR dev, its ridge strength chosen by cross-validation grouped by
  publisher;
- ``features.tsv``: one row per rated article: id, domain, group and the feature values in the
  model's order. An article of PolNeAR train or Wikinews is read by a claim classifier and a
  wording model fitted without its publisher (its Wikinews fold), so the scoring model never
  learns from a reading that saw its own target; PolNeAR dev rows use the shipped readers;
- ``features_shift.tsv``: the PolNeAR train and Wikinews rows again, read by readers fitted on
  PolNeAR train alone (their threshold and ridge strength chosen there too), for the domain-shift
  figure.

``scorer train`` learns from these files, so training needs only the repository; rerun this
script whenever extraction, features or ratings change. The table's first line records the
fingerprint of the extraction weights and wording model it was computed with; training refuses a
table computed with others. The extraction weights are trained afresh from the corpus, exactly
as ``scorer train`` will (training is deterministic).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.claims import ARTICLE_WEIGHT, CLAIMS_C, CLAIMS_FILE, FLAG_ARTICLE_WEIGHT, choose_threshold, credited_sentences, fit_claims, sentence_features, sentence_targets, with_claims  # noqa: E402
from scorer.errors import ScorerError  # noqa: E402
from scorer.evaluate import real_texts  # noqa: E402
from scorer.evidence import ExtractionWeights, Extractor  # noqa: E402
from scorer.features import FEATURE_NAMES, Readers, featurize  # noqa: E402
from scorer.framing import ALPHAS, FRAMING_FILE, cross_fit, fit_framing, term_counts  # noqa: E402
from scorer.metrics import mae, spearman  # noqa: E402
from scorer.metrics import prf  # noqa: E402
from scorer.ratings import RATINGS_FILE, rated_articles, read_ratings  # noqa: E402
from scorer.sentence_labels import read_labels  # noqa: E402
from scorer.score_fit import FEATURES_FILE, MEASUREMENT_DOMAIN, SHIFT_FEATURES_FILE, write_feature_table  # noqa: E402
from scorer.segment import segment  # noqa: E402
from scorer.paths import default_data_dir, default_shared_dir  # noqa: E402
from scorer.train import EXTRACTION_DIR, cv_group, extraction_fingerprint, fit_polnear_extraction, train_extraction  # noqa: E402
from scorer.voice import read_voice  # noqa: E402

class Readings:
    """The parsed rated and labelled articles, and the learnt readers fitted on any subset of them.

    ``parsed`` maps every id to ``(segmented, evidence, claim features, wording counts)``;
    ``groups`` maps each rated article of the fitting domains to its cross-validation group."""

    def __init__(self, labelled, arts, parsed, groups):
        self.arts, self.parsed, self.groups = arts, parsed, groups
        self.targets = {i: sentence_targets(parsed[i][0], a.units, a.agreed()) for i, a in labelled.items()}
        self.tune = [i for i in labelled if labelled[i].set == "tune"]
        self.measure = [i for i in labelled if labelled[i].set == "measure"]
        self._claims = {}  # fitted claim classifiers by the ids they learnt from (threshold apart)
        unrated = [i for i in self.tune if i not in groups]
        if unrated:
            sys.exit(f"real_features: {len(unrated)} tune-half articles have no rating, e.g. {unrated[0]}")

    def fit_claims_on(self, use, threshold):
        """The claim classifier fitted on the tune half's labels and the rated articles' shares
        among ``use`` (the measure half's articles are never fitted), its flagging model fitted on
        those labels alone and flagging from ``threshold``; with the number of labelled sentences
        and of rated articles it learnt from. A fit on the same ids is made once (the threshold
        choice and the out-of-group rows share them)."""
        key = frozenset(use)
        if key not in self._claims:
            self._claims[key] = self._fit_claims(key)
        m, flags, n_sentences, n_rated = self._claims[key]
        return replace(m, flag_model=replace(flags, threshold=threshold)), n_sentences, n_rated

    def _fit_claims(self, use):
        xs, ys = [], []
        for i in self.tune:
            if i in use:
                for f, t in zip(self.parsed[i][2], self.targets[i]):
                    if t is not None:
                        xs.append(f)
                        ys.append(t == "unattributed")
        rated = [i for i in self.groups if i in use and i not in self.measure]
        articles, shares = [self.parsed[i][2] for i in rated], [self.arts[i].unsourced_share for i in rated]
        m = fit_claims(xs, ys, articles, shares)
        # The rated articles' sentences are passed for the vocabulary both models share (features
        # seen fewer than MIN_FEATURE_COUNT times over all sentences are dropped); at weight 0
        # their shares take no part in the fit.
        flags = fit_claims(xs, ys, articles, shares, article_weight=FLAG_ARTICLE_WEIGHT)
        return m, flags, len(ys), len(rated)

    def fit_framing_on(self, use, alpha):
        ids = [i for i in self.groups if i in use]
        return fit_framing([self.parsed[i][3] for i in ids], [self.arts[i].score for i in ids], [self.groups[i] for i in ids], alpha)

    def unit_probabilities(self, m, i):
        """Per labelled sentence of article ``i``: (the flagging model's probability, whether gold
        is an unsourced claim); a sentence that credits a source gets 0, as ``with_claims`` never
        flags it."""
        _, ev, feats, _ = self.parsed[i]
        credited = credited_sentences(ev)
        flagger = m.flagger
        return [(0.0 if k in credited else flagger.probability(f), t == "unattributed")
                for k, (f, t) in enumerate(zip(feats, self.targets[i])) if t is not None]

    def features(self, i, claims, framing):
        seg, ev, _, counts = self.parsed[i]
        ev, probs = with_claims(seg, ev, claims)
        return featurize(seg, ev, Readers(framing, claims), read_voice(seg, ev), probs, counts)


def choose_claims_threshold(r: Readings, fit_ids):
    """The flagging threshold from out-of-group predictions on the tune articles among
    ``fit_ids``, each read by a classifier fitted on ``fit_ids`` without its group."""
    fit_ids = set(fit_ids)
    scored = []
    for g in sorted({r.groups[i] for i in r.tune if i in fit_ids}):
        m, _, _ = r.fit_claims_on({i for i in fit_ids if r.groups[i] != g}, 0.5)
        scored.extend(u for i in r.tune if i in fit_ids and r.groups[i] == g for u in r.unit_probabilities(m, i))
    return choose_threshold([p for p, _ in scored], [g for _, g in scored])


def claims_meta(r: Readings, model, n_sentences, n_articles, by_threshold):
    tp = pred = gold = rtp = rpred = 0
    for i in r.measure:
        rule = {a.sentence for a in r.parsed[i][1].assertions}
        units = [k for k, t in enumerate(r.targets[i]) if t is not None]
        for k, (prob, g) in zip(units, r.unit_probabilities(model, i)):
            p, x = prob >= model.flagger.threshold, k in rule
            tp += p and g
            pred += p
            gold += g
            rtp += x and g
            rpred += x
    return {"model": "logistic regression over a sentence's evidence, neighbours, position and words, fitted to "
                     "sentence labels and to the raters' unsourced share of each rated article (its mean "
                     "probability is a feature of the score); 'flag_model': the same features fitted to the "
                     "sentence labels alone, which flags unsourced claims",
            "c": CLAIMS_C, "article_weight": ARTICLE_WEIGHT, "flag_article_weight": FLAG_ARTICLE_WEIGHT,
            "threshold_choice": {"chosen": model.flagger.threshold, "tune_out_of_group_f1": by_threshold},
            "tune_articles": len(r.tune), "tune_sentences": n_sentences, "rated_articles": n_articles,
            "measure": {"classifier": prf(tp, pred, tp, gold), "rules": prf(rtp, rpred, rtp, gold), "articles": len(r.measure)},
            "provenance": "learnt from real news sentences labelled by two annotators working apart, and from real "
                          "news rated by two raters working apart (PolNeAR train, Wikinews); weights only, never "
                          "article text; PolNeAR dev and the measure set never fitted"}


def choose_alpha(r: Readings, fit_ids):
    """The wording model's ridge strength by cross-validation grouped by publisher over ``fit_ids``."""
    ids = [i for i in r.groups if i in fit_ids]
    docs, y, groups = [r.parsed[i][3] for i in ids], [r.arts[i].score for i in ids], [r.groups[i] for i in ids]
    cv = {}
    for alpha in ALPHAS:
        pred = cross_fit(docs, y, groups, alpha)
        cv[alpha] = {"mae": round(mae(pred, y), 3), "spearman": round(spearman(pred, y), 4)}
    return min(ALPHAS, key=lambda a: (cv[a]["mae"], a)), cv


def out_of_group_rows(r: Readings, fit_ids, read_ids, alpha, threshold):
    """Feature rows for ``read_ids``: an article of a group among ``fit_ids`` is read by readers
    fitted on ``fit_ids`` without its group; any other by readers fitted on all of ``fit_ids``."""
    fit_ids = set(fit_ids)
    rows = {}
    by_group = {}
    for i in read_ids:
        by_group.setdefault(r.groups[i] if i in fit_ids else None, []).append(i)
    for g, members in sorted(by_group.items(), key=lambda t: (t[0] is not None, t[0] or "")):
        use = fit_ids if g is None else {i for i in fit_ids if r.groups[i] != g}
        claims, _, _ = r.fit_claims_on(use, threshold)
        framing = r.fit_framing_on(use, alpha)
        for i in members:
            rows[i] = (i, r.arts[i].domain, r.arts[i].group, r.features(i, claims, framing))
    return [rows[i] for i in read_ids]


def read_texts(shared: Path, wanted: set[str], extra: set[str] = frozenset()) -> dict[str, str]:
    """The texts of ``wanted`` (every one must be found) and of ``extra`` (where found), in one
    read of the shared files."""
    try:
        texts = real_texts(shared, wanted | extra)
    except ScorerError as exc:
        sys.exit(f"real_features: {exc}")
    missing = sorted(wanted - set(texts))
    if missing:
        sys.exit(f"real_features: {len(missing)} rated ids not found under {shared}, e.g. {missing[0]}")
    return texts


def write_extraction_models(shared: Path, data: Path) -> None:
    """Fit the extraction classifiers that learn from PolNeAR train too; write their weights."""
    path = shared / "data" / "polnear" / "train.jsonl"
    try:
        with open(path, encoding="utf-8") as fh:
            docs = [json.loads(line) for line in fh if line.strip()]
    except OSError as exc:
        sys.exit(f"real_features: cannot read PolNeAR train at {path}: {exc.strerror}")
    folder = data / EXTRACTION_DIR
    folder.mkdir(exist_ok=True)
    for name, doc in fit_polnear_extraction(data, docs).items():
        (folder / name).write_text(json.dumps(doc, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{name}: {len(doc['weights'])} features, threshold {doc['threshold']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(default_shared_dir()))
    ap.add_argument("--data", default=str(default_data_dir()))
    args = ap.parse_args()
    data = Path(args.data)
    arts = rated_articles(read_ratings(data / "ratings" / RATINGS_FILE))
    ids = list(arts)
    labelled = read_labels(data / "sentences")
    texts = read_texts(Path(args.shared), set(ids), extra=set(labelled))
    write_extraction_models(Path(args.shared), data)
    models, _, _ = train_extraction(data)
    extractor = Extractor(ExtractionWeights(*models))
    parsed = {}
    for i in sorted(set(ids) | set(labelled)):
        seg = segment(texts[i])
        ev = extractor.extract(seg)
        headline = read_voice(seg, ev).headline_wording
        parsed[i] = (seg, ev, sentence_features(seg, ev), term_counts(seg, headline))
    groups = {i: cv_group(arts[i].domain, arts[i].group, i) for i in ids if arts[i].domain != MEASUREMENT_DOMAIN}
    r = Readings(labelled, arts, parsed, groups)
    threshold, by_threshold = choose_claims_threshold(r, set(groups))
    claims, n_sentences, n_articles = r.fit_claims_on(set(groups), threshold)
    claim_meta = claims_meta(r, claims, n_sentences, n_articles, by_threshold)
    print(f"claim classifier: threshold {threshold}, measure set {claim_meta['measure']}")
    (data / "sentences" / CLAIMS_FILE).write_text(json.dumps(claims.to_dict(claim_meta), indent=0, sort_keys=True) + "\n",
                                                  encoding="utf-8")
    alpha, cv = choose_alpha(r, set(groups))
    framing = r.fit_framing_on(set(groups), alpha)
    meta = {"model": "ridge regression from the article's tf-idf word vector (body words: lower-case words and each "
                     "sentence's first word; capitalised words inside a sentence, names, and numbers left out; "
                     "headline words apart) to the raters' score",
            "alpha": alpha, "cross_validation": {str(a): v for a, v in cv.items()},
            "vocabulary": len(framing.idf), "articles": len(groups),
            "provenance": "learnt from real news rated by raters working apart (PolNeAR train, Wikinews); "
                          "weights over single words only, never article text"}
    (data / "ratings" / FRAMING_FILE).write_text(json.dumps(framing.to_dict(meta), indent=0, sort_keys=True) + "\n",
                                                 encoding="utf-8")
    print(f"wording model: alpha {alpha}, {len(framing.idf)} words, grouped CV {cv[alpha]}")
    fingerprint = extraction_fingerprint(*models, framing, claims)
    # Every rated article of the fitting domains is read by readers fitted without its group;
    # PolNeAR dev by the shipped ones.
    rows = out_of_group_rows(r, set(groups), ids, alpha, threshold)
    write_feature_table(data / "ratings" / FEATURES_FILE, rows, fingerprint)
    print(f"wrote {len(rows)} rows x {len(FEATURE_NAMES)} features to {data / 'ratings' / FEATURES_FILE}")
    # The domain shift: readers fitted on PolNeAR train alone (out of group there), with their
    # flagging threshold and ridge strength chosen on PolNeAR train alone too; Wikinews is read
    # by readers that learnt nothing from it.
    polnear = {i for i in groups if arts[i].domain == "polnear-train"}
    shift_threshold, _ = choose_claims_threshold(r, polnear)
    shift_alpha, _ = choose_alpha(r, polnear)
    shift = out_of_group_rows(r, polnear, [i for i in ids if i in groups], shift_alpha, shift_threshold)
    write_feature_table(data / "ratings" / SHIFT_FEATURES_FILE, shift, fingerprint)
    print(f"wrote {len(shift)} rows to {data / 'ratings' / SHIFT_FEATURES_FILE} (readers fitted without Wikinews: "
          f"threshold {shift_threshold}, alpha {shift_alpha})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
