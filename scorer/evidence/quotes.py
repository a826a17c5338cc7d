"""Quotation state: which tokens lie inside a quotation, and how far a quotation's content runs.

Words inside quotation marks are a speaker's, not the article's: cue words there are not the
article's cues, and a long quotation makes its sentence someone's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..segment import Segmented
from ..types import Attribution, Span
from .grammar import OPEN_QUOTES, QUOTE_TOKENS, Token

# A quotation of at least this many words makes a sentence attributed even without a cue
# (shorter quoted runs are often scare quotes or titles).
MIN_QUOTE_WORDS = 4
# The quotation marks looked for just before a content span's start and just after its end.
_MARKS_BEFORE = "“\"'‘"
_MARKS_AFTER = "”\"'’"


def inside_quotes(toks: tuple[Token, ...], state: tuple[int, bool] = (0, False),
                  low: Sequence[str] | None = None) -> tuple[list[bool], tuple[int, bool]]:
    """For each token, whether it lies inside a double quotation (“...”, "..." or ''...'').

    ``state`` (curly depth, straight quote open) carries over from the previous sentence of the
    same paragraph, so a sentence that starts inside a quotation is read correctly.
    """
    depth, straight = state
    if QUOTE_TOKENS.isdisjoint(low if low is not None else [t.text for t in toks]):
        return [depth > 0 or straight] * len(toks), state  # no quotation mark in the sentence
    flags = []
    for tok in toks:
        t = tok.text
        if t == "“":
            depth += 1
            flags.append(False)
            continue
        if t == "”":
            if depth:
                depth -= 1
            else:
                straight = False  # a straight opening mark closed by a curly one
            flags.append(False)
            continue
        if t in ('"', "''", "``"):
            if depth and not straight:
                depth -= 1  # a curly opening mark closed by a straight one
            else:
                straight = not straight
            flags.append(False)
            continue
        flags.append(depth > 0 or straight)
    return flags, (depth, straight)


def has_long_quote(toks: tuple[Token, ...], inside: list[bool]) -> bool:
    """Whether at least :data:`MIN_QUOTE_WORDS` words in a row are quoted."""
    run = best = 0
    for flag, tok in zip(inside, toks):
        if flag and tok.text[0].isalnum():
            run += 1
            best = max(best, run)
        elif not flag:
            run = 0
    return best >= MIN_QUOTE_WORDS


def extend_quotes(seg: Segmented, attributions: list[Attribution], opens_inside: list[bool]) -> list[Attribution]:
    """Stretch a quotation's content over the quote sentences around it that have no cue.

    '"A. B." "C," she said.' credits all three sentences to her, as does
    'She said: "A." "B."' for the quote sentences that follow. A quote sentence opens with a
    quotation mark or starts inside a quotation left open by the sentence before it.
    """
    text = seg.text
    sents = seg.sentences
    own = {a.sentence for a in attributions}
    quote = [bool(toks) and (toks[0][0] in OPEN_QUOTES or opens_inside[k]) and k not in own for k, toks in enumerate(seg.tokens)]
    out = []
    for a in attributions:
        if a.content is None:
            out.append(a)
            continue
        cs, ce = a.content.start, a.content.end
        k = a.sentence
        near_quote = any(c in text[max(0, cs - 2) : cs + 1] for c in _MARKS_BEFORE) or any(c in text[ce - 1 : ce + 3] for c in _MARKS_AFTER)
        if near_quote:
            j = k - 1
            while j >= 0 and quote[j] and cs <= sents[k].start + 2:
                cs = sents[j].start
                j -= 1
            j = k + 1
            while j < len(sents) and quote[j] and ce >= sents[k].end - 3:
                ce = sents[j].end
                j += 1
        if (cs, ce) != (a.content.start, a.content.end):
            a = Attribution(a.sentence, a.cue, a.source, Span(cs, ce, text[cs:ce]), a.source_type, a.resolved_to)
        out.append(a)
    return out
