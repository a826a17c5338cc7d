"""The wording model: how the article's words sound to a standards editor, learnt from ratings.

Raters weigh what counts of sources cannot see: loaded verbs and labels, insinuation, commentary
in the writer's voice, and on the other side the vocabulary of careful sourcing ("testified",
"filings", "spokeswoman", "declined to comment"). The words can. This is a ridge regression from
the article's words to the raters' score, learnt by ``scripts/real_features.py`` from rated real
news. The words are the body's lower-case words and each sentence's first word (capitalised words
inside a sentence, mostly names, and numbers left out: the model should learn how an article is
worded, not whom it covers) and, counted apart as ``h:word``, the headline's.
Each word's weight in an article is ``(1 + ln count) * idf``, the vector scaled to unit length
(tf-idf), so that a long article does not weigh more than a short one. The vocabulary keeps only
words used by articles of several publishers. Shipped as plain weights and idf values
(``framing.json`` in the model bundle).

The scoring model uses its output as one feature ("wording"); ``contributions`` gives the words
that moved it most, with their spans.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, filterfalse, repeat
from operator import add, itemgetter, methodcaller, mul, neg, truediv
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from .types import Span

if TYPE_CHECKING:
    from .segment import Segmented

FRAMING_FILE = "framing.json"
# A word must appear in articles from at least this many publishers (Wikinews counting as one),
# and in at least MIN_ARTICLES articles, to enter the vocabulary: wording, not a publisher's beat.
MIN_GROUPS = 3
MIN_ARTICLES = 3
# Ridge strengths compared by grouped cross-validation when fitting.
ALPHAS = (0.1, 0.3, 1.0, 3.0)
HEADLINE_PREFIX = "h:"


_text, _head = itemgetter(0), itemgetter(slice(0, 1))


def _written_lower(toks: Sequence[tuple[str, int, int]]) -> Iterator[bool]:
    """Per token, whether its text starts with a lower-case letter (mapped, no Python code per token)."""
    return map(str.islower, map(_head, map(_text, toks)))


def _sentence_words(toks: Sequence[tuple[str, int, int]], low: Sequence[str]) -> list[tuple[int, str]]:
    """The positions and lower-case forms of a sentence's words that carry wording: those written
    in lower case, and the first word whatever its case if it starts with a letter (a capitalised
    word inside a sentence is a name)."""
    out = list(compress(enumerate(low), _written_lower(toks)))
    if toks and not toks[0][0][:1].islower() and low[0][:1].isalpha():
        out.insert(0, (0, low[0]))
    return out


def article_words(seg: Segmented, only: frozenset[str] | set[str] | None = None) -> list[Span]:
    """The body's words that carry wording, as spans (lower-case text); with ``only``, just the
    words in it."""
    out: list[Span] = []
    for toks, low in zip(seg.tokens, seg.lowered()):
        if only is None:
            out.extend(Span(toks[i][1], toks[i][2], w) for i, w in _sentence_words(toks, low))
        elif not only.isdisjoint(low):
            # Only the positions of the words asked for, each kept when _sentence_words keeps it:
            # written in lower case, or the first word starting with a letter.
            for i in compress(range(len(low)), map(only.__contains__, low)):
                if toks[i][0][:1].islower() or (i == 0 and low[0][:1].isalpha()):
                    out.append(Span(toks[i][1], toks[i][2], low[i]))
    return out


def term_counts(seg: Segmented, headline: Iterable[Span] = ()) -> dict[str, int]:
    """Each body word's count (the words of :func:`article_words`), and each headline word's as
    ``h:word``."""
    words: list[str] = []  # every sentence's words of _sentence_words, in order (one count)
    for toks, low in zip(seg.tokens, seg.lowered()):
        if toks and not toks[0][0][:1].islower() and low[0][:1].isalpha():
            words.append(low[0])
        words.extend(compress(low, _written_lower(toks)))
    counts: Counter[str] = Counter(words)
    counts.update(HEADLINE_PREFIX + s.text.lower() for s in headline)
    return dict(counts)


@dataclass(frozen=True)
class FramingModel:
    """Linear weights over an article's tf-idf word vector; ``bias`` is the score of an article
    with no word of the vocabulary."""

    weights: dict[str, float]
    bias: float
    idf: dict[str, float] = field(default_factory=dict)

    def vector(self, counts: dict[str, int]) -> dict[str, float]:
        """The article's unit-length tf-idf vector over the vocabulary."""
        idf = self.idf
        # Each word's (1 + ln count) * idf, mapped (the same operations in the same order).
        if min(counts.values(), default=1) > 0:
            words = list(filter(idf.__contains__, counts))
        else:
            words = [w for w, c in counts.items() if c > 0 and w in idf]
        x = list(map(mul, map(add, repeat(1.0), map(math.log, map(counts.__getitem__, words))), map(idf.__getitem__, words)))
        norm = math.sqrt(sum(map(mul, x, x)))
        return dict(zip(words, map(truediv, x, repeat(norm)))) if norm > 0 else {}

    def score(self, counts: dict[str, int], vector: dict[str, float] | None = None) -> float:
        """The wording score of an article's counts (``vector``: their :meth:`vector`, when known)."""
        v = self.vector(counts) if vector is None else vector
        return self.bias + sum(map(mul, map(self.weights.get, v.keys(), repeat(0.0)), v.values()))

    def contributions(self, seg: Segmented, counts: dict[str, int], top: int = 5,
                      vector: dict[str, float] | None = None) -> list[tuple[str, float, list[Span]]]:
        """The body words that moved the wording score most, each with its effect and its spans
        (``vector``: the counts' :meth:`vector`, when known)."""
        v = self.vector(counts) if vector is None else vector
        weights = self.weights
        words = list(filterfalse(methodcaller("startswith", HEADLINE_PREFIX), filter(weights.__contains__, v)))
        effects = list(map(mul, map(weights.__getitem__, words), map(v.__getitem__, words)))
        # Largest effect first, ties by word: (-|effect|, word) is unique per word, so sorting the
        # triples gives the order of a sort keyed by it.
        eff = [(w, e) for _, w, e in sorted(zip(map(neg, map(abs, effects)), words, effects))[:top]]
        spans: dict[str, list[Span]] = {}
        for s in article_words(seg, {w for w, _ in eff}):
            spans.setdefault(s.text, []).append(s)
        return [(w, e, spans.get(w, [])) for w, e in eff]

    def to_dict(self, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        return {**(meta or {}), "bias": self.bias, "idf": dict(sorted(self.idf.items())),
                "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "FramingModel":
        return cls({str(k): float(v) for k, v in d["weights"].items()}, float(d["bias"]),
                   {str(k): float(v) for k, v in d.get("idf", {}).items()})


def vocabulary(docs: Sequence[dict[str, int]], groups: Sequence[str], min_groups: int = MIN_GROUPS,
               min_articles: int = MIN_ARTICLES) -> dict[str, float]:
    """The words used by articles of at least ``min_groups`` groups and ``min_articles``
    articles, each with its smoothed idf, ``ln((1 + n) / (1 + df)) + 1``."""
    seen: dict[str, set[str]] = {}
    df: Counter[str] = Counter()
    for d, g in zip(docs, groups):
        df.update(d.keys())
        for w in d:
            seen.setdefault(w, set()).add(g)
    n = len(docs)
    return {w: math.log((1 + n) / (1 + k)) + 1.0 for w, k in df.items()
            if k >= min_articles and len(seen[w]) >= min_groups}


def fit_framing(docs: Sequence[dict[str, int]], y: Sequence[float], groups: Sequence[str], alpha: float) -> FramingModel:
    """Ridge regression of scores on tf-idf word vectors over the cross-publisher vocabulary
    (deterministic)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge

    shape = FramingModel({}, 0.0, {w: round(v, 6) for w, v in vocabulary(docs, groups).items()})
    vec = DictVectorizer()
    x = vec.fit_transform([shape.vector(d) for d in docs])
    m = Ridge(alpha=alpha).fit(x, list(y))
    weights = {str(w): round(float(c), 6) for w, c in zip(vec.get_feature_names_out(), m.coef_) if abs(c) >= 1e-6}
    # Every vocabulary word keeps its idf, weighted or not: the vector's length is taken over all.
    return FramingModel(weights, round(float(m.intercept_), 6), shape.idf)


def cross_fit(docs: Sequence[dict[str, int]], y: Sequence[float], groups: Sequence[str],
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
