"""Punkt for a model that is an abbreviation list alone (the segmenter's, :mod:`scorer.segment`),
deciding the plainest candidate boundaries without running Punkt's annotation passes.

Kept out of the compiled modules (setup.py): mypyc cannot subclass a class with ``__slots__``.
"""

from __future__ import annotations

import re

from punkt import LanguageVars, PunktParameters, PunktSentenceTokenizer


class AbbreviationPunkt(PunktSentenceTokenizer):
    """Punkt whose model is an abbreviation list alone (no collocations, sentence starters,
    orthographic or numeric-abbreviation statistics), deciding the plainest boundaries without
    running its two annotation passes.

    Punkt decides each candidate boundary from its context: the word before the mark, the mark
    and what follows it (a non-word character, or spaces and the next token). With such a model
    the passes reduce to this where the word is two or more ASCII letters before a period: a
    break unless the word is an abbreviation (none of the orthographic, sentence-starter,
    collocation or numeric rules can fire without statistics); after an abbreviation, a break
    only when a later period or question or exclamation mark makes one (none in the context: no
    break). A word of ASCII letters (or none) before a question or exclamation mark, with
    anything after it, is a break. Every other context goes to Punkt.
    Most candidates in news text are decided here (86% on PolNeAR dev);
    ``tests/test_sentence_breaks.py`` checks the decisions against Punkt's own.
    """

    def __init__(self, params: PunktParameters, rules: LanguageVars) -> None:
        super().__init__(params, rules=rules)
        self._shortcut = (not (params.collocations or params.sent_starters or params.ortho_context or params.numeric_abbrev_types)
                          and tuple(rules.sent_end_chars) == (".", "?", "!"))
        # The period and what follows it: spaces then a letter or digit, or a non-word character
        # (either ends the word's token at the period). Spaces then punctuation ("aa.\t.\t.") go
        # to Punkt, which tokenises such runs its own way.
        self._period = re.compile(r"[A-Za-z]{2,}\.(?=\s+[A-Za-z0-9]|" + rules.non_word_char_class + ")", re.UNICODE)
        self._question = re.compile(r"[A-Za-z]*[?!](?:\s+[A-Za-z0-9]|" + rules.non_word_char_class + ")", re.UNICODE)

    def _shortcut_decision(self, context: str) -> bool | None:
        """The decision for a context of the plain shapes above, or None for any other."""
        if not self._shortcut:
            return None
        m = self._period.match(context)
        if m is not None:
            if not self.params.is_abbrev(context[: m.end() - 1]):
                return True
            rest = context[m.end() :]
            return False if "." not in rest and "?" not in rest and "!" not in rest else None
        return True if self._question.match(context) else None

    def _context_has_sentbreak(self, context: str) -> bool:
        """Punkt's decision for one candidate boundary (its private method, overridden: should
        the library stop calling it, Punkt decides every boundary itself)."""
        decided = self._shortcut_decision(context)
        return bool(super()._context_has_sentbreak(context)) if decided is None else decided
