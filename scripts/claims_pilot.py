"""Figures of the claims pilot (``training_data/claims_pilot``): which claims carry the story.

Two annotators, working apart to ``training_data/claims_pilot/GUIDE.md``, labelled every unit
(``scripts/sentence_units.py``) of 30 rated PolNeAR train articles drawn at random (seed
20261208, none of them in ``training_data/sentences``) as residue, sourced, unsourced or context
(own-voice text that carries no claim an editor would want sourced). This prints their agreement
and how the share of unsourced claims their labels give, with context left out of the claims or
counted as unsourced (the reading of ``training_data/sentences/GUIDE.md``), follows the raters'
estimate of the unsourced share (``training_data/ratings``), beside the claim classifier's share
(the feature table's ``unsourced_claim_share``, each article read without its publisher).

Usage: python scripts/claims_pilot.py [--data training_data]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.features import FEATURE_NAMES  # noqa: E402
from scorer.metrics import spearman  # noqa: E402
from scorer.paths import default_data_dir  # noqa: E402
from scorer.ratings import RATINGS_FILE, rated_articles, read_ratings  # noqa: E402
from scorer.score_fit import FEATURES_FILE, read_feature_table  # noqa: E402

LABELS = ("residue", "sourced", "unsourced", "context")


def shares(labels: list[str]) -> tuple[float, float]:
    """(unsourced share of the claims with context left out, with context counted unsourced)."""
    c = Counter(labels)
    return (c["unsourced"] / max(1, c["sourced"] + c["unsourced"]),
            (c["unsourced"] + c["context"]) / max(1, c["sourced"] + c["unsourced"] + c["context"]))


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    expected = sum((sum(a == x for a, _ in pairs) / n) * (sum(b == x for _, b in pairs) / n) for x in LABELS)
    return (observed - expected) / (1 - expected)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(default_data_dir()))
    data = Path(ap.parse_args().data)
    with open(data / "claims_pilot" / "labels.jsonl", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    rated = rated_articles(read_ratings(data / "ratings" / RATINGS_FILE))
    _, table = read_feature_table(data / "ratings" / FEATURES_FILE)
    claim = FEATURE_NAMES.index("unsourced_claim_share")
    pairs = [(a, b) for d in docs for a, b in zip(d["labels"]["A"], d["labels"]["B"])]
    print(f"{len(docs)} articles, {len(pairs)} units: agreement {sum(a == b for a, b in pairs) / len(pairs):.3f}, "
          f"Cohen's kappa {kappa(pairs):.3f}")
    a_new = [shares(d["labels"]["A"])[0] for d in docs]
    b_new = [shares(d["labels"]["B"])[0] for d in docs]
    print(f"the two annotators' shares (context left out), Spearman {spearman(a_new, b_new):.3f}")
    raters = [rated[d["id"]].unsourced_share for d in docs]
    score = [rated[d["id"]].score for d in docs]
    readings = {
        "annotators, context left out of the claims": [(shares(d["labels"]["A"])[0] + shares(d["labels"]["B"])[0]) / 2 for d in docs],
        "annotators, context counted unsourced": [(shares(d["labels"]["A"])[1] + shares(d["labels"]["B"])[1]) / 2 for d in docs],
        "the claim classifier (out of group)": [table[d["id"]][2][claim] for d in docs],
    }
    print(f"{'share read by':45s} {'vs raters share':>16s} {'vs raters score':>16s}")
    for name, values in readings.items():
        print(f"{name:45s} {spearman(values, raters):16.3f} {spearman(values, score):16.3f}")
    print(f"{'the raters themselves':45s} {'':16s} {spearman(raters, score):16.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
