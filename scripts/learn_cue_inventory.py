"""Learn the cue inventory (``scorer/data/cue_inventory.tsv``) from PolNeAR-format training data.

The inventory is a list of words with counts, facts about English usage in political news: how
often a word is part of an annotated attribution cue, and how often it occurs. No text is kept.

    python scripts/learn_cue_inventory.py --polnear ../shared/data/polnear/train.jsonl

Steps:
1. Count, over the training split, how often each lower-case word occurs and how often it lies
   inside a gold cue span. Candidates are content words (no function words) not already in
   ``cue_verbs.txt``, that are cues in at least ``--min-rate`` of their occurrences and at least
   ``--min-count`` times, and look like verb forms (ending in -ed or -ing).
2. Run the extractor over the same split with every candidate added as a stance verb, and count
   per candidate how many of its predicted cues match a gold cue (one-to-one by overlap).
3. Keep the candidates whose predictions are right at least ``--min-precision`` of the time on
   at least ``--min-hits`` matches, and write them with their counts.

The development split stays out of this: measure with ``scorer evaluate --polnear DEV`` after.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer import lexicon  # noqa: E402
from scorer.evaluate import _frags, match_spans  # noqa: E402

WORD = re.compile(r"[A-Za-z]+")
FUNCTION_WORDS = frozenset(
    "the a an of to in on at by for from with about against as into over under after before and or "
    "but not no is are was were be been being has have had do does did will would can could may "
    "might must should it its he she they we you i his her their our my me him them us who what "
    "which that this these those there here also then now still even just only already again "
    "repeatedly publicly privately recently later often first last long more most very".split()
)
OUT = ROOT / "scorer" / "data" / "cue_inventory.tsv"


def count_words(path: Path) -> tuple[collections.Counter, collections.Counter]:
    occurrences: collections.Counter = collections.Counter()
    in_cue: collections.Counter = collections.Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            spans = sorted(f for a in doc.get("attributions", []) if a.get("cue") for f in _frags(a, "cue"))
            starts = [s for s, _ in spans]
            for m in WORD.finditer(doc["text"]):
                w = m.group().lower()
                occurrences[w] += 1
                k = bisect.bisect_right(starts, m.start()) - 1
                if k >= 0 and spans[k][0] <= m.start() and m.end() <= spans[k][1]:
                    in_cue[w] += 1
    return occurrences, in_cue


def precision_by_form(path: Path, forms: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """(matched, predicted) per candidate form when all candidates are stance cues."""
    from scorer.evidence import Extractor
    from scorer.segment import segment

    lexicon.set_inventory(forms)
    extractor = Extractor()
    wanted = set(forms)
    hits: collections.Counter = collections.Counter()
    made: collections.Counter = collections.Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            ev = extractor.extract(segment(doc["text"]))
            gold = [_frags(a, "cue") for a in doc.get("attributions", []) if a.get("cue")]
            pred = [(a.cue.start, a.cue.end) for a in ev.attributions]
            matched = {p for _, p in match_spans(gold, pred)}
            for k, a in enumerate(ev.attributions):
                last = a.cue.text.split()[-1].lower()
                if last in wanted:
                    made[last] += 1
                    hits[last] += k in matched
    lexicon.set_inventory(None)
    return {f: (hits[f], made[f]) for f in forms}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", required=True, help="PolNeAR-format train.jsonl")
    ap.add_argument("--min-rate", type=float, default=0.25, help="share of occurrences that are cues")
    ap.add_argument("--min-count", type=int, default=4, help="times the word is part of a gold cue")
    ap.add_argument("--min-precision", type=float, default=0.7, help="share of the extractor's cues on the form that match")
    ap.add_argument("--min-hits", type=int, default=3, help="matched cues the form must reach")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    path = Path(args.polnear)
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return 2
    occurrences, in_cue = count_words(path)
    lexicon.set_inventory(())
    known = set(lexicon.cue_forms())
    candidates = tuple(sorted(
        w for w, c in in_cue.items()
        if w not in known and w not in FUNCTION_WORDS and w.endswith(("ed", "ing"))
        and c >= args.min_count and c / occurrences[w] >= args.min_rate
    ))
    scored = precision_by_form(path, candidates)
    kept = sorted((w for w, (h, m) in scored.items() if h >= args.min_hits and h / m >= args.min_precision),
                  key=lambda w: (-in_cue[w], w))
    lines = [
        "# Learnt cue forms: words that are often part of an attribution cue in annotated political",
        "# news, kept when the extractor's cues on them are mostly right. Columns: form, times inside",
        "# a gold cue, occurrences, extractor cues matched, extractor cues made. Counts only (no text),",
        f"# from the PolNeAR train split; written by scripts/learn_cue_inventory.py (min rate {args.min_rate},",
        f"# min count {args.min_count}, min precision {args.min_precision}, min hits {args.min_hits}).",
    ]
    for w in kept:
        h, m = scored[w]
        lines.append(f"{w}\t{in_cue[w]}\t{occurrences[w]}\t{h}\t{m}")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(candidates)} candidates, {len(kept)} kept -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
