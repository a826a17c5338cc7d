"""Noun phrases: where a phrase ending or starting at a token runs to, appositions after a name,
and the part of a phrase that names a source.

Phrases are token ranges ``(first, last)``, both inclusive, within one :class:`Sentence`.
"""

from __future__ import annotations

from .. import lexicon
from .grammar import (
    ADVERBS_BEFORE_CUE,
    AUXILIARIES,
    BE_FORMS,
    BOUNDARY_WORDS,
    CLOSE_QUOTES,
    DASHES,
    DETERMINERS,
    LINKING_PREP,
    MONTHS,
    OPEN_QUOTES,
    POSSESSIVE_DETS,
    POSSESSIVE_TOKENS,
    PRONOUN_WORDS,
    REFLEXIVES,
    STANDALONE_QUANTIFIERS,
    TIME_PREPS,
    TIME_WORDS,
    is_cap,
)
from .sentences import Sentence
from .sources import classify_source, person_noun, source_nouns

Range = tuple[int, int]

MAX_NP_TOKENS = 12
# A phrase stops after this many lower-case words that are neither determiners nor prepositions
# (names and roles are short; a longer lower-case run is a clause) ...
MAX_LOWER_RUN = 4
# ... and, read rightwards, after this many when they do not follow a determiner.
MAX_LOWER_RUN_BARE = 2
# A parenthetical after a name ("(D-Ga.)") is skipped when at most this many tokens long.
MAX_PAREN_TOKENS = 20
# An apposition ("Jo Diaz, the mayor of Lark County, said") longer than this is taken for a clause.
MAX_APPOSITION_TOKENS = 16
# A noun phrase longer than this is no plain speaker ("the people who ... said").
MAX_PLAIN_NP_WORDS = 8
# A "the/a + noun" phrase of at most this many words is a short description ("the owner").
MAX_SHORT_NP_WORDS = 4
# Heads that name no speaker: pronouns and question words, time nouns and modal verbs.
NOT_SPEAKER_HEADS = frozenset("it this that which what there here who whom whose something nothing everything "
                              "anything time year years day days week weeks month months can cannot could should "
                              "must may might shall".split())
# Tokens that may stand inside a name read leftwards besides words ("Sanders’ campaign", "AT&T", "40%").
_INNER_LEFT = ("'s", "’s", "-", "&", "%")
_INNER_RIGHT = ("'s", "’s", "-", "&")
# Words after "to" and "what" that open a clause rather than extend a noun ("a statement saying that").
_CLAUSE_OPENERS = ("that", "to", "whether", "how", "why", "what", "about")
_APPOSITION_ENDS = (",", ".", ";", "—", "–", ":")


def _paren_before(s: Sentence, j: int) -> int | None:
    """Where a parenthetical closed at token ``j`` opens, when it follows a capitalised word."""
    toks = s.toks
    k = j - 1
    while k >= 0 and toks[k].text != "(" and j - k < MAX_PAREN_TOKENS:
        k -= 1
    if k >= 1 and toks[k].text == "(" and is_cap(toks[k - 1].text):
        return k
    return None


def _ends_left(s: Sentence, i: int, j: int) -> bool:
    """Whether token ``j`` lies outside a noun phrase that ends at token ``i``."""
    tok, lw = s.toks[j].text, s.low[j]
    if lw in BOUNDARY_WORDS or (not tok[0].isalnum() and tok not in _INNER_LEFT):
        return True
    if j == i:
        return False
    return lw in PRONOUN_WORDS or (lw in lexicon.cue_forms() and not is_cap(tok) and not (j > 0 and s.low[j - 1] in DETERMINERS))


def np_left(s: Sentence, i: int) -> Range | None:
    """The noun phrase ending at token ``i`` (inclusive), as a token range, or None."""
    if i < 0:
        return None
    toks, low = s.toks, s.low
    if low[i] in PRONOUN_WORDS:
        return i, i
    j = i
    n = 0
    lower_run = 0
    paren = None  # the parenthetical skipped after a name, if any
    while j >= 0 and n < MAX_NP_TOKENS:
        t = toks[j].text
        if t == ")" and j > 0 and paren is None:
            k = _paren_before(s, j)
            if k is None:
                break
            paren = (k, j)
            j = k - 1  # skip a parenthetical "(D-Ga.)" after a name
            n += 1
            continue
        if _ends_left(s, i, j):
            break
        if not is_cap(t) and low[j] not in DETERMINERS and low[j] not in LINKING_PREP:
            lower_run += 1
            if lower_run > MAX_LOWER_RUN:
                break
        j -= 1
        n += 1
    start = j + 1
    # Trim leading prepositions and "to" that cannot start a noun phrase.
    while start <= i and low[start] in LINKING_PREP:
        start += 1
    # Keep the last determiner-initial chunk when a longer stretch was collected
    # (but not inside "X of the Y" / "a report by the Z").
    for k in range(i, start - 1, -1):
        if paren is not None and paren[0] <= k <= paren[1]:
            continue
        if low[k] in DETERMINERS and k > start and not is_cap(toks[k - 1].text) and low[k - 1] not in LINKING_PREP:
            start = k
            break
    if start > i:
        return None
    return start, i


def _ends_right(s: Sentence, i: int, j: int) -> bool:
    """Whether token ``j`` lies outside a noun phrase that starts at token ``i``: punctuation, or
    after the first word a conjunction, a verb, a pronoun, an auxiliary or a time adjunct."""
    toks, low = s.toks, s.low
    t, lw = toks[j].text, low[j]
    if not t[0].isalnum() and t not in _INNER_RIGHT:
        return True
    if j == i:
        return False
    if lw in BOUNDARY_WORDS or lw in PRONOUN_WORDS or lw in AUXILIARIES:
        return True
    prev = low[j - 1]
    if lw in lexicon.cue_forms() and not is_cap(t) and prev not in DETERMINERS and not (
            lw in lexicon.words("noun_like_cues.txt") and lw.endswith("s") and prev.isalpha() and not is_cap(toks[j - 1].text)
            and prev not in BOUNDARY_WORDS):
        return True  # a verb ends the phrase; a plural noun after a noun does not ("press reports")
    if lw in TIME_PREPS and j + 1 < len(toks):
        nxt = low[j + 1]
        # "said Lopez on Monday", "said Trump in his speech": the phrase ends before the adjunct
        return nxt in TIME_WORDS or nxt in MONTHS or nxt in POSSESSIVE_DETS or nxt[0].isdigit()
    return False


def np_right(s: Sentence, i: int) -> Range | None:
    """The noun phrase starting at token ``i``, as a token range, or None."""
    toks, low = s.toks, s.low
    if i >= len(toks):
        return None
    j = i
    lower_run = 0
    while j < len(toks) and j - i < MAX_NP_TOKENS:
        if _ends_right(s, i, j):
            break
        t, lw = toks[j].text, low[j]
        if not is_cap(t) and lw not in DETERMINERS and lw not in LINKING_PREP:
            if j > i and all(is_cap(x.text) for x in toks[i:j]) and lw not in source_nouns():
                break  # a proper name ends where other lower-case words begin ("McConnell was ...")
            lower_run += 1
            if lower_run > MAX_LOWER_RUN or (j > i and low[j - 1] not in DETERMINERS and lower_run > MAX_LOWER_RUN_BARE):
                break
        j += 1
    end = j - 1
    while end >= i and low[end] in LINKING_PREP:
        end -= 1
    if end < i:
        return None
    return i, end


def apposition_right(s: Sentence, k: int, at_start: bool = False) -> int | None:
    """If tokens from ``k`` are ", the role of Z," return the index of the last token before the closing comma."""
    toks, low = s.toks, s.low
    if k + 1 >= len(toks) or toks[k].text != ",":
        return None
    first = low[k + 1]
    if not (first in DETERMINERS or first in lexicon.words("titles.txt") or is_cap(toks[k + 1].text)):
        return None
    j = k + 1
    while j < len(toks) and toks[j].text not in _APPOSITION_ENDS and j - k <= MAX_APPOSITION_TOKENS:
        if toks[j].text in OPEN_QUOTES or toks[j].text in CLOSE_QUOTES:
            return None
        j += 1
    if at_start:
        # "According to X, the role, CONTENT": only a short chunk closed by a comma.
        return j - 1 if j < len(toks) - 1 and toks[j].text == "," and j - k <= MAX_APPOSITION_TOKENS // 2 else None
    if j >= len(toks) - 1 or toks[j].text == ",":
        return j - 1
    return None


def first_np_end(s: Sentence) -> int:
    """Index of the last token of the run of capitalised words or pronoun that opens a sentence."""
    toks = s.toks
    j = 0
    while j + 1 < len(toks) and (is_cap(toks[j + 1].text) or s.low[j + 1] in POSSESSIVE_TOKENS) and toks[j + 1].text[0].isalnum():
        j += 1
    return j


def names_source(words: list[str]) -> bool:
    """Whether a noun phrase can be a source: a lone pronoun, or a phrase with a source type."""
    return (len(words) == 1 and words[0].lower() in PRONOUN_WORDS) or classify_source(words) != "unresolved"


def short_np(words: list[str]) -> bool:
    """A short "the/a + noun" phrase ("the owner", "the ad"): a speaker left unnamed or a back-reference."""
    return words[0].lower() in ("the", "a", "an") and len(words) <= MAX_SHORT_NP_WORDS


def unnamed_person_np(words: list[str]) -> bool:
    """A short "the/a + noun" phrase naming a person ("the owner", "a bystander"): a specific person left unnamed."""
    return short_np(words) and person_noun(words[-1].lower())


def plain_np(words: list[str]) -> bool:
    """A short noun phrase headed by a word that can name a speaker."""
    head = words[-1].lower()
    if len(words) == 1 and head in STANDALONE_QUANTIFIERS:
        return True  # "Another said", "Many said"
    if head == "%" or (len(words) >= 3 and words[-2].lower() == "in" and (head.isdigit() or head in DETERMINERS)):
        return len(words) <= MAX_PLAIN_NP_WORDS  # "42% say", "one in five say"
    return (len(words) <= MAX_PLAIN_NP_WORDS and (head.isalpha() or head.isdigit()) and head not in NOT_SPEAKER_HEADS
            and head not in DETERMINERS and head not in REFLEXIVES and not head.endswith("ly"))


def typing_words(words: list[str]) -> list[str]:
    """The part of a source phrase that names it: before an apposition (comma or dash), without a
    trailing relative pronoun ("64 percent who") or reflexive ("Ford itself")."""
    for k, w in enumerate(words):
        if k > 0 and (w == "," or w in DASHES or w == "-" or (w == "and" and all(is_cap(x) for x in words[:k]))):
            words = words[:k]  # an apposition, or the first of coordinated names ("Trump and other Republicans")
            break
    if len(words) > 1 and words[-1].lower() in ("who", "which"):
        words = words[:-1]
    if len(words) > 1 and words[-1].lower() in REFLEXIVES | {"there", "here"}:
        words = words[:-1]  # "Ford itself", "Polls there"
    if len(words) > 2 and words[-1].lower() in TIME_WORDS and words[-2].lower() not in LINKING_PREP and words[0].lower() in DETERMINERS:
        words = words[:-1]  # "a statement Wednesday"
    return words


def nominal_ing(low: list[str], i: int) -> bool:
    """An -ing word inside a noun phrase, after a determiner and a modifier ("a creative writing
    professor", "the annual polling season")."""
    if not low[i].endswith("ing") or i < 2 or i + 1 >= len(low) or low[i - 2] not in DETERMINERS:
        return False
    mod, head = low[i - 1], low[i + 1]
    if (not (mod.isalpha() and head.isalpha()) or head in DETERMINERS or head in POSSESSIVE_DETS or head in PRONOUN_WORDS
            or head in _CLAUSE_OPENERS):
        return False  # "a report defending the plan", "a statement saying that": a verb after a noun
    return (mod not in AUXILIARIES and mod not in ADVERBS_BEFORE_CUE and not mod.endswith("ly") and mod not in BE_FORMS
            and mod not in lexicon.words("cue_extensions.txt") and not person_noun(mod) and mod not in source_nouns())
