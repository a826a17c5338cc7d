"""Source typing: what kind of source a noun phrase names (:func:`classify_source`).

A phrase is typed from the shipped lexicons: anonymity heads and markers ("official",
"familiar with"), vague groups ("critics"), document nouns ("report"), organisation words
("ministry"), titles ("Sen.") and given names. Pronouns are left to resolution
(:mod:`scorer.evidence.mentions`).
"""

from __future__ import annotations

from functools import lru_cache

from .. import lexicon
from .grammar import COURTESY_TITLES, DETERMINERS, HEAD_PREPS, POSSESSIVE_TOKENS, is_cap

# Nouns that name a person by their role ("organizer", "senator", "chairman", "employee") end so;
# a longer word with one of these endings is taken for a person unless not_person_nouns.txt lists it.
_PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "man", "men", "ee", "ees")
# A word of this many letters or fewer is never taken for a person by its ending alone ("peer", "ten").
_MAX_SHORT_WORD = 4
# A title or organisation word this short ("co", "gov") types a phrase only when capitalised as
# an acronym; longer ones ("mayor", "ministry") always.
_MIN_TYPING_WORD = 4
# Shares of a population ("a third", "a majority").
FRACTIONS = frozenset("third thirds half quarter majority minority plurality fifth".split())
# Groups that make any phrase holding them vague ("some critics of the plan").
_VAGUE_PLURALS = frozenset({"critics", "experts", "observers"})
# Heads that name a group of unnamed people with no lexicon entry of their own.
_GROUP_HEADS = ("others", "some", "many")


@lexicon.derived
def source_nouns() -> frozenset[str]:
    """Lower-case nouns that can head or extend a source ("Pentagon officials", "Trump campaign")."""
    return (lexicon.words("anonymous.txt") | lexicon.words("vague.txt") | lexicon.words("documents.txt")
            | lexicon.words("organizations.txt") | lexicon.words("titles.txt"))


@lexicon.derived
def _marker_strings() -> tuple[str, ...]:
    """Anonymity markers as space-padded strings, to find them inside a padded phrase."""
    return tuple(f" {' '.join(p)} " for p in lexicon.phrases("anonymous_markers.txt"))


@lexicon.derived
def given_names() -> frozenset[str]:
    """Lower-case given names, female and male."""
    return lexicon.words("female_names.txt") | lexicon.words("male_names.txt")


@lexicon.derived
def name_starts() -> frozenset[str]:
    """Words that open a person's name: given names and courtesy titles (with and without period)."""
    return given_names() | frozenset(t + dot for t in COURTESY_TITLES for dot in ("", "."))


@lexicon.derived
def _people_nouns() -> frozenset[str]:
    """Source nouns that name people: the source lexicons without documents and organisations."""
    return source_nouns() - lexicon.words("documents.txt") - lexicon.words("organizations.txt")


@lexicon.on_reset
@lru_cache(maxsize=4096)
def person_noun(word: str) -> bool:
    """Whether a lower-case noun names a person by role or description ("owner", "nominee")."""
    if word in lexicon.words("person_nouns.txt") or word in _people_nouns():
        return True
    return len(word) > _MAX_SHORT_WORD and word.endswith(_PERSON_SUFFIXES) and word not in lexicon.words("not_person_nouns.txt")


def classify_source(words: list[str]) -> str:
    """The source type of a noun phrase given as its words (pronouns excluded).

    A parenthetical ("Rep. Ana Ruiz (D-Ore.)") is left out.
    """
    if "(" in words:
        kept, depth = [], 0
        for w in words:
            if w == "(":
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
            elif not depth:
                kept.append(w)
        words = kept or words
    return _classify(tuple(words))


class _Phrase:
    """A phrase being typed: its words, their lower-case forms and what they hold."""

    __slots__ = ("words", "low", "content", "head", "has_given_name")

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self.low = [w.lower() for w in words]
        self.content = [w for w in words if w.lower() not in DETERMINERS and w not in POSSESSIVE_TOKENS]
        self.head = self.content[-1].lower() if self.content else ""
        names = given_names()
        self.has_given_name = any(is_cap(w) and w.lower() in names for w in words)

    def title_before_name(self, k: int) -> bool:
        """Whether word ``k`` is a title and the next word capitalised ("Sen. Ortiz")."""
        return self.low[k].rstrip(".") in lexicon.words("titles.txt") and is_cap(self.words[k + 1])


def speaker_words(words: list[str]) -> bool:
    """Whether the words before a colon name a speaker ("Lopez", "JAKE TAPPER"): every word
    capitalised, none a label that names no one ("Update", "Watch"), and typed as a named person or
    organisation."""
    not_speakers = lexicon.words("not_speakers.txt")
    if not words or not all(is_cap(w) for w in words) or any(w.lower().rstrip(".") in not_speakers for w in words):
        return False
    return classify_source(words) in ("named_person", "named_organization")


# Bounded so that memory stays flat over a long batch run (typing a phrase costs ~20 µs).
@lexicon.on_reset
@lru_cache(maxsize=8192)
def _classify(words: tuple[str, ...]) -> str:
    """Cached body of :func:`classify_source`.

    The head is the last word before the first preposition ("an audit by the comptroller" is
    headed by "audit"), unless that word is capitalised ("Ministry of Health").
    """
    p = _Phrase(words)
    typ = _type_before_preposition(p)
    if typ is not None:
        return typ
    if not p.content:
        return "unresolved"
    return _type_by_head(p) or _type_by_names(p)


def _type_before_preposition(p: _Phrase) -> str | None:
    """The type given by the words before the first preposition, when they settle it."""
    words, low = p.words, p.low
    k = next((k for k, w in enumerate(low) if w in HEAD_PREPS and k > 0), None)
    if k is None:
        return None
    pre = [x for x in low[:k] if x not in DETERMINERS]
    if pre and is_cap(words[k - 1]) and _classify(words[:k]) == "named_person" and any(
            is_cap(x) and x.lower() in given_names() for x in words[:k]):
        return "named_person"  # "Maria Lindqvist of the Ohio delegation"
    if not pre or is_cap(words[k - 1]):
        return None
    for h in pre:
        if h in lexicon.words("documents.txt"):
            return "document"
        if p.has_given_name:
            continue
        if h == pre[-1] and h in lexicon.words("titles.txt") and len(h) >= _MIN_TYPING_WORD:
            return "anonymous"  # "the ambassador at the time": a role without a name
        if h in lexicon.words("anonymous.txt"):
            return "anonymous"
        if h in lexicon.words("vague.txt"):
            return "vague"
    return None


def _type_by_head(p: _Phrase) -> str | None:
    """The type given by the phrase's head noun: a document, a share of a population, an unnamed
    person or group."""
    words, low, content, head = p.words, p.low, p.content, p.head
    documents, anon_heads, vague = lexicon.words("documents.txt"), lexicon.words("anonymous.txt"), lexicon.words("vague.txt")
    organizations = lexicon.words("organizations.txt")
    if (head in documents and (not is_cap(content[-1]) or (len(content) == 1 and head not in organizations))) or (
            len(content) > 1 and content[-2].lower() in documents and head in ("said", "shows")):
        return "document"  # a capitalised "Post" or "Journal" is a newspaper, not a document
    joined = " " + " ".join(low) + " "
    marker = any(m in joined for m in _marker_strings())
    if head in FRACTIONS:
        return "vague"  # "a third", "a majority": a share of a population
    before_prep = low[: next((k for k, w in enumerate(low) if w in HEAD_PREPS and k > 0), len(low))]
    if (low[0] in ("a", "an", "another") and not p.has_given_name and not any(p.title_before_name(k) for k in range(len(words) - 1))
            and head not in organizations and (any(person_noun(w) for w in before_prep[1:]) or is_cap(words[-1]))):
        return "anonymous"  # "a New Hampshire Republican", "a columnist for Pando": one unnamed person
    if (head in anon_heads and head not in vague) or (head in anon_heads and marker):
        # "Pentagon spokesman John Reyes" would have a capitalised head; here the head is the role.
        return "anonymous"
    if head in vague or not _VAGUE_PLURALS.isdisjoint(low):
        return "vague" if not marker else "anonymous"
    if head in anon_heads:
        return "anonymous"
    return None


def _has_organization(content: list[str]) -> bool:
    """A capitalised organisation word ("Ministry", "Council") or an acronym ("NATO") among the words."""
    orgw = lexicon.words("organizations.txt")
    return any((w.lower() in orgw and (len(w) >= _MIN_TYPING_WORD or w.isupper()) and is_cap(w))
               or (w.isupper() and len(w) >= 2 and w.isalpha()) for w in content)


def _person_signal(p: _Phrase) -> bool:
    """A given name, or a title before a capitalised word that is no organisation ("Sen. Ortiz")."""
    words, orgw = p.words, lexicon.words("organizations.txt")
    return p.has_given_name or any(
        p.title_before_name(k) and words[k + 1].lower() not in orgw and not words[k + 1].isupper() for k in range(len(words) - 1))


def _is_outlet(low: list[str]) -> bool:
    """Whether the lower-case words are a news outlet's name (``outlets.txt``), with or without "the"."""
    outlets = lexicon.words("outlets.txt")
    name = " ".join(low)
    return name in outlets or (low[0] == "the" and " ".join(low[1:]) in outlets)


def _type_by_names(p: _Phrase) -> str:
    """The type given by the capitalised words: an organisation, a person, a role, or none."""
    words, low, content, head = p.words, p.low, p.content, p.head
    titles, orgw = lexicon.words("titles.txt"), lexicon.words("organizations.txt")
    if is_cap(content[-1]) and _is_outlet(low):
        return "named_organization"  # "Politico", "The Hill": a news outlet, not a person
    has_org = _has_organization(content)
    if has_org and not _person_signal(p):
        return "named_organization"
    caps = [w for w in content if is_cap(w) and w.lower() not in titles]
    if caps and is_cap(content[-1]):
        return "named_person"
    possessive_name = is_cap(words[0]) and len(low) >= 2 and (low[0].endswith(POSSESSIVE_TOKENS) or low[1] in POSSESSIVE_TOKENS)
    if head in orgw and (low[0] == "the" or possessive_name):
        return "named_organization"  # "the transit authority", "Trump's campaign": an identifiable organisation
    if head in titles and len(head) >= _MIN_TYPING_WORD:
        return "anonymous"  # "the mayor", "a senior commander": a role without a name
    if has_org:
        return "named_organization"
    joined = " " + " ".join(low) + " "
    if any(m in joined for m in _marker_strings()):
        return "anonymous"
    if head in _GROUP_HEADS:
        return "vague"
    return "unresolved"
