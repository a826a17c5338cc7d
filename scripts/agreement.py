"""Inter-annotator agreement between the corpus annotations and an independent second annotation.

The second annotator labelled a random 15% of training_data/articles/ from the clean text alone
(training_data/agreement/*.txt, same format). This prints article-level agreement
(quadratic-weighted Cohen's kappa on levels, score MAE and Spearman) and span-level F1 between
the two (attributions by cue overlap, source type agreement on matched attributions, hedges by
overlap, unattributed assertions by sentence). The stance-cue layer has its own second
annotation of 40 articles (training_data/agreement/stance_cues_second.tsv, the articles listed in
stance_overlap_ids.tsv), compared by cue overlap.

Usage:
    python scripts/agreement.py                 # figures
    python scripts/agreement.py --sample 0.15   # list the ids of a fresh random sample (seeded)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer.corpus import STANCE_FILE, load_corpus, load_stance_cues  # noqa: E402
from scorer.metrics import match_spans, overlaps, prf, spearman  # noqa: E402
from scorer.segment import segment  # noqa: E402

SEED = 20261124


def sample_ids(share: float) -> list[str]:
    ids = sorted(a.id for a in load_corpus(ROOT / "training_data" / "articles"))
    rng = random.Random(SEED)
    return sorted(rng.sample(ids, max(1, round(share * len(ids)))))


def agreement() -> dict:
    from sklearn.metrics import cohen_kappa_score

    first = {a.id: a for a in load_corpus(ROOT / "training_data" / "articles")}
    second = load_corpus(ROOT / "training_data" / "agreement")
    pairs = [(first[b.id], b) for b in second if b.id in first]
    mismatched = [b.id for a, b in pairs if a.text != b.text]
    pairs = [(a, b) for a, b in pairs if a.text == b.text]
    tot = {k: 0 for k in ("att_tp", "att_a", "att_b", "h_tp", "h_a", "h_b", "u_tp", "u_a", "u_b", "type_ok", "type_n")}
    for a, b in pairs:
        ca = [[x.cue] for x in a.attributions]
        cb = [(x.cue[0], x.cue[1]) for x in b.attributions]
        m = match_spans(ca, cb)
        tot["att_tp"] += len(m)
        tot["att_a"] += len(ca)
        tot["att_b"] += len(cb)
        for i, j in m:
            tot["type_n"] += 1
            tot["type_ok"] += a.attributions[i].source_type == b.attributions[j].source_type
        hm = match_spans([[h] for h in a.hedges], list(b.hedges))
        tot["h_tp"] += len(hm)
        tot["h_a"] += len(a.hedges)
        tot["h_b"] += len(b.hedges)
        sents = segment(a.text).sentences
        ua = {s.index for s in sents if any(overlaps((s.start, s.end), u) for u in a.unattributed)}
        ub = {s.index for s in sents if any(overlaps((s.start, s.end), u) for u in b.unattributed)}
        tot["u_tp"] += len(ua & ub)
        tot["u_a"] += len(ua)
        tot["u_b"] += len(ub)
    la = [a.level for a, _ in pairs]
    lb = [b.level for _, b in pairs]
    sa = [a.score for a, _ in pairs]
    sb = [b.score for _, b in pairs]

    def f1(tp: int, na: int, nb: int) -> dict:
        # F1 of the second annotator against the first (symmetric: precision and recall swap).
        return prf(tp, nb, tp, na)

    return {
        "articles": len(pairs),
        "text_mismatch": mismatched,
        "level_kappa_quadratic": round(float(cohen_kappa_score(la, lb, weights="quadratic")), 4) if pairs else 0.0,
        "level_exact_agreement": round(sum(x == y for x, y in zip(la, lb)) / len(pairs), 4) if pairs else 0.0,
        "score_mae": round(sum(abs(x - y) for x, y in zip(sa, sb)) / len(pairs), 2) if pairs else 0.0,
        "score_spearman": round(spearman(sa, sb), 4),
        "attributions": f1(tot["att_tp"], tot["att_a"], tot["att_b"]),
        "source_type_agreement": round(tot["type_ok"] / tot["type_n"], 4) if tot["type_n"] else 0.0,
        "hedges": f1(tot["h_tp"], tot["h_a"], tot["h_b"]),
        "unattributed_assertions": f1(tot["u_tp"], tot["u_a"], tot["u_b"]),
        "stance_cues": stance_agreement(),
    }


def stance_agreement() -> dict:
    """The second annotator's stance cues against the corpus layer, on the doubly annotated articles."""
    agree = ROOT / "training_data" / "agreement"
    ids = (agree / "stance_overlap_ids.tsv").read_text(encoding="utf-8").split()[1:]
    first = load_stance_cues(ROOT / "training_data" / STANCE_FILE)
    second = load_stance_cues(agree / "stance_cues_second.tsv")
    tp = na = nb = 0
    for aid in ids:
        a, b = [[sp] for sp in first.get(aid, [])], second.get(aid, [])
        tp += len(match_spans(a, b))
        na += len(a)
        nb += len(b)
    return {"articles": len(ids), **prf(tp, nb, tp, na)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=float, help="print the ids of a seeded random sample of this share")
    args = ap.parse_args(argv)
    if args.sample:
        print("\n".join(sample_ids(args.sample)))
        return 0
    print(json.dumps(agreement(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
