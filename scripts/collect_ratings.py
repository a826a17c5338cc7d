"""Gather raters' JSON Lines files into ``training_data/ratings/ratings.tsv`` (ids and numbers only).

Usage: python scripts/collect_ratings.py RATINGS_DIR [--shared ../shared] [--out training_data/ratings/ratings.tsv]

Each file in RATINGS_DIR is named ``RATER-BATCH.jsonl`` and holds one JSON object per article as the
rating guide (``training_data/ratings/GUIDE.md``) asks. The article's domain (polnear-dev,
polnear-train, wikinews) and group (publisher) come from the data under ``--shared``. Prints the
first-round agreement per domain and the ids whose two ratings are more than one level apart.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorer.ratings import Rating, inter_rater, rated_articles, write_ratings  # noqa: E402
from scorer.paths import default_shared_dir  # noqa: E402


# A rater's reason may quote the article; the project keeps no article text, so any quoted run of
# more than three words is replaced by a marker (single loaded words stay: they are the point).
_QUOTED = re.compile(r"(?<![A-Za-z])['\"“‘]((?:[^'\"“”‘’]|(?<=[A-Za-z])['’](?=[A-Za-z])){3,300}?)['\"”’](?![A-Za-z])")
# Any run of this many words that also stands in the article is redacted too, quoted or not.
SHARED_RUN_WORDS = 4
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def redact(reason: str, article: str = "") -> str:
    out = _QUOTED.sub(lambda m: m.group(0) if len(m.group(1).split()) <= 3 else "[quoted wording]", reason)
    if not article:
        return out
    art = " " + " ".join(w.lower() for w in _WORD.findall(article)) + " "
    words = list(_WORD.finditer(out))
    cut: list[tuple[int, int]] = []
    for i in range(len(words) - SHARED_RUN_WORDS + 1):
        run = words[i : i + SHARED_RUN_WORDS]
        if " " + " ".join(m.group().lower() for m in run) + " " in art:
            cut.append((run[0].start(), run[-1].end()))
    for a, b in reversed(_merge(cut)):
        out = out[:a] + "[article wording]" + out[b:]
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def domains(shared: Path) -> dict[str, tuple[str, str, str]]:
    """Article id -> (domain, group, text) from the shared data sets."""
    out = {}
    for split in ("dev", "train"):
        with open(shared / "data" / "polnear" / f"{split}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                out[r["id"]] = (f"polnear-{split}", r["publisher"], r["text"])
    with open(shared / "data" / "wikinews" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out[r["id"]] = ("wikinews", "wikinews", r["title"] + "\n" + r["text"])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ratings_dir")
    ap.add_argument("--shared", default=str(default_shared_dir()))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "training_data" / "ratings" / "ratings.tsv"))
    args = ap.parse_args()
    where = domains(Path(args.shared))
    ratings: dict[tuple[str, str], Rating] = {}
    for f in sorted(Path(args.ratings_dir).glob("*.jsonl")):
        rater = f.name.split("-", 1)[0]
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("id") not in where:
                print(f"skipped: {f.name} rates an unknown id {r.get('id')!r}", file=sys.stderr)
                continue
            dom, group, article = where[r["id"]]
            ratings[(r["id"], rater)] = Rating(
                r["id"], dom, group, rater, int(r["level"]), float(r["score"]), int(r["named_sources"]),
                int(r["unnamed_sources"]), int(r["second_hand"]), int(r["hedges"]), float(r["unsourced_share"]),
                redact(str(r["reason"]), article))
    write_ratings(args.out, list(ratings.values()))
    arts = rated_articles(list(ratings.values()))
    print(json.dumps(inter_rater(arts), indent=1))
    pending = [a.id for a in arts.values() if a.needs_third() and len(a.ratings) < 3]
    print(f"{len(arts)} articles, {len(ratings)} ratings; {len(pending)} need a third rater")
    for i in pending:
        print("third:", i)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
