"""Unattributed assertions: body sentences that state something with no attribution in them,
not inside a quotation or an attribution's content, and not read by the sentence classifier as
someone's words (:func:`find_assertions`)."""

from __future__ import annotations

from ..learned import SentenceModel
from ..types import Assertion
from .. import lexicon
from .sentences import Sentence

# Sentences shorter than this many words are not counted as unattributed assertions
# (fragments such as "No injuries." or "Not yet." state too little to need a source).
MIN_ASSERTION_WORDS = 5


def find_assertions(sentences: list[Sentence], attributed: set[int], model: SentenceModel | None,
                    probabilities: dict[int, float] | None = None) -> list[Assertion]:
    """The unattributed assertions among the sentences not yet ``attributed``. A sentence the
    classifier reads as reporting someone's words is added to ``attributed`` instead (and its
    probability to ``probabilities``, when given)."""
    out = []
    cues = lexicon.cue_forms()
    for s in sentences:
        if s.idx in attributed:
            continue
        if s.word_count() < MIN_ASSERTION_WORDS or s.low[-1] == "?":
            continue
        if model is not None:
            p = model.sentence_probability(s.low, s.inside, cues)
            if p >= model.threshold:  # model.reported: the classifier reads it as someone's words
                attributed.add(s.idx)
                if probabilities is not None:
                    probabilities[s.idx] = p
                continue
        out.append(Assertion(s.idx, s.start, s.end))
    return out
