"""The one place that wires the stages: segment -> evidence -> features -> model -> report."""

from __future__ import annotations

import datetime
import gc
import logging
from contextlib import contextmanager
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import __version__
from .errors import EmptyArticleError
from .claims import with_claims
from .evidence import ExtractionWeights, Extractor
from .features import FEATURE_NAMES, featurize
from .model import Bundle, Explanation, Model, level_of, load_bundle
from .report import ArticleInfo, Report, assemble, english_warning
from .segment import segment

if TYPE_CHECKING:
    from .ingest import Article

log = logging.getLogger(__name__)

FORMATS = ("auto", "text", "html", "markdown")
# A body sentence of more tokens than this is not prose: the longest sentence among the 400 corpus
# and 924 PolNeAR articles has 282 (measured 2026-12). Text like that ("He said said said ...",
# "A told B who told C who ...") gets a warning and a score no higher than DEGENERATE_SCORE_CAP,
# the middle of level 3: its evidence cannot show transparent sourcing either way.
MAX_PROSE_SENTENCE_TOKENS = 1000
DEGENERATE_SCORE_CAP = 50.0


def detect_format(text: str) -> str:
    """``"html"`` when the text opens like an HTML page or fragment (``<!doctype html>``,
    ``<html>``, ``<head>``, ``<body>``, ``<article>``, ``<div>`` or ``<p>``: the rule the CLI applies
    to a file without a telling suffix), else ``"text"``."""
    from .ingest import _HTML_RE

    return "html" if _HTML_RE.match(text[:2048].encode("utf-8", "replace")) else "text"


# On a very long text the objects of one article number in the hundreds of thousands, and Python's
# cyclic garbage collector walks all of them at every full collection it runs meanwhile: the cost
# grows faster than the text (a 200 KB text of short lines took 2.3x per doubling with it, 1.7x
# without). The scorer builds no reference cycles, so for a text longer than this the collector
# is paused while it is scored and restored after (reference counting still frees everything).
GC_PAUSE_MIN_CHARS = 50_000


@contextmanager
def _gc_paused(text: str) -> Iterator[None]:
    if len(text) < GC_PAUSE_MIN_CHARS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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

    def score(self, text: str, *, format: str = "auto", id: str | None = None, title: str | None = None,
              url: str | None = None, path: str | None = None, warnings: tuple[str, ...] | list[str] = (),
              include_text: bool = False) -> Report:
        """Score one article.

        1. read the input: HTML's main text is extracted (as the CLI does), text and Markdown are
           scored as written;
        2. segment the text into body sentences and set residue aside;
        3. find attributions, hedges and unattributed assertions, and the article's own voice;
        4. compute the named feature vector;
        5. score it with the model and split the score into per-feature effects;
        6. assemble the report (:func:`scorer.report.assemble`).

        Args:
            text: the article; every offset in the report indexes it (for HTML, the extracted
                text, which the report then carries).
            warnings: warnings from reading the input, carried into the report.
            include_text: also carry the text in ``to_dict()`` (always so for HTML).
            format: ``"auto"`` (HTML when the text opens with an HTML tag, see
                :func:`detect_format`; otherwise text), ``"text"``, ``"markdown"`` (scored as
                written, like text) or ``"html"``.
            id, title, url, path: what is known about the article, reported in ``article``.

        Raises:
            TypeError: ``text`` is not a string.
            ValueError: ``format`` is not one of :data:`FORMATS`.
            EmptyArticleError: no article sentences in the text (or no body in the HTML).
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
        if not text.strip():
            raise EmptyArticleError("the article is empty")
        if (detect_format(text) if format == "auto" else format) == "html":
            from .ingest import from_html

            text = from_html(text)
            include_text = True
        with _gc_paused(text):
            return self._score_text(text, warnings, include_text, ArticleInfo(id, title, url, path))

    def _score_text(self, text: str, warnings: tuple[str, ...] | list[str], include_text: bool,
                    article: ArticleInfo) -> Report:
        """Stages 2-6 of :meth:`score` on the text to score."""
        seg = segment(text)
        if not any(any(c.isalpha() for c in s.text) for s in seg.sentences):
            raise EmptyArticleError("the article has no sentences to score")
        bundle = self._load()
        model = bundle.model
        from .framing import term_counts
        from .voice import read_voice

        ev, claims = with_claims(seg, self.extractor.extract(seg), bundle.readers.claims)
        voice = read_voice(seg, ev)
        words = term_counts(seg, voice.headline_wording)
        wording = bundle.readers.framing.vector(words)  # read by the feature and by the report's words
        x = featurize(seg, ev, bundle.readers, voice, claims, words, wording)
        score, effects = model.explain(x)
        all_warnings = list(warnings or [])
        longest = max((len(toks) for toks in seg.tokens), default=0)
        if longest > MAX_PROSE_SENTENCE_TOKENS:
            all_warnings.append(f"a sentence runs to {longest:,} tokens (prose stays under {MAX_PROSE_SENTENCE_TOKENS:,}): "
                                f"the text is not prose as the scorer reads it, and its score is at most {DEGENERATE_SCORE_CAP:.0f}")
            if score > DEGENERATE_SCORE_CAP:
                # The cap is one more effect, so the effects still add up to score - baseline.
                effects = [*effects, Explanation("degenerate_text", float(longest), DEGENERATE_SCORE_CAP - score)]
                score = DEGENERATE_SCORE_CAP
        return assemble(
            seg=seg, ev=ev, voice=voice, score=score, level=level_of(score), effects=effects,
            feature_names=FEATURE_NAMES, baseline_features=model.baseline_features, baseline_score=model.baseline_score,
            scorer_version=__version__, model_name=model.name, model_sha256=model.sha256, warnings=all_warnings,
            include_text=include_text, article=article,
            wording_words=bundle.readers.framing.contributions(seg, words, vector=wording),
            date=datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        )

    def score_article(self, article: Article, path: str | None = None) -> Report:
        """Score an article read by :mod:`scorer.ingest` (already extracted: scored as text), with
        its warnings, id, title and URL, and the file it came from."""
        return self.score(article.text, warnings=article.warnings, include_text=article.format == "html", format="text",
                          id=article.id, title=article.title, url=article.url, path=path)


_DEFAULT: Scorer | None = None
_DEFAULT_LOCK = threading.Lock()


def score(text: str, format: str = "auto", *, id: str | None = None, title: str | None = None, url: str | None = None,
          path: str | None = None) -> Report:
    """Score one article with the shipped model (loaded once per process).

    ``format`` is ``"auto"`` (HTML when the text opens with an HTML tag, else text), ``"text"``,
    ``"markdown"`` or ``"html"`` (main text extracted as the CLI does); see :meth:`Scorer.score`.
    """
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Scorer()
    return _DEFAULT.score(text, format=format, id=id, title=title, url=url, path=path)
