"""Unattributed assertions (scorer.evidence.assertions): numbered golden cases."""

import texts
from evidence_helpers import evidence


def test_16_unattributed_assertions():
    # 16) two factual sentences with no source are both unattributed
    ev = evidence(texts.UNATTRIBUTED)
    assert [a.sentence for a in ev.assertions] == [0, 1]
