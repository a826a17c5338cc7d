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
   at least ``--min-hits`` matches.
4. Run the extractor again with the subject check opened for every cue lemma (any plain noun
   phrase may be the speaker, as for "said"), and keep the lemmas whose extra cues pass the same
   two thresholds.
5. Write both lists with their counts.
6. Write the cue rates (``scorer/data/cue_rates.tsv``): every content word that is part of a gold
   cue at least ``--rate-min-count`` times and in at least ``--rate-min-share`` of its
   occurrences, with both counts. They name the words the stance tagger looks at and tell it how
   often each is a cue.

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
from scorer.evaluate import fragments  # noqa: E402
from scorer.metrics import match_spans  # noqa: E402
from scorer.evidence import ExtractionWeights, Extractor  # noqa: E402
from scorer.segment import Segmented, segment  # noqa: E402

WORD = re.compile(r"[A-Za-z]+")
FUNCTION_WORDS = frozenset(
    "the a an of to in on at by for from with about against as into over under after before and or "
    "but not no is are was were be been being has have had do does did will would can could may "
    "might must should it its he she they we you i his her their our my me him them us who what "
    "which that this these those there here also then now still even just only already again "
    "repeatedly publicly privately recently later often first last long more most very".split()
)
OUT = ROOT / "scorer" / "data" / "cue_inventory.tsv"
RATES_OUT = ROOT / "scorer" / "data" / "cue_rates.tsv"
# Particles, pieces of contractions ("didn't" leaves "didn" and "t"), days and months ("said
# Wednesday") are parts of cue spans, never the word that carries the attribution; so are adverbs
# in -ly ("strongly endorsed"), left out below.
PARTICLES = frozenset(
    "out up off down back over away along around t s d ll re ve didn doesn don isn aren wasn weren hasn haven "
    "hadn won wouldn couldn shouldn monday tuesday wednesday thursday friday saturday sunday january february "
    "march april june july august september october november december once".split()
)
CLOSED_LEMMAS = frozenset({"seem", "appear", "suggest", "ask", "expect"})


def load(path: Path) -> list[tuple[dict, Segmented]]:
    """Every article with its segmentation (which the learnt inventory does not change), read once."""
    with open(path, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return [(doc, segment(doc["text"])) for doc in docs]


def count_words(docs: list[tuple[dict, Segmented]]) -> tuple[collections.Counter, collections.Counter]:
    occurrences: collections.Counter = collections.Counter()
    in_cue: collections.Counter = collections.Counter()
    for doc, _ in docs:
        spans = sorted(f for a in doc.get("attributions", []) if a.get("cue") for f in fragments(a, "cue"))
        starts = [s for s, _ in spans]
        for m in WORD.finditer(doc["text"]):
            w = m.group().lower()
            occurrences[w] += 1
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and spans[k][0] <= m.start() and m.end() <= spans[k][1]:
                in_cue[w] += 1
    return occurrences, in_cue


def run_extractor(docs: list[tuple[dict, Segmented]], forms: tuple[str, ...],
                  open_subject: frozenset[str]) -> dict[tuple[str, int], tuple[str, bool]]:
    """Every predicted cue as (article id, start) -> (its last word, matched a gold cue), with the
    given learnt forms and open-subject lemmas in place."""
    lexicon.set_inventory(forms, open_subject)
    extractor = Extractor(ExtractionWeights.rules_only())  # the rules alone: the learnt parts are trained after, on this inventory
    out = {}
    for doc, seg in docs:
        ev = extractor.extract(seg)
        gold = [fragments(a, "cue") for a in doc.get("attributions", []) if a.get("cue")]
        pred = [(a.cue.start, a.cue.end) for a in ev.attributions]
        matched = {p for _, p in match_spans(gold, pred)}
        for k, a in enumerate(ev.attributions):
            out[(doc["id"], a.cue.start)] = (a.cue.text.split()[-1].lower(), k in matched)
    lexicon.set_inventory(None)
    return out


def tally(cues: dict, key) -> dict[str, tuple[int, int]]:
    """(matched, made) per key of the cue's last word."""
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for word, ok in cues.values():
        k = key(word)
        if k is not None:
            counts[k][0] += ok
            counts[k][1] += 1
    return {k: (h, m) for k, (h, m) in counts.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", required=True, help="PolNeAR-format train.jsonl")
    ap.add_argument("--min-rate", type=float, default=0.25, help="share of occurrences that are cues")
    ap.add_argument("--min-count", type=int, default=4, help="times the word is part of a gold cue")
    ap.add_argument("--min-precision", type=float, default=0.7, help="share of the extractor's cues on the form that match")
    ap.add_argument("--min-hits", type=int, default=3, help="matched cues the form must reach")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--rate-min-count", type=int, default=5, help="times a word is part of a gold cue to get a rate")
    ap.add_argument("--rate-min-share", type=float, default=0.1, help="share of its occurrences a word with a rate is a cue in")
    ap.add_argument("--rates-out", default=str(RATES_OUT))
    args = ap.parse_args(argv)
    path = Path(args.polnear)
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return 2
    docs = load(path)
    occurrences, in_cue = count_words(docs)
    lexicon.set_inventory(())
    known = set(lexicon.cue_forms())
    candidates = tuple(sorted(
        w for w, c in in_cue.items()
        if w not in known and w not in FUNCTION_WORDS and w.endswith(("ed", "ing"))
        and c >= args.min_count and c / occurrences[w] >= args.min_rate
    ))
    wanted = set(candidates)
    scored = tally(run_extractor(docs, candidates, frozenset()), lambda w: w if w in wanted else None)
    kept = sorted((w for w, (h, m) in scored.items() if h >= args.min_hits and h / m >= args.min_precision),
                  key=lambda w: (-in_cue[w], w))
    # Lemmas whose verb reports speech after any plain noun phrase: the cues that appear only when
    # the subject check is opened for all lemmas, counted per lemma.
    lexicon.set_inventory(tuple(kept))
    lemma_of = {f: lem for f, (_, lem) in lexicon.cue_forms().items()}
    # Thinking-and-seeming verbs are hedges in the project's rubric, and "ask" after a plain noun
    # phrase is mostly a request ("asked for a waiver"), not a report: they stay closed.
    all_lemmas = frozenset(lemma_of.values()) - CLOSED_LEMMAS
    closed = run_extractor(docs, tuple(kept), frozenset())
    opened = run_extractor(docs, tuple(kept), all_lemmas)
    extra = {k: v for k, v in opened.items() if k not in closed}
    open_scores = tally(extra, lambda w: lemma_of.get(w))
    open_kept = sorted((lem for lem, (h, m) in open_scores.items() if h >= args.min_hits and h / m >= args.min_precision),
                       key=lambda lem: (-open_scores[lem][0], lem))
    lines = [
        "# Learnt cue inventory: counts only (no text), from the PolNeAR train split; written by",
        f"# scripts/learn_cue_inventory.py (min rate {args.min_rate}, min count {args.min_count},",
        f"# min precision {args.min_precision}, min hits {args.min_hits}).",
        "# form <word> <times inside a gold cue> <occurrences> <extractor cues matched> <made>:",
        "#   a word often part of an attribution cue, used as a stance verb.",
        "# open_subject <lemma> <extractor cues matched> <made>: a cue lemma that reports speech",
        "#   after any plain noun phrase ('the Trump team warned'), not only a typed source.",
    ]
    for w in kept:
        h, m = scored[w]
        lines.append(f"form\t{w}\t{in_cue[w]}\t{occurrences[w]}\t{h}\t{m}")
    for lem in open_kept:
        h, m = open_scores[lem]
        lines.append(f"open_subject\t{lem}\t{h}\t{m}")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    rated = sorted((w for w, c in in_cue.items() if w not in FUNCTION_WORDS and w not in PARTICLES and not w.endswith("ly") and c >= args.rate_min_count
                    and c / occurrences[w] >= args.rate_min_share), key=lambda w: (-in_cue[w], w))
    rate_lines = [
        "# Cue rates: counts only (no text), from the PolNeAR train split; written by",
        f"# scripts/learn_cue_inventory.py (min count {args.rate_min_count}, min share {args.rate_min_share}).",
        "# <word> <times inside a gold cue> <occurrences>",
    ] + [f"{w}\t{in_cue[w]}\t{occurrences[w]}" for w in rated]
    Path(args.rates_out).write_text("\n".join(rate_lines) + "\n", encoding="utf-8")
    print(f"{len(candidates)} candidate forms, {len(kept)} kept; {len(open_kept)} open-subject lemmas -> {args.out}")
    print(f"{len(rated)} cue rates -> {args.rates_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
