"""Ratings of real articles by raters working apart, kept as ids and numbers (never article text).

``training_data/ratings/ratings.tsv`` holds one row per rating: which article, its domain and
group (publisher), which rater, and the rater's level, score and counts. Two raters rate every
article; a third rates the pairs that are more than one level apart. The consensus score of an
article is the mean of its two ratings, or, when a third rater settled it, the mean of the third
rating and the first-round rating closest to it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .errors import ScorerError
from .metrics import agreement
from .types import level_of

RATINGS_FILE = "ratings.tsv"
COLUMNS = ("id", "domain", "group", "rater", "level", "score", "named_sources", "unnamed_sources", "second_hand",
           "hedges", "unsourced_share", "reason")
# What each rater counts besides the level and score.
RATER_COUNTS = ("named_sources", "unnamed_sources", "second_hand", "hedges", "unsourced_share")
# The first-round raters; any other rater code is an adjudicator.
FIRST_ROUND = ("A", "B")
# Two first-round ratings further apart than this many levels go to a third rater.
MAX_LEVEL_GAP = 1


@dataclass(frozen=True)
class Rating:
    """One rater's rating of one article."""

    id: str
    domain: str
    group: str
    rater: str
    level: int
    score: float
    named_sources: int
    unnamed_sources: int
    second_hand: int
    hedges: int
    unsourced_share: float
    reason: str


@dataclass(frozen=True)
class RatedArticle:
    """An article's ratings and their consensus."""

    id: str
    domain: str
    group: str
    ratings: tuple[Rating, ...]

    def first_round(self) -> tuple[Rating, ...]:
        return tuple(r for r in self.ratings if r.rater in FIRST_ROUND)

    def needs_third(self) -> bool:
        first = self.first_round()
        return len(first) == 2 and abs(first[0].level - first[1].level) > MAX_LEVEL_GAP

    @property
    def score(self) -> float:
        """The consensus score (see the module docstring)."""
        first = self.first_round()
        third = [r for r in self.ratings if r.rater not in FIRST_ROUND]
        if third and len(first) == 2:
            t = third[0].score
            closest = min(first, key=lambda r: (abs(r.score - t), r.rater))
            return (t + closest.score) / 2.0
        pool = first or self.ratings
        return sum(r.score for r in pool) / len(pool)

    @property
    def level(self) -> int:
        return level_of(self.score)

    @property
    def unsourced_share(self) -> float:
        """The raters' mean estimate of the share of substantive claims left unsourced (first
        round; every rating when there is no first round)."""
        return self.mean_count("unsourced_share")

    def mean_count(self, name: str) -> float:
        """The raters' mean of one of their counts (:data:`RATER_COUNTS`; the share is a
        proportion, the others whole numbers): first round, or every rating without one."""
        if name not in RATER_COUNTS:
            raise ValueError(f"{name!r} is not one of the raters' counts {RATER_COUNTS}")
        pool = self.first_round() or self.ratings
        return sum(float(getattr(r, name)) for r in pool) / len(pool)


def read_ratings(path: str | Path) -> list[Rating]:
    """Read a ratings TSV (header row, columns :data:`COLUMNS`)."""
    p = Path(path)
    if not p.is_file():
        raise ScorerError(f"no ratings file at {p}")
    out = []
    with open(p, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), 2):
            try:
                out.append(Rating(
                    id=row["id"], domain=row["domain"], group=row["group"], rater=row["rater"],
                    level=int(row["level"]), score=float(row["score"]),
                    named_sources=int(row["named_sources"]), unnamed_sources=int(row["unnamed_sources"]),
                    second_hand=int(row["second_hand"]), hedges=int(row["hedges"]),
                    unsourced_share=float(row["unsourced_share"]), reason=row["reason"],
                ))
            except (KeyError, TypeError, ValueError) as exc:
                raise ScorerError(f"{p}:{n}: bad rating row ({exc})") from None
    return out


def write_ratings(path: str | Path, ratings: list[Rating]) -> None:
    """Write ratings sorted by domain, id and rater (a stable, reviewable file)."""
    rows = sorted(ratings, key=lambda r: (r.domain, r.id, r.rater))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([r.id, r.domain, r.group, r.rater, r.level, f"{r.score:g}", r.named_sources, r.unnamed_sources,
                        r.second_hand, r.hedges, f"{r.unsourced_share:g}", " ".join(r.reason.split())])


def rated_articles(ratings: list[Rating]) -> dict[str, RatedArticle]:
    """Group ratings by article."""
    by: dict[str, list[Rating]] = defaultdict(list)
    for r in ratings:
        by[r.id].append(r)
    return {i: RatedArticle(i, rs[0].domain, rs[0].group, tuple(sorted(rs, key=lambda r: r.rater))) for i, rs in sorted(by.items())}


def inter_rater(articles: dict[str, RatedArticle]) -> dict[str, dict[str, float]]:
    """First-round agreement per domain (rater A against rater B) and how many went to a third."""
    by: dict[str, list[RatedArticle]] = defaultdict(list)
    for a in articles.values():
        if len(a.first_round()) == 2:
            by[a.domain].append(a)
    out = {}
    for dom, arts in sorted(by.items()):
        a_scores = [x.first_round()[0].score for x in arts]
        b_scores = [x.first_round()[1].score for x in arts]
        fig = agreement(a_scores, b_scores)
        fig["third_rater"] = sum(1 for x in arts if x.needs_third())
        fig["settled"] = sum(1 for x in arts if x.needs_third() and len(x.ratings) > 2)
        out[dom] = fig
    return out
