"""The article's body sentences as the extractor reads them: tokens, their lower-case forms and
which of them are quoted (quotation state carried across a paragraph's sentences)."""

from __future__ import annotations

from collections.abc import Sequence

from ..segment import Segmented
from .grammar import Token, tokens_of
from .quotes import inside_quotes

# A headline-style sentence has at least this many words, and this share of them capitalised.
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_SHARE = 0.8


class Sentence:
    """One body sentence: its index, tokens, span, quoted tokens and quotation state."""

    __slots__ = ("idx", "toks", "low", "start", "end", "inside", "quote_state", "content_end", "opened_inside", "_title_case")

    def __init__(self, idx: int, toks: tuple[Token, ...], start: int, end: int, quote_state: tuple[int, bool] = (0, False),
                 low: Sequence[str] | None = None) -> None:
        self.idx = idx
        self.opened_inside = quote_state[0] > 0 or quote_state[1]  # it starts inside a quotation
        self.toks = toks
        self.low = list(low) if low is not None else [t.lower for t in toks]
        self.start = start
        self.end = end
        self.inside, self.quote_state = inside_quotes(toks, quote_state, self.low)
        # Where the sentence's words end (before its final punctuation mark).
        self.content_end = toks[-1].start if toks and not toks[-1].text[0].isalnum() else (toks[-1].end if toks else end)
        self._title_case: bool | None = None

    @property
    def title_case(self) -> bool:
        """A headline-style sentence ("Mayor Says Pier Will Reopen"): most of its words capitalised
        (worked out once, when first asked)."""
        if self._title_case is None:
            words = [t.text for t in self.toks if t.text[0].isalpha()]
            self._title_case = len(words) >= TITLE_CASE_MIN_WORDS and sum(1 for w in words if w[0].isupper()) >= TITLE_CASE_SHARE * len(words)
        return self._title_case

    def words(self, a: int, b: int) -> list[str]:
        """The texts of tokens ``a`` to ``b`` inclusive."""
        return [t.text for t in self.toks[a : b + 1]]

    def word_count(self) -> int:
        """How many of its tokens are words or numbers."""
        return len([t for t in self.toks if t.text[0].isalnum()])


def read_sentences(seg: Segmented) -> list[Sentence]:
    """The article's sentences in order, each knowing which of its tokens are quoted."""
    out = []
    quote_state = (0, False)
    lower = seg.lower or [None] * len(seg.tokens)
    for sent, raw, low in zip(seg.sentences, seg.tokens, lower):
        if sent.start in seg.paragraph_starts:
            quote_state = (0, False)
        s = Sentence(sent.index, tokens_of(raw, low), sent.start, sent.end, quote_state, low)
        quote_state = s.quote_state
        out.append(s)
    return out
