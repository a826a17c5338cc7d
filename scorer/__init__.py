"""sourcing-scorer: how transparent is a news article's sourcing?

>>> import scorer
>>> report = scorer.score(text)          # doctest: +SKIP
>>> report = scorer.score(page, format="html", url=url)   # doctest: +SKIP
>>> report.score, report.level, report.to_dict()["attributions"]   # doctest: +SKIP
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .errors import EmptyArticleError, InputError, ModelLoadError, ScorerError  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The scoring pipeline (Punkt, the extractor, the model bundle) is imported on first use, so that a process that only
# reads inputs and writes records, such as the parent of a parallel batch run, stays small.
_LAZY = {
    "Scorer": "pipeline", "score": "pipeline", "Report": "report", "ArticleInfo": "report",
    "Assertion": "types", "Attribution": "types", "Excluded": "types", "Hedge": "types", "Source": "types", "Span": "types",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "ArticleInfo",
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
