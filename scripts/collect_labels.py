"""Gather annotators' sentence labels into ``training_data/sentences/`` (offsets and labels only).

Usage: python scripts/collect_labels.py LABELS_DIR SELECTION_JSON [--shared ../shared]

LABELS_DIR holds ``ANNOTATOR-BATCH.jsonl`` files written to ``training_data/sentences/GUIDE.md``;
SELECTION_JSON maps each set ("measure", "tune") to its article ids. Units are recomputed from the
texts under ``--shared`` with ``scripts/sentence_units.py`` and stored as character offsets, hedges
as the offsets of their words inside the unit. Writes ``labels.tsv`` (id, set, annotator, unit,
start, end, label) and ``hedges.tsv`` (id, set, annotator, start, end) and prints agreement.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sentence_units import units  # noqa: E402

from scorer.evaluate import real_texts  # noqa: E402
from scorer.sentence_labels import agreement_report, read_labels  # noqa: E402
from scorer.paths import default_shared_dir  # noqa: E402

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labels_dir")
    ap.add_argument("selection")
    ap.add_argument("--shared", default=str(default_shared_dir()))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "training_data" / "sentences"))
    args = ap.parse_args()
    sel = json.loads(Path(args.selection).read_text())
    set_of = {i: s for s, ids in sel.items() for i in ids}
    texts = real_texts(Path(args.shared), set_of)
    out = Path(args.out)
    lab_rows, hedge_rows = [], []
    for f in sorted(Path(args.labels_dir).glob("*.jsonl")):
        ann = f.name.split("-", 1)[0]
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            text = texts[r["id"]]
            us = units(text)
            if len(us) != len(r["labels"]):
                sys.exit(f"{f.name}: {r['id']} has {len(r['labels'])} labels for {len(us)} units")
            for n, ((s, e), lab) in enumerate(zip(us, r["labels"]), 1):
                lab_rows.append((r["id"], set_of[r["id"]], ann, n, s, e, lab))
            for n, words in r.get("hedges", []):
                s, e = us[int(n) - 1]
                k = text[s:e].lower().find(words.lower())
                if k >= 0:
                    hedge_rows.append((r["id"], set_of[r["id"]], ann, s + k, s + k + len(words)))
    with open(out / "labels.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "set", "annotator", "unit", "start", "end", "label"])
        w.writerows(sorted(lab_rows))
    with open(out / "hedges.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "set", "annotator", "start", "end"])
        w.writerows(sorted(set(hedge_rows)))
    print(json.dumps(agreement_report(read_labels(out)), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
