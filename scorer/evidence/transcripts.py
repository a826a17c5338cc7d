"""Transcripts and interviews: lines opened by a speaker's label ("((Jane Doe))", "((WN))",
"Q:", "A:", "TAPPER:") are that speaker's turn, and in a question-and-answer transcript the
unlabelled lines after a turn go on with it (:func:`find_turns`).

A turn is someone's own words, not a claim in the article's voice: the sentence-labelling guide
marks every question and answer of an interview transcript attributed, and the raters' guide
makes the interviewee the named source of the answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..segment import Segmented
from .sources import speaker_words

# "((WN))", "((Aparna Garg)) :": the label of an interview turn in Wikinews' transcript markup.
_BRACKET_LABEL = re.compile(r"\(\(\s*([^()\n]{1,40}?)\s*\)\)[ \t]*:?")
# "Q:", "A:", "QUESTION:", "Answer:": the turns of a question-and-answer interview.
_QA_LABEL = re.compile(r"(Q|A|QUESTION|ANSWER|Question|Answer)[ \t]*:")
_QUESTION_LABELS = frozenset({"q", "question"})
# "TAPPER:", "Jake Tapper:", "Sanders:": a speaker's name (at most four words, after an opening
# quotation mark when the transcript is quoted) and a colon opening a line.
_NAME_LABEL = re.compile(r"[\"“]?([^\s:\"“]+(?:[ \t]+[^\s:]+){0,3})[ \t]*:[ \t]")
# A transcript has at least this many labelled lines, and puts at least as many questions.
MIN_LABELLED_LINES = 2


@dataclass(frozen=True)
class Turn:
    """One turn: the body sentences it covers, its label's span and the speaker's name inside it
    (``name`` None for "Q:"/"A:" and unlabelled turns), and whether it asks a question."""

    sentences: tuple[int, ...]
    label: tuple[int, int] | None
    name: tuple[int, int] | None
    question: bool


def _label(text: str, start: int) -> tuple[tuple[int, int], tuple[int, int] | None, bool] | None:
    """The label opening the line at ``start``: its span, the name's span inside it (None for "Q:"
    and "A:") and whether it is a question label; None for a line with no label."""
    m = _BRACKET_LABEL.match(text, start)
    if m is not None:
        return (m.start(), m.end()), (m.start(1), m.end(1)), False
    m = _QA_LABEL.match(text, start)
    if m is not None:
        return (m.start(), m.end()), None, m.group(1).lower() in _QUESTION_LABELS
    m = _NAME_LABEL.match(text, start)
    if m is not None and speaker_words(m.group(1).split()):
        return (m.start(), m.end() - 1), (m.start(1), m.end(1)), False
    return None


def _lines(seg: Segmented) -> list[tuple[int, list[int]]]:
    """The body's lines as (start offset, indices of their sentences), in order."""
    out: list[tuple[int, list[int]]] = []
    for sent in seg.sentences:
        if sent.start in seg.paragraph_starts or not out:
            out.append((sent.start, []))
        out[-1][1].append(sent.index)
    return out


def _asks(seg: Segmented, idx: list[int]) -> bool:
    """Whether the last sentence of a line is a question."""
    return seg.sentences[idx[-1]].text.rstrip().rstrip("\"'”’").endswith("?")


def find_turns(seg: Segmented) -> list[Turn]:
    """The turns of a transcript or interview: every labelled line, the unlabelled lines after a
    turn (they go on with it, up to the next label) and an unlabelled question right before a
    labelled line. An article is a transcript when at least :data:`MIN_LABELLED_LINES` lines are
    labelled and as many questions are put (a "Q:" line, or a line ending in a question mark that
    is labelled or comes right before a labelled one); otherwise it has no turns ("Sanders: Win in
    a walk." over a section is a heading, not a turn). When most questions follow one another
    with no answer between them, unlabelled lines go on with no turn."""
    text = seg.text
    lines = _lines(seg)
    labels = [_label(text, start) for start, _ in lines]
    n = len(lines)
    asks = [(lab is not None and lab[2]) or (_asks(seg, idx) and (lab is not None or (k + 1 < n and labels[k + 1] is not None)))
            for k, ((_, idx), lab) in enumerate(zip(lines, labels))]
    if sum(lab is not None for lab in labels) < MIN_LABELLED_LINES or sum(asks) < MIN_LABELLED_LINES:
        return []
    # Questions printed one after another with no answer between them (a list of questions whose
    # answers were left out): a line after them is the article's own again, not an answer.
    unanswered = sum(1 for k in range(n - 1) if asks[k] and asks[k + 1])
    answered = unanswered * 2 < sum(asks)
    turns: list[Turn] = []
    last = -2  # the line of the last turn
    for k, ((_, idx), lab) in enumerate(zip(lines, labels)):
        if lab is not None:
            turns.append(Turn(tuple(idx), lab[0], lab[1], asks[k]))
        elif asks[k] or (answered and last == k - 1):
            turns.append(Turn(tuple(idx), None, None, asks[k] or _asks(seg, idx)))
        else:
            continue
        last = k
    return turns
