"""Stage 3: a fixed, named feature vector from the evidence of one article.

The order of :data:`FEATURE_NAMES` is part of the model contract: it is written to the model's
sidecar and checked on load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .types import Evidence, NAMED_TYPES, SOURCE_TYPES

if TYPE_CHECKING:  # the segmenter (and NLTK) is not needed to read feature names
    from .segment import Segmented

FEATURE_NAMES: tuple[str, ...] = (
    "share_named_person",
    "share_named_organization",
    "share_document",
    "share_anonymous",
    "share_vague",
    "share_unresolved",
    "attributions_per_sentence",
    "attributed_sentence_share",
    "unattributed_share",
    "hedges_per_sentence",
    "distinct_named_sources",
    "distinct_unnamed_sources",
    "quote_share",
)

# Human-readable descriptions used by the report's explanation.
FEATURE_LABELS: dict[str, str] = {
    "share_named_person": "share of attributions to named people",
    "share_named_organization": "share of attributions to named organisations",
    "share_document": "share of attributions to documents",
    "share_anonymous": "share of attributions to anonymous sources",
    "share_vague": "share of attributions to vague sources",
    "share_unresolved": "share of attributions to unresolved pronouns",
    "share_named": "share of attributions to named sources",
    "attributions_per_sentence": "attributions per sentence",
    "attributed_sentence_share": "share of sentences with sourcing",
    "unattributed_share": "share of sentences that are unattributed claims",
    "hedges_per_sentence": "hedges per sentence",
    "distinct_named_sources": "distinct named sources",
    "distinct_unnamed_sources": "distinct anonymous or vague sources",
    "quote_share": "share of attributions that are direct quotes",
    "log_attributions": "number of attributions (log scale)",
}

_QUOTE_CHARS = frozenset('"“”‘’«»')


def featurize(seg: Segmented, ev: Evidence) -> list[float]:
    """The feature vector of one article, in :data:`FEATURE_NAMES` order."""
    import math

    n_sent = max(1, len(seg.sentences))
    n_att = len(ev.attributions)
    by_type = dict.fromkeys(SOURCE_TYPES, 0)
    quotes = 0
    for a in ev.attributions:
        by_type[a.source_type] += 1
        if a.content is not None:
            # A direct quotation has a quotation mark at (or just outside) one of its ends.
            lo, hi = max(0, a.content.start - 1), min(len(seg.text), a.content.end + 1)
            edges = seg.text[lo : a.content.start + 1] + seg.text[a.content.end - 1 : hi]
            if any(c in _QUOTE_CHARS for c in edges):
                quotes += 1
    denom = max(1, n_att)
    named = sum(by_type[t] for t in NAMED_TYPES)
    distinct_named = sum(1 for s in ev.sources if s.type in NAMED_TYPES)
    distinct_unnamed = sum(1 for s in ev.sources if s.type in ("anonymous", "vague"))
    values = {
        **{f"share_{t}": by_type[t] / denom for t in SOURCE_TYPES},
        "share_named": named / denom,
        "attributions_per_sentence": n_att / n_sent,
        "attributed_sentence_share": len(ev.attributed_sentences) / n_sent,
        "unattributed_share": len(ev.assertions) / n_sent,
        "hedges_per_sentence": len(ev.hedges) / n_sent,
        "distinct_named_sources": float(distinct_named),
        "distinct_unnamed_sources": float(distinct_unnamed),
        "quote_share": quotes / denom,
        "log_attributions": math.log1p(n_att),
    }
    return [float(values[name]) for name in FEATURE_NAMES]
