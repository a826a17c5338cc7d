"""The extractor's two learned parts, both logistic regressions trained on the project's annotated
corpus (``training_data/``) and shipped as their weights, so the extractor needs neither
scikit-learn nor numpy at run time.

* The **sentence classifier**: does a sentence report what someone said, found or thinks? Some
  sentences report speech or a position in a way the rules do not parse ("Trump charges that ...",
  "Critics have seized on the claim that ..."). A model over the sentence's words and cue-word
  contexts marks such sentences as attributed (``models/sentences.json``); they hold no source, so
  the claim classifier may still flag them as unattributed claims.
* The **cue classifier**: is a reporting or stance word the rules turned down a cue after all?
  A model over the word, its neighbours, the shape of the clause and the type of the subject found
  before it (``models/cues.json``; the features are built in :mod:`scorer.evidence`).
* The **stance tagger**: is a word that often carries an attribution in news ("backs", "is
  expected", "criticism of", "asked whether") a cue here, one that credits a stance, a wish, a
  question or a position-taking act to someone? A model over the word, how often it is a cue
  (``scorer/data/cue_rates.tsv``), its neighbours and its subject, trained on the corpus's speech
  cues and its stance-cue layer (``models/stance.json``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterable

from .errors import ModelLoadError
from .bundle_files import read_bundle
from .paths import shipped_model_dir

SENTENCE_MODEL_FILE = "sentences.json"
CUE_MODEL_FILE = "cues.json"
STANCE_MODEL_FILE = "stance.json"
# Only the features seen in at least this many training rows are kept.
MIN_FEATURE_COUNT = 2
# The words after a cue word that tell its use apart ("said that", "expected to", "calls for").
_NEXT_KINDS = frozenset({"that", "to", ",", ":", "about", "for", "on", "the", "a", "he", "she", "they", "it", "in", "of"})
_QUOTES = frozenset({"“", "”", '"', "''", "``"})
_first = itemgetter(0)  # a token's first character


_PREV_KINDS = frozenset({"to", "the", "a", "is", "was", "be", "not", ",", "and", "^"})


def _cue_features(low: list[str], i: int, n: int, info: tuple[str, str]) -> tuple[str, str, str, str]:
    """The features of a cue word at token ``i``: its lemma, category and the words around it."""
    category, lemma = info
    nxt = low[i + 1] if i + 1 < n else "."
    prev = low[i - 1] if i > 0 else "^"
    return ("lemma:" + lemma, "cue:" + category,
            "next:" + category + " " + (nxt if nxt in _NEXT_KINDS or nxt in _QUOTES else "x"),
            "prev:" + category + " " + (prev if prev in _PREV_KINDS else "x"))


def sentence_features(low: list[str], inside: list[bool], cues: dict[str, tuple[str, str]]) -> list[str]:
    """The features of one sentence, from its lower-case tokens and which of them are quoted:
    its words, each cue word's lemma, category and neighbours, whether it quotes, asks, and how
    it opens."""
    feats = ["w:" + w for w in low if w[0].isalpha()]
    n = len(low)
    if not cues.keys().isdisjoint(low):
        for i, w in enumerate(low):
            if w in cues and not inside[i]:
                feats.extend(_cue_features(low, i, n, cues[w]))
    if any(inside):
        feats.append("has_quote")
    if low and low[-1] == "?":
        feats.append("question")
    if low:
        feats.append("first:" + low[0])
    return feats


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class LinearModel:
    """Weights of a logistic regression over named binary features; an item is positive when its
    probability reaches ``threshold``."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    def probability(self, feats: Iterable[str]) -> float:
        return _sigmoid(self.logit(feats))

    def logit(self, feats: Iterable[str]) -> float:
        """Bias plus the weights of the features present (each counted once, as in training)."""
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in set(feats))

    def accepts(self, feats: Iterable[str]) -> bool:
        return self.probability(feats) >= self.threshold

    def to_dict(self, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        return {**(meta or {}), "bias": self.bias, "threshold": self.threshold,
                "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Any:
        return cls({str(k): float(v) for k, v in d["weights"].items()}, float(d["bias"]), float(d.get("threshold", 0.5)))


@dataclass(frozen=True)
class CueModel(LinearModel):
    """The cue classifier, with its weights also grouped by feature kind (the part of a feature
    name before its first colon), so the extractor can score a word without building names."""

    # Derived from the weights by __post_init__: not arguments, not compared, not shown.
    tables: dict[str, dict[str, float]] = field(init=False, repr=False, compare=False)
    subject_bound: float = field(init=False, repr=False, compare=False)
    threshold_logit: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tables: dict[str, dict[str, float]] = {}
        for f, v in self.weights.items():
            kind, _, value = f.partition(":")
            tables.setdefault(kind, {})[value] = v
        object.__setattr__(self, "tables", tables)
        # the most the subject's two features can add: a word below threshold by more is out
        bound = sum(max(list(tables.get(kind, _EMPTY).values()) + [0.0]) for kind in ("subj", "subjcat"))
        object.__setattr__(self, "subject_bound", bound)
        t = min(max(self.threshold, 1e-9), 1 - 1e-9)
        object.__setattr__(self, "threshold_logit", math.log(t / (1 - t)))  # accept at logit >= this

    def table(self, kind: str) -> dict[str, float]:
        return self.tables.get(kind, _EMPTY)


_EMPTY: dict[str, float] = {}


@dataclass(frozen=True)
class SentenceModel(LinearModel):
    """The sentence classifier, scoring a sentence straight from its tokens."""

    _words: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Word weights keyed by the word, so scoring builds no feature strings.
        words = {f[2:]: v for f, v in self.weights.items() if f.startswith("w:")}
        object.__setattr__(self, "_words", words)

    def sentence_probability(self, low: list[str], inside: list[bool], cues: dict[str, tuple[str, str]]) -> float:
        """:meth:`probability` of ``sentence_features(low, inside, cues)``, computed directly."""
        w = self.weights
        z = self.bias + sum(map(self._words.get, set(compress(low, map(str.isalpha, map(_first, low)))), repeat(0.0)))
        n = len(low)
        if not cues.keys().isdisjoint(low):
            z += sum(w.get(f, 0.0) for f in {f for i, t in enumerate(low) if t in cues and not inside[i]
                                              for f in _cue_features(low, i, n, cues[t])})
        if True in inside:
            z += w.get("has_quote", 0.0)
        if n and low[-1] == "?":
            z += w.get("question", 0.0)
        if n:
            z += w.get("first:" + low[0], 0.0)
        return _sigmoid(z)

    def reported(self, low: list[str], inside: list[bool], cues: dict[str, tuple[str, str]]) -> bool:
        """Whether the sentence (its lower-case tokens, which are quoted) reports someone's words."""
        return self.sentence_probability(low, inside, cues) >= self.threshold


def _read_one(path: str, cls: type[LinearModel]) -> Any:
    """One weight file read directly (no sidecar): for tools and tests that write a single file."""
    try:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ModelLoadError(f"extraction weights not found: {path}") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelLoadError(f"unreadable extraction weights {path}: {exc}") from None


def _shipped_part(model: Any) -> Any:
    """A part of the shipped weights, which holds all three (:meth:`ExtractionWeights.from_dir`)."""
    if model is None:
        raise ModelLoadError("the shipped extraction weights lack a part")
    return model


def load_sentence_model(path: str | None = None) -> SentenceModel:
    """The shipped sentence classifier (checked against the bundle's sidecar), or the file at ``path``."""
    return _shipped_part(ExtractionWeights.shipped().sentence) if path is None else _read_one(path, SentenceModel)


def load_cue_model(path: str | None = None) -> CueModel:
    """The shipped cue classifier (checked against the bundle's sidecar), or the file at ``path``."""
    return _shipped_part(ExtractionWeights.shipped().cue) if path is None else _read_one(path, CueModel)


def load_stance_model(path: str | None = None) -> CueModel:
    """The shipped stance tagger (checked against the bundle's sidecar), or the file at ``path``."""
    return _shipped_part(ExtractionWeights.shipped().stance) if path is None else _read_one(path, CueModel)


@dataclass(frozen=True)
class ExtractionWeights:
    """The learned parts the extractor uses, each optional (None: the rules alone decide).

    ``sentence``: the sentence classifier; ``cue``: the cue classifier; ``stance``: the stance
    tagger. Build with :meth:`rules_only`, :meth:`from_dir` or directly from fitted models.
    """

    sentence: SentenceModel | None = None
    cue: CueModel | None = None
    stance: CueModel | None = None

    @classmethod
    def rules_only(cls) -> ExtractionWeights:
        """No learned parts: the rules alone."""
        return cls()

    @classmethod
    def from_dir(cls, path: str | Path) -> ExtractionWeights:
        """The three weight files (``sentences.json``, ``cues.json``, ``stance.json``) of a model
        directory, each checked against the SHA-256 its sidecar lists.

        Raises:
            ModelLoadError: a file is missing, unreadable, altered or malformed.
        """
        _, _, docs = read_bundle(path, (SENTENCE_MODEL_FILE, CUE_MODEL_FILE, STANCE_MODEL_FILE))
        try:
            return cls(SentenceModel.from_dict(docs[SENTENCE_MODEL_FILE]), CueModel.from_dict(docs[CUE_MODEL_FILE]),
                       CueModel.from_dict(docs[STANCE_MODEL_FILE]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelLoadError(f"malformed extraction weights in {path}: {exc}") from None

    @classmethod
    def shipped(cls) -> ExtractionWeights:
        """The weights shipped with the package (see :func:`scorer.paths.shipped_model_dir`), read once."""
        return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> ExtractionWeights:
    return ExtractionWeights.from_dir(shipped_model_dir())


def fit_linear(rows: list[list[str]], labels: list[bool], cls: type = LinearModel, c: float = 1.0) -> Any:
    """Fit a logistic regression on feature lists and labels (deterministic). Features seen in
    fewer than ``MIN_FEATURE_COUNT`` rows are left out."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in rows for f in set(feats))
    keep = {f for f, k in counts.items() if k >= MIN_FEATURE_COUNT}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in keep} for feats in rows])
    clf = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(f): round(float(v), 5) for f, v in zip(names, clf.coef_[0]) if abs(v) >= 1e-4}
    return cls(weights, round(float(clf.intercept_[0]), 5))
