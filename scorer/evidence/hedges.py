"""Hedges: wording that signals uncertainty or distance from a claim ("allegedly", "reportedly",
"may have"), epistemic uses only (:func:`find_hedges`)."""

from __future__ import annotations

from typing import Callable

from .. import lexicon
from ..types import Hedge
from .sentences import Sentence

# Words before "may" that make it the month ("in May", "since May", "early May").
_BEFORE_MONTH = frozenset({"in", "of", "since", "until", "by", "early", "late", "mid", "last", "next", "this"})
# Words after "could" that make it past (in)ability ("could not find").
# Perception verbs after "could" read as past ability too ("could see the smoke"): real sentence
# labels, tune set, 2026-12-07. ("could still" was here too; in PolNeAR train text it is nearly
# always epistemic, "could still win": taken out 2026-12-07.)
_AFTER_ABILITY = frozenset({"not", "n't", "never", "only", "hardly", "barely", "see", "hear", "observe", "feel", "tell"})
# Words before "could" that make it conditional or a question ("if it could", "how could").
_BEFORE_CONDITIONAL = frozenset({"if", "so", "how", "what"})
_CONDITIONAL_NEAR = frozenset({"before", "until", "unless", "when", "if", "whether"})
# "could" is conditional when one of those words stands within this many tokens before it.
CONDITIONAL_WINDOW = 3
# Words after "may" that make it epistemic even after a permission subject ("members may be").
_AFTER_EPISTEMIC_MAY = frozenset({"be", "have", "well", "also", "already", "never", "still", "soon"})
# A subject pronoun right after a modal makes it a question or a wish, not a hedge ("could we
# give", "might I suggest", "may he rest in peace").
_SUBJECTS_AFTER = frozenset({"i", "we", "you", "he", "she", "they"})
# "I could have", "we could also have": what the speaker might have done, not a hedge.
_FIRST_PERSON = frozenset({"i", "we"})
# "more likely to vote", "less likely than": a comparison of rates (polls, studies), not a hedge.
_COMPARATIVES = frozenset({"more", "less"})
_COMPARED_BY = frozenset({"to", "than"})
# Words before "unlikely" that make it attributive, "surprising" ("an unlikely alliance"), unless
# "to" or "that" follows ("unlikely to pass" stays a hedge).
_BEFORE_ATTRIBUTIVE = frozenset({"a", "an", "the", "and", "this", "his", "her", "their", "its"})
# Words before "apparent" that make it "evident" ("became apparent", "readily apparent", "heir apparent").
_BEFORE_EVIDENT = frozenset({"heir", "became", "become", "becomes", "becoming", "readily", "immediately", "quickly",
                             "clearly", "increasingly", "already", "all", "is", "was", "are", "were", "be", "been"})
# Words after "appear(s/ed)" that make it "show up" ("appeared on television", "appear before the
# court"); a capitalised word ("appeared Sunday", "appear with Clinton") or a number does too.
_AFTER_SHOWING_UP = frozenset({"on", "in", "at", "before", "with", "alongside", "onstage", "together", "for", "during",
                               "live", "via", "from", "inside", "outside", "as", "across", "throughout", "here", "there"})
# Words before "possible" that make it predicative ("as soon as possible", "made it possible", "what's
# possible") or part of an extent ("every possible", "the worst possible"): not a hedge. A
# superlative in "-est" does too.
_BEFORE_NOT_POSSIBLE = frozenset({"as", "made", "make", "makes", "making", "is", "was", "are", "were", "be", "been",
                                  "seem", "seems", "seemed", "every", "what's", "what’s", "it", "worst", "best", "only"})
_NOT_NOUNS = frozenset({"to", "that", "for", "in", "after", "through", "by", "unless", "is", "was", "and", "or", "but", "if"})


@lexicon.derived
def _hedge_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The hedge phrases by their first word, longest first."""
    return lexicon.by_first_word(lexicon.phrases("hedges.txt"))


@lexicon.derived
def _hedges_by_two() -> tuple[dict[tuple[str, str], tuple[tuple[str, ...], ...]], dict[str, tuple[tuple[str, ...], ...]]]:
    """The hedge phrases by their first two words ("is" opens ten)."""
    return lexicon.by_first_two_words(_hedge_index())


def _word(low: list[str], i: int) -> str:
    """The lower-case token at ``i``, or "" outside the sentence."""
    return low[i] if 0 <= i < len(low) else ""


def _may(s: Sentence, i: int) -> bool:
    """ "May" the month or "may" as permission ("Residents may apply")."""
    low = s.low
    prev, nxt = _word(low, i - 1), _word(low, i + 1)
    if (s.toks[i].text == "May" and i > 0) or nxt[:1].isdigit() or prev in _BEFORE_MONTH:
        return True  # the month
    # permission ("Residents may apply"), unless "be", "have" or an adverb follows: "members may be
    # willing" and "you may well lose" are hedges whatever the subject
    return prev in lexicon.words("permission_subjects.txt") and nxt not in _AFTER_EPISTEMIC_MAY


def _could(s: Sentence, i: int) -> bool:
    """ "could" as past (in)ability ("could not find") or in a condition ("if it could")."""
    low = s.low
    prev, nxt = _word(low, i - 1), _word(low, i + 1)
    if nxt in _AFTER_ABILITY or "so" in low[max(0, i - 2) : i]:
        return True  # past (in)ability, or purpose: "so she could get", "so everybody could"
    return prev in _BEFORE_CONDITIONAL or not _CONDITIONAL_NEAR.isdisjoint(low[max(0, i - CONDITIONAL_WINDOW) : i])


def _likely(s: Sentence, i: int) -> bool:
    """ "more likely to vote", "less likely than": a comparison, not a hedge ("more likely than not" is one)."""
    low = s.low
    if _word(low, i - 1) not in _COMPARATIVES:
        return False
    nxt = _word(low, i + 1)
    if nxt == "than":
        return _word(low, i + 2) != "not"
    return nxt in _COMPARED_BY or not nxt[:1].isalnum()


def _unlikely(s: Sentence, i: int) -> bool:
    """ "an unlikely alliance": attributive "unlikely" means surprising."""
    return _word(s.low, i - 1) in _BEFORE_ATTRIBUTIVE and _word(s.low, i + 1) not in {"to", "that"}


def _apparent(s: Sentence, i: int) -> bool:
    """ "became apparent", "readily apparent", "heir apparent": evident, not a hedge."""
    return _word(s.low, i - 1) in _BEFORE_EVIDENT


def _appear(s: Sentence, i: int) -> bool:
    """ "appear" as "show up" ("appeared on television", "to appear before the committee"); "appeared
    unwilling", "appears that" are hedges ("appears to" is a phrase of its own)."""
    low = s.low
    nxt = _word(low, i + 1)
    if nxt == "as":
        return _word(low, i + 2) != "if"
    if _word(low, i - 1) == "to" or nxt in _AFTER_SHOWING_UP or not nxt[:1].isalpha():
        return True
    return s.toks[i + 1].text[:1].isupper()


def _possible(s: Sentence, i: int) -> bool:
    """ "possible" is a hedge only before a noun ("a possible running mate", "investigating possible
    fraud"); "as soon as possible", "made it possible", "the worst possible moment" are not."""
    low = s.low
    prev, nxt = _word(low, i - 1), _word(low, i + 1)
    if prev in _BEFORE_NOT_POSSIBLE or prev.endswith("est"):
        return True
    return not nxt[:1].isalpha() or nxt in _NOT_NOUNS


def _estimated(s: Sentence, i: int) -> bool:
    """ "the estimated cost": a figure's name, not a hedge ("an estimated 300 people", "the estimated
    11 million", "officials estimated" are hedges)."""
    return _word(s.low, i - 1) == "the" and _word(s.low, i + 1)[:1].isalpha()


def _suggest(s: Sentence, i: int) -> bool:
    """ "as its name suggests", "a name suggesting": what a name indicates, not a hedge."""
    return _word(s.low, i - 1) in {"name", "title"}


# The words whose hedge reading is checked in context, each with its test for another reading.
_OTHER_READINGS: dict[str, Callable[[Sentence, int], bool]] = {
    "may": _may, "could": _could, "likely": _likely, "unlikely": _unlikely, "apparent": _apparent,
    "appear": _appear, "appears": _appear, "appeared": _appear, "possible": _possible,
    "estimated": _estimated, "suggests": _suggest, "suggesting": _suggest,
}
_MODALS = frozenset({"may", "might", "could"})


def _not_epistemic(s: Sentence, i: int, n: int) -> bool:
    """Whether the hedge of ``n`` words at ``i`` is used otherwise: a modal in a question or a
    wish, and for a one-word hedge the readings :data:`_OTHER_READINGS` tells apart."""
    w = s.low[i]
    if w in _MODALS and _word(s.low, i + 1) in _SUBJECTS_AFTER:
        return True
    if w == "could" and _word(s.low, i - 1) in _FIRST_PERSON and _word(s.low, i + 1) in {"have", "also"}:
        return True  # the speaker's counterfactual: "I could have stopped it"
    test = _OTHER_READINGS.get(w)
    return n == 1 and test is not None and test(s, i)


def find_hedges(s: Sentence, text: str) -> list[Hedge]:
    """The hedges of one sentence, longest phrase first at each word, never overlapping."""
    low, toks = s.low, s.toks
    hedges = _hedge_index()
    out: list[Hedge] = []
    if hedges.keys().isdisjoint(low):
        return out
    free = 0  # the first token not inside a hedge already found
    pairs, singles = _hedges_by_two()
    for i in [k for k, w in enumerate(low) if w in hedges]:
        if i < free:
            continue
        matched = next((len(ph) for ph in lexicon.candidates(pairs, singles, low, i) if tuple(low[i : i + len(ph)]) == ph), 0)
        if not matched:
            continue
        if not _not_epistemic(s, i, matched):
            a, b = toks[i].start, toks[i + matched - 1].end
            out.append(Hedge(s.idx, a, b, text[a:b]))
        free = i + matched
    return out
