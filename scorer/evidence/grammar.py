"""Closed-class English grammar the extractor reads tokens with, and the token type itself.

Determiners, pronouns, auxiliaries, prepositions, conjunctions and punctuation: words that a
grammar lists once and an editor has no reason to review. Open-class word lists (nouns, verbs,
adjectives that name sources, cues or hedges) live in ``scorer/data/`` instead.
"""

from __future__ import annotations

from itertools import repeat
from typing import NamedTuple, Sequence


class Token(NamedTuple):
    """One token of a sentence: its text, its lower-case form and its span in the article."""

    text: str
    lower: str
    start: int
    end: int


_new_tuple = tuple.__new__


def tokens_of(raw: tuple[tuple[str, int, int], ...], lower: Sequence[str] | None = None) -> tuple[Token, ...]:
    """The segmenter's ``(text, start, end)`` tuples as tokens, each lower-cased once (``lower``:
    the lower-case forms when the segmenter has them already). Built with ``tuple.__new__``
    mapped over zipped columns, which spares the named tuple's Python-level constructor and any
    Python code per token."""
    if not raw:
        return ()
    texts, starts, ends = zip(*raw)
    return tuple(map(_new_tuple, repeat(Token), zip(texts, map(str.lower, texts) if lower is None else lower, starts, ends)))


def is_cap(tok: str) -> bool:
    """Capitalised, or an all-capitals word of two or more characters that is not a number."""
    c = tok[:1]
    return c.isupper() or (len(tok) > 1 and not c.isdigit() and tok.isupper())


def shape(tok: str) -> str:
    """C capitalised, l lower case, d digit, p punctuation."""
    c = tok[0]
    return "C" if c.isupper() else ("l" if c.isalpha() else ("d" if c.isdigit() else "p"))


DETERMINERS = frozenset(
    "the a an some many several two three four five six seven eight nine ten dozens "
    "hundreds thousands other another one all most few his her its their our this these those "
    "both each every more no any".split()
)
# The gender or number a personal pronoun points back to ("?" either).
PRONOUNS_PERSON = {"he": "m", "she": "f", "him": "m", "her": "f", "i": "?", "we": "pl", "they": "pl", "you": "?"}
_PRONOUNS = ("he", "she", "they", "it", "we", "i", "who", "you")
# A subject pronoun, also when contracted with its verb ("he’s hoping", "they're saying"), mapped
# to the pronoun itself.
PRONOUN_BASE = {p + sfx: p for p in _PRONOUNS for sfx in ("", "’s", "'s", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m")}
PRONOUN_WORDS = frozenset(PRONOUN_BASE)
# Courtesy titles that open a person's name ("Mr. Diaz", "Dr Okafor").
COURTESY_TITLES = ("mr", "mrs", "ms", "dr")
POSSESSIVE_DETS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
REFLEXIVES = frozenset("himself herself themselves itself myself ourselves".split())
# Words that end a noun phrase: conjunctions, complementisers and relative words.
BOUNDARY_WORDS = frozenset(
    "and but or nor that which when while because after before as if since although though so "
    "than where whom whose whether until unless once whereas yet also then what".split()
)
# Auxiliaries and adverbs that may stand between a subject and its verb ("has also said").
ADVERBS_BEFORE_CUE = frozenset(
    "also later previously repeatedly recently then now publicly privately once again further "
    "earlier first initially separately subsequently frequently often has have had will would "
    "was were is are did does do had been already even still has reportedly "
    "allegedly apparently however though too meanwhile quickly long never always since".split()
)
AUXILIARIES = frozenset("has have had will would was were is are did does do been".split())
BE_FORMS = frozenset("is are was were be been being".split())  # before a participle: passive, a hedge
NEGATORS = frozenset({"not", "n't", "never", "cannot"})
# Prepositions (and a possessive, a hyphen, an ampersand) that link the words of a name.
LINKING_PREP = frozenset({"of", "for", "at", "in", "on", "with", "to", "from", "by", "'s", "’s", "-", "&"})
# Prepositions after which a noun phrase's head has been seen ("an audit by the comptroller").
HEAD_PREPS = frozenset({"of", "by", "from", "for", "at", "in", "with", "on"})
# Prepositions that open a time adjunct ("on Monday", "in his speech").
TIME_PREPS = frozenset({"on", "in", "at", "during", "after", "before"})
# Words that cannot open the clause or object a thinking/wanting verb reports ("wants in",
# "thinks about", "hopes for").
NOT_STANCE_OBJECTS = frozenset("in on for about of with up out off over at by from into as so".split())
# Quantifiers that can stand alone as a subject ("Another said", "Many believe").
STANDALONE_QUANTIFIERS = frozenset("another one some many several most few both others".split())
# Quantifiers that make a subject plural ("those who", "many residents").
GROUP_OPENERS = frozenset("those these many some most few several all both".split())
# Subjects that credit no one ("No one has claimed ...", "Nobody said ...").
NEGATIVE_SUBJECTS = frozenset({"no", "nobody", "none", "neither", "nothing", "no-one"})
POSSESSIVE_ENDINGS = ("'s", "’s", "s’", "s'")
POSSESSIVE_TOKENS = ("'s", "’s")
OPEN_QUOTES = frozenset({"“", '"', "‘", "«", "``", "''"})
CLOSE_QUOTES = frozenset({"”", '"', "’", "»", "''", "'"})
# The double quotation marks that open or close a quotation.
QUOTE_TOKENS = frozenset({"“", "”", '"', "''", "``"})
DASHES = frozenset({"—", "―", "–", "--"})
# Days and times of day that end a name or a subject ("said Lopez on Monday", "a statement Wednesday").
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week".split()
)
MONTHS = frozenset("january february march april may june july august september october november december "
                   "jan feb mar apr jun jul aug sep sept oct nov dec".split())
