"""Evidence types shared by every stage. All spans index the caller's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Union

SOURCE_TYPES: tuple[str, ...] = (
    "named_person",
    "named_organization",
    "document",
    "anonymous",
    "vague",
    "unresolved",
)
NAMED_TYPES = frozenset({"named_person", "named_organization", "document"})
UNNAMED_TYPES = frozenset({"anonymous", "vague"})

LEVEL_LABELS = {1: "opaque", 2: "weak", 3: "mixed", 4: "good", 5: "exemplary"}
# Lower score bound of each level (rubric in the specification: 5 is 80-100, 4 is 60-80, ...).
LEVEL_FLOORS = ((5, 80.0), (4, 60.0), (3, 40.0), (2, 20.0), (1, 0.0))


# The evidence types built many times per article are dataclasses with their ``__init__`` written
# out (``init=False``): in the compiled build (setup.py) a dataclass's generated ``__init__`` runs as
# interpreted Python, while one written here compiles, and builds an object six times faster.
# Each sets the fields as the generated one would (``object.__setattr__``: the classes are frozen).


def level_of(score: float) -> int:
    """The rubric level of a 0-100 score."""
    for level, floor in LEVEL_FLOORS:
        if score >= floor:
            return level
    return 1


@dataclass(frozen=True, init=False)
class Span:
    """A character span ``text[start:end]`` with its text."""

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Excluded:
    """Page residue kept out of every count."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(frozen=True, init=False)
class Attribution:
    """Information credited to a source through a cue."""

    sentence: int
    cue: Span
    source: Span | None
    content: Span | None
    source_type: str
    resolved_to: str | None = None
    # Schema v2: the news outlet through which the information came ("told Reuters"), found by
    # :func:`scorer.voice.read_voice` after extraction; ``second_hand`` is True when there is one.
    via: Span | None = None
    second_hand: bool = False

    def __init__(self, sentence: int, cue: Span, source: Span | None, content: Span | None, source_type: str,
                 resolved_to: str | None = None, via: Span | None = None, second_hand: bool = False) -> None:
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "cue", cue)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "content", content)
        object.__setattr__(self, "source_type", source_type)
        object.__setattr__(self, "resolved_to", resolved_to)
        object.__setattr__(self, "via", via)
        object.__setattr__(self, "second_hand", second_hand)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "cue": self.cue.to_dict(),
            "source": self.source.to_dict() if self.source else None,
            "content": self.content.to_dict() if self.content else None,
            "source_type": self.source_type,
            "resolved_to": self.resolved_to,
            "via": self.via.to_dict() if self.via else None,
            "second_hand": self.second_hand,
        }


@dataclass(frozen=True, init=False)
class Hedge:
    """Epistemic hedging wording."""

    sentence: int
    start: int
    end: int
    text: str

    def __init__(self, sentence: int, start: int, end: int, text: str) -> None:
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, init=False)
class Assertion:
    """A sentence stating a claim with no attribution in or around it."""

    sentence: int
    start: int
    end: int

    def __init__(self, sentence: int, start: int, end: int) -> None:
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True, init=False)
class Source:
    """A distinct source after pronoun and surname resolution."""

    name: str
    type: str
    mentions: int

    def __init__(self, name: str, type: str, mentions: int) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "mentions", mentions)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "mentions": self.mentions}


# Why a sentence is attributed (schema v2 ``sentences[].why``): an attribution index (the
# attribution is in the sentence, or its content runs over it), "quotation" (the sentence is a
# direct quotation), "continues" (it continues a colon or a quotation opened by the sentence
# before it), "transcript" (a turn of a transcript or interview: a line opened by a speaker's label,
# or one going on with such a turn), or the sentence classifier's reading with its probability.
QUOTATION = "quotation"
CONTINUES = "continues"
TRANSCRIPT = "transcript"
REPORTED_SPEECH = "reported speech"


@dataclass(frozen=True)
class ClassifierReason:
    """The sentence classifier read the sentence as reported speech with this probability."""

    probability: float
    classifier: str = REPORTED_SPEECH

    def to_dict(self) -> dict[str, Any]:
        return {"classifier": self.classifier, "probability": round(self.probability, 3)}


WhyItem = Union[int, str, ClassifierReason]


def why_to_json(item: WhyItem) -> Any:
    """One ``why`` item as JSON: an int, a string, or ``{"classifier", "probability"}``."""
    return item.to_dict() if isinstance(item, ClassifierReason) else item


@dataclass(frozen=True)
class Evidence:
    """Everything the evidence stage finds in one article.

    ``why`` maps each attributed sentence's index to the reasons it is attributed (see
    :data:`WhyItem`): attribution indices first, in order, then the other reasons.
    """

    attributions: tuple[Attribution, ...]
    hedges: tuple[Hedge, ...]
    assertions: tuple[Assertion, ...]
    sources: tuple[Source, ...]
    attributed_sentences: frozenset[int]
    why: Mapping[int, tuple[WhyItem, ...]] = field(default_factory=dict)
