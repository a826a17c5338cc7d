"""The one place that wires the stages: segment -> evidence -> features -> model -> report."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from . import __version__
from .errors import EmptyArticleError
from .claims import with_claims
from .evidence import ExtractionWeights, Extractor
from .features import FEATURE_NAMES, featurize
from .model import Bundle, Model, level_of, load_bundle, reason
from .report import Reason, Report, SentenceInfo
from .segment import segment
from .types import SOURCE_TYPES

log = logging.getLogger(__name__)

# Share of letters among a text's characters below which it is taken for non-prose; and the share
# of common English function words among its words below which a warning says it may not be English
# (English news prose runs 35-50%; 10% leaves room for lists and headlines).
MIN_ENGLISH_FUNCTION_SHARE = 0.10
# A body sentence of more tokens than this is not prose: the longest sentence among the 400 corpus
# and 924 PolNeAR articles has 282 (measured 2026-12). Text like that ("He said said said ...",
# "A told B who told C who ...") gets a warning and a score no higher than DEGENERATE_SCORE_CAP,
# the middle of level 3: its evidence cannot show transparent sourcing either way.
MAX_PROSE_SENTENCE_TOKENS = 1000
DEGENERATE_SCORE_CAP = 50.0
_FUNCTION_WORDS = frozenset(
    "the a an of to in and is was for on that with as by at from it be are were has have had said "
    "he she they his her their this which not but or will would".split()
)


def _english_warning(text: str) -> str | None:
    words = text[:8000].lower().split()[:600]  # the opening 600 words tell the language
    if len(words) < 20:
        return None
    share = len([w for w in words if w in _FUNCTION_WORDS or w.strip(".,;:\"“”'’()") in _FUNCTION_WORDS]) / len(words)
    if share < MIN_ENGLISH_FUNCTION_SHARE:
        return "text may not be English: the scorer's lexicons are English and its figures may not hold"
    return None


class Scorer:
    """Loads a model bundle once and scores many texts. Safe to share between threads.

    Args:
        model_path: a model directory (the scoring model and the extraction weights it was
            trained with, checked together against one sidecar); the shipped model when None.
    """

    def __init__(self, model_path: str | Path | None = None) -> None:
        self._model_path = model_path
        self._bundle: Bundle | None = None
        self._extractor: Extractor | None = None
        self._lock = threading.Lock()

    def _load(self) -> Bundle:
        if self._bundle is None:
            with self._lock:
                if self._bundle is None:
                    b = load_bundle(self._model_path)
                    self._extractor = Extractor(ExtractionWeights(b.sentence_model, b.cue_model, b.stance_model))
                    self._bundle = b
        return self._bundle

    @property
    def model(self) -> Model:
        """The scoring model of the bundle."""
        return self._load().model

    @property
    def extractor(self) -> Extractor:
        """The evidence extractor built from the bundle's extraction weights."""
        self._load()
        assert self._extractor is not None
        return self._extractor

    def score(self, text: str, warnings: list[str] | None = None, include_text: bool = False) -> Report:
        """Score one article.

        1. segment the text into body sentences and set residue aside;
        2. find attributions, hedges and unattributed assertions;
        3. compute the named feature vector;
        4. score it with the model and split the score into per-feature effects;
        5. assemble the report.

        Args:
            text: the article text; every offset in the report indexes it.
            warnings: warnings from reading the input, carried into the report.
            include_text: also carry the text in ``to_dict()`` (used for HTML input).

        Raises:
            TypeError: ``text`` is not a string.
            EmptyArticleError: no article sentences in the text.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if not text.strip():
            raise EmptyArticleError("the article is empty")
        seg = segment(text)
        if not any(any(c.isalpha() for c in s.text) for s in seg.sentences):
            raise EmptyArticleError("the article has no sentences to score")
        model = self.model
        readers = self._load().readers
        ev, claim_probs = with_claims(seg, self.extractor.extract(seg), readers.claims)
        x = featurize(seg, ev, readers, claim_probabilities=claim_probs)
        score, effects = model.explain(x)
        longest = max((len(toks) for toks in seg.tokens), default=0)
        degenerate = longest > MAX_PROSE_SENTENCE_TOKENS
        capped = degenerate and score > DEGENERATE_SCORE_CAP
        raw_score = score
        if capped:
            score = DEGENERATE_SCORE_CAP
        level = level_of(score)
        by_type = dict.fromkeys(SOURCE_TYPES, 0)
        for a in ev.attributions:
            by_type[a.source_type] += 1
        words = sum(len([t for t in toks if t[0][0].isalnum()]) for toks in seg.tokens)
        counts = {
            "sentences": len(seg.sentences),
            "words": words,
            "attributions": len(ev.attributions),
            **by_type,
            "hedges": len(ev.hedges),
            "unattributed_assertions": len(ev.assertions),
        }
        effects = sorted(effects, key=lambda e: (-abs(round(e.effect, 6)), e.feature))
        base = dict(zip(FEATURE_NAMES, model.baseline_features))
        reasons = tuple(
            Reason(e.feature, e.value, e.effect, reason(e.feature, e.value, e.effect, counts, base.get(e.feature))) for e in effects
        )
        if capped:
            # The cap is one more effect, so the effects still add up to score - baseline.
            cap = Reason("degenerate_text", float(longest), score - raw_score,
                         f"a sentence of {longest:,} tokens is not prose: the score is capped at {DEGENERATE_SCORE_CAP:.0f}")
            reasons = tuple(sorted((*reasons, cap), key=lambda r: (-abs(round(r.effect, 6)), r.feature)))
        unatt = {a.sentence for a in ev.assertions}
        sentences = tuple(
            SentenceInfo(s.index, s.start, s.end, s.index in ev.attributed_sentences, s.index in unatt) for s in seg.sentences
        )
        all_warnings = list(warnings or [])
        w = _english_warning(text)
        if w:
            all_warnings.append(w)
        if degenerate:
            all_warnings.append(f"a sentence runs to {longest:,} tokens (prose stays under {MAX_PROSE_SENTENCE_TOKENS:,}): "
                                f"the text is not prose as the scorer reads it, and its score is at most {DEGENERATE_SCORE_CAP:.0f}")
        return Report(
            text=text,
            scorer_version=__version__,
            model_name=model.name,
            model_sha256=model.sha256,
            score=score,
            level=level,
            counts=counts,
            sentences=sentences,
            excluded=seg.excluded,
            attributions=ev.attributions,
            sources=ev.sources,
            hedges=ev.hedges,
            assertions=ev.assertions,
            explanation=reasons,
            baseline=model.baseline_score,
            warnings=tuple(all_warnings),
            include_text=include_text,
        )


_DEFAULT: Scorer | None = None
_DEFAULT_LOCK = threading.Lock()


def score(text: str) -> Report:
    """Score one article with the shipped model (loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Scorer()
    return _DEFAULT.score(text)
