"""sourcing-scorer: how transparent is a news article's sourcing?

>>> import scorer
>>> report = scorer.score(text)          # doctest: +SKIP
>>> report.score, report.level, report.to_dict()["attributions"]   # doctest: +SKIP
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .errors import EmptyArticleError, InputError, ModelLoadError, ScorerError  # noqa: E402
from .pipeline import Scorer, score  # noqa: E402
from .report import Report  # noqa: E402
from .types import Assertion, Attribution, Excluded, Hedge, Source, Span  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Assertion",
    "Attribution",
    "EmptyArticleError",
    "Excluded",
    "Hedge",
    "InputError",
    "ModelLoadError",
    "Report",
    "Scorer",
    "ScorerError",
    "Source",
    "Span",
    "__version__",
    "score",
]
