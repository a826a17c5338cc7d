"""Helpers shared by the evidence tests (tests mirror scorer/evidence/)."""

from scorer.evidence import extract
from scorer.segment import segment


def evidence(text):
    return extract(segment(text))


def only(text):
    ev = evidence(text)
    assert len(ev.attributions) == 1, [a.cue.text for a in ev.attributions]
    return ev.attributions[0]
