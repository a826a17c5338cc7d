"""The wording model: how the article's own words sound to a standards editor, learnt from ratings.

Raters mark an article down for framing no source stands behind: loaded verbs and labels,
insinuation, commentary in the writer's own voice. Counts of sources cannot see that; the words
can. This is a ridge regression from the article's own-voice wording (lower-case words outside
quotes and reported speech, per 100 own-voice words; names and numbers left out) to the raters'
score, learnt by ``scripts/real_features.py`` from rated real news. Its vocabulary keeps only
words used across several publishers, so that it learns how commentary is worded rather than
what a publisher covers. Shipped as plain weights (``framing.json`` in the model bundle).

The scoring model uses its output as one feature ("own_wording"), and the report names the
words that moved it most.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from .types import Span

FRAMING_FILE = "framing.json"
# A word must appear in the own-voice text of articles from at least this many publishers
# (Wikinews counting as one) to enter the vocabulary: wording, not a publisher's beat.
MIN_GROUPS = 3
# Ridge strengths compared by grouped cross-validation when fitting.
ALPHAS = (30.0, 100.0, 300.0)


def word_rates(wording: Iterable[Span], own_words: int, headline: Iterable[Span] = ()) -> dict[str, float]:
    """Each lower-case own-voice word's count per 100 own-voice words; headline words count
    apart, as ``h:word`` (a headline's wording frames the story in its own way)."""
    counts = Counter([s.text.lower() for s in wording])
    counts.update("h:" + s.text.lower() for s in headline)
    n = max(1, own_words)
    return {w: 100.0 * c / n for w, c in counts.items()}


@dataclass(frozen=True)
class FramingModel:
    """Linear weights over own-voice word rates; ``bias`` is the score of an article with none."""

    weights: dict[str, float]
    bias: float

    def score(self, rates: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(w, 0.0) * r for w, r in rates.items())

    def contributions(self, wording: Sequence[Span], own_words: int, top: int = 5) -> list[tuple[str, float, list[Span]]]:
        """The words that moved the wording score most, each with its effect and its spans."""
        rates = word_rates(wording, own_words)  # body wording only: headline words have no spans shown
        spans: dict[str, list[Span]] = {}
        for s in wording:
            spans.setdefault(s.text.lower(), []).append(s)
        eff = [(w, self.weights[w] * r) for w, r in rates.items() if w in self.weights]
        eff.sort(key=lambda t: (-abs(t[1]), t[0]))
        return [(w, e, spans[w]) for w, e in eff[:top]]

    def to_dict(self, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        return {**(meta or {}), "bias": self.bias, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "FramingModel":
        return cls({str(k): float(v) for k, v in d["weights"].items()}, float(d["bias"]))


def vocabulary(docs: Sequence[dict[str, float]], groups: Sequence[str], min_groups: int = MIN_GROUPS) -> frozenset[str]:
    """Words used by articles of at least ``min_groups`` distinct groups."""
    seen: dict[str, set[str]] = {}
    for d, g in zip(docs, groups):
        for w in d:
            seen.setdefault(w, set()).add(g)
    return frozenset(w for w, gs in seen.items() if len(gs) >= min_groups)


def fit_framing(docs: Sequence[dict[str, float]], y: Sequence[float], groups: Sequence[str], alpha: float) -> FramingModel:
    """Ridge regression of scores on word rates over the cross-publisher vocabulary (deterministic)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge

    vocab = vocabulary(docs, groups)
    vec = DictVectorizer()
    x = vec.fit_transform([{w: r for w, r in d.items() if w in vocab} for d in docs])
    m = Ridge(alpha=alpha).fit(x, list(y))
    weights = {str(w): round(float(c), 6) for w, c in zip(vec.get_feature_names_out(), m.coef_) if abs(c) >= 1e-6}
    return FramingModel(weights, round(float(m.intercept_), 6))


def cross_fit(docs: Sequence[dict[str, float]], y: Sequence[float], groups: Sequence[str],
              alpha: float) -> list[float]:
    """Out-of-group predictions: each group's articles scored by a model fitted on the others."""
    out = [0.0] * len(docs)
    for g in sorted(set(groups)):
        idx = [i for i, gg in enumerate(groups) if gg != g]
        m = fit_framing([docs[i] for i in idx], [y[i] for i in idx], [groups[i] for i in idx], alpha)
        for i, gg in enumerate(groups):
            if gg == g:
                out[i] = m.score(docs[i])
    return out
