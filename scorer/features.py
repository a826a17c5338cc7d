"""Stage 3: a fixed, named feature vector from the evidence of one article.

The order of :data:`FEATURE_NAMES` is part of the model contract: it is written to the model's
sidecar and checked on load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .types import Evidence, NAMED_TYPES, SOURCE_TYPES, UNNAMED_TYPES

# Imported for real, not only for type checking: compiled (setup.py), Readers checks its fields'
# types at run time, and a class known only to the type checker crashes the module at import.
from .claims import ClaimModel
from .framing import FramingModel

if TYPE_CHECKING:
    from .segment import Segmented
    from .voice import Voice


@dataclass(frozen=True)
class Readers:
    """The learnt readers features need: the wording model and the claim classifier."""

    framing: FramingModel
    claims: ClaimModel

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
    "own_voice_share",
    "first_person_rate",
    "loaded_rate",
    "question_share",
    "second_hand_per_sentence",
    "unexplained_anonymous_share",
    "wording",
    "unsourced_claim_share",
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
    "own_voice_share": "share of the article's words in its own voice (outside quotes and reported speech)",
    "first_person_rate": "first- and second-person words in the article's own voice, per 100 of its words",
    "loaded_rate": "loaded words in the article's own voice, per 100 of its words",
    "question_share": "share of sentences that are questions in the article's own voice",
    "second_hand_per_sentence": "attributions passed on through another news outlet, per sentence",
    "unexplained_anonymous_share": "share of attributions to anonymous sources with no reason given for the anonymity",
    "wording": "how the article's wording rates (the wording model, 0-100)",
    "unsourced_claim_share": "share of sentences the claim classifier reads as unsourced claims",
}

_QUOTE_CHARS = frozenset('"“”‘’«»')


def featurize(seg: Segmented, ev: Evidence, readers: Readers, voice: Voice | None = None,
              claim_probabilities: list[float] | None = None, word_counts: dict[str, int] | None = None,
              wording_vector: dict[str, float] | None = None) -> list[float]:
    """The feature vector of one article, in :data:`FEATURE_NAMES` order.

    ``readers`` are the bundle's learnt readers; ``voice`` the article's own-voice evidence
    (:func:`scorer.voice.read_voice`) and ``claim_probabilities`` the claim classifier's output
    per sentence, and ``word_counts`` the wording model's word counts
    (:func:`scorer.framing.term_counts`), each computed here when not given; ``wording_vector``
    their tf-idf vector (:meth:`scorer.framing.FramingModel.vector`), when already computed.
    """
    from .framing import term_counts

    import math

    if voice is None:
        from .voice import read_voice

        voice = read_voice(seg, ev)
    if claim_probabilities is None:
        claim_probabilities = readers.claims.probabilities(seg, ev)

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
    distinct_unnamed = sum(1 for s in ev.sources if s.type in UNNAMED_TYPES)
    words = seg.word_count
    own = max(1, voice.own_words)
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
        "own_voice_share": min(1.0, voice.own_words / max(1, words)),
        "first_person_rate": 100.0 * len(voice.first_person) / own,
        "loaded_rate": 100.0 * len(voice.loaded) / own,
        "question_share": len(voice.questions) / n_sent,
        "second_hand_per_sentence": len(voice.second_hand) / n_sent,
        "unexplained_anonymous_share": (by_type["anonymous"] - len(voice.explained_anonymous)) / denom,
        # Bounded to the rating scale, so that no text can push the feature past what raters give.
        "wording": min(100.0, max(0.0, readers.framing.score(word_counts if word_counts is not None else term_counts(seg, voice.headline_wording),
                                                            wording_vector))),
        "unsourced_claim_share": sum(claim_probabilities) / n_sent,
    }
    return [float(values[name]) for name in FEATURE_NAMES]
