"""Transcripts and interviews: lines opened by a speaker's label ("((Jane Doe))", "((WN))",
"Q:", "A:", "TAPPER:") are that speaker's turn, and in a question-and-answer transcript the
unlabelled lines between turns go on with the turn before them (:func:`find_turns`).

A turn is someone's own words, not a claim in the article's voice: the sentence-labelling guide
marks every question and answer of an interview transcript attributed, and the raters' guide
makes the interviewee the named source of the answers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from ..segment import Segmented
from .sources import speaker_words

# Label characters may be wrapped in Markdown bold ("**Q:**", "__TAPPER:__").
_BOLD = r"(?:\*\*|__)?"
# Space after a label's colon: a space, a tab or a no-break space (common in text taken from HTML).
_SPACE = r"[ \t\u00a0]"
# "((WN))", "((Aparna Garg)) :": the label of an interview turn in Wikinews' transcript markup.
_BRACKET_LABEL = re.compile(rf"\(\(\s*([^()\n]{{1,40}}?)\s*\)\){_SPACE}*:?")
# "Q:", "A:", "QUESTION:", "Answer:": the turns of a question-and-answer interview.
_QA_LABEL = re.compile(rf"{_BOLD}(Q|A|QUESTION|ANSWER|Question|Answer){_SPACE}*:{_BOLD}")
_QUESTION_LABELS = frozenset({"q", "question"})
# "TAPPER:", "Jake Tapper:", "Sanders:": a speaker's name (at most four words, after an opening
# quotation mark when the transcript is quoted) and a colon opening a line.
_NAME_LABEL = re.compile(rf"{_BOLD}[\"“]?([^\s:\"“*]+(?:{_SPACE}+[^\s:*]+){{0,3}}){_SPACE}*:{_BOLD}{_SPACE}")
# An article is a transcript when one speaker's label opens at least this many lines...
MIN_TURNS_OF_ONE_SPEAKER = 2
# ... and it puts at least this many questions.
MIN_QUESTIONS = 2


class Label(NamedTuple):
    """The label opening a line: its span, the span of the name inside it (None for "Q:" and
    "A:"), the speaker it names (lower case: the last word of a name, "q" or "a"), and whether it
    marks a question."""

    span: tuple[int, int]
    name: tuple[int, int] | None
    speaker: str
    question: bool


@dataclass(frozen=True)
class Turn:
    """One turn: the body sentences it covers, its label's span and the speaker's name inside it
    (``name`` None for "Q:"/"A:" and unlabelled turns), and whether it asks a question."""

    sentences: tuple[int, ...]
    label: tuple[int, int] | None
    name: tuple[int, int] | None
    question: bool


def _label(text: str, start: int) -> Label | None:
    """The label opening the line at ``start``; None for a line with no label."""
    m = _BRACKET_LABEL.match(text, start)
    if m is not None:
        return Label((m.start(), m.end()), (m.start(1), m.end(1)), m.group(1).lower(), False)
    m = _QA_LABEL.match(text, start)
    if m is not None:
        said = m.group(1).lower()[0]
        return Label((m.start(), m.end()), None, said, said == "q")
    m = _NAME_LABEL.match(text, start)
    if m is not None and speaker_words(m.group(1).split()):
        return Label((m.start(), m.end() - 1), (m.start(1), m.end(1)), m.group(1).split()[-1].lower(), False)
    return None


def _lines(seg: Segmented) -> list[tuple[list[int], bool]]:
    """The body's lines (the indices of their sentences), each with whether residue set aside
    (a heading, a caption, a short line) stands between it and the line before."""
    out: list[tuple[list[int], bool]] = []
    gaps = sorted(e.start for e in seg.excluded)
    g = 0
    prev_end = -1
    for sent in seg.sentences:
        if sent.start in seg.paragraph_starts or not out:
            while g < len(gaps) and gaps[g] < prev_end:
                g += 1
            out.append(([], g < len(gaps) and gaps[g] < sent.start))
        out[-1][0].append(sent.index)
        prev_end = sent.end
    return out


def _asks(seg: Segmented, idx: list[int]) -> bool:
    """Whether the last sentence of a line is a question."""
    return seg.sentences[idx[-1]].text.rstrip().rstrip("\"'”’*").endswith("?")


def _is_transcript(labels: list[Label | None], asks: list[bool]) -> bool:
    """At least :data:`MIN_TURNS_OF_ONE_SPEAKER` lines labelled with one speaker, and at least
    :data:`MIN_QUESTIONS` questions put ("Liverpool:" and "Chelsea:" over two sections of a match
    report, or "Monday:" and "Tuesday:" in a live blog, are headings: each labels one line)."""
    speakers = Counter(lab.speaker for lab in labels if lab is not None)
    return max(speakers.values(), default=0) >= MIN_TURNS_OF_ONE_SPEAKER and sum(asks) >= MIN_QUESTIONS


def find_turns(seg: Segmented) -> list[Turn]:
    """The turns of a transcript or interview (:func:`_is_transcript`; an article that is not one
    has none): every labelled line; an unlabelled question right before a labelled line; and the
    unlabelled lines after a turn, which go on with it, up to the next label. After the last
    label only one line goes on, and only with a question (its answer, when the answers are not
    labelled); lines after residue set aside, and lines after a list of questions printed with no
    answers between them, do not go on with anything."""
    text = seg.text
    lines = _lines(seg)
    labels = [_label(text, seg.sentences[idx[0]].start) for idx, _ in lines]
    n = len(lines)
    ends = [_asks(seg, idx) for idx, _ in lines]  # the line ends in a question mark
    # A question put: a "Q:" line, or one ending in a question mark that is labelled or comes
    # right before a labelled line.
    asks = [(lab is not None and (lab.question or ends[k])) or (ends[k] and k + 1 < n and labels[k + 1] is not None)
            for k, lab in enumerate(labels)]
    if not _is_transcript(labels, asks):
        return []
    # Questions printed one after another with no answer between them (a list of questions whose
    # answers were left out): a line after them is the article's own again, not an answer.
    unanswered = sum(1 for k in range(n - 1) if asks[k] and asks[k + 1])
    answered = unanswered * 2 < sum(asks)
    last_label = max(k for k, lab in enumerate(labels) if lab is not None)
    turns: list[Turn] = []
    previous = -2  # the line of the turn before (none yet)
    for k, ((idx, after_gap), lab) in enumerate(zip(lines, labels)):
        if lab is not None:
            turns.append(Turn(tuple(idx), lab.span, lab.name, asks[k]))
        elif asks[k] or (answered and previous == k - 1 and not after_gap
                         and (k < last_label or (k == last_label + 1 and asks[last_label]))):
            turns.append(Turn(tuple(idx), None, None, ends[k]))
        else:
            continue
        previous = k
    return turns
