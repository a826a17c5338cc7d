"""The claim classifier: is a body sentence a claim the article makes in its own name, unsourced?

The rules flag unattributed assertions sentence by sentence; editors judge them in context: the
next sentences of a source's account are sourced, a rhetorical question insinuates, a headline is
no claim. This logistic regression reads each sentence's evidence (attributions in it and around
it, quotation, the rules' own flag, the classifier for reported speech), its position and its
words, and gives the probability that an editor would call it an unsourced claim. It learns from
real news labelled sentence by sentence by annotators working apart
(``training_data/sentences/``; ``scripts/real_features.py`` fits it) and ships as plain weights
(``claims.json`` in the model bundle).

The scoring model uses the mean probability over an article's sentences as one feature
("unsourced_claim_share").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from .types import Evidence

if TYPE_CHECKING:
    from .segment import Segmented

CLAIMS_FILE = "claims.json"
_QUOTES = frozenset({"“", "”", '"', "''", "``", "‘", "’"})
# Length buckets (words) of a sentence: very short sentences are rarely claims.
_LENGTHS = ((4, "xs"), (9, "s"), (20, "m"), (35, "l"))


def _length(n: int) -> str:
    for limit, name in _LENGTHS:
        if n <= limit:
            return name
    return "xl"


def sentence_features(seg: Segmented, ev: Evidence) -> list[list[str]]:
    """One feature list per body sentence (binary features as strings)."""
    out = []
    for f, words in _sentence_parts(seg, ev):
        f.extend([f"w:{w}" for w in words])
        out.append(f)
    return out


def _sentence_parts(seg: Segmented, ev: Evidence) -> Iterator[tuple[list[str], list[str]]]:
    """Per body sentence: its features other than its words, and its distinct words sorted (the
    ``w:`` features that follow them, in their order)."""
    n = len(seg.sentences)
    with_att = {a.sentence for a in ev.attributions}
    asserted = {a.sentence for a in ev.assertions}
    lower = seg.lower or [[t[0].lower() for t in toks] for toks in seg.tokens]
    for k, (sent, low) in enumerate(zip(seg.sentences, lower)):
        words = [w for w in low if w[:1].isalnum()]
        f = [f"len:{_length(len(words))}"]
        if k in with_att:
            f.append("att_here")
        if k in ev.attributed_sentences:
            f.append("credited")
        if k in asserted:
            f.append("rule_assert")
        for d, name in ((-1, "prev"), (1, "next"), (-2, "prev2")):
            j = k + d
            if 0 <= j < n:
                if j in with_att:
                    f.append(f"{name}_att")
                if j in ev.attributed_sentences:
                    f.append(f"{name}_credited")
            else:
                f.append(f"{name}_none")
        if sent.start in seg.paragraph_starts:
            f.append("para_start")
        if k == 0:
            f.append("first_sentence")
        if low and low[0] in _QUOTES:
            f.append("opens_quote")
        if not _QUOTES.isdisjoint(low):
            f.append("has_quote_mark")
        if low and low[-1] == "?":
            f.append("question")
        if low and low[-1] == ":":
            f.append("colon_end")
        if words:
            f.append(f"first:{words[0]}")
        yield f, sorted(set(words))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class ClaimModel:
    """Logistic regression weights over sentence features."""

    weights: dict[str, float]
    bias: float

    def probability(self, feats: Sequence[str]) -> float:
        return _sigmoid(self.bias + sum(map(self.weights.get, feats, repeat(0.0))))

    @cached_property
    def _word_weights(self) -> dict[str, float]:
        """The ``w:`` weights keyed by the word itself."""
        return {f[2:]: v for f, v in self.weights.items() if f.startswith("w:")}

    def probabilities(self, seg: Segmented, ev: Evidence) -> list[float]:
        """:meth:`probability` of every sentence's features, the word features looked up by the
        word (no ``w:`` strings built): the same weights summed in the same order."""
        get, word = self.weights.get, self._word_weights.get
        return [_sigmoid(self.bias + sum(chain(map(get, f, repeat(0.0)), map(word, words, repeat(0.0)))))
                for f, words in _sentence_parts(seg, ev)]

    def to_dict(self, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        return {**(meta or {}), "bias": self.bias, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ClaimModel":
        return cls({str(k): float(v) for k, v in d["weights"].items()}, float(d["bias"]))


def fit_claims(rows: Sequence[Sequence[str]], labels: Sequence[bool], c: float = 0.3) -> ClaimModel:
    """Fit the claim classifier (deterministic); features seen in fewer than 3 sentences are dropped."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in rows for f in set(feats))
    keep = {f for f, k in counts.items() if k >= 3}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in keep} for feats in rows])
    clf = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    clf.fit(x, list(labels))
    weights = {str(f): round(float(v), 5) for f, v in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(v) >= 1e-4}
    return ClaimModel(weights, round(float(clf.intercept_[0]), 5))


def sentence_targets(seg: Segmented, units: Sequence[tuple[int, int]], labels: Sequence[str | None]) -> list[str | None]:
    """The annotators' label for each of the scorer's sentences: that of the unit overlapping it most."""
    out: list[str | None] = []
    for s in seg.sentences:
        best, label = 0, None
        for (u0, u1), lab in zip(units, labels):
            ov = min(s.end, u1) - max(s.start, u0)
            if ov > best:
                best, label = ov, lab
        out.append(label)
    return out


# A sentence is reported as an unattributed assertion when the classifier gives it at least this
# probability (the classifier's own decision boundary; on the measure set of real sentence
# labels it beat the rules at it, see training_data/sentences/claims.json).
CLAIM_THRESHOLD = 0.5


def with_claims(seg: Segmented, ev: Evidence, model: ClaimModel) -> tuple[Evidence, list[float]]:
    """The evidence with its unattributed assertions decided by the claim classifier, and the
    classifier's probability for every sentence."""
    from dataclasses import replace

    from .types import Assertion

    probs = model.probabilities(seg, ev)
    # A sentence that credits a source is not an unattributed assertion, whatever else it holds
    # (the labelling guide's rule for mixed sentences).
    assertions = tuple(Assertion(s.index, s.start, s.end) for s, p in zip(seg.sentences, probs)
                       if p >= CLAIM_THRESHOLD and s.index not in ev.attributed_sentences)
    return replace(ev, assertions=assertions), probs
