"""Sentence labels on real news by annotators working apart (offsets and labels, never text).

``training_data/sentences/labels.tsv`` gives, per article and annotator, each unit's offsets and
label: ``residue:<kind>``, ``attributed``, ``unattributed`` or ``other``;
``training_data/sentences/hedges.tsv`` the offsets of each hedge an annotator marked. Two
annotators label every article. Articles are in two sets: ``measure`` (PolNeAR dev and Wikinews
articles kept for measurement) and ``tune`` (PolNeAR train and other Wikinews articles, which the
scorer may learn from).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .metrics import prf

LABELS_FILE = "labels.tsv"
HEDGES_FILE = "hedges.tsv"


@dataclass
class LabelledArticle:
    """One article's units and, per annotator, their labels and hedge spans."""

    id: str
    set: str
    units: list[tuple[int, int]] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)
    hedges: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def agreed(self) -> list[str | None]:
        """Per unit: the label when the annotators agree, else None (the residue kind is ignored
        when both call it residue)."""
        anns = sorted(self.labels)
        out: list[str | None] = []
        for k in range(len(self.units)):
            labs = {coarse(self.labels[a][k]) for a in anns}
            out.append(labs.pop() if len(labs) == 1 else None)
        return out


def coarse(label: str) -> str:
    """``residue:<kind>`` -> ``residue``; other labels unchanged."""
    return "residue" if label.startswith("residue") else label


def read_labels(folder: str | Path) -> dict[str, LabelledArticle]:
    folder = Path(folder)
    arts: dict[str, LabelledArticle] = {}
    rows = defaultdict(list)
    with open(folder / LABELS_FILE, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows[(r["id"], r["set"])].append(r)
    for (i, s), rs in sorted(rows.items()):
        a = LabelledArticle(i, s)
        by_ann = defaultdict(dict)
        spans = {}
        for r in rs:
            n = int(r["unit"])
            spans[n] = (int(r["start"]), int(r["end"]))
            by_ann[r["annotator"]][n] = r["label"]
        a.units = [spans[n] for n in sorted(spans)]
        a.labels = {ann: [labs[n] for n in sorted(spans)] for ann, labs in by_ann.items()}
        arts[i] = a
    hp = folder / HEDGES_FILE
    if hp.is_file():
        with open(hp, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["id"] in arts:
                    arts[r["id"]].hedges.setdefault(r["annotator"], []).append((int(r["start"]), int(r["end"])))
    return arts


def _kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    if not n:
        return 0.0
    po = sum(x == y for x, y in zip(a, b)) / n
    cats = set(a) | set(b)
    pe = sum((a.count(c) / n) * (b.count(c) / n) for c in cats)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def agreement_report(arts: dict[str, LabelledArticle]) -> dict[str, dict[str, float]]:
    """Per set and domain: unit-label agreement (raw and Cohen's kappa on coarse labels) and hedge
    agreement (F1 of one annotator's spans against the other's, by overlap)."""
    from .metrics import match_spans

    out: dict[str, dict[str, float]] = {}
    groups = defaultdict(list)
    for a in arts.values():
        if len(a.labels) >= 2:
            dom = "wikinews" if a.id.startswith("wikinews_") else "polnear"
            groups[f"{a.set}/{dom}"].append(a)
    for g, arr in sorted(groups.items()):
        la, lb, tp, na, nb = [], [], 0, 0, 0
        for a in arr:
            x, y = sorted(a.labels)[:2]
            la += [coarse(v) for v in a.labels[x]]
            lb += [coarse(v) for v in a.labels[y]]
            ha, hb = a.hedges.get(x, []), a.hedges.get(y, [])
            tp += len(match_spans([[h] for h in ha], hb))
            na += len(ha)
            nb += len(hb)
        out[g] = {"articles": len(arr), "units": len(la), "raw_agreement": round(sum(p == q for p, q in zip(la, lb)) / max(1, len(la)), 4),
                  "kappa": round(_kappa(la, lb), 4), "hedge_f1": prf(tp, nb, tp, na)["f1"]}
    return out
