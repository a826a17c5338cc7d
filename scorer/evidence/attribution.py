"""One attribution from token ranges: its spans, its source's type and who the source resolves to.

Every rule family (:mod:`scorer.evidence.cues`) and the learned passes
(:mod:`scorer.evidence.learned_cues`) hand the ranges they find to a :class:`SentencePass`,
which builds the attribution and records the tokens it takes.
"""

from __future__ import annotations

from .. import lexicon
from ..types import Attribution, Span
from .grammar import DETERMINERS, GROUP_OPENERS, PRONOUN_BASE, PRONOUN_WORDS, is_cap
from .mentions import Mention, MentionHistory, gender
from .phrases import Range, plain_np, typing_words, unnamed_person_np
from .sentences import Sentence
from .sources import FRACTIONS, classify_source, given_names, person_noun

# (grouping key, display name, type) of an attribution's source; None without a source span.
SourceKey = tuple[str, str, str]
Found = tuple[Attribution, SourceKey | None]

# "the mayor said" refers back to a named person when the phrase has this many words at most.
MAX_EPITHET_WORDS = 5
# A title shorter than this ("gov") is no role to refer back with.
MIN_EPITHET_TITLE = 4
# Pronouns that point back to a person of either gender ("who", "I") or to a group ("we").
_PRONOUN_AS = {"who": "he", "i": "he", "we": "they"}
# Characters trimmed from the ends of a content span.
_CONTENT_LEAD = " ,;:—–-\"“”'‘’"
_CONTENT_TRAIL = " ,;:.—–-\"“”'‘’"


def _back_reference(words: list[str], history: MentionHistory) -> tuple[str, str | None, str] | None:
    """The (type, name, key) of a pronoun, an organisation back-reference ("the company") or a
    role that refers back to the last named person ("the mayor"); None for other phrases."""
    head_low, first_low = words[-1].lower(), words[0].lower()
    if (2 <= len(words) <= MAX_EPITHET_WORDS and first_low == "the" and "," not in words
            and ((head_low in lexicon.words("titles.txt") and len(head_low) >= MIN_EPITHET_TITLE)
                 or head_low in lexicon.words("epithets.txt"))):
        m = history.resolve("i")  # "the mayor said": the most recent named person or official, either gender
        if m is not None and m.type == "named_person":
            return m.type, m.name, m.key
    if (len(words) == 1 and first_low in PRONOUN_WORDS) or (
            len(words) == 2 and first_low == "the" and head_low in lexicon.words("org_backrefs.txt")):
        key = head_low if len(words) == 2 else PRONOUN_BASE[first_low]
        m = history.resolve(_PRONOUN_AS.get(key, key))
        if m is not None:
            return m.type, m.name, m.key
        return "unresolved", None, "?" + key
    return None


def _guess_unnamed(head_words: list[str], first_low: str) -> str:
    """The type of a plain noun phrase with no lexicon type: a group ("callers", "nine in 10")
    is vague, one person ("another") anonymous, an indefinite thing ("a response") unresolved."""
    h = head_words[-1].lower()
    plural = ((h.endswith("s") and not h.endswith("ss")) or h.isdigit() or h == "%" or first_low in GROUP_OPENERS
              or h in FRACTIONS or (len(head_words) >= 3 and head_words[-2].lower() == "in"))
    if plural:
        return "vague"
    return "unresolved" if first_low in ("a", "an") and not person_noun(h) else "anonymous"


def _type_phrase(words: list[str], at_start: bool, history: MentionHistory) -> tuple[list[str], str, bool]:
    """The words that name a source phrase, its type, and whether the type is only guessed from
    the phrase's shape."""
    first_low = words[0].lower()
    head_words = typing_words(words)
    typ = classify_source(head_words)
    guessed = False
    if typ == "unresolved" and unnamed_person_np(head_words):
        typ = "anonymous"
    elif typ == "unresolved" and plain_np(head_words) and (not is_cap(head_words[-1]) or len(head_words) == 1):
        typ, guessed = _guess_unnamed(head_words, first_low), True
    if typ in ("anonymous", "vague") and len(words) > len(head_words) + 1:
        # "Another former lawmaker, Sen. Joe Lieberman,": the apposition names the person.
        app = typing_words(words[len(head_words) + 1 :])
        titles = lexicon.words("titles.txt")
        if classify_source(app) == "named_person" and any(
                w.lower() in given_names() or w.lower().rstrip(".") in titles for w in app if is_cap(w)):
            head_words, typ, guessed = app, "named_person", False
    if typ == "unresolved" and len(words) > len(head_words):
        typ = classify_source(words[len(head_words) + 1 :])
        if typ == "named_person":
            typ = "anonymous"
    if typ == "named_person" and at_start and len(words) == 1:
        w = head_words[0].lower()
        if (w.endswith(("s", "men")) and not w.endswith("ss") and person_noun(w) and w not in given_names()
                and history.recall(w) is None):
            typ = "vague"  # "Engineers said": a capitalised plural group at the start of a sentence, not a surname
    return head_words, typ, guessed


def resolve_source(words: list[str], at_start: bool, history: MentionHistory) -> tuple[str, str | None, str]:
    """The type of a source phrase (its words; ``at_start`` when it opens the sentence), the name
    it resolves to (a person's full name, an organisation's or document's name; None for
    anonymous, vague or unresolved sources) and its grouping key. The history learns the source."""
    back = _back_reference(words, history)
    if back is not None:
        return back
    head_words, typ, guessed = _type_phrase(words, at_start, history)
    name = " ".join(head_words[1:] if len(head_words) > 1 and head_words[0].lower() in DETERMINERS else head_words)
    if typ == "named_person":
        titles = lexicon.words("titles.txt")
        caps = [w for w in head_words if is_cap(w) and w.lower().rstrip(".") not in titles]
        person = [w for w in caps if not w.isupper() or len(w) <= 2]
        surname = person[-1] if person else name
        # A surname alone resolves to an earlier full name.
        known = history.recall(surname.lower())
        if known is not None:
            return typ, known.name, known.key
        full = " ".join(person) if person else name
        history.remember(Mention(full, typ, gender(head_words), surname.lower()))
        return typ, full, surname.lower()
    number = "pl" if head_words and head_words[-1].lower().endswith("s") and typ in ("anonymous", "vague") else "?"
    key = name.lower()
    if typ == "named_organization":
        key = " ".join(w.lower() for w in head_words if is_cap(w) or w.isupper())
    if not guessed:  # a speaker typed only by its shape is not a safe antecedent for "he"
        history.remember(Mention(" ".join(head_words), typ, number, key))
    return typ, name if typ in ("named_organization", "document") else None, key


def _content_span(text: str, content: tuple[int, int] | None) -> Span | None:
    """The content's character span with surrounding punctuation and quotation marks trimmed."""
    if content is None or content[0] >= content[1]:
        return None
    a, b = content
    while a < b and text[a] in _CONTENT_LEAD:
        a += 1
    while b > a and text[b - 1] in _CONTENT_TRAIL:
        b -= 1
    return Span(a, b, text[a:b]) if a < b else None


def make_attribution(s: Sentence, text: str, cue: Range, src: Range | None, content: tuple[int, int] | None,
                     history: MentionHistory, typ: str | None = None) -> Found:
    """An attribution from its cue and source token ranges and its content's character span; a
    cue with no source is of type ``typ`` (vague unless given)."""
    toks = s.toks
    cs, ce = toks[cue[0]].start, toks[cue[1]].end
    source_span = None
    resolved = None
    key: SourceKey | None = None  # no source span: nothing to count among distinct sources
    if src is not None:
        a, b = toks[src[0]].start, toks[src[1]].end
        typ, resolved, k = resolve_source(s.words(src[0], src[1]), src[0] == 0, history)
        source_span = Span(a, b, text[a:b])
        last = history.last_name()
        display = resolved or (last if last is not None and typ in ("anonymous", "vague") else text[a:b])
        key = (k, display, typ)
    att = Attribution(s.idx, Span(cs, ce, text[cs:ce]), source_span, _content_span(text, content), typ or "vague", resolved)
    return att, key


class SentencePass:
    """One sentence being read for attributions: those found so far, the tokens they take and the
    source ranges of its cues, in order."""

    __slots__ = ("s", "text", "history", "found", "used", "sources")

    def __init__(self, s: Sentence, text: str, history: MentionHistory) -> None:
        self.s = s
        self.text = text
        self.history = history
        self.found: list[Found] = []
        self.used: set[int] = set()
        self.sources: list[Range] = []

    def add(self, cue: Range, src: Range | None, content: tuple[int, int] | None, typ: str | None = None) -> None:
        """Record an attribution (see :func:`make_attribution`)."""
        self.found.append(make_attribution(self.s, self.text, cue, src, content, self.history, typ))

    def take(self, a: int, b: int) -> None:
        """Mark tokens ``a`` to ``b`` inclusive as taken."""
        self.used.update(range(a, b + 1))

    def free(self, a: int, b: int) -> bool:
        """Whether none of tokens ``a`` to ``b`` inclusive is taken."""
        return self.used.isdisjoint(range(a, b + 1))
