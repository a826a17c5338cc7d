"""How far the stance tagger's features can take cue F1 on PolNeAR: an analysis, nothing shipped.

The shipped stance tagger is trained on the project's corpus. This script asks what the same
features would give with the best possible training data: it trains the same tagger on the
PolNeAR train split itself (in-domain, which the shipped model never is) and reports dev cue
precision/recall/F1 at several thresholds, beside the shipped extractor and an oracle that
accepts exactly the candidates lying on a missed gold cue (the ceiling of the candidate set).
Nothing is written: the in-domain model is thrown away.

    python scripts/polnear_ceiling.py --train ../shared/data/polnear/train.jsonl --dev ../shared/data/polnear/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

from scorer.evaluate import fragments  # noqa: E402
from scorer.metrics import match_spans, overlaps, prf  # noqa: E402
from scorer.evidence import Collector, ExtractionWeights, Extractor, default_extractor  # noqa: E402
from scorer.learned import CueModel, fit_linear, load_cue_model, load_sentence_model  # noqa: E402
from scorer.segment import segment  # noqa: E402

THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)


def load(path: Path) -> list[tuple[list[list[tuple[int, int]]], object]]:
    """(gold cue fragments, segmentation) per article."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                doc = json.loads(line)
                out.append(([fragments(a, "cue") for a in doc["attributions"] if a.get("cue")], segment(doc["text"])))
    return out


def cue_figures(docs, ex: Extractor, extra=None) -> dict[str, float]:
    """Dev cue P/R/F1 of an extractor; ``extra(k, predicted, gold)`` may add predicted spans."""
    tp = pred = gold = 0
    for k, (gc, seg) in enumerate(docs):
        pc = [(a.cue.start, a.cue.end) for a in ex.extract(seg).attributions]
        if extra is not None:
            pc += extra(k, pc, gc)
        tp += len(match_spans(gc, pc))
        pred += len(pc)
        gold += len(gc)
    return prf(tp, pred, tp, gold)


def candidates(docs, ex: Extractor) -> list[list[tuple[int, int, list[str]]]]:
    """The stance tagger's candidate words per article, with their features."""
    out = []
    for _, seg in docs:
        collector = Collector.stance_candidates()
        ex.extract(seg, collector)
        out.append(collector.stance)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", required=True, help="PolNeAR train.jsonl")
    ap.add_argument("--dev", required=True, help="PolNeAR dev.jsonl")
    args = ap.parse_args(argv)
    for p in (args.train, args.dev):
        if not Path(p).is_file():
            print(f"error: no such file: {p}", file=sys.stderr)
            return 2
    train, dev = load(Path(args.train)), load(Path(args.dev))
    sentence_model, cue_model = load_sentence_model(), load_cue_model()
    base = Extractor(ExtractionWeights(sentence_model, cue_model))
    rows, labels = [], []
    for (gc, _), cands in zip(train, candidates(train, base)):
        for start, end, feats in cands:
            rows.append(feats)
            labels.append(any(overlaps((start, end), f) for fr in gc for f in fr))
    fitted = fit_linear(rows, labels, CueModel)
    table = [("rules and cue classifier, no stance tagger", "", cue_figures(dev, base)),
             ("shipped (corpus-trained) stance tagger", "", cue_figures(dev, default_extractor()))]
    for th in THRESHOLDS:
        model = CueModel(fitted.weights, fitted.bias, th)
        table.append(("stance tagger trained on PolNeAR train", th, cue_figures(dev, Extractor(ExtractionWeights(sentence_model, cue_model, model)))))
    dev_cands = candidates(dev, base)

    def oracle(k, pc, gc):
        matched = {g for g, _ in match_spans(gc, pc)}
        missed = [fr for g, fr in enumerate(gc) if g not in matched]
        add, taken = [], set()
        for start, end, _ in dev_cands[k]:
            g = next((g for g, fr in enumerate(missed) if g not in taken and any(overlaps((start, end), f) for f in fr)), None)
            if g is not None:
                taken.add(g)
                add.append((start, end))
        return add

    table.append(("oracle over the tagger's candidates", "", cue_figures(dev, base, oracle)))
    print(f"PolNeAR dev cue figures; in-domain tagger trained on {len(rows)} candidate words ({sum(labels)} on gold cues)")
    print(tabulate([(name, th, f["precision"], f["recall"], f["f1"]) for name, th, f in table],
                   headers=["extractor", "threshold", "precision", "recall", "F1"], floatfmt=".4f"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
