"""The people and organisations an article has mentioned so far, and resolution against them.

A :class:`MentionHistory` is made for each article and passed explicitly to whatever reads or
adds mentions: pronouns ("she said") and back-references ("the company said") resolve to the
most recent compatible mention, a surname alone to an earlier full name.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import lexicon
from ..types import Source
from .grammar import PRONOUNS_PERSON, is_cap
from .sentences import Sentence
from .sources import classify_source, name_starts

# A pronoun looks back over at most this many mentions (an article's people are rarely further
# back than that; the cap keeps resolution linear in article length).
MAX_RESOLVE_BACK = 60
# A name learnt from running text has at most this many words after its first.
MAX_NAME_EXTRA_WORDS = 3

@dataclass
class Mention:
    """One mention of a source: its display name, type, gender and grouping key."""

    name: str
    type: str
    gender: str  # "m", "f", "?" or "pl"
    key: str  # grouping key for distinct sources

class MentionHistory:
    """The mentions of one article, most recent last."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []

    def remember(self, m: Mention) -> None:
        self.mentions.append(m)

    def last_name(self) -> str | None:
        """The name of the most recent mention, if any."""
        return self.mentions[-1].name if self.mentions else None

    def recall(self, surname: str) -> Mention | None:
        """The most recent person known by ``surname``, moved to the front of the history."""
        for m in reversed(self.mentions[-MAX_RESOLVE_BACK:]):
            if m.type == "named_person" and m.key == surname:
                self.remember(m)
                return m
        return None

    def resolve(self, pronoun: str) -> Mention | None:
        """The most recent mention a pronoun or back-reference ("it", "the company") points to."""
        want = PRONOUNS_PERSON.get(pronoun, "?")
        recent = self.mentions[-MAX_RESOLVE_BACK:]
        if want in ("m", "f"):
            # A named person of that gender is preferred to a more recent unnamed one whose
            # gender is unknown ("Ruiz ... a neighbour said ... she said": Ruiz).
            for m in reversed(recent):
                if m.type in ("named_person", "anonymous") and m.gender == want:
                    return m
        for m in reversed(recent):
            if _points_to(pronoun, want, m):
                return m
        return None

def _points_to(pronoun: str, want: str, m: Mention) -> bool:
    """Whether ``pronoun`` (of gender or number ``want``) can point back to ``m``."""
    if pronoun in ("it", "its") or pronoun in lexicon.words("org_backrefs.txt"):
        return m.type == "named_organization" or (pronoun in lexicon.words("org_backrefs.txt") and m.type == "document")
    if want in ("m", "f"):
        return (m.type == "named_person" and m.gender in (want, "?")) or (m.type == "anonymous" and m.gender != "pl")
    if want == "pl":
        return m.gender == "pl" or m.type == "named_organization"
    return m.type in ("named_person", "anonymous")

def gender(words: list[str]) -> str:
    """The gender a person's name and title show: "m", "f" or "?"."""
    low = [w.lower().rstrip(".") for w in words]
    if not lexicon.words("male_titles.txt").isdisjoint(low):
        return "m"
    if not lexicon.words("female_titles.txt").isdisjoint(low):
        return "f"
    for w in low:
        if w in lexicon.words("female_names.txt"):
            return "f"
        if w in lexicon.words("male_names.txt"):
            return "m"
    return "?"

def learn_names(s: Sentence, history: MentionHistory) -> None:
    """Remember people named anywhere in a sentence (title or known given name + capitalised word)."""
    toks, low = s.toks, s.low
    starts = name_starts()
    if starts.isdisjoint(low):
        return
    titles = lexicon.words("titles.txt")
    free = 0  # the first token after the last name taken
    for i in [k for k, w in enumerate(low[:-1]) if w in starts or (w[-1] == "." and w.rstrip(".") in starts)]:
        if i < free or not (is_cap(toks[i].text) and is_cap(toks[i + 1].text) and toks[i + 1].text[0].isalpha()):
            continue
        j = i + 1
        while j + 1 < len(toks) and is_cap(toks[j + 1].text) and toks[j + 1].text[0].isalpha() and j - i < MAX_NAME_EXTRA_WORDS:
            j += 1
        words = s.words(i, j)
        if classify_source(words) == "named_person":
            person = [w for w in words if w.lower().rstrip(".") not in titles]
            surname = person[-1].lower() if person else words[-1].lower()
            if history.recall(surname) is None:
                history.remember(Mention(" ".join(person), "named_person", gender(words), surname))
        free = j + 1

def distinct_sources(keys: list[tuple[str, str, str] | None]) -> tuple[Source, ...]:
    """The distinct sources among the attributions' ``(key, display name, type)``, in order of
    first mention, with how many attributions credit each."""
    counts: dict[tuple[str, str], list] = {}
    for item in keys:
        if item is None:
            continue
        key, name, typ = item
        # A back-reference that resolved to a source already listed ("One of them" after "Two
        # board members") shows under that source's name: one row per name and type.
        k = (name.lower(), typ)
        if k not in counts:
            counts[k] = [name, typ, 0]
        counts[k][2] += 1
    return tuple(Source(n, t, c) for n, t, c in counts.values())
