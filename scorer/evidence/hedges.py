"""Hedges: wording that signals uncertainty or distance from a claim ("allegedly", "reportedly",
"may have"), epistemic uses only (:func:`find_hedges`)."""

from __future__ import annotations

from .. import lexicon
from ..types import Hedge
from .sentences import Sentence

# Words before "may" that make it the month ("in May", "since May", "early May").
_BEFORE_MONTH = frozenset({"in", "of", "since", "until", "by", "early", "late", "mid", "last", "next", "this"})
# Words after "could" that make it past (in)ability ("could not find").
# Perception verbs and "still" after "could" read as past ability too ("could see the smoke",
# "could still walk"): real sentence labels, tune set, 2026-12-07.
_AFTER_ABILITY = frozenset({"not", "n't", "never", "only", "hardly", "barely", "still", "see", "hear", "observe", "feel", "tell"})
# Words before "could" that make it conditional or a question ("if it could", "how could").
_BEFORE_CONDITIONAL = frozenset({"if", "so", "how", "what"})
_CONDITIONAL_NEAR = frozenset({"before", "until", "unless", "when", "if", "whether"})
# "could" is conditional when one of those words stands within this many tokens before it.
CONDITIONAL_WINDOW = 3


@lexicon.derived
def _hedge_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The hedge phrases by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for ph in lexicon.phrases("hedges.txt"):
        index.setdefault(ph[0], []).append(ph)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _not_epistemic(s: Sentence, i: int) -> bool:
    """Whether a one-word modal hedge ("may", "might", "could") at ``i`` is used otherwise: "May"
    the month, "may" as permission, "could" as past ability or in a condition."""
    low = s.low
    w = low[i]
    prev = low[i - 1] if i > 0 else ""
    nxt = low[i + 1] if i + 1 < len(low) else ""
    if w == "may":
        if (s.toks[i].text == "May" and i > 0) or nxt[:1].isdigit() or prev in _BEFORE_MONTH:
            return True  # the month
        return prev in lexicon.words("permission_subjects.txt")  # permission: "Residents may apply"
    if w == "could":
        if nxt in _AFTER_ABILITY:
            return True  # past (in)ability
        return prev in _BEFORE_CONDITIONAL or not _CONDITIONAL_NEAR.isdisjoint(low[max(0, i - CONDITIONAL_WINDOW) : i])
    return False


def find_hedges(s: Sentence, text: str) -> list[Hedge]:
    """The hedges of one sentence, longest phrase first at each word, never overlapping."""
    low, toks = s.low, s.toks
    hedges = _hedge_index()
    out: list[Hedge] = []
    if hedges.keys().isdisjoint(low):
        return out
    free = 0  # the first token not inside a hedge already found
    for i in [k for k, w in enumerate(low) if w in hedges]:
        if i < free:
            continue
        matched = next((len(ph) for ph in hedges[low[i]] if tuple(low[i : i + len(ph)]) == ph), 0)
        if not matched:
            continue
        if not (matched == 1 and _not_epistemic(s, i)):
            a, b = toks[i].start, toks[i + matched - 1].end
            out.append(Hedge(s.idx, a, b, text[a:b]))
        free = i + matched
    return out
